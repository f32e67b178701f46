package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;
import io.aerolog.client.AerologClient;
import io.aerolog.client.BatchDelete;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.BatchRead;
import io.aerolog.client.BatchResult;
import io.aerolog.client.BatchWrite;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.client.cdt.CTX;
import io.aerolog.client.cdt.ListOperation;
import io.aerolog.client.cdt.ListOrder;
import io.aerolog.client.cdt.ListReturnType;
import io.aerolog.client.cdt.MapOperation;
import io.aerolog.client.cdt.MapOrder;
import io.aerolog.client.cdt.MapPolicy;
import io.aerolog.client.cdt.MapReturnType;
import io.aerolog.client.operation.BitOperation;
import io.aerolog.client.operation.BitPolicy;
import io.aerolog.client.operation.ExpOperation;
import io.aerolog.client.operation.HLLOperation;
import io.aerolog.client.operation.HLLPolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The Java client's list, map, bit, HyperLogLog and expression operations and its batch operate against one
 * real node on a real broker, over real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClientOperationsIT {
    private static final Policy READ = Policy.DEFAULT.withTotalTimeoutMs(20_000);
    private static final WritePolicy WRITE = WritePolicy.DEFAULT.withTotalTimeoutMs(20_000);
    private TestNode node;
    private AerologClient client;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
        client = AerologClient.connect(ClientPolicy.DEFAULT.withReadPolicyDefault(READ).withWritePolicyDefault(WRITE)
                .withBatchPolicyDefault(BatchPolicy.DEFAULT.withBase(READ)), "http://127.0.0.1:" + node.config.http.port);
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        node.close();
    }

    @Test
    void listAndMapOperations() {
        Key key = Key.of("test", "cops", "lm");
        ClientRecord r = client.operate(null, key,
                ListOperation.appendItems("l", List.of(Value.of(3L), Value.of(1L), Value.of(2L))),
                ListOperation.getByRankRange("l", -2, ListReturnType.VALUE),
                MapOperation.put(MapPolicy.of(MapOrder.KEY_ORDERED, 0), "m", Value.of("b"), Value.of(2L)),
                MapOperation.put(MapPolicy.DEFAULT, "m", Value.of(7L), Value.of("seven")),
                ListOperation.create("m", ListOrder.ORDERED, false, CTX.mapKey(Value.of("x"))),
                ListOperation.append("m", Value.of(5L), CTX.mapKey(Value.of("x"))),
                MapOperation.getByKeyRange("m", Value.of("a"), null, MapReturnType.KEY));
        // a rank range answers in rank order
        assertThat(r.getList("l")).containsExactly(Value.of(3L), Value.ofList(List.of(Value.of(2L), Value.of(3L))));
        // map operations answer a result per operation, nil for those that return nothing (the create)
        assertThat(r.getValue("m")).isEqualTo(Value.ofList(List.of(Value.of(1L), Value.of(2L), Value.NIL, Value.of(1L),
                Value.ofList(List.of(Value.of("b"), Value.of("x"))))));
        ClientRecord read = client.get(null, key, "m");
        assertThat(read.getMap("m")).containsEntry(Value.of("x"), Value.ofList(List.of(Value.of(5L))));

        ClientRecord kv = client.operate(null, key, MapOperation.getByIndexRange("m", 0, 2, MapReturnType.KEY_VALUE));
        assertThat(kv.getValue("m").toString()).contains("7").contains("b");
    }

    @Test
    void bitHyperLogLogAndExpressionOperations() {
        Key key = Key.of("test", "cops", "bhe");
        client.put(null, key, Bin.of("b", new byte[] {0, 0}), Bin.of("n", 20L));
        ClientRecord bits = client.operate(null, key, BitOperation.set(BitPolicy.DEFAULT, "b", 0, 8, new byte[] {(byte) 0xf0}),
                BitOperation.count("b", 0, 16), BitOperation.getInt("b", 0, 8, true));
        assertThat(bits.getValue("b")).isEqualTo(Value.ofList(List.of(Value.NIL, Value.of(4L), Value.of(-16L))));

        ClientRecord hll = client.operate(null, key, HLLOperation.add(HLLPolicy.DEFAULT, "h",
                List.of(Value.of("a"), Value.of("b"), Value.of("c")), 10), HLLOperation.getCount("h"));
        assertThat(hll.getValue("h")).isEqualTo(Value.ofList(List.of(Value.of(3L), Value.of(3L))));
        Value sketch = client.get(null, key, "h").getValue("h");
        assertThat(sketch).isInstanceOf(Value.HllValue.class);
        ClientRecord union = client.operate(null, key, HLLOperation.getUnionCount("h", List.of(sketch)));
        assertThat(union.getLong("h")).isEqualTo(3);

        byte[] doubled = Exp.build(Exp.mul(Exp.intBin("n"), Exp.val(2))).getBytes();
        ClientRecord exp = client.operate(null, key, ExpOperation.read("twice", doubled, 0),
                ExpOperation.write("n", doubled, 0), Operation.read("n"));
        assertThat(exp.getLong("twice")).isEqualTo(40);
        assertThat(exp.getValue("n")).isEqualTo(Value.ofList(List.of(Value.NIL, Value.of(40L))));
    }

    @Test
    void operationsWithoutAnExactJsonFormAreRefusedBeforeSending() {
        Key key = Key.of("test", "cops", "nojson");
        assertThatThrownBy(() -> client.operate(null, key, MapOperation.putItems(MapPolicy.DEFAULT, "m",
                Map.of(Value.of(1L), Value.of("a"))))).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
        assertThat(client.exists(null, key)).isFalse();
        var bad = client.operate(null, key, ListOperation.append("l", Value.of(1L)));
        assertThat(bad.getLong("l")).isEqualTo(1);
        assertThatThrownBy(() -> client.operate(null, key, MapOperation.size("l")))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR));
    }

    @Test
    void batchOperateAnswersEachRecord() {
        Key a = Key.of("test", "cbatch", "a");
        Key b = Key.of("test", "cbatch", "b");
        Key gone = Key.of("test", "cbatch", "gone");
        client.put(null, b, Bin.of("v", 1L), Bin.of("l", Value.ofList(List.of(Value.of(5L), Value.of(6L)))));
        List<BatchResult> results = client.operate(null, List.of(
                BatchWrite.of(a, Operation.write("v", Value.of(10L)), ListOperation.append("l", Value.of("x")),
                        Operation.read("v")),
                BatchRead.operations(b, ListOperation.getByIndex("l", -1, ListReturnType.VALUE), Operation.read("v")),
                BatchRead.bins(b, "v"),
                BatchWrite.of(io.aerolog.core.WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 9), b,
                        Operation.write("v", Value.of(2L))),
                BatchDelete.of(gone),
                BatchRead.all(gone)));
        assertThat(results).hasSize(6);
        assertThat(results.get(0).isOk()).isTrue();
        assertThat(results.get(0).record().getValue("v")).isEqualTo(Value.ofList(List.of(Value.NIL, Value.of(10L))));
        assertThat(results.get(0).consistencyToken()).isNotNull();
        assertThat(results.get(1).record().getLong("l")).isEqualTo(6);
        assertThat(results.get(1).record().getLong("v")).isEqualTo(1);
        assertThat(results.get(2).record().bins()).containsOnlyKeys("v");
        assertThat(results.get(3).code()).isEqualTo(ResultCode.GENERATION_ERROR);
        assertThat(results.get(3).inDoubt()).isFalse();
        assertThat(results.get(4).code()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(results.get(5).code()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(results.get(5).record()).isNull();

        ClientRecord written = client.get(null, a);
        assertThat(written.getLong("v")).isEqualTo(10);
        assertThat(written.getList("l")).containsExactly(Value.of("x"));
        assertThat(client.get(null, b).getLong("v")).as("the failed write applied nothing").isEqualTo(1);

        List<BatchDelete> deletes = new ArrayList<>();
        List<BatchWrite> writes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            writes.add(BatchWrite.of(Key.of("test", "cbatch", "k" + i), Operation.add("n", Value.of((long) i))));
            deletes.add(BatchDelete.of(Key.of("test", "cbatch", "k" + i)));
        }
        List<BatchResult> many = client.operate(BatchPolicy.DEFAULT.withBase(READ).withMaxKeysPerRequest(100), writes);
        assertThat(many).allMatch(BatchResult::isOk);
        assertThat(client.get(null, Key.of("test", "cbatch", "k299")).getLong("n")).isEqualTo(299);
        assertThat(client.operate(null, deletes)).allMatch(BatchResult::isOk);
        assertThat(client.exists(null, Key.of("test", "cbatch", "k7"))).isFalse();
    }
}
