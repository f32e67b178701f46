package io.aerolog.core.bits;

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

/**
 * Random sequences of bit operations (any code Aerospike defines, arguments around the bounds, any
 * flags) run twice give the same results, codes and blobs; every blob stays within Aerospike's bounds
 * and every read answers within its range.
 */
class BitOperationsPropertiesTest {
    private static final long MAX_BLOB = 8L * 1024 * 1024;

    /** One step: modify or read, and its wire form. */
    record Step(boolean modify, Value op) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> offset = Arbitraries.oneOf(Arbitraries.longs().between(-80, 200),
                Arbitraries.of(-(1L << 30) - 1, 1L << 30, (1L << 30) + 1));
        Arbitrary<Long> size = Arbitraries.oneOf(Arbitraries.longs().between(0, 200), Arbitraries.of(64L, 65L,
                1L << 30, (1L << 30) + 1, 1L << 27, 9L * 1024 * 1024, -1L));
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-2, 300));
        Arbitrary<Long> flags = Arbitraries.longs().between(0, 16);
        Arbitrary<Value> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(Value::of);
        Arbitrary<Value> argument = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, offset.map(Value::of)),
                net.jqwik.api.Tuple.of(3, size.map(Value::of)),
                net.jqwik.api.Tuple.of(2, value.map(Value::of)),
                net.jqwik.api.Tuple.of(2, flags.map(Value::of)),
                net.jqwik.api.Tuple.of(2, bytes),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(Value::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Value.of("x"))));
        Arbitrary<Long> code = Arbitraries.oneOf(Arbitraries.longs().between(0, 13), Arbitraries.longs().between(49, 55));
        Arbitrary<Step> step = Combinators.combine(code, argument.list().ofMaxSize(6)).as((c, args) -> {
            List<Value> items = new ArrayList<>();
            items.add(Value.of(c));
            items.addAll(args);
            return new Step(c < 49, new Value.ListValue(items));
        });
        return step.list().ofMaxSize(12);
    }

    private static List<Object> run(Value initial, List<Step> steps) {
        List<Object> trace = new ArrayList<>();
        Value bin = initial;
        for (Step s : steps) {
            try {
                if (s.modify()) {
                    BinOpResult r = BitOperations.modify(bin, s.op());
                    bin = r.bin();
                    trace.add(r.result());
                } else {
                    trace.add(BitOperations.read(bin, s.op()));
                }
            } catch (AerologException e) {
                trace.add(e.resultCode());
            }
            trace.add(bin);
            if (bin != null) {
                assertThat(bin).isInstanceOf(Value.BytesValue.class);
                assertThat((long) bin.estimatedSize()).isLessThanOrEqualTo(MAX_BLOB);
            }
        }
        return trace;
    }

    @Property(tries = 300)
    void replayingGivesTheSameResults(@ForAll("steps") List<Step> steps,
                                      @ForAll byte[] initial, @ForAll boolean absent) {
        Value bin = absent ? null : Value.of(initial);
        assertThat(run(bin, steps)).isEqualTo(run(bin, steps));
    }

    @Property(tries = 300)
    void readsAnswerWithinTheirRange(@ForAll("steps") List<Step> steps, @ForAll byte[] initial) {
        Value bin = Value.of(initial);
        for (Step s : steps) {
            if (s.modify()) {
                continue;
            }
            List<Value> items = ((Value.ListValue) s.op()).items();
            try {
                Value r = BitOperations.read(bin, s.op());
                long code = ((Value.IntegerValue) items.get(0)).value();
                long size = ((Value.IntegerValue) items.get(2)).value();
                if (code == 50) {
                    assertThat(((Value.BytesValue) r).value()).hasSize((int) ((size + 7) / 8));
                } else if (code == 51) {
                    assertThat(((Value.IntegerValue) r).value()).isBetween(0L, size);
                } else if (code == 52 || code == 53) {
                    assertThat(((Value.IntegerValue) r).value()).isBetween(-7L, size - 1);
                }
            } catch (AerologException e) {
                assertThat(e.resultCode().code()).isIn(4, 26);
            }
        }
    }
}
