package io.aerolog.core.hll;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of HLL operations over two bins (each other's sketch as the set argument) run twice
 * give the same results, codes and sketches; every sketch keeps the size its description needs and
 * every count is an estimate, never negative.
 */
class HllOperationsPropertiesTest {
    /** One step on bin 0 or 1; {@code other} puts the other bin's sketch as the set argument. */
    record Step(int bin, boolean modify, long code, List<Value> args, boolean other) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Value> bits = Arbitraries.oneOf(Arbitraries.longs().between(-1, 17),
                Arbitraries.of(0L, 4L, 8L, 20L, 48L, 51L, 52L)).map(Value::of);
        Arbitrary<Value> flags = Arbitraries.longs().between(0, 15).map(Value::of);
        Arbitrary<Value> element = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6).map(Value::of),
                Arbitraries.longs().map(Value::of), Arbitraries.doubles().map(Value::of),
                Arbitraries.of(Value.NIL, Value.of(true)));
        Arbitrary<Value> elements = element.list().ofMinSize(0).ofMaxSize(40).map(Value::ofList);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.of(0L, 1L, 2L, 3L, 4L, 5L, 50L, 51L, 52L, 53L, 54L, 55L, 56L),
                Arbitraries.frequencyOf(Tuple.of(3, elements), Tuple.of(3, bits), Tuple.of(2, flags)).list().ofMaxSize(4),
                Arbitraries.of(true, false))
                .as((bin, code, args, other) -> new Step(bin, code < 50, code, args, other));
        return step.list().ofMaxSize(15);
    }

    private static List<Object> run(List<Step> steps) {
        Value[] bins = new Value[2];
        List<Object> trace = new ArrayList<>();
        for (Step s : steps) {
            List<Value> items = new ArrayList<>();
            items.add(Value.of(s.code()));
            Value otherBin = bins[1 - s.bin()];
            if (s.other() && otherBin != null && (s.code() == 2 || s.code() >= 51 && s.code() <= 54)) {
                items.add(new Value.ListValue(List.of(otherBin)));
            }
            items.addAll(s.args());
            Value op = new Value.ListValue(items);
            try {
                if (s.modify()) {
                    BinOpResult r = HllOperations.modify(bins[s.bin()], op);
                    bins[s.bin()] = r.bin();
                    trace.add(r.result());
                } else {
                    trace.add(HllOperations.read(bins[s.bin()], op));
                }
            } catch (AerologException e) {
                trace.add(e.resultCode());
            }
            trace.add(bins[0]);
            trace.add(bins[1]);
            for (Value b : bins) {
                if (b != null) {
                    byte[] sketch = ((Value.HllValue) b).value();
                    int index = sketch[1];
                    int minhash = sketch[2];
                    assertThat(sketch).hasSize(11 + (int) (((6L + minhash) << index) + 7) / 8);
                }
            }
            Object last = trace.get(trace.size() - 3);
            if (last instanceof Value.IntegerValue count && s.code() != 56) {
                assertThat(count.value()).isNotNegative();
            }
        }
        return trace;
    }

    @Property(tries = 200)
    void replayingGivesTheSameResults(@ForAll("steps") List<Step> steps) {
        assertThat(run(steps)).isEqualTo(run(steps));
    }
}
