package io.aerolog.core.cdt;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Operation;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.BinOpResult;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of list and map operations, as the Java client packs them, on random starting
 * bins: applied twice they give the same results, refusals and bins, byte for byte; every bin stays
 * within the nesting bound and every answer is wire-encodable; and nothing fails but with an
 * {@link AerologException} carrying a result code.
 */
class CdtPropertiesTest {
    private static final String BIN = "p";

    @Property(tries = 400)
    void sequencesAreDeterministicAndBounded(@ForAll("starts") int start, @ForAll("sequences") List<List<Integer>> seq) {
        List<String> first = run(start, seq);
        List<String> second = run(start, seq);
        assertThat(second).isEqualTo(first);
    }

    /** Runs a sequence; each step's outcome (answer or refusal code, and the bin after) as text. */
    private static List<String> run(int start, List<List<Integer>> seq) {
        Value bin = startBin(start);
        List<String> outcomes = new ArrayList<>();
        for (List<Integer> choice : seq) {
            Operation op = operation(choice);
            Value payload = CdtSupport.payload(op);
            String outcome;
            try {
                Value result;
                if (op.type.isWrite) {
                    BinOpResult r = CdtOperations.modify(bin, payload);
                    bin = r.bin();
                    result = r.result();
                } else {
                    result = CdtOperations.read(bin, payload);
                }
                outcome = "ok " + wire(result);
            } catch (AerologException e) {
                assertThat(e.resultCode()).isNotNull();
                outcome = "refused " + e.resultCode();
            }
            if (bin != null) {
                assertThat(bin).isInstanceOfAny(Value.ListValue.class, Value.MapValue.class);
                assertThat(bin.depth()).isLessThanOrEqualTo(Value.MAX_DEPTH);
            }
            outcomes.add(outcome + " -> " + wire(bin));
        }
        return outcomes;
    }

    private static String wire(Value v) {
        if (v instanceof Value.ListValue || v instanceof Value.MapValue) {
            return HexFormat.of().formatHex(MsgPack.pack(v));
        }
        return String.valueOf(v);
    }

    @Provide
    Arbitrary<Integer> starts() {
        return Arbitraries.integers().between(0, 5);
    }

    @Provide
    Arbitrary<List<List<Integer>>> sequences() {
        return Arbitraries.integers().between(0, 999).list().ofSize(6).list().ofMinSize(1).ofMaxSize(25);
    }

    private static Value startBin(int start) {
        return switch (start) {
            case 0 -> null;
            case 1 -> CdtSupport.list(3, 1, 2, 1);
            case 2 -> CdtSupport.ordered(1, 2, 2, 5);
            case 3 -> CdtSupport.map("b", 2, "a", 1, "c", CdtSupport.list(1, 2));
            case 4 -> CdtSupport.map(Value.MapOrder.KEY_ORDERED, 1, "x", 2, CdtSupport.map("k", 1), 3, 3.5);
            default -> CdtSupport.list(CdtSupport.list(1), CdtSupport.map("a", CdtSupport.list()), 7);
        };
    }

    /** A value of a small domain, scalars and nested, so that operations meet equal and unequal values. */
    private static com.aerospike.client.Value value(int c) {
        return switch (c % 12) {
            case 0, 1, 2 -> com.aerospike.client.Value.get(c % 7 - 3);
            case 3 -> com.aerospike.client.Value.get(new String[] {"a", "b", "c"}[c % 3]);
            case 4 -> com.aerospike.client.Value.get(c % 2 == 0 ? 1.5 : -0.0);
            case 5 -> com.aerospike.client.Value.getAsNull();
            case 6 -> com.aerospike.client.Value.get(c % 2 == 0);
            case 7 -> com.aerospike.client.Value.get(List.of(c % 3, c % 5));
            case 8 -> com.aerospike.client.Value.get(Map.of("k", c % 4));
            case 9 -> com.aerospike.client.Value.get(new TreeMap<>(Map.of(c % 3, "v", 9, List.of())));
            case 10 -> com.aerospike.client.Value.get(new byte[] {(byte) c});
            default -> c % 2 == 0 ? com.aerospike.client.Value.WILDCARD : com.aerospike.client.Value.INFINITY;
        };
    }

    private static com.aerospike.client.Value key(int c) {
        return c % 3 == 0 ? com.aerospike.client.Value.get(c % 4) : com.aerospike.client.Value.get(new String[] {"a", "b", "c", "d"}[c % 4]);
    }

    private static int returnType(int c, boolean map) {
        int[] types = map ? new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 16, 17} : new int[] {0, 1, 2, 3, 4, 5, 7, 9, 11, 13};
        int t = types[c % types.length];
        return c % 5 == 0 ? t | 0x10000 : t;
    }

    private static CTX[] context(int c) {
        return switch (c % 9) {
            case 0 -> new CTX[] {CTX.listIndex(c % 4 - 2)};
            case 1 -> new CTX[] {CTX.listRank(c % 3)};
            case 2 -> new CTX[] {CTX.mapKey(key(c))};
            case 3 -> new CTX[] {CTX.mapIndex(c % 3 - 1)};
            case 4 -> new CTX[] {CTX.listIndexCreate(c % 4, ListOrder.values()[c % 2], c % 3 == 0)};
            case 5 -> new CTX[] {CTX.mapKeyCreate(key(c), MapOrder.values()[c % 3]), CTX.listIndexCreate(-1, ListOrder.UNORDERED, false)};
            case 6 -> new CTX[] {CTX.mapRank(0), CTX.listValue(value(c))};
            default -> new CTX[0];
        };
    }

    /** Up to 40 items of the value domain, wildcards among them: long enough to be merge-sorted. */
    private static List<com.aerospike.client.Value> items(int a, int b) {
        List<com.aerospike.client.Value> items = new ArrayList<>();
        for (int i = 0; i < a % 41; i++) {
            items.add(value(i * 7 + b));
        }
        return items;
    }

    /** An operation chosen and parameterized by six numbers. */
    private static Operation operation(List<Integer> c) {
        int a = c.get(1);
        int b = c.get(2);
        int d = c.get(3);
        CTX[] ctx = c.get(5) % 3 == 0 ? context(c.get(4)) : new CTX[0];
        int index = a % 9 - 4;
        int count = b % 5 - 1;
        ListPolicy lp = new ListPolicy(ListOrder.values()[d % 2], d % 16);
        MapPolicy mp = new MapPolicy(MapOrder.values()[d % 3], d % 16);
        return switch (c.get(0) % 40) {
            case 0 -> ListOperation.append(lp, BIN, value(a), ctx);
            case 1 -> ListOperation.appendItems(lp, BIN, List.of(value(a), value(b)), ctx);
            case 2 -> ListOperation.insert(lp, BIN, index, value(b), ctx);
            case 3 -> ListOperation.insertItems(BIN, index, List.of(value(b), value(d)), ctx);
            case 4 -> ListOperation.set(lp, BIN, index, value(b), ctx);
            case 5 -> ListOperation.increment(lp, BIN, index, com.aerospike.client.Value.get(b % 3), ctx);
            case 6 -> ListOperation.pop(BIN, index, ctx);
            case 7 -> ListOperation.popRange(BIN, index, count, ctx);
            case 8 -> ListOperation.removeRange(BIN, index, count, ctx);
            case 9 -> ListOperation.trim(BIN, index, count, ctx);
            case 10 -> ListOperation.sort(BIN, d % 4, ctx);
            case 11 -> ListOperation.setOrder(BIN, ListOrder.values()[d % 2], ctx);
            case 12 -> ListOperation.clear(BIN, ctx);
            case 13 -> ListOperation.getByIndexRange(BIN, index, count, returnType(d, false), ctx);
            case 14 -> ListOperation.getByRankRange(BIN, index, count, returnType(d, false), ctx);
            case 15 -> ListOperation.getByValue(BIN, value(a), returnType(d, false), ctx);
            case 16 -> ListOperation.getByValueRange(BIN, value(a), value(b), returnType(d, false), ctx);
            case 17 -> ListOperation.getByValueList(BIN, items(a, b), returnType(d, false), ctx);
            case 18 -> ListOperation.getByValueRelativeRankRange(BIN, value(a), index, count, returnType(d, false), ctx);
            case 19 -> ListOperation.removeByRankRange(BIN, index, count, returnType(d, false), ctx);
            case 20 -> ListOperation.removeByValueRange(BIN, value(a), null, returnType(d, false), ctx);
            case 21 -> ListOperation.removeByIndex(BIN, index, returnType(d, false), ctx);
            case 22 -> ListOperation.size(BIN, ctx);
            case 23 -> MapOperation.put(mp, BIN, key(a), value(b), ctx);
            case 24 -> MapOperation.putItems(mp, BIN, Map.of(key(a), value(b), key(a + 1), value(d)), ctx);
            case 25 -> MapOperation.increment(mp, BIN, key(a), com.aerospike.client.Value.get(b % 4 - 1), ctx);
            case 26 -> MapOperation.setMapPolicy(mp, BIN, ctx);
            case 27 -> MapOperation.getByKey(BIN, key(a), returnType(d, true), ctx);
            case 28 -> MapOperation.getByKeyRange(BIN, key(a), key(b), returnType(d, true), ctx);
            case 29 -> MapOperation.getByIndexRange(BIN, index, count, returnType(d, true), ctx);
            case 30 -> MapOperation.getByRankRange(BIN, index, count, returnType(d, true), ctx);
            case 31 -> MapOperation.getByValue(BIN, value(a), returnType(d, true), ctx);
            case 32 -> MapOperation.getByValueRange(BIN, value(a), value(b), returnType(d, true), ctx);
            case 33 -> MapOperation.getByKeyList(BIN, List.of(key(a), key(b)), returnType(d, true), ctx);
            case 34 -> MapOperation.getByValueList(BIN, items(a, b), returnType(d, true), ctx);
            case 35 -> MapOperation.getByKeyRelativeIndexRange(BIN, key(a), index, count, returnType(d, true), ctx);
            case 36 -> MapOperation.removeByValueRelativeRankRange(BIN, value(a), index, count, returnType(d, true), ctx);
            case 37 -> MapOperation.removeByKeyList(BIN, List.of(key(a)), returnType(d, true), ctx);
            case 38 -> MapOperation.removeByIndex(BIN, index, returnType(d, true), ctx);
            default -> MapOperation.clear(BIN, ctx);
        };
    }
}
