package io.aerolog.core.hll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Semantics of particle_hll.c pinned one by one, with the server function each comes from; the golden
 * bytes and counts below are what the server's HLL code, compiled unchanged, answered for the same input.
 */
class HllOperationsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String BIN = "h";

    private static Value list(Object... items) {
        return new Value.ListValue(Arrays.stream(items).map(o -> o instanceof Value v ? v
                : o instanceof String s ? Value.of(s) : Value.of(((Number) o).longValue())).toList());
    }

    private static void assertCode(ResultCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).as(e.getMessage()).isEqualTo(code));
    }

    /**
     * hmh_add hashes each element's compact msgpack (a string or blob with its particle type byte) with
     * murmurHash3_x64_128; the sketch bytes, the count of registers raised and the estimate are the server's.
     */
    @Test
    void goldenSketchOfMixedElements() {
        BinOpResult created = HllOperations.modify(null, list(0, 4, 0, 0));
        assertThat(((Value.HllValue) created.bin()).value()).isEqualTo(HEX.parseHex("0004000000000000000000000000000000000000000000"));
        Value elements = new Value.ListValue(List.of(Value.of("apple"), Value.of(42), Value.of(new byte[] {1, 2}),
                Value.of(1.5), Value.of(true), Value.NIL));
        BinOpResult added = HllOperations.modify(created.bin(), new Value.ListValue(List.of(Value.of(1), elements,
                Value.of(-1), Value.of(-1), Value.of(0))));
        assertThat(added.result()).isEqualTo(Value.of(5L));
        assertThat(((Value.HllValue) added.bin()).value())
                .isEqualTo(HEX.parseHex("0004000000000000000000006000000002002000000005"));
        assertThat(HllOperations.read(added.bin(), list(50))).isEqualTo(Value.of(4L));
        BinOpResult refreshed = HllOperations.modify(added.bin(), list(3));
        assertThat(refreshed.result()).isEqualTo(Value.of(4L));
        assertThat(((Value.HllValue) refreshed.bin()).value()).as("the cached count, little-endian at byte 3")
                .isEqualTo(HEX.parseHex("0004000400000000000000006000000002002000000005"));
        assertThat(HllOperations.read(refreshed.bin(), list(56, list("apple", 42)))).isEqualTo(Value.of(1L));
        assertThat(HllOperations.read(refreshed.bin(), list(55))).isEqualTo(list(4, 0));
    }

    /** The Java client's packing of an add decodes to the same operation as the hand-built one. */
    @Test
    void clientPackedAddMatches() {
        Value bin = HllOperations.modify(null, list(0, 4, 0, 0)).bin();
        Value op = HllRecord.wire(HLLOperation.add(HLLPolicy.Default, BIN, List.of(
                com.aerospike.client.Value.get("apple"), com.aerospike.client.Value.get(42),
                com.aerospike.client.Value.get(new byte[] {1, 2}), com.aerospike.client.Value.get(1.5),
                com.aerospike.client.Value.get(true), com.aerospike.client.Value.getAsNull())));
        assertThat(((Value.HllValue) HllOperations.modify(bin, op).bin()).value())
                .isEqualTo(HEX.parseHex("0004000000000000000000006000000002002000000005"));
    }

    /**
     * An HLL value as an element hashes as the client packs it, with its particle type byte 18. Known
     * divergence: MsgPack reads every raw that is not a string or GeoJSON as bytes (as the Java client's
     * Unpacker does), so an HLL element that came over the wire hashes as a blob (type 4), where Aerospike
     * hashes its type 18; pinned here so that a change of the decoder shows.
     */
    @Test
    void anHllElementHashesWithItsParticleType() {
        Value sketch = HllOperations.modify(null, list(0, 4, 0, 0)).bin();
        byte[] bytes = ((Value.HllValue) sketch).value();
        Value asHll = HllOperations.modify(sketch, new Value.ListValue(List.of(Value.of(1),
                new Value.ListValue(List.of(sketch))))).bin();
        Value asBlob = HllOperations.modify(sketch, new Value.ListValue(List.of(Value.of(1),
                new Value.ListValue(List.of(Value.of(bytes)))))).bin();
        assertThat(asHll).isNotEqualTo(asBlob);
        Value clientPacked = HllOperations.modify(sketch, HllRecord.wire(HLLOperation.add(HLLPolicy.Default, BIN,
                List.of(new com.aerospike.client.Value.HLLValue(bytes))))).bin();
        assertThat(clientPacked).as("known divergence: the decoder reads type 18 as bytes")
                .isEqualTo(asBlob);
    }

    /** rw_utils.c answers an HLL read of an absent bin with nothing. */
    @Test
    void readOfAnAbsentBinIsNothing() {
        assertThat(HllOperations.read(null, list(50))).isNull();
        assertThat(HllOperations.read(null, list(1234))).isNull();
    }

    /**
     * hll_state_init checks the op code first (PARAMETER_ERROR), then hll_verify_bin the bin: another
     * type is BIN_TYPE_ERROR, a corrupt sketch AS_ERR_UNKNOWN (SERVER_ERROR), and only then the arguments.
     */
    @Test
    void checksInTheServersOrder() {
        Value corrupt = new Value.HllValue(HEX.parseHex("0008000000000000000000"));
        assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.modify(corrupt, list(9)));
        assertCode(ResultCode.SERVER_ERROR, () -> HllOperations.modify(corrupt, list(0, "bad")));
        assertCode(ResultCode.SERVER_ERROR, () -> HllOperations.read(corrupt, list(50)));
        assertCode(ResultCode.BIN_TYPE_ERROR, () -> HllOperations.modify(Value.of(new byte[] {1}), list(0, "bad")));
        assertCode(ResultCode.BIN_TYPE_ERROR, () -> HllOperations.read(Value.of("s"), list(55)));
        assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.modify(null, list(0, "bad")));
    }

    /** hll_parse_*: arguments out of their bounds are PARAMETER_ERROR. */
    @Test
    void argumentChecks() {
        for (Value op : List.of(list(0, 3), list(0, 17), list(0, 8, 3), list(0, 8, 52), list(0, 16, 49),
                list(0, 8, 0, 8), list(0, 8, 0, 3), list(0, 8, 0, 0, 0), list(1, list()), list(1, list(list(1))),
                list(1, "x"), list(1, list("a"), 8, 0, 2), list(2, list()), list(2, Value.of(new byte[10])),
                list(3, 1), list(4), list(4, 3))) {
            assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.modify(null, op));
        }
        Value bin = HllOperations.modify(null, list(0, 8, 8, 0)).bin();
        byte[] flagged = ((Value.HllValue) bin).value();
        flagged[0] = 1;
        for (Value op : List.of(list(50, 1), list(51), list(51, list()), list(52, Value.of(flagged)),
                list(53, list(bin, bin, HllOperations.modify(null, list(0, 8, 0, 0)).bin())), list(56, list()))) {
            assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.read(bin, op));
        }
    }

    /** hll_modify_prepare_*: creating without index bits, and refresh or fold of nothing, are refused. */
    @Test
    void prepareRefusals() {
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(null, list(0)));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(null, list(1, list("a"), -1, 8, 0)));
        assertCode(ResultCode.BIN_NOT_FOUND, () -> HllOperations.modify(null, list(3)));
        assertCode(ResultCode.BIN_NOT_FOUND, () -> HllOperations.modify(null, list(4, 4)));
        Value minhash = HllOperations.modify(null, list(0, 8, 8, 0)).bin();
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(minhash, list(4, 4)));
        Value plain = HllOperations.modify(null, list(0, 8, 0, 0)).bin();
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(plain, list(4, -1)));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(plain, list(2, list(minhash, plain,
                HllOperations.modify(null, list(0, 4, 0, 0)).bin()), 0)));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.modify(minhash, list(2, list(plain), 0)));
        assertCode(ResultCode.OP_NOT_APPLICABLE, () -> HllOperations.read(plain, list(53, list(minhash, minhash,
                minhash))));
    }

    /**
     * hmh_estimate_cardinality rounds with llroundl; a sketch whose every register is at its maximum
     * estimates past 2^63, and the server's x86-64 build answers the integer-indefinite value.
     */
    @Test
    void overflowingEstimateIsTheMostNegativeLong() {
        byte[] full = new byte[23];
        full[1] = 4;
        Arrays.fill(full, 11, 23, (byte) 0xff);
        Value bin = new Value.HllValue(full);
        assertThat(HllOperations.read(bin, list(50))).isEqualTo(Value.of(Long.MIN_VALUE));
    }

    /** Similarity of two empty minhash sketches is NaN (hmh_estimate_similarity), their intersect 0. */
    @Test
    void emptyMinhashSketches() {
        Value a = HllOperations.modify(null, list(0, 8, 8, 0)).bin();
        Value similarity = HllOperations.read(a, list(54, list(a)));
        assertThat(((Value.DoubleValue) similarity).value()).isNaN();
        assertThat(HllOperations.read(a, list(53, list(a)))).isEqualTo(Value.of(0L));
    }

    /** Every op code Aerospike defines is served; a code it does not define is PARAMETER_ERROR (hll_state_init). */
    @Test
    void everyAerospikeOpCodeIsServed() {
        Value bin = HllOperations.modify(null, list(1, list("a", "b"), 8, 4, 0)).bin();
        for (Value op : List.of(list(0, -1, -1, 0), list(1, list("c")), list(2, list(bin)), list(3))) {
            assertThat(HllOperations.modify(bin, op).bin()).as(op.toString()).isInstanceOf(Value.HllValue.class);
        }
        Value plain = HllOperations.modify(null, list(0, 8, 0, 0)).bin();
        assertThat(HllOperations.modify(plain, list(4, 4)).bin()).isInstanceOf(Value.HllValue.class);
        for (Value op : List.of(list(50), list(51, list(bin)), list(52, list(bin)), list(53, list(bin)),
                list(54, list(bin)), list(55), list(56, list("a")))) {
            assertThat(HllOperations.read(bin, op)).as(op.toString()).isNotNull();
        }
        for (long code : new long[] {5, 49, 57, -1}) {
            assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.modify(bin, list(code)));
            assertCode(ResultCode.PARAMETER_ERROR, () -> HllOperations.read(bin, list(code)));
        }
    }
}
