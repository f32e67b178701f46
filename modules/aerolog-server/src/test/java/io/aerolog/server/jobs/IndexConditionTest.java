package io.aerolog.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.core.exp.Expressions;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;
import io.aerolog.server.scan.IndexFilter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A background query's index condition, as the expression each match's command carries: it holds for the
 * records the index would return and for no other, and the engine, applying a job's command to a record changed
 * out of range since the match, turns it away untouched.
 */
class IndexConditionTest {
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test");

    private static Record record(Map<String, Value> bins) {
        return new Record("s", null, bins, 1, 0, 1);
    }

    private static boolean holds(IndexFilter filter, Map<String, Value> bins) {
        return Expressions.matches(IndexCondition.of(filter), record(bins), 1_000);
    }

    private static IndexFilter range(CollectionType collection, long begin, long end) {
        return new IndexFilter("v", IndexType.NUMERIC, collection, null, begin, end, null);
    }

    private static IndexFilter equal(IndexType type, CollectionType collection, byte[] value) {
        return new IndexFilter("v", type, collection, null, 0, 0, value);
    }

    @Test
    void aNumericRangeHoldsForIntegersWithinItsBoundsOnly() {
        IndexFilter f = range(CollectionType.DEFAULT, 10, 20);
        assertThat(holds(f, Map.of("v", Value.of(10)))).isTrue();
        assertThat(holds(f, Map.of("v", Value.of(20)))).isTrue();
        assertThat(holds(f, Map.of("v", Value.of(15)))).isTrue();
        assertThat(holds(f, Map.of("v", Value.of(9)))).isFalse();
        assertThat(holds(f, Map.of("v", Value.of(21)))).isFalse();
        assertThat(holds(f, Map.of("v", Value.of(15.0)))).as("a float is not in a numeric index").isFalse();
        assertThat(holds(f, Map.of("v", Value.of("15")))).isFalse();
        assertThat(holds(f, Map.of("w", Value.of(15)))).as("no bin").isFalse();
        IndexFilter wide = range(CollectionType.DEFAULT, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(holds(wide, Map.of("v", Value.of(Long.MAX_VALUE)))).isTrue();
        assertThat(holds(wide, Map.of("v", Value.of(Long.MIN_VALUE)))).isTrue();
    }

    @Test
    void aStringOrBlobFilterIsEquality() {
        IndexFilter s = equal(IndexType.STRING, CollectionType.DEFAULT, "ab".getBytes(StandardCharsets.UTF_8));
        assertThat(holds(s, Map.of("v", Value.of("ab")))).isTrue();
        assertThat(holds(s, Map.of("v", Value.of("abc")))).isFalse();
        String longText = "x".repeat(300);
        IndexFilter l = equal(IndexType.STRING, CollectionType.DEFAULT, longText.getBytes(StandardCharsets.UTF_8));
        assertThat(holds(l, Map.of("v", Value.of(longText)))).isTrue();
        IndexFilter b = equal(IndexType.BLOB, CollectionType.DEFAULT, new byte[] {1, 2});
        assertThat(holds(b, Map.of("v", Value.of(new byte[] {1, 2})))).isTrue();
        assertThat(holds(b, Map.of("v", Value.of(new byte[] {1, 3})))).isFalse();
        assertThat(holds(b, Map.of("v", Value.of("\u0001\u0002")))).isFalse();
    }

    @Test
    void aCollectionFilterHoldsWhenSomeElementKeyOrValueMatches() {
        Value list = Value.ofList(List.of(Value.of(3), Value.of("a"), Value.of(40)));
        assertThat(holds(range(CollectionType.LIST, 10, 50), Map.of("v", list))).isTrue();
        assertThat(holds(range(CollectionType.LIST, 41, 50), Map.of("v", list))).isFalse();
        assertThat(holds(range(CollectionType.LIST, 40, Long.MAX_VALUE), Map.of("v", list))).isTrue();
        assertThat(holds(equal(IndexType.STRING, CollectionType.LIST, "a".getBytes(StandardCharsets.UTF_8)),
                Map.of("v", list))).isTrue();
        assertThat(holds(equal(IndexType.STRING, CollectionType.LIST, "b".getBytes(StandardCharsets.UTF_8)),
                Map.of("v", list))).isFalse();
        Map<Value, Value> entries = new LinkedHashMap<>();
        entries.put(Value.of("k"), Value.of(7));
        entries.put(Value.of(100), Value.of("val"));
        Value map = Value.ofMap(entries);
        assertThat(holds(range(CollectionType.MAPKEYS, 100, 100), Map.of("v", map))).isTrue();
        assertThat(holds(range(CollectionType.MAPKEYS, 7, 7), Map.of("v", map))).isFalse();
        assertThat(holds(range(CollectionType.MAPVALUES, 7, 7), Map.of("v", map))).isTrue();
        assertThat(holds(equal(IndexType.STRING, CollectionType.MAPKEYS, "k".getBytes(StandardCharsets.UTF_8)),
                Map.of("v", map))).isTrue();
        assertThat(holds(equal(IndexType.STRING, CollectionType.MAPVALUES, "k".getBytes(StandardCharsets.UTF_8)),
                Map.of("v", map))).isFalse();
        assertThat(holds(range(CollectionType.LIST, 0, 100), Map.of("v", map))).as("a map is no list").isFalse();
    }

    @Test
    void aCollectionAtAContextIsFollowedFromTheBinItStartsIn() {
        // the index's context [map key "inner"]: the bin is a map, the indexed collection a list inside it
        byte[] context = {(byte) 0x92, 0x22, (byte) 0xa6, 3, 'i', 'n', 'n', 'e', 'r'};
        IndexFilter f = new IndexFilter("v", IndexType.NUMERIC, CollectionType.LIST, context, 5, 5, null);
        Map<Value, Value> bin = new LinkedHashMap<>();
        bin.put(Value.of("inner"), Value.ofList(List.of(Value.of(5))));
        bin.put(Value.of("other"), Value.ofList(List.of(Value.of(6))));
        assertThat(holds(f, Map.of("v", Value.ofMap(bin)))).isTrue();
        IndexFilter other = new IndexFilter("v", IndexType.NUMERIC, CollectionType.LIST, context, 6, 6, null);
        assertThat(holds(other, Map.of("v", Value.ofMap(bin)))).as("only at the context").isFalse();
    }

    @Test
    void anOpenRangeCountsIntegersOnly() {
        Value strings = Value.ofList(List.of(Value.of("a")));
        assertThat(holds(range(CollectionType.LIST, 1, Long.MAX_VALUE), Map.of("v", strings))).isFalse();
        Value top = Value.ofList(List.of(Value.of(Long.MAX_VALUE)));
        assertThat(holds(range(CollectionType.LIST, 1, Long.MAX_VALUE), Map.of("v", top))).isTrue();
    }

    @Test
    void itAndsWithTheJobsOwnFilter() {
        Value inRange = IndexCondition.of(range(CollectionType.DEFAULT, 10, 20));
        Value never = IndexCondition.of(range(CollectionType.DEFAULT, 100, 100));
        assertThat(IndexCondition.and(inRange, null)).isSameAs(inRange);
        Record r = record(Map.of("v", Value.of(15)));
        assertThat(Expressions.matches(IndexCondition.and(inRange, inRange), r, 0)).isTrue();
        assertThat(Expressions.matches(IndexCondition.and(inRange, never), r, 0)).isFalse();
        assertThat(Expressions.matches(IndexCondition.and(never, inRange), r, 0)).isFalse();
    }

    @Test
    void aJobsCommandLeavesARecordChangedOutOfRangeUntouched() {
        IndexFilter f = range(CollectionType.DEFAULT, 10, 20);
        OperationsAction action = OperationsAction.of(List.of(Operation.add("n", Value.of(1))), false, 0, false, null);
        byte[] digest = Key.of("test", "s", "k").digest().bytes();
        Record matched = record(Map.of("v", Value.of(15), "n", Value.of(0)));
        Command command = action.commandFor("test", digest, matched);
        Command rechecked = command.withFilter(IndexCondition.and(IndexCondition.of(f), command.filter()));
        assertThat(Digest.of(digest)).isEqualTo(rechecked.key().digest());

        Outcome applied = RecordEngine.apply(matched, rechecked.withTime(1_000), NS);
        assertThat(applied.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(applied.record().bins().get("n")).isEqualTo(Value.of(1));

        Record changed = record(Map.of("v", Value.of(25), "n", Value.of(0)));
        Outcome refused = RecordEngine.apply(changed, rechecked.withTime(1_000), NS);
        assertThat(refused.resultCode()).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(refused.effect()).as("nothing changes").isEqualTo(Effect.NONE);
    }

    @Test
    void aConditionItCannotStateIsRefusedNotDropped() {
        IndexFilter geo = IndexFilter.geo("loc", CollectionType.DEFAULT, null,
                "{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}");
        assertThatThrownBy(() -> IndexCondition.of(geo)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
        IndexFilter atContext = new IndexFilter("v", IndexType.NUMERIC, CollectionType.DEFAULT, new byte[] {(byte) 0x92,
                0x10, 0x00}, 0, 1, null);
        assertThatThrownBy(() -> IndexCondition.of(atContext)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
    }
}
