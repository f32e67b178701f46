package io.aerolog.core.hll;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HLL operations as the record engine runs them: the stored sketch is the server's bytes. */
class HllThroughRecordEngineTest {
    private static final Key KEY = Key.of("test", "s", "k");
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test");

    private static Operation op(OperationType type, com.aerospike.client.Operation op) {
        return new Operation(type, op.binName, HllRecord.wire(op));
    }

    @Test
    void operateStoresTheServersSketch() {
        Outcome outcome = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, 1_000,
                op(OperationType.HLL_MODIFY, HLLOperation.init(HLLPolicy.Default, "h", 4, 0)),
                op(OperationType.HLL_MODIFY, HLLOperation.add(HLLPolicy.Default, "h", List.of(
                        com.aerospike.client.Value.get("apple"), com.aerospike.client.Value.get(42),
                        com.aerospike.client.Value.get(new byte[] {1, 2}), com.aerospike.client.Value.get(1.5),
                        com.aerospike.client.Value.get(true), com.aerospike.client.Value.getAsNull()))),
                op(OperationType.HLL_MODIFY, HLLOperation.refreshCount("h")),
                op(OperationType.HLL_READ, HLLOperation.describe("h"))), NS);
        assertThat(outcome.isOk()).as(outcome.message()).isTrue();
        assertThat(outcome.record().bins()).containsEntry("h", new Value.HllValue(
                HexFormat.of().parseHex("0004000400000000000000006000000002002000000005")));
        assertThat(outcome.results()).containsExactly(new OpResult("h", null), new OpResult("h", Value.of(5L)),
                new OpResult("h", Value.of(4L)),
                new OpResult("h", new Value.ListValue(List.of(Value.of(4L), Value.of(0L)))));
    }

    @Test
    void anHllOperationOnAnotherTypeIsBinTypeError() {
        Outcome created = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, 1_000,
                io.aerolog.core.Operation.write("h", Value.of("text"))), NS);
        Outcome refused = RecordEngine.apply(created.record(), Command.of(KEY, WritePolicy.DEFAULT, 2_000,
                op(OperationType.HLL_MODIFY, HLLOperation.init(HLLPolicy.Default, "h", 8))), NS);
        assertThat(refused.resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR);
    }
}
