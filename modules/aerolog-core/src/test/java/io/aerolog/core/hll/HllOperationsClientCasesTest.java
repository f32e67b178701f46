package io.aerolog.core.hll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Bin;
import com.aerospike.client.Operation;
import com.aerospike.client.Value.HLLValue;
import com.aerospike.client.Value.StringValue;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.operation.HLLWriteFlags;
import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of Aerospike's Java client test {@code TestOperateHll}: same operations, same expected
 * result codes, descriptions and counts. Counts are checked as the client checks them, within six
 * standard errors (1.04 / sqrt(2^index bits)) of the true count, with the client's entry strings; the
 * exact values are pinned by {@link HllServerVectorsTest}. The client adds 2^18 entries; 2^14 here
 * keep the suite fast and the bounds as tight.
 */
class HllOperationsClientCasesTest {
    private static final String BIN = "ophbin";
    private static final HLLPolicy DEFAULT = HLLPolicy.Default;
    private static final int N_ENTRIES = 1 << 14;
    private static final List<com.aerospike.client.Value> ENTRIES = entries("key ", 0, N_ENTRIES);

    private static List<com.aerospike.client.Value> entries(String prefix, int from, int to) {
        List<com.aerospike.client.Value> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(new StringValue(prefix + i));
        }
        return list;
    }

    /** The client's legal descriptions: index bits 4, 8, 12, 16, each with minhash 0, 4, mid and max. */
    private static List<int[]> legalDescriptions() {
        List<int[]> out = new ArrayList<>();
        for (int index = 4; index <= 16; index += 4) {
            int max = 51 - Math.max(0, 51 + index - 64);
            for (int minhash : new int[] {0, 4, (max + index) / 2, max}) {
                out.add(new int[] {index, minhash});
            }
        }
        return out;
    }

    private static List<int[]> illegalDescriptions() {
        List<int[]> out = new ArrayList<>();
        for (int index = 3; index <= 21; index += 4) {
            if (index < 4 || index > 16) {
                out.add(new int[] {index, 0});
                out.add(new int[] {index, 3});
                out.add(new int[] {index, 51});
            } else {
                out.add(new int[] {index, 3});
                out.add(new int[] {index, 52});
                if (index + 51 > 64) {
                    out.add(new int[] {index, 1 + 51 - (64 - (index + 51))});
                }
            }
        }
        return out;
    }

    private static void assertCode(int code, HllRecord record, Operation... ops) {
        assertThatThrownBy(() -> record.operate(ops)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode().code()).as(e.getMessage()).isEqualTo(code));
    }

    private static void assertCount(int indexBits, Value count, long expected) {
        double error = 6 * 1.04 / Math.sqrt(Math.pow(2, indexBits));
        long c = ((Value.IntegerValue) count).value();
        assertThat((double) c).as("count of " + expected + " with " + indexBits + " index bits")
                .isBetween(expected * (1 - error), expected * (1 + error));
    }

    private static Value describe(int index, int minhash) {
        return new Value.ListValue(List.of(Value.of(index), Value.of(minhash)));
    }

    @Test
    void init() {
        for (int[] d : legalDescriptions()) {
            List<Value> r = new HllRecord().operate(HLLOperation.init(DEFAULT, BIN, d[0], d[1]),
                    HLLOperation.getCount(BIN), HLLOperation.refreshCount(BIN), HLLOperation.describe(BIN));
            assertThat(r).containsExactly(null, Value.of(0L), Value.of(0L), describe(d[0], d[1]));
        }
        for (int[] d : illegalDescriptions()) {
            assertCode(4, new HllRecord(), HLLOperation.init(DEFAULT, BIN, d[0], d[1]));
        }
    }

    @Test
    void initFlags() {
        HllRecord r = new HllRecord();
        HLLPolicy createOnly = new HLLPolicy(HLLWriteFlags.CREATE_ONLY);
        r.operate(HLLOperation.init(createOnly, BIN, 4));
        assertCode(6, r, HLLOperation.init(createOnly, BIN, 4));

        HLLPolicy updateOnly = new HLLPolicy(HLLWriteFlags.UPDATE_ONLY);
        r.operate(HLLOperation.init(updateOnly, BIN, 4), Operation.put(Bin.asNull(BIN)));
        assertCode(17, r, HLLOperation.init(updateOnly, BIN, 4));

        HLLPolicy createNoFail = new HLLPolicy(HLLWriteFlags.CREATE_ONLY | HLLWriteFlags.NO_FAIL);
        r.operate(HLLOperation.init(createNoFail, BIN, 4), HLLOperation.init(createNoFail, BIN, 4));
        assertThat(r.bins).containsKey(BIN);

        HLLPolicy updateNoFail = new HLLPolicy(HLLWriteFlags.UPDATE_ONLY | HLLWriteFlags.NO_FAIL);
        r.operate(HLLOperation.init(updateNoFail, BIN, 4), Operation.put(Bin.asNull(BIN)),
                HLLOperation.init(updateNoFail, BIN, 4));
        assertThat(r.bins).doesNotContainKey(BIN);

        r.operate(HLLOperation.init(createOnly, BIN, 4));
        assertCode(4, r, HLLOperation.init(new HLLPolicy(HLLWriteFlags.ALLOW_FOLD), BIN, 4));
    }

    @Test
    void badReInit() {
        HllRecord r = new HllRecord();
        r.operate(HLLOperation.init(DEFAULT, BIN, 16, 0));
        assertCode(26, r, HLLOperation.init(DEFAULT, BIN, -1, 51));
    }

    @Test
    void addInit() {
        for (int[] d : legalDescriptions()) {
            List<Value> r = new HllRecord().operate(
                    HLLOperation.add(DEFAULT, BIN, ENTRIES, d[0], d[1]),
                    HLLOperation.getCount(BIN),
                    HLLOperation.refreshCount(BIN),
                    HLLOperation.describe(BIN),
                    HLLOperation.add(DEFAULT, BIN, ENTRIES));
            assertThat(r.get(3)).isEqualTo(describe(d[0], d[1]));
            assertCount(d[0], r.get(1), N_ENTRIES);
            assertThat(r.get(2)).isEqualTo(r.get(1));
            assertThat(r.get(4)).isEqualTo(Value.of(0L));
        }
    }

    @Test
    void addFlags() {
        HllRecord r = new HllRecord();
        HLLPolicy createOnly = new HLLPolicy(HLLWriteFlags.CREATE_ONLY);
        r.operate(HLLOperation.add(createOnly, BIN, ENTRIES, 4));
        assertCode(6, r, HLLOperation.add(createOnly, BIN, ENTRIES, 4));
        assertCode(4, r, HLLOperation.add(new HLLPolicy(HLLWriteFlags.UPDATE_ONLY), BIN, ENTRIES, 4));

        HLLPolicy createNoFail = new HLLPolicy(HLLWriteFlags.CREATE_ONLY | HLLWriteFlags.NO_FAIL);
        r.operate(Operation.put(Bin.asNull(BIN)), HLLOperation.add(createNoFail, BIN, ENTRIES, 4));
        assertThat(r.operate(HLLOperation.add(createNoFail, BIN, ENTRIES, 4))).containsExactly((Value) null);

        r.operate(HLLOperation.init(DEFAULT, BIN, 4));
        assertCode(4, r, HLLOperation.add(new HLLPolicy(HLLWriteFlags.ALLOW_FOLD), BIN, ENTRIES, 4));
    }

    @Test
    void fold() {
        List<com.aerospike.client.Value> vals0 = entries("key ", 0, N_ENTRIES / 2);
        List<com.aerospike.client.Value> vals1 = entries("key ", N_ENTRIES / 2, N_ENTRIES);
        for (int index = 4; index < 16; index += 3) {
            for (int to = 4; to <= index; to += 2) {
                HllRecord r = new HllRecord();
                List<Value> a = r.operate(HLLOperation.add(DEFAULT, BIN, vals0, index), HLLOperation.getCount(BIN),
                        HLLOperation.refreshCount(BIN), HLLOperation.describe(BIN));
                assertThat(a.get(3)).isEqualTo(describe(index, 0));
                assertCount(index, a.get(1), vals0.size());
                assertThat(a.get(2)).isEqualTo(a.get(1));
                List<Value> b = r.operate(HLLOperation.fold(BIN, to), HLLOperation.getCount(BIN),
                        HLLOperation.add(DEFAULT, BIN, vals0), HLLOperation.add(DEFAULT, BIN, vals1),
                        HLLOperation.getCount(BIN), HLLOperation.describe(BIN));
                assertThat(b.get(2)).isEqualTo(Value.of(0L));
                assertThat(b.get(5)).isEqualTo(describe(to, 0));
                assertCount(to, b.get(1), vals0.size());
                assertCount(to, b.get(4), N_ENTRIES);
            }
        }
    }

    @Test
    void foldExists() {
        HllRecord r = new HllRecord();
        r.operate(HLLOperation.init(DEFAULT, BIN, 10), HLLOperation.fold(BIN, 4));
        assertThat(r.operate(HLLOperation.describe(BIN))).containsExactly(describe(4, 0));
        assertCode(26, r, HLLOperation.fold(BIN, 16));
        r.operate(Operation.put(Bin.asNull(BIN)));
        assertCode(17, r, HLLOperation.fold(BIN, 4));
    }

    @Test
    void setUnion() {
        List<List<com.aerospike.client.Value>> vals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vals.add(entries("key" + i + " ", 0, N_ENTRIES / 3));
        }
        for (int index = 4; index <= 16; index += 4) {
            for (boolean folding : new boolean[] {false, true}) {
                for (boolean allowFold : new boolean[] {false, true}) {
                    assertSetUnion(vals, index, folding, allowFold);
                }
            }
        }
    }

    private static void assertSetUnion(List<List<com.aerospike.client.Value>> vals, int index, boolean folding,
                                       boolean allowFold) {
        List<HLLValue> hlls = new ArrayList<>();
        boolean folded = false;
        long expected = 0;
        for (int i = 0; i < vals.size(); i++) {
            int ix = folding ? Math.max(4, index - i) : index;
            folded |= ix < index;
            HllRecord other = new HllRecord();
            List<Value> r = other.operate(HLLOperation.add(DEFAULT, BIN, vals.get(i), ix), HLLOperation.getCount(BIN));
            assertCount(ix, r.get(1), vals.get(i).size());
            hlls.add(other.clientHll(BIN));
            expected += vals.get(i).size();
        }
        HLLPolicy union = allowFold ? new HLLPolicy(HLLWriteFlags.ALLOW_FOLD) : DEFAULT;
        HllRecord r = new HllRecord();
        Operation[] ops = {
            HLLOperation.init(DEFAULT, BIN, index),
            HLLOperation.setUnion(union, BIN, hlls),
            HLLOperation.getCount(BIN),
            Operation.put(Bin.asNull(BIN)),
            HLLOperation.setUnion(DEFAULT, BIN, hlls),
            HLLOperation.getCount(BIN),
        };
        if (folded && !allowFold) {
            assertCode(26, r, ops);
            return;
        }
        List<Value> result = r.operate(ops);
        assertCount(index, result.get(2), expected);
        assertThat(result.get(5)).isEqualTo(result.get(2));
        for (List<com.aerospike.client.Value> v : vals) {
            List<Value> again = r.operate(HLLOperation.add(DEFAULT, BIN, v, index), HLLOperation.getCount(BIN));
            assertThat(again).containsExactly(Value.of(0L), result.get(2));
        }
    }

    @Test
    void setUnionFlags() {
        HllRecord source = new HllRecord();
        source.operate(HLLOperation.add(DEFAULT, BIN, ENTRIES, 6));
        List<HLLValue> hlls = List.of(source.clientHll(BIN));

        HllRecord r = new HllRecord();
        HLLPolicy createOnly = new HLLPolicy(HLLWriteFlags.CREATE_ONLY);
        r.operate(HLLOperation.setUnion(createOnly, BIN, hlls));
        assertCode(6, r, HLLOperation.setUnion(createOnly, BIN, hlls));

        HLLPolicy updateOnly = new HLLPolicy(HLLWriteFlags.UPDATE_ONLY);
        r.operate(HLLOperation.setUnion(updateOnly, BIN, hlls), Operation.put(Bin.asNull(BIN)));
        assertCode(17, r, HLLOperation.setUnion(updateOnly, BIN, hlls));

        HLLPolicy createNoFail = new HLLPolicy(HLLWriteFlags.CREATE_ONLY | HLLWriteFlags.NO_FAIL);
        r.operate(HLLOperation.setUnion(createNoFail, BIN, hlls), HLLOperation.setUnion(createNoFail, BIN, hlls));
        HLLPolicy updateNoFail = new HLLPolicy(HLLWriteFlags.UPDATE_ONLY | HLLWriteFlags.NO_FAIL);
        r.operate(HLLOperation.setUnion(updateNoFail, BIN, hlls), Operation.put(Bin.asNull(BIN)),
                HLLOperation.setUnion(updateNoFail, BIN, hlls));
        assertThat(r.bins).doesNotContainKey(BIN);

        HLLPolicy fold = new HLLPolicy(HLLWriteFlags.ALLOW_FOLD);
        r.operate(HLLOperation.init(DEFAULT, BIN, 8), HLLOperation.setUnion(fold, BIN, hlls));
        assertThat(r.operate(HLLOperation.describe(BIN))).containsExactly(describe(6, 0));
        r.operate(HLLOperation.init(DEFAULT, BIN, 4), HLLOperation.setUnion(fold, BIN, hlls));
        assertThat(r.operate(HLLOperation.describe(BIN))).containsExactly(describe(4, 0));
    }

    @Test
    void refreshAndGetCount() {
        HllRecord r = new HllRecord();
        assertThat(r.operate(HLLOperation.init(DEFAULT, BIN, 6), HLLOperation.refreshCount(BIN),
                HLLOperation.refreshCount(BIN))).containsExactly(null, Value.of(0L), Value.of(0L));
        List<Value> counts = r.operate(HLLOperation.add(DEFAULT, BIN, ENTRIES), HLLOperation.refreshCount(BIN),
                HLLOperation.refreshCount(BIN), HLLOperation.getCount(BIN));
        assertCount(6, counts.get(1), N_ENTRIES);
        assertThat(counts.subList(2, 4)).containsOnly(counts.get(1));
        r.operate(Operation.put(Bin.asNull(BIN)));
        assertCode(17, r, HLLOperation.refreshCount(BIN));
        assertThat(r.operate(HLLOperation.getCount(BIN))).containsExactly((Value) null);
    }

    @Test
    void getUnionAndCounts() {
        List<HLLValue> hlls = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < 3; i++) {
            HllRecord other = new HllRecord();
            other.operate(HLLOperation.add(DEFAULT, BIN, entries("key" + i + " ", 0, N_ENTRIES / 3), 14));
            hlls.add(other.clientHll(BIN));
            expected += N_ENTRIES / 3;
        }
        HllRecord r = new HllRecord();
        r.operate(HLLOperation.add(DEFAULT, BIN, entries("key3 ", 0, N_ENTRIES / 3), 14));
        expected += N_ENTRIES / 3;
        List<Value> results = r.operate(HLLOperation.getUnion(BIN, hlls), HLLOperation.getUnionCount(BIN, hlls));
        assertCount(14, results.get(1), expected);
        HllRecord union = new HllRecord();
        union.bins.put(BIN, results.get(0));
        assertThat(union.operate(HLLOperation.getCount(BIN))).containsExactly(results.get(1));
    }

    @Test
    void intersectAndSimilarity() {
        for (int[] d : new int[][] {{8, 0}, {10, 20}, {12, 0}, {14, 40}}) {
            HllRecord a = new HllRecord();
            HllRecord b = new HllRecord();
            a.operate(HLLOperation.add(DEFAULT, BIN, entries("key ", 0, 6000), d[0], d[1]));
            b.operate(HLLOperation.add(DEFAULT, BIN, entries("key ", 3000, 9000), d[0], d[1]));
            List<Value> r = a.operate(HLLOperation.getIntersectCount(BIN, List.of(b.clientHll(BIN))),
                    HLLOperation.getSimilarity(BIN, List.of(b.clientHll(BIN))));
            long intersect = ((Value.IntegerValue) r.get(0)).value();
            double similarity = ((Value.DoubleValue) r.get(1)).value();
            assertThat((double) intersect).as("intersect of 3000 with %s", (Object) d).isBetween(1500.0, 4500.0);
            assertThat(similarity).as("similarity 1/3 with %s", (Object) d).isBetween(0.15, 0.5);
        }
    }
}
