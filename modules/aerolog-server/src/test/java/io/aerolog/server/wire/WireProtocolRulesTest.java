package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * "Never silently wrong", walked over the whole protocol: every field type 0-255 and every operation type 0-255 a
 * message can carry is either served or refused, with UNSUPPORTED_FEATURE for what Aerospike has and Aerolog does not
 * serve, PARAMETER_ERROR for what Aerospike's protocol does not have ({@code as/include/base/proto.h} of Aerospike's
 * server 8.1: AS_MSG_FIELD_TYPE_* and AS_MSG_OP_*). A new type that the parser started to accept without a decision
 * fails here.
 */
class WireProtocolRulesTest {
    /** The field types of Aerospike's protocol (proto.h). */
    private static final Set<Integer> AEROSPIKE_FIELDS = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 21,
            22, 23, 24, 26, 30, 31, 32, 33, 40, 41, 42, 43);
    /**
     * Those a single-record request or a batch of Aerolog serves: namespace, set, key, digest, socket timeout, a
     * record UDF's package, function and arguments, batch, filter.
     */
    private static final Set<Integer> SERVED_FIELDS = Set.of(0, 1, 2, 4, 9, 30, 31, 32, 41, 42, 43);
    /**
     * Aerospike's fields that only a scan or query carries (the UDF_OP of background UDF jobs among them): served in
     * one ({@link ScanMessage}, which reads a UDF over a scan or query as a job), misplaced in a message with a key. An
     * expression index's field (24) is refused in both (UNSUPPORTED_FEATURE).
     */
    private static final Set<Integer> SCAN_FIELDS = Set.of(7, 10, 11, 12, 13, 15, 21, 22, 23, 26, 33, 40);
    /** Aerospike's operation types (proto.h) and what each becomes. */
    private static final Map<Integer, OperationType> AEROSPIKE_OPS = Map.ofEntries(
            Map.entry(1, OperationType.READ), Map.entry(2, OperationType.WRITE), Map.entry(3, OperationType.CDT_READ),
            Map.entry(4, OperationType.CDT_MODIFY), Map.entry(5, OperationType.ADD), Map.entry(7, OperationType.EXP_READ),
            Map.entry(8, OperationType.EXP_MODIFY), Map.entry(9, OperationType.APPEND),
            Map.entry(10, OperationType.PREPEND), Map.entry(11, OperationType.TOUCH),
            Map.entry(12, OperationType.BIT_READ), Map.entry(13, OperationType.BIT_MODIFY),
            Map.entry(14, OperationType.DELETE), Map.entry(15, OperationType.HLL_READ),
            Map.entry(16, OperationType.HLL_MODIFY));

    /** The data a field of {@code type} carries in a well-formed message (a digest is 20 bytes). */
    private static byte[] dataOf(int type) {
        return switch (type) {
            case Request.FIELD_DIGEST -> new byte[20];
            case Request.FIELD_KEY -> new byte[] {Particles.STRING, 'k'};
            default -> new byte[] {'x'};
        };
    }

    /** What a message with a field of {@code type} gets: null when served, else the refusal's code. */
    private static ResultCode fieldOutcome(int type) {
        List<WireFrames.Field> fields = new ArrayList<>();
        fields.add(WireFrames.Field.text(Request.FIELD_NAMESPACE, "test"));
        if (type != Request.FIELD_NAMESPACE) {
            fields.add(new WireFrames.Field(type, dataOf(type)));
        }
        byte[] body = WireFrames.message(Request.INFO1_READ | Request.INFO1_GET_ALL, 0, 0, 0, fields, List.of());
        try {
            Commands.checkServed(Request.parse(body, 0, body.length));
            return null;
        } catch (AerologException e) {
            return e.resultCode();
        }
    }

    @Test
    void everyFieldTypeIsServedOrRefusedWithItsCode() {
        Map<Integer, ResultCode> refused = new TreeMap<>();
        Set<Integer> served = new TreeSet<>();
        for (int type = 0; type <= 255; type++) {
            ResultCode outcome = fieldOutcome(type);
            if (outcome == null) {
                served.add(type);
            } else {
                refused.put(type, outcome);
            }
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(SERVED_FIELDS);
        refused.forEach((type, code) -> assertThat(code).as("field type %d", type)
                .isEqualTo(AEROSPIKE_FIELDS.contains(type) && !SCAN_FIELDS.contains(type) ? ResultCode.UNSUPPORTED_FEATURE
                        : ResultCode.PARAMETER_ERROR));
        assertThat(refused).hasSize(256 - SERVED_FIELDS.size());
        for (int type : SCAN_FIELDS) {
            List<WireFrames.Field> fields = List.of(WireFrames.Field.text(Request.FIELD_NAMESPACE, "test"),
                    new WireFrames.Field(type, dataOf(type)));
            byte[] body = WireFrames.message(Request.INFO1_READ, 0, 0, 0, fields, List.of());
            Request scan = Request.parse(body, 0, body.length);
            assertThat(scan.otherFields()).as("field type %d", type).contains(type);
            Commands.checkServed(scan, true);
        }
    }

    /** An operation of {@code type} with a blob holding a msgpack list, as clients send payload operations. */
    private static Request.Op op(int type, String bin) {
        byte[] buf = {(byte) 0x91, 0x10};
        return new Request.Op(type, Particles.BLOB, bin, buf, 0, buf.length);
    }

    @Test
    void everyOperationTypeIsServedOrRefusedAsAParameterError() {
        for (int type = 0; type <= 255; type++) {
            OperationType expected = AEROSPIKE_OPS.get(type);
            int t = type;
            if (expected == null) {
                assertThatThrownBy(() -> Commands.operation(op(t, "b"), false)).as("operation type %d", type)
                        .isInstanceOfSatisfying(AerologException.class,
                                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
                continue;
            }
            Operation served = Commands.operation(op(type, "b"), false);
            assertThat(served.type()).as("operation type %d", type).isEqualTo(expected);
        }
    }

    @Test
    void aPayloadOperationWithoutABinOrNotAsABlobIsAParameterError() {
        for (int type : AEROSPIKE_OPS.keySet()) {
            OperationType t = AEROSPIKE_OPS.get(type);
            boolean needsBin = t != OperationType.READ && t != OperationType.TOUCH && t != OperationType.DELETE;
            if (needsBin) {
                assertThatThrownBy(() -> Commands.operation(op(type, null), false)).as("type %d without a bin", type)
                        .isInstanceOfSatisfying(AerologException.class,
                                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
            }
            boolean payload = t.name().startsWith("CDT") || t.name().startsWith("BIT") || t.name().startsWith("HLL")
                    || t.name().startsWith("EXP");
            if (payload) {
                byte[] buf = {1};
                assertThatThrownBy(() -> Commands.operation(new Request.Op(type, Particles.STRING, "b", buf, 0, 1),
                        false)).as("type %d as a string", type).isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
            }
        }
    }

    @Test
    void transactionsAndXdrAreUnsupportedFeatures() {
        for (int info4 = 1; info4 <= 255; info4++) {
            byte[] body = WireFrames.message(Request.INFO1_READ, 0, 0, info4,
                    List.of(WireFrames.Field.text(Request.FIELD_NAMESPACE, "test")), List.of());
            Request r = Request.parse(body, 0, body.length);
            assertThatThrownBy(() -> Commands.checkServed(r)).as("info4 %d", info4)
                    .isInstanceOfSatisfying(AerologException.class,
                            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
        }
        byte[] xdr = WireFrames.message(Request.INFO1_READ | Request.INFO1_XDR, Request.INFO2_WRITE, 0, 0,
                List.of(WireFrames.Field.text(Request.FIELD_NAMESPACE, "test")), List.of());
        assertThatThrownBy(() -> Commands.checkServed(Request.parse(xdr, 0, xdr.length)))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
    }
}
