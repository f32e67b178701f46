package io.aerolog.core.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Operation;
import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.BitResizeFlags;
import com.aerospike.client.operation.BitWriteFlags;
import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of Aerospike's Java client test {@code TestOperateBit}, same inputs and same expected
 * outputs, each operation packed by the client and applied by {@link BitOperations}.
 */
class BitOperationsClientCasesTest {
    private static final String BIN = "opbbin";
    private static final BitPolicy PUT = BitPolicy.Default;

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void assertModify(byte[] initial, byte[] expected, Operation... ops) {
        BitRecord record = new BitRecord(initial);
        record.operate(ops);
        assertThat(record.bytes()).as("blob after the operations").isEqualTo(expected);
    }

    private static void assertCode(int code, BitRecord record, Operation... ops) {
        assertThatThrownBy(() -> record.operate(ops))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode().code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void binPoliciesAndCreation() {
        byte[] bit0 = bytes(0x80);
        BitPolicy update = new BitPolicy(BitWriteFlags.UPDATE_ONLY);
        assertModify(bytes(1, 2, 3, 4, 5, 6, 7, 8), bytes(0x51, 2, 3, 4, 5, 6),
                BitOperation.set(PUT, BIN, 1, 1, bit0),
                BitOperation.set(update, BIN, 3, 1, bit0),
                BitOperation.remove(update, BIN, 6, 2));

        BitPolicy create = new BitPolicy(BitWriteFlags.CREATE_ONLY);
        assertModify(null, bytes(0x00, 0x0A), BitOperation.insert(create, BIN, 1, bytes(0x0A)));

        assertCode(17, new BitRecord(null), BitOperation.set(PUT, "b", 1, 1, bit0));
        assertCode(4, new BitRecord(bytes(0)), BitOperation.set(create, BIN, 1, 1, bit0));
    }

    @Test
    void set() {
        byte[] bit0 = bytes(0x80);
        byte[] bits1 = bytes(0x11, 0x22, 0x33);
        assertModify(
                bytes(0x01, 0x12, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
                        0x10, 0x11, 0x41),
                bytes(0x41, 0x13, 0x11, 0x22, 0x33, 0x11, 0x22, 0x33, 0x08, 0x08, 0x91, 0x1B, 0x01, 0x12, 0x23, 0x11,
                        0x22, 0x11, 0xc1),
                BitOperation.set(PUT, BIN, 1, 1, bit0),
                BitOperation.set(PUT, BIN, 15, 1, bit0),
                BitOperation.set(PUT, BIN, 16, 24, bits1),
                BitOperation.set(PUT, BIN, 40, 22, bits1),
                BitOperation.set(PUT, BIN, 73, 21, bits1),
                BitOperation.set(PUT, BIN, 100, 20, bits1),
                BitOperation.set(PUT, BIN, 120, 17, bits1),
                BitOperation.set(PUT, BIN, 144, 1, bit0));
    }

    @Test
    void lshift() {
        assertModify(bytes(0x01, 0x01, 0x00, 0x80, 0xFF, 0x01, 0x01, 0x18, 0x01),
                bytes(0x02, 0x40, 0x01, 0x00, 0xF8, 0x08, 0x01, 0x28, 0x01),
                BitOperation.lshift(PUT, BIN, 0, 8, 1),
                BitOperation.lshift(PUT, BIN, 9, 7, 6),
                BitOperation.lshift(PUT, BIN, 23, 2, 1),
                BitOperation.lshift(PUT, BIN, 37, 18, 3),
                BitOperation.lshift(PUT, BIN, 58, 2, 1),
                BitOperation.lshift(PUT, BIN, 64, 4, 7));
        assertModify(bytes(0xFF, 0xFF, 0xFF), bytes(0xF8, 0x00, 0x0F), BitOperation.lshift(PUT, BIN, 0, 20, 15));
    }

    @Test
    void rshift() {
        assertModify(bytes(0x80, 0x40, 0x01, 0x00, 0xFF, 0x01, 0x01, 0x18, 0x80),
                bytes(0x40, 0x01, 0x00, 0x80, 0xF8, 0xE0, 0x21, 0x14, 0x80),
                BitOperation.rshift(PUT, BIN, 0, 8, 1),
                BitOperation.rshift(PUT, BIN, 9, 7, 6),
                BitOperation.rshift(PUT, BIN, 23, 2, 1),
                BitOperation.rshift(PUT, BIN, 37, 18, 3),
                BitOperation.rshift(PUT, BIN, 60, 2, 1),
                BitOperation.rshift(PUT, BIN, 68, 4, 7));
    }

    @Test
    void orXorAndNot() {
        byte[] bits1 = bytes(0x11, 0x22, 0x33);
        byte[] initial = bytes(0x80, 0x40, 0x01, 0x00, 0x00, 0x01, 0x02, 0x03);
        assertModify(initial, bytes(0x90, 0x48, 0x01, 0x20, 0x11, 0x11, 0x22, 0x33),
                BitOperation.or(PUT, BIN, 0, 5, bits1),
                BitOperation.or(PUT, BIN, 9, 7, bits1),
                BitOperation.or(PUT, BIN, 23, 6, bits1),
                BitOperation.or(PUT, BIN, 32, 8, bits1),
                BitOperation.or(PUT, BIN, 40, 24, bits1));
        assertModify(initial, bytes(0x90, 0x48, 0x01, 0x20, 0x11, 0x10, 0x20, 0x30),
                BitOperation.xor(PUT, BIN, 0, 5, bits1),
                BitOperation.xor(PUT, BIN, 9, 7, bits1),
                BitOperation.xor(PUT, BIN, 23, 6, bits1),
                BitOperation.xor(PUT, BIN, 32, 8, bits1),
                BitOperation.xor(PUT, BIN, 40, 24, bits1));
        assertModify(initial, bytes(0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03),
                BitOperation.and(PUT, BIN, 0, 5, bits1),
                BitOperation.and(PUT, BIN, 9, 7, bits1),
                BitOperation.and(PUT, BIN, 23, 6, bits1),
                BitOperation.and(PUT, BIN, 32, 8, bits1),
                BitOperation.and(PUT, BIN, 40, 24, bits1));
        assertModify(initial, bytes(0x78, 0x3F, 0x00, 0xF8, 0xFF, 0xFE, 0xFD, 0xFC),
                BitOperation.not(PUT, BIN, 0, 5),
                BitOperation.not(PUT, BIN, 9, 7),
                BitOperation.not(PUT, BIN, 23, 6),
                BitOperation.not(PUT, BIN, 32, 8),
                BitOperation.not(PUT, BIN, 40, 24));
    }

    @Test
    void add() {
        BitOverflowAction fail = BitOverflowAction.FAIL;
        assertModify(
                bytes(0x38, 0x1F, 0x00, 0xE8, 0x7F, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x02, 0x02,
                        0x02, 0x03, 0x03, 0x03),
                bytes(0x40, 0x20, 0x01, 0xF0, 0x80, 0x7F, 0x7F, 0x7F, 0x02, 0x02, 0x01, 0x02, 0x02, 0x02, 0x03, 0x03,
                        0x06, 0x07, 0x07, 0x07),
                BitOperation.add(PUT, BIN, 0, 5, 1, false, fail),
                BitOperation.add(PUT, BIN, 9, 7, 1, false, fail),
                BitOperation.add(PUT, BIN, 23, 6, 0x21, false, fail),
                BitOperation.add(PUT, BIN, 32, 8, 1, false, fail),
                BitOperation.add(PUT, BIN, 40, 24, 0x7F7F7F, false, fail),
                BitOperation.add(PUT, BIN, 64, 20, 0x01010, false, fail),
                BitOperation.add(PUT, BIN, 92, 20, 0x10101, false, fail),
                BitOperation.add(PUT, BIN, 113, 22, 0x8082, false, fail),
                BitOperation.add(PUT, BIN, 136, 23, 0x20202, false, fail));

        BitOverflowAction wrap = BitOverflowAction.WRAP;
        BitOverflowAction saturate = BitOverflowAction.SATURATE;
        byte[] zeros = new byte[6];
        assertModify(zeros, bytes(0xFE, 0xFE, 0x7F, 0xFF, 0x7F, 0x80),
                BitOperation.add(PUT, BIN, 0, 8, 0xFF, false, wrap),
                BitOperation.add(PUT, BIN, 0, 8, 0xFF, false, wrap),
                BitOperation.add(PUT, BIN, 8, 8, 0x7F, true, wrap),
                BitOperation.add(PUT, BIN, 8, 8, 0x7F, true, wrap),
                BitOperation.add(PUT, BIN, 16, 8, 0x80, true, wrap),
                BitOperation.add(PUT, BIN, 16, 8, 0xFF, true, wrap),
                BitOperation.add(PUT, BIN, 24, 8, 0x80, false, saturate),
                BitOperation.add(PUT, BIN, 24, 8, 0x80, false, saturate),
                BitOperation.add(PUT, BIN, 32, 8, 0x77, true, saturate),
                BitOperation.add(PUT, BIN, 32, 8, 0x77, true, saturate),
                BitOperation.add(PUT, BIN, 40, 8, 0x8F, true, saturate),
                BitOperation.add(PUT, BIN, 40, 8, 0x8F, true, saturate));

        assertCode(26, new BitRecord(zeros),
                BitOperation.add(PUT, BIN, 0, 8, 0xFF, false, fail),
                BitOperation.add(PUT, BIN, 0, 8, 0xFF, false, fail));
        assertCode(26, new BitRecord(zeros),
                BitOperation.add(PUT, BIN, 0, 8, 0x7F, true, fail),
                BitOperation.add(PUT, BIN, 0, 8, 0x02, true, fail));
        assertCode(26, new BitRecord(zeros),
                BitOperation.add(PUT, BIN, 0, 8, 0x81, true, fail),
                BitOperation.add(PUT, BIN, 0, 8, 0xFE, true, fail));
    }

    @Test
    void subtract() {
        BitOverflowAction fail = BitOverflowAction.FAIL;
        assertModify(
                bytes(0x38, 0x1F, 0x00, 0xE8, 0x7F, 0x80, 0x80, 0x80, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x02, 0x02,
                        0x02, 0x03, 0x03, 0x03),
                bytes(0x30, 0x1E, 0x00, 0xD0, 0x7E, 0x7F, 0x7F, 0x7F, 0x00, 0xF0, 0xF1, 0x00, 0x00, 0x00, 0x01, 0xFD,
                        0xFE, 0x00, 0xE0, 0xE1),
                BitOperation.subtract(PUT, BIN, 0, 5, 0x01, false, fail),
                BitOperation.subtract(PUT, BIN, 9, 7, 0x01, false, fail),
                BitOperation.subtract(PUT, BIN, 23, 6, 0x03, false, fail),
                BitOperation.subtract(PUT, BIN, 32, 8, 0x01, false, fail),
                BitOperation.subtract(PUT, BIN, 40, 24, 0x10101, false, fail),
                BitOperation.subtract(PUT, BIN, 64, 20, 0x101, false, fail),
                BitOperation.subtract(PUT, BIN, 92, 20, 0x10101, false, fail),
                BitOperation.subtract(PUT, BIN, 113, 21, 0x101, false, fail),
                BitOperation.subtract(PUT, BIN, 136, 23, 0x11111, false, fail));

        BitOverflowAction wrap = BitOverflowAction.WRAP;
        BitOverflowAction saturate = BitOverflowAction.SATURATE;
        byte[] zeros = new byte[6];
        assertModify(zeros, bytes(0xFF, 0xF6, 0x7F, 0x00, 0x80, 0x7F),
                BitOperation.subtract(PUT, BIN, 0, 8, 0x01, false, wrap),
                BitOperation.subtract(PUT, BIN, 8, 8, 0x80, true, wrap),
                BitOperation.subtract(PUT, BIN, 8, 8, 0x8A, true, wrap),
                BitOperation.subtract(PUT, BIN, 16, 8, 0x7F, true, wrap),
                BitOperation.subtract(PUT, BIN, 16, 8, 0x02, true, wrap),
                BitOperation.subtract(PUT, BIN, 24, 8, 0xAA, false, saturate),
                BitOperation.subtract(PUT, BIN, 32, 8, 0x77, true, saturate),
                BitOperation.subtract(PUT, BIN, 32, 8, 0x77, true, saturate),
                BitOperation.subtract(PUT, BIN, 40, 8, 0x81, true, saturate),
                BitOperation.subtract(PUT, BIN, 40, 8, 0x8F, true, saturate));

        assertCode(26, new BitRecord(zeros), BitOperation.subtract(PUT, BIN, 0, 8, 1, false, fail));
        assertCode(26, new BitRecord(zeros),
                BitOperation.subtract(PUT, BIN, 0, 8, 0x7F, true, fail),
                BitOperation.subtract(PUT, BIN, 0, 8, 0x02, true, fail));
        assertCode(26, new BitRecord(zeros),
                BitOperation.subtract(PUT, BIN, 0, 8, 0x81, true, fail),
                BitOperation.subtract(PUT, BIN, 0, 8, 0xFE, true, fail));
    }

    @Test
    void setInt() {
        assertModify(
                bytes(0x38, 0x1F, 0x00, 0xE8, 0x7F, 0x80, 0x80, 0x80, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x02, 0x02,
                        0x02, 0x03, 0x03, 0x03),
                bytes(0x08, 0x01, 0x00, 0x18, 0x01, 0x01, 0x01, 0x01, 0x00, 0x10, 0x11, 0x01, 0x01, 0x01, 0x00, 0x04,
                        0x06, 0x02, 0x22, 0x23),
                BitOperation.setInt(PUT, BIN, 0, 5, 0x01),
                BitOperation.setInt(PUT, BIN, 9, 7, 0x01),
                BitOperation.setInt(PUT, BIN, 23, 6, 0x03),
                BitOperation.setInt(PUT, BIN, 32, 8, 0x01),
                BitOperation.setInt(PUT, BIN, 40, 24, 0x10101),
                BitOperation.setInt(PUT, BIN, 64, 20, 0x101),
                BitOperation.setInt(PUT, BIN, 92, 20, 0x10101),
                BitOperation.setInt(PUT, BIN, 113, 21, 0x101),
                BitOperation.setInt(PUT, BIN, 136, 23, 0x11111));
    }

    @Test
    void get() {
        List<Value> results = new BitRecord(bytes(0xC1, 0xAA, 0xAA)).operate(
                BitOperation.get(BIN, 0, 1),
                BitOperation.get(BIN, 1, 1),
                BitOperation.get(BIN, 7, 1),
                BitOperation.get(BIN, 0, 8),
                BitOperation.get(BIN, 8, 16),
                BitOperation.get(BIN, 9, 15),
                BitOperation.get(BIN, 9, 14));
        assertThat(results).containsExactly(
                new Value.BytesValue(bytes(0x80)),
                new Value.BytesValue(bytes(0x80)),
                new Value.BytesValue(bytes(0x80)),
                new Value.BytesValue(bytes(0xC1)),
                new Value.BytesValue(bytes(0xAA, 0xAA)),
                new Value.BytesValue(bytes(0x55, 0x54)),
                new Value.BytesValue(bytes(0x55, 0x54)));
    }

    private static void assertReads(byte[] initial, long[] expected, Operation... ops) {
        List<Value> results = new BitRecord(initial).operate(ops);
        assertThat(results).containsExactlyElementsOf(Arrays.stream(expected).mapToObj(Value::of).toList());
    }

    @Test
    void count() {
        assertReads(bytes(0xC1, 0xAA, 0xAB), new long[] {1, 1, 1, 3, 9, 8, 7},
                BitOperation.count(BIN, 0, 1),
                BitOperation.count(BIN, 1, 1),
                BitOperation.count(BIN, 7, 1),
                BitOperation.count(BIN, 0, 8),
                BitOperation.count(BIN, 8, 16),
                BitOperation.count(BIN, 9, 15),
                BitOperation.count(BIN, 9, 14));
    }

    @Test
    void lscan() {
        assertReads(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x01),
                new long[] {0, 0, 0, 0, -1, -1, 39, -1, 0, 0, 0, 32, 0, -1},
                BitOperation.lscan(BIN, 0, 1, true),
                BitOperation.lscan(BIN, 0, 8, true),
                BitOperation.lscan(BIN, 0, 9, true),
                BitOperation.lscan(BIN, 0, 32, true),
                BitOperation.lscan(BIN, 0, 32, false),
                BitOperation.lscan(BIN, 1, 30, false),
                BitOperation.lscan(BIN, 32, 40, true),
                BitOperation.lscan(BIN, 33, 38, true),
                BitOperation.lscan(BIN, 32, 40, false),
                BitOperation.lscan(BIN, 33, 38, false),
                BitOperation.lscan(BIN, 0, 72, true),
                BitOperation.lscan(BIN, 0, 72, false),
                BitOperation.lscan(BIN, -1, 1, true),
                BitOperation.lscan(BIN, -1, 1, false));
    }

    @Test
    void rscan() {
        assertReads(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x01),
                new long[] {0, 7, 8, 31, -1, -1, 39, -1, 38, 37, 71, 70, 0, -1},
                BitOperation.rscan(BIN, 0, 1, true),
                BitOperation.rscan(BIN, 0, 8, true),
                BitOperation.rscan(BIN, 0, 9, true),
                BitOperation.rscan(BIN, 0, 32, true),
                BitOperation.rscan(BIN, 0, 32, false),
                BitOperation.rscan(BIN, 1, 30, false),
                BitOperation.rscan(BIN, 32, 40, true),
                BitOperation.rscan(BIN, 33, 38, true),
                BitOperation.rscan(BIN, 32, 40, false),
                BitOperation.rscan(BIN, 33, 38, false),
                BitOperation.rscan(BIN, 0, 72, true),
                BitOperation.rscan(BIN, 0, 72, false),
                BitOperation.rscan(BIN, -1, 1, true),
                BitOperation.rscan(BIN, -1, 1, false));
    }

    @Test
    void getInt() {
        assertReads(bytes(0x0F, 0x0F, 0x00),
                new long[] {15, -1, 15, 15, 8, -8, 3840, 3840, 3840, 3840, 1920, 1920, 115648, -15424, 15, -1},
                BitOperation.getInt(BIN, 4, 4, false),
                BitOperation.getInt(BIN, 4, 4, true),
                BitOperation.getInt(BIN, 0, 8, false),
                BitOperation.getInt(BIN, 0, 8, true),
                BitOperation.getInt(BIN, 7, 4, false),
                BitOperation.getInt(BIN, 7, 4, true),
                BitOperation.getInt(BIN, 8, 16, false),
                BitOperation.getInt(BIN, 8, 16, true),
                BitOperation.getInt(BIN, 9, 15, false),
                BitOperation.getInt(BIN, 9, 15, true),
                BitOperation.getInt(BIN, 9, 14, false),
                BitOperation.getInt(BIN, 9, 14, true),
                BitOperation.getInt(BIN, 5, 17, false),
                BitOperation.getInt(BIN, 5, 17, true),
                BitOperation.getInt(BIN, -12, 4, false),
                BitOperation.getInt(BIN, -12, 4, true));
    }

    /**
     * The client's exhaustive region check: after the operations, the region reads as zeros through
     * every read operation, and the bits around it are still the 0xFF the blob started with.
     */
    private static void assertRegion(int binSize, int offset, int setSize, byte[] expected, boolean insert,
                                     Operation... ops) {
        byte[] initial = new byte[binSize];
        Arrays.fill(initial, (byte) 0xFF);
        int intSize = Math.min(setSize, 64);
        int binBits = binSize * 8 + (insert ? setSize : 0);
        Operation[] all = Arrays.copyOf(ops, ops.length + 7);
        all[ops.length] = BitOperation.lscan(BIN, offset, setSize, true);
        all[ops.length + 1] = BitOperation.rscan(BIN, offset, setSize, true);
        all[ops.length + 2] = BitOperation.getInt(BIN, offset, intSize, false);
        all[ops.length + 3] = BitOperation.count(BIN, offset, setSize);
        all[ops.length + 4] = BitOperation.lscan(BIN, 0, binBits, false);
        all[ops.length + 5] = BitOperation.rscan(BIN, 0, binBits, false);
        all[ops.length + 6] = BitOperation.get(BIN, offset, setSize);
        List<Value> r = new BitRecord(initial).operate(all);
        String where = "bin_sz " + binSize + " offset " + offset + " set_sz " + setSize;
        int n = r.size();
        assertThat(r.subList(n - 7, n)).as(where).containsExactly(Value.of(-1L), Value.of(-1L), Value.of(0L),
                Value.of(0L), Value.of((long) offset), Value.of((long) offset + setSize - 1),
                new Value.BytesValue(expected));
    }

    @Test
    void setExhaustive() {
        for (int setSize = 1; setSize <= 10; setSize++) {
            byte[] data = new byte[(setSize + 7) / 8];
            for (int offset = 0; offset <= 120 - setSize; offset++) {
                assertRegion(15, offset, setSize, data, false, BitOperation.set(PUT, BIN, offset, setSize, data));
            }
        }
    }

    @Test
    void shiftsExhaustive() {
        BitPolicy partial = new BitPolicy(BitWriteFlags.PARTIAL);
        for (int setSize = 1; setSize <= 4; setSize++) {
            byte[] data = new byte[(setSize + 7) / 8];
            for (int offset = 0; offset <= 120 - setSize; offset++) {
                for (int nBits = 0; nBits <= setSize + 1; nBits++) {
                    assertRegion(15, offset, setSize, data, false, BitOperation.set(PUT, BIN, offset, setSize, data),
                            BitOperation.lshift(PUT, BIN, offset, setSize, nBits));
                    assertRegion(15, offset, setSize, data, false, BitOperation.set(PUT, BIN, offset, setSize, data),
                            BitOperation.rshift(PUT, BIN, offset, setSize, nBits));
                }
            }
            for (int offset = 120 - setSize + 1; offset < 120; offset++) {
                int actual = 120 - offset;
                assertRegion(15, offset, actual, new byte[(actual + 7) / 8], false,
                        BitOperation.set(partial, BIN, offset, setSize, data),
                        BitOperation.rshift(partial, BIN, offset, setSize, 1));
            }
        }
    }

    @Test
    void andNotAddSubtractExhaustive() {
        for (int setSize = 1; setSize <= 10; setSize++) {
            byte[] zeros = new byte[(setSize + 7) / 8];
            long ones = -1L >>> (64 - setSize);
            for (int offset = 0; offset <= 120 - setSize; offset++) {
                assertRegion(15, offset, setSize, zeros, false, BitOperation.and(PUT, BIN, offset, setSize, zeros));
                assertRegion(15, offset, setSize, zeros, false, BitOperation.not(PUT, BIN, offset, setSize));
                assertRegion(15, offset, setSize, zeros, false,
                        BitOperation.add(PUT, BIN, offset, setSize, 1, false, BitOverflowAction.WRAP));
                assertRegion(15, offset, setSize, zeros, false,
                        BitOperation.subtract(PUT, BIN, offset, setSize, ones, false, BitOverflowAction.WRAP));
            }
        }
    }

    @Test
    void insertExhaustive() {
        for (int setSize = 1; setSize <= 10; setSize++) {
            byte[] data = new byte[setSize];
            for (int offset = 0; offset <= 15; offset++) {
                assertRegion(15, offset * 8, setSize * 8, data, true, BitOperation.insert(PUT, BIN, offset, data));
            }
        }
    }

    @Test
    void emptyBlob() {
        byte[] buf = bytes(0x80);
        Operation[] notApplicable = {
            BitOperation.set(PUT, BIN, 0, 1, buf),
            BitOperation.or(PUT, BIN, 0, 1, buf),
            BitOperation.xor(PUT, BIN, 0, 1, buf),
            BitOperation.and(PUT, BIN, 0, 1, buf),
            BitOperation.not(PUT, BIN, 0, 1),
            BitOperation.lshift(PUT, BIN, 0, 1, 1),
            BitOperation.rshift(PUT, BIN, 0, 1, 1),
            BitOperation.add(PUT, BIN, 0, 1, 1, false, BitOverflowAction.FAIL),
            BitOperation.subtract(PUT, BIN, 0, 1, 1, false, BitOverflowAction.FAIL),
            BitOperation.setInt(PUT, BIN, 0, 1, 1),
            BitOperation.get(BIN, 0, 1),
            BitOperation.count(BIN, 0, 1),
            BitOperation.lscan(BIN, 0, 1, true),
            BitOperation.rscan(BIN, 0, 1, true),
            BitOperation.getInt(BIN, 0, 1, false),
        };
        for (Operation op : notApplicable) {
            assertCode(26, new BitRecord(new byte[0]), op);
        }
        assertCode(4, new BitRecord(new byte[0]), BitOperation.remove(PUT, BIN, 0, 1));
    }

    @Test
    void resize() {
        BitPolicy noFail = new BitPolicy(BitWriteFlags.NO_FAIL);
        BitRecord record = new BitRecord(null);
        List<Value> r = record.operate(
                BitOperation.resize(PUT, BIN, 20, BitResizeFlags.DEFAULT),
                BitOperation.get(BIN, 19 * 8, 8),
                BitOperation.resize(noFail, BIN, 10, BitResizeFlags.GROW_ONLY),
                BitOperation.get(BIN, 19 * 8, 8),
                BitOperation.resize(PUT, BIN, 10, BitResizeFlags.SHRINK_ONLY),
                BitOperation.get(BIN, 9 * 8, 8),
                BitOperation.resize(noFail, BIN, 30, BitResizeFlags.SHRINK_ONLY),
                BitOperation.get(BIN, 9 * 8, 8),
                BitOperation.resize(PUT, BIN, 19, BitResizeFlags.GROW_ONLY),
                BitOperation.get(BIN, 18 * 8, 8),
                BitOperation.resize(noFail, BIN, 0, BitResizeFlags.GROW_ONLY),
                BitOperation.resize(PUT, BIN, 0, BitResizeFlags.SHRINK_ONLY));
        Value zeroByte = new Value.BytesValue(bytes(0));
        assertThat(List.of(r.get(1), r.get(3), r.get(5), r.get(7), r.get(9)))
                .containsOnly(zeroByte);
        assertThat(record.bytes()).isEmpty();
    }
}
