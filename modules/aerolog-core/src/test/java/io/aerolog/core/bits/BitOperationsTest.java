package io.aerolog.core.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.BitResizeFlags;
import com.aerospike.client.operation.BitWriteFlags;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Semantics of particle_blob.c pinned one by one, with the server function each comes from. */
class BitOperationsTest {
    private static final String BIN = "b";
    private static final BitPolicy PUT = BitPolicy.Default;
    private static final BitPolicy NO_FAIL = new BitPolicy(BitWriteFlags.NO_FAIL);
    private static final BitPolicy PARTIAL = new BitPolicy(BitWriteFlags.PARTIAL);

    private static Value blob(int... b) {
        byte[] bytes = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            bytes[i] = (byte) b[i];
        }
        return new Value.BytesValue(bytes);
    }

    private static Value list(Object... items) {
        return new Value.ListValue(java.util.Arrays.stream(items).map(o -> o instanceof Value v ? v
                : o instanceof Boolean b ? Value.of(b) : Value.of(((Number) o).longValue())).toList());
    }

    private static void assertCode(ResultCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).as(e.getMessage()).isEqualTo(code));
    }

    /** bits_read_op_rscan leaves the bits before the range unmasked in its first byte: -4 here, not -1. */
    @Test
    void rscanAnswersTheLastLeadingBitWhenTheRangeHasNone() {
        Value bin = blob(0x80, 0xff);
        assertThat(BitOperations.read(bin, BitRecord.wire(BitOperation.rscan(BIN, 4, 2, true)))).isEqualTo(Value.of(-4L));
        assertThat(BitOperations.read(bin, BitRecord.wire(BitOperation.rscan(BIN, 4, 8, true)))).isEqualTo(Value.of(7L));
        assertThat(BitOperations.read(bin, BitRecord.wire(BitOperation.lscan(BIN, 4, 2, true)))).isEqualTo(Value.of(-1L));
    }

    /** rw_utils.c answers a bit read of an absent bin with nothing, whatever the operation holds. */
    @Test
    void readOfAnAbsentBinIsNothing() {
        assertThat(BitOperations.read(null, BitRecord.wire(BitOperation.get(BIN, 0, 8)))).isNull();
        assertThat(BitOperations.read(null, list(99))).isNull();
    }

    /** bits_modify: only insert and resize create a bin; NO_FAIL leaves it absent instead of failing. */
    @Test
    void modifyOfAnAbsentBin() {
        assertCode(ResultCode.BIN_NOT_FOUND, () -> BitOperations.modify(null,
                BitRecord.wire(BitOperation.not(PUT, BIN, 0, 8))));
        assertThat(BitOperations.modify(null, BitRecord.wire(BitOperation.not(NO_FAIL, BIN, 0, 8))))
                .isEqualTo(new BinOpResult(null, null));
        assertCode(ResultCode.BIN_NOT_FOUND, () -> BitOperations.modify(null, BitRecord.wire(
                BitOperation.insert(new BitPolicy(BitWriteFlags.UPDATE_ONLY), BIN, 0, new byte[] {1}))));
        assertThat(BitOperations.modify(null, BitRecord.wire(BitOperation.resize(PUT, BIN, 3, 0))).bin())
                .isEqualTo(blob(0, 0, 0));
        assertThat(BitOperations.modify(null, BitRecord.wire(BitOperation.resize(PUT, BIN, 0, 0))))
                .as("resize to 0 of nothing is a no-op and creates no bin").isEqualTo(new BinOpResult(null, null));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(null,
                BitRecord.wire(BitOperation.insert(PUT, BIN, -1, new byte[] {1}))));
    }

    /** bits_modify and bits_read: a bin of another type is BIN_TYPE_ERROR, after CREATE_ONLY's check. */
    @Test
    void binOfAnotherType() {
        Value string = Value.of("abc");
        assertCode(ResultCode.BIN_TYPE_ERROR, () -> BitOperations.modify(string,
                BitRecord.wire(BitOperation.not(PUT, BIN, 0, 8))));
        assertCode(ResultCode.BIN_TYPE_ERROR, () -> BitOperations.read(Value.of(7L),
                BitRecord.wire(BitOperation.count(BIN, 0, 8))));
        BitPolicy createOnly = new BitPolicy(BitWriteFlags.CREATE_ONLY);
        assertCode(ResultCode.BIN_EXISTS_ERROR, () -> BitOperations.modify(string,
                BitRecord.wire(BitOperation.resize(createOnly, BIN, 1, 0))));
        BitPolicy createNoFail = new BitPolicy(BitWriteFlags.CREATE_ONLY | BitWriteFlags.NO_FAIL);
        assertThat(BitOperations.modify(string, BitRecord.wire(BitOperation.resize(createNoFail, BIN, 1, 0))).bin())
                .isSameAs(string);
    }

    /** bits_prepare_resize_op: FROM_FRONT grows and shrinks at the start; GROW_ONLY/SHRINK_ONLY refuse. */
    @Test
    void resizeFlags() {
        Value bin = blob(1, 2, 3);
        assertThat(BitOperations.modify(bin, BitRecord.wire(
                BitOperation.resize(PUT, BIN, 5, BitResizeFlags.FROM_FRONT))).bin()).isEqualTo(blob(0, 0, 1, 2, 3));
        assertThat(BitOperations.modify(bin, BitRecord.wire(
                BitOperation.resize(PUT, BIN, 1, BitResizeFlags.FROM_FRONT))).bin()).isEqualTo(blob(3));
        assertThat(BitOperations.modify(bin, BitRecord.wire(BitOperation.resize(PUT, BIN, 1, 0))).bin())
                .isEqualTo(blob(1));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin, BitRecord.wire(
                BitOperation.resize(PUT, BIN, 1, BitResizeFlags.GROW_ONLY))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin, BitRecord.wire(
                BitOperation.resize(PUT, BIN, 9, BitResizeFlags.SHRINK_ONLY))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin, BitRecord.wire(
                BitOperation.resize(PUT, BIN, 9, BitResizeFlags.GROW_ONLY | BitResizeFlags.SHRINK_ONLY))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin, list(0, 4, 0, 8)));
    }

    /**
     * bits_parse_byte_size_allow_zero and bits_prepare_modify bound a blob below PROTO_SIZE_MAX (128 MiB),
     * PARAMETER_ERROR; a blob over 8 MiB (Aerospike's write block, the largest record any namespace may
     * hold) is refused as RECORD_TOO_BIG before it is allocated.
     */
    @Test
    void sizeBounds() {
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(null,
                BitRecord.wire(BitOperation.resize(PUT, BIN, 128 * 1024 * 1024 + 1, 0))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(null,
                BitRecord.wire(BitOperation.resize(PUT, BIN, 128 * 1024 * 1024, 0))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(null, list(0, 1L << 31, 0, 0)));
        assertCode(ResultCode.RECORD_TOO_BIG, () -> BitOperations.modify(null,
                BitRecord.wire(BitOperation.resize(PUT, BIN, 8 * 1024 * 1024 + 1, 0))));
        assertCode(ResultCode.RECORD_TOO_BIG, () -> BitOperations.modify(blob(1),
                BitRecord.wire(BitOperation.insert(PUT, BIN, 100_000_000, new byte[] {1}))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(blob(1),
                BitRecord.wire(BitOperation.insert(PUT, BIN, 128 * 1024 * 1024 + 1, new byte[] {1}))));
        assertThat(((Value.BytesValue) BitOperations.modify(null,
                BitRecord.wire(BitOperation.resize(PUT, BIN, 8 * 1024 * 1024, 0))).bin()).value()).hasSize(8 << 20);
    }

    /** bits_parse_*: bad counts, types, flags and bounds are PARAMETER_ERROR. */
    @Test
    void argumentChecks() {
        Value bin = blob(0xff, 0xff);
        List<Value> refused = List.of(
                list(), list(13), list(49), list(55), list(-1), list(3, 0, 8), list(7, 0, 0),
                list(7, 0, 8, 1), list(7, 0, 8, 16), list(7, 0, 8, 3),
                list(10, 0, 0, 1), list(10, 0, 65, 1), list(10, 0, 8, 1, 0, 6), list(10, 0, 8, 1, 0, 8),
                list(12, 0, 8, 1, 0, 1), list(3, 0, 16, blob(1)), list(3, 0, 8, new Value.BytesValue(new byte[0])),
                list(8, 0, 8, 1L << 31), list(2, 0, 0), list(7, 1L << 31, 8), list(7, Value.of("x"), 8));
        for (Value op : refused) {
            assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin, op));
        }
        for (Value op : List.of(list(50, 0), list(52, 0, 8, 1), list(54, 0, 8, 2), list(50, 0, 8, 0), list(0, 1))) {
            assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.read(bin, op));
        }
    }

    /** bits_normalize_offset: a negative offset counts from the end; one before the start is PARAMETER_ERROR. */
    @Test
    void negativeOffsets() {
        Value bin = blob(0x0f, 0xf0);
        assertThat(BitOperations.read(bin, BitRecord.wire(BitOperation.get(BIN, -12, 8)))).isEqualTo(blob(0xff));
        assertThat(BitOperations.read(bin, BitRecord.wire(BitOperation.getInt(BIN, -16, 4, false))))
                .isEqualTo(Value.of(0L));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.read(bin,
                BitRecord.wire(BitOperation.get(BIN, -17, 1))));
        assertThat(BitOperations.modify(bin, BitRecord.wire(BitOperation.remove(PUT, BIN, -1, 1))).bin())
                .isEqualTo(blob(0x0f));
    }

    /** bits_prepare_modify_op / bits_prepare_remove_op: PARTIAL clips at the end; NO_FAIL makes a no-op. */
    @Test
    void partialAndNoFail() {
        Value bin = blob(0x00, 0x00);
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> BitOperations.modify(bin,
                BitRecord.wire(BitOperation.not(PUT, BIN, 12, 8))));
        assertThat(BitOperations.modify(bin, BitRecord.wire(BitOperation.not(PARTIAL, BIN, 12, 8))).bin())
                .isEqualTo(blob(0x00, 0x0f));
        assertThat(BitOperations.modify(bin, BitRecord.wire(BitOperation.not(NO_FAIL, BIN, 12, 8))).bin())
                .isSameAs(bin);
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> BitOperations.modify(bin,
                BitRecord.wire(BitOperation.not(PUT, BIN, 16, 1))));
        assertCode(ResultCode.PARAMETER_ERROR, () -> BitOperations.modify(bin,
                BitRecord.wire(BitOperation.remove(PUT, BIN, 1, 2))));
        assertThat(BitOperations.modify(blob(1, 2, 3), BitRecord.wire(BitOperation.remove(PARTIAL, BIN, 1, 5))).bin())
                .isEqualTo(blob(1));
        assertThat(BitOperations.modify(bin, BitRecord.wire(BitOperation.remove(NO_FAIL, BIN, 2, 1))).bin())
                .isSameAs(bin);
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> BitOperations.read(bin,
                BitRecord.wire(BitOperation.count(BIN, 8, 9))));
    }

    /**
     * handle_signed_overflow tests strict signs: -4 + -4 in 3 signed bits gives 0, which it does not see
     * as an overflow, so FAIL succeeds with 0 (confirmed against the server's code).
     */
    @Test
    void signedOverflowIsStrict() {
        Value bin = blob(0x80);
        BinOpResult r = BitOperations.modify(bin,
                BitRecord.wire(BitOperation.add(PUT, BIN, 0, 3, -4, true, BitOverflowAction.FAIL)));
        assertThat(r.bin()).isEqualTo(blob(0x00));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> BitOperations.modify(bin,
                BitRecord.wire(BitOperation.add(PUT, BIN, 0, 3, -3, true, BitOverflowAction.FAIL))));
        assertThat(BitOperations.modify(bin, BitRecord.wire(
                BitOperation.add(PUT, BIN, 0, 3, -3, true, BitOverflowAction.SATURATE))).bin()).isEqualTo(blob(0x80));
        assertThat(BitOperations.modify(bin, BitRecord.wire(
                BitOperation.add(NO_FAIL, BIN, 0, 3, -3, true, BitOverflowAction.FAIL))).bin()).isSameAs(bin);
    }

    /** bits_read_op_get_integer and store_int on full 64-bit integers at a bit offset. */
    @Test
    void sixtyFourBitIntegers() {
        Value bin = blob(0, 0, 0, 0, 0, 0, 0, 0, 0);
        Value set = BitOperations.modify(bin, BitRecord.wire(BitOperation.setInt(PUT, BIN, 4, 64, -2L))).bin();
        assertThat(set).isEqualTo(blob(0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe0));
        assertThat(BitOperations.read(set, BitRecord.wire(BitOperation.getInt(BIN, 4, 64, true)))).isEqualTo(Value.of(-2L));
        assertThat(BitOperations.read(set, BitRecord.wire(BitOperation.getInt(BIN, 4, 64, false)))).isEqualTo(Value.of(-2L));
        assertThat(BitOperations.modify(set, BitRecord.wire(
                BitOperation.add(PUT, BIN, 4, 64, 1, false, BitOverflowAction.WRAP))).bin()).isEqualTo(
                blob(0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> BitOperations.modify(set, BitRecord.wire(
                BitOperation.add(PUT, BIN, 4, 64, 2, false, BitOverflowAction.FAIL))));
    }

    /** Every op code Aerospike defines is served; one it does not define is PARAMETER_ERROR, as bits_state_init says. */
    @Test
    void everyAerospikeOpCodeIsServed() {
        Value bin = blob(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
        Value bytes = blob(0x0f);
        List<Value> modifies = List.of(list(0, 9), list(1, 0, bytes), list(2, 0, 1), list(3, 0, 8, bytes),
                list(4, 0, 8, bytes), list(5, 0, 8, bytes), list(6, 0, 8, bytes), list(7, 0, 8), list(8, 0, 8, 1),
                list(9, 0, 8, 1), list(10, 0, 8, 1, 0, 4), list(11, 0, 8, 1), list(12, 0, 8, 1));
        for (Value op : modifies) {
            assertThat(BitOperations.modify(bin, op).bin()).as(op.toString()).isInstanceOf(Value.BytesValue.class);
        }
        for (Value op : List.of(list(50, 0, 8), list(51, 0, 8), list(52, 0, 8, true), list(53, 0, 8, true),
                list(54, 0, 8))) {
            assertThat(BitOperations.read(bin, op)).as(op.toString()).isNotNull();
        }
    }
}
