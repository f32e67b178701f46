package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.cv;
import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.payload;
import static io.aerolog.core.cdt.CdtSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** List and map operations through the record engine, as the log's commands and the read path carry them. */
class CdtRecordEngineTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test");
    private static final Key KEY = Key.of("test", "s", "k");

    private static Operation op(com.aerospike.client.Operation client) {
        OperationType type = client.type.isWrite ? OperationType.CDT_MODIFY : OperationType.CDT_READ;
        return new Operation(type, client.binName, payload(client));
    }

    private static Outcome apply(Record current, com.aerospike.client.Operation... ops) {
        Operation[] converted = new Operation[ops.length];
        for (int i = 0; i < ops.length; i++) {
            converted[i] = op(ops[i]);
        }
        return RecordEngine.apply(current, Command.of(KEY, WritePolicy.DEFAULT, NOW, converted), NS);
    }

    private static List<Value> results(Outcome o) {
        return o.results().stream().map(OpResult::value).toList();
    }

    @Test
    void aModifyCreatesTheRecordAndEachOperationAnswers() {
        Outcome o = apply(null, ListOperation.append("l", cv(1)), ListOperation.append("l", cv(2)),
                ListOperation.size("l"), MapOperation.put(MapPolicy.Default, "m", cv("a"), cv(1)));
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.WRITE);
        exact(results(o)).containsExactly(v(1), v(2), v(2), v(1));
        exact(o.record().bins().get("l")).isEqualTo(list(1, 2));
        exact(o.record().bins().get("m")).isEqualTo(map("a", 1));
    }

    @Test
    void aRemovalOnAnAbsentRecordFindsNoRecord() {
        // the client's operateMapRemoveByKeyListForNonExistingKey: KEY_NOT_FOUND_ERROR
        Outcome o = apply(null, MapOperation.removeByKeyList("m", List.of(cv("key-1")), MapReturnType.VALUE));
        assertThat(o.resultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void aRefusedOperationRefusesTheWholeCommand() {
        Record record = new Record("s", null, Map.of("l", list(1, 2)), 3, 0, NOW - 1);
        Outcome o = apply(record, ListOperation.append("l", cv(3)), ListOperation.get("l", 9));
        assertThat(o.resultCode()).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(o.effect()).isEqualTo(Effect.NONE);
        assertThat(o.record()).isNull();
    }

    @Test
    void theReadPathServesListAndMapReads() {
        Record record = new Record("s", null, Map.of("l", list(3, 1, 2), "m", map("a", 1, "b", 2)), 3, 0, NOW - 1);
        Outcome o = RecordEngine.read(record, List.of(op(ListOperation.getByRank("l", 0, 7)),
                op(MapOperation.getByKeyRange("m", cv("a"), null, MapReturnType.KEY)),
                op(ListOperation.size("absent"))), null, NOW);
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        exact(results(o)).containsExactly(v(1), list("a", "b"), null);
        Outcome refused = RecordEngine.read(record, List.of(op(MapOperation.size("l"))), null, NOW);
        assertThat(refused.resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR);
    }
}
