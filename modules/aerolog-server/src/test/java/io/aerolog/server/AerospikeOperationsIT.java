package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.exp.ExpWriteFlags;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.BitResizeFlags;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Aerospike's Java client against a real node: bit and HyperLogLog operations, filter expressions on
 * every kind of command, and expression operations, with Aerospike's results and result codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AerospikeOperationsIT {
    private TestNode node;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        client = new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listOperationsWithContextsAndOrders() {
        Key key = new Key("test", "lists", "l");
        client.delete(null, key);
        Record r = client.operate(null, key,
                ListOperation.appendItems(ListPolicy.Default, "l", List.of(Value.get(3), Value.get(1), Value.get(2))),
                ListOperation.append(ListPolicy.Default, "l", Value.get(List.of(10, 20))),
                ListOperation.size("l"));
        assertThat((List<Object>) r.getList("l")).containsExactly(3L, 4L, 4L);
        Record nested = client.operate(null, key,
                ListOperation.append(ListPolicy.Default, "l", Value.get(30), CTX.listIndex(-1)),
                ListOperation.getByIndex("l", -1, ListReturnType.VALUE),
                ListOperation.getByValueRange("l", Value.get(2), Value.get(4), ListReturnType.VALUE));
        List<?> results = nested.getList("l");
        assertThat((List<Object>) results.get(1)).containsExactly(10L, 20L, 30L);
        assertThat((List<Object>) results.get(2)).containsExactly(3L, 2L);
        client.operate(null, key, ListOperation.setOrder("l", ListOrder.ORDERED));
        assertThat((List<Object>) client.get(null, key).getList("l")).as("ordered: sorted in Aerospike's order")
                .containsExactly(1L, 2L, 3L, List.of(10L, 20L, 30L));
        Record removed = client.operate(null, key, ListOperation.removeByRankRange("l", 0, 2, ListReturnType.VALUE
                | ListReturnType.INVERTED));
        assertThat((List<Object>) removed.getList("l")).containsExactly(3L, List.of(10L, 20L, 30L));
        assertThatThrownBy(() -> client.operate(null, key, ListOperation.getByIndex("l", 5, ListReturnType.VALUE)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.OP_NOT_APPLICABLE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapOperationsKeepTheMapsOrder() {
        Key key = new Key("test", "maps", "m");
        client.delete(null, key);
        MapPolicy ordered = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.DEFAULT);
        client.operate(null, key, MapOperation.putItems(ordered, "m", java.util.Map.of(
                Value.get("c"), Value.get(3), Value.get("a"), Value.get(1), Value.get("b"), Value.get(2))));
        Object stored = client.get(null, key).getMap("m");
        assertThat(stored).as("a key-ordered map comes back as the client's ordered map")
                .isInstanceOf(java.util.TreeMap.class);
        assertThat(((java.util.Map<Object, Object>) stored).keySet()).containsExactly("a", "b", "c");
        Record r = client.operate(null, key, MapOperation.getByKey("m", Value.get("b"), MapReturnType.VALUE),
                MapOperation.getByRankRange("m", -2, 2, MapReturnType.KEY), MapOperation.size("m"));
        List<?> results = r.getList("m");
        assertThat(results.get(0)).as("a read-only operate answers the operation, not the bin").isEqualTo(2L);
        assertThat((List<Object>) results.get(1)).containsExactly("b", "c");
        assertThat(results.get(2)).isEqualTo(3L);
        MapPolicy createOnly = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.CREATE_ONLY);
        assertThatThrownBy(() -> client.operate(null, key, MapOperation.put(createOnly, "m", Value.get("a"), Value.get(9))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ELEMENT_EXISTS));
        client.operate(null, key, MapOperation.increment(ordered, "m", Value.get("z"), Value.get(5),
                CTX.mapKeyCreate(Value.get("nested"), MapOrder.KEY_ORDERED)));
        Record deep = client.operate(null, key, MapOperation.getByKey("m", Value.get("z"), MapReturnType.VALUE,
                CTX.mapKey(Value.get("nested"))));
        assertThat(deep.getLong("m")).isEqualTo(5L);
    }

    @Test
    void bitOperationsModifyAndReadABlob() {
        Key key = new Key("test", "bits", "b");
        client.put(null, key, new Bin("b", new byte[] {0x01, 0x42, 0x03, 0x04, 0x05}));
        BitPolicy p = BitPolicy.Default;
        Record r = client.operate(null, key,
                BitOperation.set(p, "b", 1, 7, new byte[] {(byte) 0x80}),
                BitOperation.add(p, "b", 24, 8, 1, false, BitOverflowAction.FAIL),
                BitOperation.get("b", 0, 40),
                BitOperation.count("b", 0, 40),
                BitOperation.lscan("b", 8, 8, true),
                BitOperation.getInt("b", 24, 8, false));
        List<?> results = r.getList("b");
        // set 7 bits at bit 1 to 1000000: byte 0 becomes 0x40; byte 3 (0x04) + 1 = 0x05
        assertThat((byte[]) results.get(2)).containsExactly(0x40, 0x42, 0x03, 0x05, 0x05);
        assertThat(results.get(3)).as("bits set in 40 42 03 05 05").isEqualTo(9L);
        assertThat(results.get(4)).isEqualTo(1L);
        assertThat(results.get(5)).isEqualTo(5L);
        client.operate(null, key, BitOperation.resize(p, "b", 2, BitResizeFlags.SHRINK_ONLY));
        assertThat(client.get(null, key).getValue("b")).isEqualTo(new byte[] {0x40, 0x42});
        assertThatThrownBy(() -> client.operate(null, key, BitOperation.add(p, "b", 0, 8, 255, false,
                BitOverflowAction.FAIL)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.OP_NOT_APPLICABLE));
        client.put(null, key, new Bin("s", "text"));
        assertThatThrownBy(() -> client.operate(null, key, BitOperation.get("s", 0, 8)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hyperLogLogsCountAndUnite() {
        Key a = new Key("test", "hll", "a");
        Key b = new Key("test", "hll", "b");
        List<Value> first = new ArrayList<>();
        List<Value> second = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(Value.get("item-" + i));
            second.add(Value.get("item-" + (i + 500)));
        }
        client.operate(null, a, HLLOperation.add(HLLPolicy.Default, "h", first, 12));
        client.operate(null, b, HLLOperation.add(HLLPolicy.Default, "h", second, 12));
        Record r = client.operate(null, a, HLLOperation.getCount("h"), HLLOperation.describe("h"));
        List<?> results = r.getList("h");
        assertThat((Long) results.get(0)).isBetween(900L, 1100L);
        assertThat((List<Object>) results.get(1)).containsExactly(12L, 0L);
        Record hllB = client.get(null, b);
        Record union = client.operate(null, a, HLLOperation.getUnionCount("h", List.of(hllB.getHLLValue("h"))));
        assertThat(union.getLong("h")).isBetween(1350L, 1650L);
        assertThatThrownBy(() -> client.operate(null, new Key("test", "hll", "c"),
                HLLOperation.init(HLLPolicy.Default, "h", 17)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    @Test
    void aFalseFilterLeavesTheRecordAsItWas() {
        Key key = new Key("test", "filter", "k");
        client.put(null, key, new Bin("age", 30), new Bin("name", "ada"));
        Expression older = Exp.build(Exp.gt(Exp.intBin("age"), Exp.val(40)));
        WritePolicy put = new WritePolicy();
        put.filterExp = older;
        put.failOnFilteredOut = true;
        assertThatThrownBy(() -> client.put(put, key, new Bin("name", "bob")))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FILTERED_OUT));
        assertThatThrownBy(() -> client.delete(put, key))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FILTERED_OUT));
        Policy get = new Policy();
        get.filterExp = older;
        get.failOnFilteredOut = true;
        assertThatThrownBy(() -> client.get(get, key))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FILTERED_OUT));
        get.failOnFilteredOut = false;
        assertThat(client.get(get, key)).as("filtered out, as the client presents it").isNull();
        Record kept = client.get(null, key);
        assertThat(kept.getString("name")).isEqualTo("ada");
        assertThat(kept.generation).isEqualTo(1);

        WritePolicy younger = new WritePolicy();
        younger.filterExp = Exp.build(Exp.lt(Exp.intBin("age"), Exp.val(40)));
        client.put(younger, key, new Bin("name", "cy"));
        assertThat(client.get(null, key).getString("name")).isEqualTo("cy");

        BatchPolicy batch = new BatchPolicy();
        batch.filterExp = older;
        Key other = new Key("test", "filter", "old");
        client.put(null, other, new Bin("age", 50));
        Record[] both = client.get(batch, new Key[] {key, other});
        assertThat(both[0]).as("filtered out of the batch").isNull();
        assertThat(both[1].getInt("age")).isEqualTo(50);
    }

    @Test
    @SuppressWarnings("unchecked")
    void expressionOperationsReadAndWrite() {
        Key key = new Key("test", "exp", "k");
        client.put(null, key, new Bin("a", 7), new Bin("b", 5));
        Expression sum = Exp.build(Exp.add(Exp.intBin("a"), Exp.intBin("b")));
        Record r = client.operate(null, key, ExpOperation.write("c", sum, ExpWriteFlags.DEFAULT),
                ExpOperation.read("ttl", Exp.build(Exp.ttl()), ExpReadFlags.DEFAULT), Operation.get("c"));
        // a result per operation, as Aerospike answers expression operations: the write's is nil
        assertThat((List<Object>) r.getList("c")).containsExactly(null, 12L);
        assertThat(r.getLong("ttl")).isEqualTo(-1L);
        assertThatThrownBy(() -> client.operate(null, key,
                ExpOperation.write("c", sum, ExpWriteFlags.CREATE_ONLY)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.BIN_EXISTS_ERROR));
        Record read = client.operate(null, key, ExpOperation.read("x",
                Exp.build(Exp.mul(Exp.intBin("a"), Exp.val(3))), ExpReadFlags.DEFAULT));
        assertThat(read.getLong("x")).isEqualTo(21L);
    }
}
