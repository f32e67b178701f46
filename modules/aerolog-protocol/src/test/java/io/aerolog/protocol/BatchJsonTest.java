package io.aerolog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.OpResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's batch records read and written, their answers, and how operate answers are shaped per bin. */
class BatchJsonTest {
    private static final ObjectMapper JSON = JsonValues.mapper();
    private static final String KEY = "'key':{'namespace':'test','setName':'s','userKey':'k'}";
    private static final Value FILTER = Value.of(new byte[] {(byte) 0x93, 1, 2});

    @Test
    void readsEachKindOfItemWithItsPolicy() throws Exception {
        BatchJson.Item read = item("{" + KEY + ",'binNames':['a','b']}", null);
        assertThat(read.kind()).isEqualTo(BatchJson.Kind.READ);
        assertThat(read.key()).isEqualTo(Key.of("test", "s", "k"));
        assertThat(read.binNames()).containsExactly("a", "b");
        assertThat(item("{'type':'READ'," + KEY + ",'readAllBins':true}", null).binNames()).isNull();
        assertThat(item("{" + KEY + "}", null).binNames()).as("nothing named reads all bins").isNull();
        BatchJson.Item ops = item("{'type':'READ'," + KEY + ",'opsList':[{'type':'LIST_SIZE','binName':'l'}],"
                + "'policy':{'readModeAP':'ALL'}}", FILTER);
        assertThat(ops.operations()).singleElement().extracting(Operation::type).isEqualTo(OperationType.CDT_READ);
        assertThat(ops.filter()).as("the batch's filter").isEqualTo(FILTER);

        BatchJson.Item write = item("{'type':'WRITE'," + KEY + ",'opsList':[{'type':'ADD','binName':'n','incr':1}],"
                + "'policy':{'recordExistsAction':'CREATE_ONLY','generationPolicy':'EXPECT_GEN_GT','generation':4,"
                + "'expiration':60,'durableDelete':true,'sendKey':true,'commitLevel':'COMMIT_MASTER','filterExp':'kxSTUQ=='}}",
                FILTER);
        assertThat(write.policy()).isEqualTo(new WritePolicy(RecordExistsAction.CREATE_ONLY, GenerationPolicy.EXPECT_GEN_GT,
                4, 60, true, true));
        assertThat(write.filter()).as("the item's own filter").isEqualTo(Value.of(new byte[] {(byte) 0x93, 0x14,
                (byte) 0x93, 0x51}));
        BatchJson.Item delete = item("{'type':'delete'," + KEY + ",'policy':{'generationPolicy':'EXPECT_GEN_EQUAL',"
                + "'generation':2}}", null);
        assertThat(delete.kind()).isEqualTo(BatchJson.Kind.DELETE);
        assertThat(delete.policy().generation()).isEqualTo(2);
        BatchJson.Item udf = item("{'type':'UDF'," + KEY + ",'packageName':'counter','functionName':'incr',"
                + "'functionArgs':['n',2],'policy':{'expiration':60,'sendKey':true}}", null);
        assertThat(udf.kind()).isEqualTo(BatchJson.Kind.UDF);
        assertThat(udf.writes()).isTrue();
        assertThat(udf.udf()).isEqualTo(new BatchJson.Udf("counter", "incr", List.of(Value.of("n"), Value.of(2L))));
        assertThat(udf.policy().expiration()).isEqualTo(60);
        assertThat(udf.policy().sendKey()).isTrue();
    }

    @Test
    void refusesWhatAnItemCannotBe() {
        assertRefused("{'type':'UDF'," + KEY + ",'functionName':'f'}", ResultCode.PARAMETER_ERROR, "packageName");
        assertRefused("{'type':'UDF'," + KEY + ",'packageName':'p','functionArgs':[1]}", ResultCode.PARAMETER_ERROR,
                "functionName");
        assertRefused("{'type':'UDF'," + KEY + ",'packageName':'p','functionName':'f','functionArgs':3}",
                ResultCode.PARAMETER_ERROR, "functionArgs");
        assertRefused("{'type':'WRITE'," + KEY + "}", ResultCode.PARAMETER_ERROR, "opsList");
        assertRefused("{'type':'READ'," + KEY + ",'opsList':[{'type':'PUT','binName':'a','value':1}]}",
                ResultCode.PARAMETER_ERROR, "reads only");
        assertRefused("{'type':'DELETE'," + KEY + ",'policy':{'expiration':5}}", ResultCode.PARAMETER_ERROR,
                "'expiration' is not a field");
        assertRefused("{'type':'WRITE'," + KEY + ",'opsList':[{'type':'TOUCH'}],'policy':{'onLockingOnly':true}}",
                ResultCode.UNSUPPORTED_FEATURE, "transactions");
        assertRefused("{'type':'WRITE'," + KEY + ",'opsList':[{'type':'TOUCH'}],'policy':{'generationPolicy':"
                + "'EXPECT_GEN_EQUAL'}}", ResultCode.PARAMETER_ERROR, "needs the expected");
        assertRefused("{'type':'FLY'," + KEY + "}", ResultCode.PARAMETER_ERROR, "'FLY' is not one of");
        assertRefused("{'type':'READ','key':{'setName':'s','userKey':'k'}}", ResultCode.PARAMETER_ERROR, "namespace");
        assertRefused("{'type':'READ'," + KEY + ",'bins':['a']}", ResultCode.PARAMETER_ERROR, "'bins' is not a field");
        String touches = ",{'type':'TOUCH'}".repeat(OperationJson.MAX_OPERATIONS);
        assertRefused("{'type':'WRITE'," + KEY + ",'opsList':[{'type':'TOUCH'}" + touches + "]}", ResultCode.PARAMETER_ERROR,
                "at most 1000 operations");
    }

    @Test
    void writesItemsThatReadBackTheSame() {
        Key key = Key.of("test", "s", 7L);
        List<BatchJson.Item> items = List.of(BatchJson.Item.read(key, null), BatchJson.Item.read(key, List.of("a")),
                BatchJson.Item.readOperations(key, List.of(Operation.read("a"))),
                BatchJson.Item.write(key, WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 3)
                        .withExpiration(-1).withRecordExistsAction(RecordExistsAction.REPLACE), List.of(Operation.touch())),
                BatchJson.Item.delete(key, WritePolicy.DEFAULT.withDurableDelete(true)).withFilter(FILTER),
                BatchJson.Item.udf(key, WritePolicy.DEFAULT.withExpiration(30), new BatchJson.Udf("counter", "incr",
                        List.of(Value.of("n"), Value.of(1L)))));
        for (BatchJson.Item item : items) {
            assertThat(BatchJson.fromJson(BatchJson.toJson(item), "item", null)).isEqualTo(item);
        }
    }

    @Test
    void answersCarryCodeNameRecordAndDoubt() {
        JsonNode key = KeyJson.toJson(Key.of("test", "s", "k"));
        JsonNode ok = BatchJson.resultJson(key, 0, null, RecordJson.toJson(java.util.Map.of("a", Value.of(1L)), 2, -1),
                false, "3:9");
        assertThat(ok.get("resultCodeString").asText()).isEqualTo("OK");
        BatchJson.Result r = BatchJson.result(ok, "r");
        assertThat(r.isOk()).isTrue();
        assertThat(r.record().bins()).containsEntry("a", Value.of(1L));
        assertThat(r.consistencyToken()).isEqualTo("3:9");
        JsonNode failed = BatchJson.failure(key, new AerologException(ResultCode.TIMEOUT, "late", true, null));
        assertThat(failed.get("resultCodeString").asText()).isEqualTo("TIMEOUT");
        assertThat(BatchJson.result(failed, "f").inDoubt()).isTrue();
        assertThat(BatchJson.result(failed, "f").record()).isNull();
        assertThat(BatchJson.resultJson(key, BatchJson.NO_RESPONSE, "skipped", null, false, null)
                .get("resultCodeString").asText()).isEqualTo("NO_RESPONSE");
    }

    @Test
    void operateAnswersAResultPerOperationWhereTheClientAsks() {
        Operation listOp = new Operation(OperationType.CDT_READ, "l", Value.ofList(List.of(Value.of(16L))));
        Operation mapOp = new Operation(OperationType.CDT_READ, "m", Value.ofList(List.of(Value.of(96L))));
        Operation bitOp = new Operation(OperationType.BIT_READ, "b", Value.ofList(List.of(Value.of(50L))));
        assertThat(OperateResults.respondAllOps(List.of(listOp, Operation.write("a", Value.of(1L))), false)).isFalse();
        assertThat(OperateResults.respondAllOps(List.of(listOp, mapOp), false)).isTrue();
        assertThat(OperateResults.respondAllOps(List.of(bitOp), false)).isTrue();
        assertThat(OperateResults.respondAllOps(List.of(listOp), true)).isTrue();
        assertThat(OperateResults.respondAllOps(List.of(bitOp, Operation.readAll()), true)).as("reading all bins").isFalse();
        assertThat(OperateResults.respondAllOpsOfBatchWrite(List.of(Operation.touch()))).isTrue();

        List<OpResult> results = List.of(new OpResult("a", null), new OpResult("a", Value.of(2L)), new OpResult("b",
                Value.of(3L)), new OpResult(null, null));
        assertThat(OperateResults.bins(results, true)).containsExactly(
                java.util.Map.entry("a", Value.ofList(List.of(Value.NIL, Value.of(2L)))), java.util.Map.entry("b",
                        Value.of(3L)));
        assertThat(OperateResults.bins(results, false)).containsExactly(java.util.Map.entry("a", Value.of(2L)),
                java.util.Map.entry("b", Value.of(3L)));
    }

    private static BatchJson.Item item(String json, Value batchFilter) throws Exception {
        return BatchJson.fromJson(JSON.readTree(json.replace('\'', '"')), "item", batchFilter);
    }

    private static void assertRefused(String json, ResultCode code, String text) {
        assertThatThrownBy(() -> item(json, null)).isInstanceOfSatisfying(AerologException.class, e -> {
            assertThat(e.resultCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(text);
        });
    }
}
