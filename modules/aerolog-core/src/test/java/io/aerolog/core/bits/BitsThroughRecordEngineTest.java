package io.aerolog.core.bits;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bit operations as the record engine runs them in an operate: created, changed, read, refused whole. */
class BitsThroughRecordEngineTest {
    private static final Key KEY = Key.of("test", "s", "k");
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test");

    private static Operation modify(com.aerospike.client.Operation op) {
        return new Operation(OperationType.BIT_MODIFY, op.binName, BitRecord.wire(op));
    }

    private static Operation read(com.aerospike.client.Operation op) {
        return new Operation(OperationType.BIT_READ, op.binName, BitRecord.wire(op));
    }

    @Test
    void operateCreatesChangesAndReadsABlob() {
        Outcome outcome = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, 1_000,
                modify(BitOperation.resize(BitPolicy.Default, "b", 4, 0)),
                modify(BitOperation.setInt(BitPolicy.Default, "b", 0, 8, 0x7f)),
                read(BitOperation.getInt("b", 0, 8, true)),
                read(BitOperation.count("b", 0, 32))), NS);
        assertThat(outcome.isOk()).as(outcome.message()).isTrue();
        assertThat(outcome.record().bins()).containsEntry("b", new Value.BytesValue(new byte[] {0x7f, 0, 0, 0}));
        assertThat(outcome.results()).containsExactly(new OpResult("b", null), new OpResult("b", null),
                new OpResult("b", Value.of(127L)), new OpResult("b", Value.of(7L)));
    }

    @Test
    void anOverflowRefusesTheWholeCommand() {
        Outcome created = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, 1_000,
                modify(BitOperation.resize(BitPolicy.Default, "b", 1, 0))), NS);
        Outcome refused = RecordEngine.apply(created.record(), Command.of(KEY, WritePolicy.DEFAULT, 2_000,
                modify(BitOperation.setInt(BitPolicy.Default, "b", 0, 8, 0xff)),
                modify(BitOperation.add(BitPolicy.Default, "b", 0, 8, 1, false, BitOverflowAction.FAIL))), NS);
        assertThat(refused.resultCode()).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void aBlobOverTheNamespacesRecordSizeIsRecordTooBig() {
        Outcome outcome = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, 1_000,
                modify(BitOperation.resize(BitPolicy.Default, "b", 2 * 1024 * 1024, 0))), NS);
        assertThat(outcome.resultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG);
    }

    @Test
    void readPathAnswersAbsentBinsWithNothing() {
        Outcome outcome = RecordEngine.read(null, List.of(read(BitOperation.get("b", 0, 8))), null, 1_000);
        assertThat(outcome.results()).allSatisfy(r -> assertThat(r.value()).isNull());
    }
}
