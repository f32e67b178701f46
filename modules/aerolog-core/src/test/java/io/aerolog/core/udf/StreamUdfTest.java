package io.aerolog.core.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stream UDF stages (filter, map, aggregate, reduce) over plain in-memory streams: the server's share over
 * records, the client's final reduce over the values the servers emitted, as Aerospike splits them.
 */
class StreamUdfTest {
    private static final UdfModule MODULE = UdfModule.of("stats.lua", """
            local function over(min) return function(r) return r['age'] >= min end end
            local function age(r) return r['age'] end
            local function add(a, b) return a + b end
            local function count(m, r) m['n'] = (m['n'] or 0) + 1; m['sum'] = (m['sum'] or 0) + r['age']; return m end
            local function merge(a, b) return map.merge(a, b, add) end
            function sum_over(s, min) return s : filter(over(min)) : map(age) : reduce(add) end
            function stats(s) return s : aggregate(map(), count) : reduce(merge) end
            function broken(s) return s : map(function(r) error('bad record') end) end
            """.getBytes(StandardCharsets.UTF_8));

    private static List<StreamUdf.Input> people(int... ages) {
        List<StreamUdf.Input> in = new ArrayList<>();
        for (int i = 0; i < ages.length; i++) {
            Key key = Key.of("test", "people", (long) i);
            in.add(new StreamUdf.Input(key, new Record("people", null, Map.of("age", Value.of((long) ages[i])), 1, 0, 1L)));
        }
        return in;
    }

    @Test
    void filterMapReduceOverRecordsThenTheClientsReduce() {
        StreamUdf.Result node1 = StreamUdf.overRecords(MODULE, "sum_over", List.of(Value.of(18L)),
                people(10, 20, 30).iterator(), Udfs.NS, 1L, StreamUdf.Limits.DEFAULT);
        StreamUdf.Result node2 = StreamUdf.overRecords(MODULE, "sum_over", List.of(Value.of(18L)),
                people(40, 5).iterator(), Udfs.NS, 1L, StreamUdf.Limits.DEFAULT);
        assertThat(node1.failure()).isNull();
        assertThat(node1.values()).containsExactly(Value.of(50L));
        assertThat(node2.values()).containsExactly(Value.of(40L));
        List<Value> emitted = new ArrayList<>(node1.values());
        emitted.addAll(node2.values());
        StreamUdf.Result client = StreamUdf.overValues(MODULE, "sum_over", List.of(Value.of(18L)), emitted.iterator(),
                StreamUdf.Scope.CLIENT, 1L, StreamUdf.Limits.DEFAULT);
        assertThat(client.values()).containsExactly(Value.of(90L));
    }

    @Test
    void aggregateIntoAMap() {
        StreamUdf.Result r = StreamUdf.overRecords(MODULE, "stats", List.of(), people(1, 2, 3).iterator(), Udfs.NS, 1L,
                StreamUdf.Limits.DEFAULT);
        assertThat(r.failure()).isNull();
        assertThat(r.values()).hasSize(1);
        Map<Value, Value> m = ((Value.MapValue) r.values().get(0)).entries();
        assertThat(m).containsEntry(Value.of("n"), Value.of(3L)).containsEntry(Value.of("sum"), Value.of(6L));
    }

    @Test
    void anEmptyStreamEmitsNothing() {
        StreamUdf.Result r = StreamUdf.overRecords(MODULE, "sum_over", List.of(Value.of(0L)), people().iterator(),
                Udfs.NS, 1L, StreamUdf.Limits.DEFAULT);
        assertThat(r.failure()).isNull();
        assertThat(r.values()).isEmpty();
    }

    @Test
    void anErrorInAStageFailsTheRunWithItsMessage() {
        StreamUdf.Result r = StreamUdf.overRecords(MODULE, "broken", List.of(), people(1).iterator(), Udfs.NS, 1L,
                StreamUdf.Limits.DEFAULT);
        assertThat(r.isOk()).isFalse();
        assertThat(r.failure()).contains("bad record");
    }

    @Test
    void theInstructionBoundEndsAnEndlessStream() {
        java.util.Iterator<StreamUdf.Input> endless = new java.util.Iterator<>() {
            final List<StreamUdf.Input> one = people(1);

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public StreamUdf.Input next() {
                return one.get(0);
            }
        };
        StreamUdf.Result r = StreamUdf.overRecords(MODULE, "sum_over", List.of(Value.of(0L)), endless, Udfs.NS, 1L,
                new StreamUdf.Limits(100_000, 1 << 20));
        assertThat(r.isOk()).isFalse();
    }
}
