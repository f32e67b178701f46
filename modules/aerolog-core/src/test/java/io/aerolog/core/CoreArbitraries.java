package io.aerolog.core;

import io.aerolog.core.engine.ChangeKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of the core model for property tests. */
public final class CoreArbitraries {
    private CoreArbitraries() {
    }

    /**
     * Strings of valid Unicode (any code point, surrogate pairs included, but no lone surrogate, which
     * UTF-8 cannot carry), empty included.
     */
    public static Arbitrary<String> strings(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(maxCodePoints)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    public static Arbitrary<byte[]> bytes(int maxSize) {
        return Arbitraries.oneOf(Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize));
    }

    public static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8000000000123L)));
    }

    public static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-100, 100),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
    }

    /** Scalar values: nil, bool, integer, double, string, bytes, GeoJSON. */
    public static Arbitrary<Value> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(Value.NIL),
                Arbitraries.of(true, false).map(Value::of),
                longs().map(Value::of),
                doubles().map(Value::of),
                strings(12).map(s -> (Value) new Value.StringValue(s)),
                bytes(16).map(Value::of),
                strings(20).map(Value::ofGeoJson));
    }

    /** Values of all nine types, lists and maps nested up to {@code depth} levels. */
    public static Arbitrary<Value> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Value> inner = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<Value> list = inner.list().ofMaxSize(4).map(Value::ofList);
        Arbitrary<Value> map = Combinators.combine(scalars(), inner).as(Map::entry).list().ofMaxSize(4)
                .map(entries -> {
                    Map<Value, Value> m = new LinkedHashMap<>();
                    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return Value.ofMap(m);
                });
        return Arbitraries.frequencyOf(Tuple.of(4, scalars()), Tuple.of(1, list), Tuple.of(1, map));
    }

    /** Bin values: any value but nil, nested up to depth 3. */
    public static Arbitrary<Value> binValues() {
        return values(3).filter(v -> !(v instanceof Value.NilValue));
    }

    public static Arbitrary<String> binNames() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "c", "count", "name"),
                strings(15).filter(s -> !s.isEmpty() && s.getBytes(StandardCharsets.UTF_8).length <= 15));
    }

    public static Arbitrary<Map<String, Value>> bins() {
        return Combinators.combine(binNames(), binValues()).as(Map::entry).list().ofMaxSize(5).map(entries -> {
            Map<String, Value> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    public static Arbitrary<String> setNames() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("users", "events"),
                strings(20).filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= Key.MAX_SET_NAME_BYTES));
    }

    public static Arbitrary<Value> userKeys() {
        return Arbitraries.oneOf(strings(20).map(s -> (Value) new Value.StringValue(s)), longs().map(Value::of),
                bytes(20).map(Value::of));
    }

    public static Arbitrary<Key> keys() {
        Arbitrary<String> namespaces = Arbitraries.of("test", "bar", "ns_1");
        Arbitrary<Key> byUserKey = Combinators.combine(namespaces, setNames(), userKeys()).as(Key::ofUserKey);
        Arbitrary<Key> byDigest = Combinators.combine(namespaces, setNames(), bytes(20).map(b -> {
            byte[] d = new byte[Digest.SIZE];
            System.arraycopy(b, 0, d, 0, Math.min(b.length, d.length));
            return Digest.of(d);
        })).as(Key::ofDigest);
        return Arbitraries.frequencyOf(Tuple.of(4, byUserKey), Tuple.of(1, byDigest));
    }

    public static Arbitrary<Record> records() {
        return Combinators.combine(setNames(), userKeys().injectNull(0.4), bins(),
                        Arbitraries.integers().between(1, 0xFFFF), longs(), longs())
                .as(Record::new);
    }

    public static Arbitrary<Operation> operations() {
        Arbitrary<String> bins = binNames().injectNull(0.1);
        // the operation types whose arguments are a bin and a plain value; collection, bit, HLL and
        // expression operations carry Aerospike's operation trees and have arbitraries of their own
        return Combinators.combine(Arbitraries.of(OperationType.WRITE, OperationType.DELETE_BIN, OperationType.ADD,
                        OperationType.APPEND, OperationType.PREPEND, OperationType.TOUCH, OperationType.READ,
                        OperationType.READ_HEADER, OperationType.DELETE), bins, values(3).injectNull(0.1))
                .as(Operation::new);
    }

    public static Arbitrary<WritePolicy> policies() {
        return Combinators.combine(Arbitraries.of(RecordExistsAction.class), Arbitraries.of(GenerationPolicy.class),
                        Arbitraries.integers().between(-1, 70_000), Arbitraries.integers().between(-3, 100_000),
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(WritePolicy::new);
    }

    public static Arbitrary<Command> commands() {
        Arbitrary<String> ids = strings(10).injectNull(0.3);
        return Combinators.combine(ids, ids, keys(), operations().list().ofMaxSize(6), policies(), longs())
                .as(Command::new);
    }

    public static Arbitrary<Change> changes() {
        Arbitrary<Digest> digests = Arbitraries.bytes().array(byte[].class).ofSize(Digest.SIZE).map(Digest::of);
        Arbitrary<List<Object>> identity = Combinators.combine(Arbitraries.of("test", "bar"), setNames(), digests,
                        userKeys().injectNull(0.4), Arbitraries.of(ChangeKind.class))
                .as((ns, set, digest, userKey, kind) -> Arrays.asList(ns, set, digest, userKey, kind));
        Arbitrary<List<Object>> state = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), longs(),
                        longs(), bins(), Arbitraries.integers(), longs())
                .as((gen, last, voidTime, bins, partition, offset) -> Arrays.asList(gen, last, voidTime, bins,
                        partition, offset));
        return Combinators.combine(identity, state)
                .as((a, b) -> new Change((String) a.get(0), (String) a.get(1), (Digest) a.get(2), (Value) a.get(3),
                        (ChangeKind) a.get(4), (Integer) b.get(0), (Long) b.get(1), (Long) b.get(2),
                        castBins(b.get(3)), (Integer) b.get(4), (Long) b.get(5)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Value> castBins(Object o) {
        return (Map<String, Value>) o;
    }
}
