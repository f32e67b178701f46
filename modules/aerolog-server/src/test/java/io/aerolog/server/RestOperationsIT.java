package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The REST gateway's operations and batches over real HTTP against a real node (a Kafka broker, Kafka
 * Streams over RocksDB): each family of operations in both JSON forms, filter and expression operations
 * with expressions built by Aerospike's client, batches of reads, writes and deletes with a result per
 * key, and refusals with Aerospike's codes and statuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestOperationsIT {
    private TestNode node;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private TestNode.Response operate(String path, String ops) throws Exception {
        return node.post(path, ops.replace('\'', '"'));
    }

    @Test
    void listOperationsInBothForms() throws Exception {
        assertThat(node.post("/v1/kvs/test/ops/list", "{\"l\": [5, 3, 1]}").status()).isEqualTo(201);
        var r = operate("/v1/operate/test/ops/list", "["
                + "{'operation':'LIST_APPEND','opValues':{'bin':'l','value':4}},"
                + "{'type':'LIST_APPEND_ITEMS','binName':'l','values':[9,2],'listPolicy':{'writeFlags':['ADD_UNIQUE','NO_FAIL','PARTIAL']}},"
                + "{'type':'LIST_GET_BY_RANK_RANGE','binName':'l','rank':-2,'listReturnType':'VALUE'},"
                + "{'type':'LIST_SIZE','binName':'l'}]");
        assertThat(r.status()).isEqualTo(200);
        // a bin returned by several operations answers their values in order
        assertThat(r.body().get("bins").get("l").toString()).isEqualTo("[4,6,[5,9],6]");
        assertThat(r.body().get("generation").asInt()).isEqualTo(2);
        assertThat(node.get("/v1/kvs/test/ops/list").body().get("bins").get("l").toString()).isEqualTo("[5,3,1,4,9,2]");

        var nested = operate("/v1/operate/test/ops/list", "["
                + "{'type':'LIST_CREATE','binName':'n','order':'ORDERED','ctx':[{'type':'mapKeyCreate','key':'scores'}]},"
                + "{'type':'LIST_APPEND_ITEMS','binName':'n','values':[30,10,20],'ctx':[{'type':'mapKey','key':'scores'}]},"
                + "{'type':'LIST_GET_BY_INDEX','binName':'n','index':0,'listReturnType':'VALUE','ctx':[{'type':'mapKey','key':'scores'}]}]");
        assertThat(nested.status()).isEqualTo(200);
        assertThat(nested.body().get("bins").get("n").toString()).isEqualTo("[3,10]");
        assertThat(node.get("/v1/kvs/test/ops/list?recordBins=n").body().get("bins").toString())
                .isEqualTo("{\"n\":{\"scores\":[10,20,30]}}");

        var removed = operate("/v1/operate/test/ops/list", "[{'type':'LIST_REMOVE_BY_VALUE_RANGE','binName':'l',"
                + "'valueBegin':3,'valueEnd':6,'listReturnType':'VALUE','inverted':true}]");
        assertThat(removed.body().get("bins").get("l").toString()).isEqualTo("[1,9,2]");
        assertThat(node.get("/v1/kvs/test/ops/list").body().get("bins").get("l").toString()).isEqualTo("[5,3,4]");
    }

    @Test
    void mapOperationsAndAReadOnlyOperateIsARead() throws Exception {
        var put = operate("/v1/operate/test/ops/map", "["
                + "{'type':'MAP_PUT_ITEMS','binName':'m','map':{'b':2,'a':1,'c':3},'mapPolicy':{'order':'KEY_ORDERED'}},"
                + "{'type':'MAP_INCREMENT','binName':'m','key':'a','incr':10},"
                + "{'operation':'MAP_REMOVE_BY_KEY_LIST','opValues':{'bin':'m','keys':['c'],'mapReturnType':'VALUE'}}]");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("bins").get("m").toString()).isEqualTo("[3,11,[3]]");
        String token = put.body().get("consistencyToken").asText();

        var read = operate("/v2/operate/test/ops/map?consistencyToken=" + token, "{'opsList':["
                + "{'type':'MAP_GET_BY_INDEX_RANGE','binName':'m','index':0,'mapReturnType':'KEY_VALUE'},"
                + "{'type':'MAP_GET_BY_VALUE','binName':'m','value':2,'mapReturnType':'KEY'}]}");
        assertThat(read.status()).isEqualTo(200);
        // the typed form answers {"record": ...}; a KEY_VALUE result is a list of entries in key order
        assertThat(read.body().get("record").get("bins").get("m").toString()).isEqualTo("[[{\"a\":11},{\"b\":2}],[\"b\"]]");
        assertThat(read.body().get("record").has("consistencyToken")).as("a read-only operate is a read").isFalse();
        assertThat(node.get("/v1/kvs/test/ops/map").body().get("generation").asInt()).isEqualTo(1);
    }

    @Test
    void bitOperations() throws Exception {
        assertThat(node.post("/v1/kvs/test/ops/bits", "{\"b\": {\"$bytes\": \"AAAA\"}}").status()).isEqualTo(201);
        var r = operate("/v1/operate/test/ops/bits", "["
                + "{'type':'BIT_SET','binName':'b','bitOffset':0,'bitSize':8,'value':'/w=='},"
                + "{'type':'BIT_ADD','binName':'b','bitOffset':16,'bitSize':8,'value':7},"
                + "{'type':'BIT_COUNT','binName':'b','bitOffset':0,'bitSize':24},"
                + "{'operation':'BIT_GET','opValues':{'bin':'b','bitOffset':0,'bitSize':24}}]");
        assertThat(r.status()).isEqualTo(200);
        // bit operations answer a result per operation (Aerospike's client asks so): nil for the writes
        assertThat(r.body().get("bins").get("b").toString()).isEqualTo("[null,null,11,{\"$bytes\":\"/wAH\"}]");

        var overflow = operate("/v1/operate/test/ops/bits", "[{'type':'BIT_ADD','binName':'b','bitOffset':0,"
                + "'bitSize':8,'value':1,'action':'FAIL'}]");
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.resultCode()).isEqualTo(26);
        assertThat(overflow.body().get("name").asText()).isEqualTo("OP_NOT_APPLICABLE");
        var wrapped = operate("/v1/operate/test/ops/bits", "[{'type':'BIT_ADD','binName':'b','bitOffset':0,"
                + "'bitSize':8,'value':1,'action':'WRAP'},{'type':'BIT_GET_INT','binName':'b','bitOffset':0,'bitSize':8}]");
        assertThat(wrapped.body().get("bins").get("b").toString()).isEqualTo("[null,0]");
    }

    @Test
    void hyperLogLogOperations() throws Exception {
        var a = operate("/v1/operate/test/ops/hll", "["
                + "{'type':'HLL_INIT','binName':'h','indexBitCount':8},"
                + "{'type':'HLL_ADD','binName':'h','values':['a','b','c',1,2]},"
                + "{'type':'HLL_COUNT','binName':'h'},{'operation':'HLL_DESCRIBE','opValues':{'bin':'h'}}]");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("bins").get("h").toString()).isEqualTo("[null,5,5,[8,0]]");

        operate("/v1/operate/test/ops/hll2", "[{'type':'HLL_ADD','binName':'h','values':['c','d'],'indexBitCount':8}]");
        String other = node.get("/v1/kvs/test/ops/hll2").body().get("bins").get("h").get("$hll").asText();
        var union = operate("/v1/operate/test/ops/hll", "[{'type':'HLL_UNION_COUNT','binName':'h','values':['"
                + other + "']},{'type':'HLL_SET_UNION','binName':'h','values':['" + other + "']},"
                + "{'type':'HLL_COUNT','binName':'h'}]");
        assertThat(union.status()).isEqualTo(200);
        assertThat(union.body().get("bins").get("h").toString()).isEqualTo("[6,null,6]");
    }

    @Test
    void filterExpressionsOnReadsWritesAndOperate() throws Exception {
        node.post("/v1/kvs/test/ops/f", "{\"age\": 30, \"name\": \"ada\"}");
        String adult = b64(Exp.build(Exp.ge(Exp.intBin("age"), Exp.val(18))));
        String child = b64(Exp.build(Exp.lt(Exp.intBin("age"), Exp.val(18))));

        assertThat(node.get("/v1/kvs/test/ops/f?filterexp=" + adult).status()).isEqualTo(200);
        var filtered = node.get("/v1/kvs/test/ops/f?filterexp=" + child);
        assertThat(filtered.status()).isEqualTo(403);
        assertThat(filtered.resultCode()).isEqualTo(27);
        assertThat(filtered.body().get("name").asText()).isEqualTo("FILTERED_OUT");
        var head = node.head("/v1/kvs/test/ops/f?filterexp=" + child);
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.headers().firstValue("X-Aerolog-Result-Code")).contains("27");

        assertThat(node.patch("/v1/kvs/test/ops/f?filterexp=" + child, "{\"age\": 1}").status()).isEqualTo(403);
        assertThat(node.patch("/v1/kvs/test/ops/f?filterexp=" + adult, "{\"age\": 31}").status()).isEqualTo(200);
        var op = operate("/v1/operate/test/ops/f?filterexp=" + child, "[{'type':'ADD','binName':'age','incr':1}]");
        assertThat(op.resultCode()).isEqualTo(27);
        var readOp = operate("/v1/operate/test/ops/f?filterexp=" + child, "[{'type':'READ','binName':'age'}]");
        assertThat(readOp.resultCode()).isEqualTo(27);
        assertThat(node.delete("/v1/kvs/test/ops/f?filterexp=" + child).status()).isEqualTo(403);
        assertThat(node.get("/v1/kvs/test/ops/f").body().get("bins").get("age").asInt()).isEqualTo(31);

        String older = Exp.build(Exp.add(Exp.intBin("age"), Exp.val(10))).getBase64();
        var exp = operate("/v1/operate/test/ops/f", "[{'type':'EXP_READ','binName':'later','expression':'" + older + "'},"
                + "{'type':'EXP_WRITE','binName':'age10','expression':'" + older + "'},{'type':'READ','binName':'age10'}]");
        assertThat(exp.status()).isEqualTo(200);
        assertThat(exp.body().get("bins").get("later").asInt()).isEqualTo(41);
        assertThat(exp.body().get("bins").get("age10").toString()).isEqualTo("[null,41]");

        var dsl = node.get("/v1/kvs/test/ops/f?filterexp=" + URLEncoder.encode("$.age > 5", StandardCharsets.UTF_8));
        assertThat(dsl.status()).isEqualTo(501);
        assertThat(dsl.resultCode()).isEqualTo(16);
    }

    @Test
    void refusalsCarryAerospikesCodes() throws Exception {
        node.post("/v1/kvs/test/ops/e", "{\"s\": \"text\", \"l\": [1]}");
        var typo = operate("/v1/operate/test/ops/e", "[{'type':'LIST_APPEND','binName':'l','value':1,'listpolicy':{}}]");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.resultCode()).isEqualTo(4);
        assertThat(typo.body().get("message").asText()).contains("'listpolicy' is not a field");
        var wrongType = operate("/v1/operate/test/ops/e", "[{'type':'LIST_APPEND','binName':'s','value':1}]");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.resultCode()).isEqualTo(12);
        var unknown = operate("/v1/operate/test/ops/e", "[{'type':'LIST_FLY','binName':'l'}]");
        assertThat(unknown.resultCode()).isEqualTo(4);
        var nothingApplied = operate("/v1/operate/test/ops/e", "[{'type':'LIST_APPEND','binName':'l','value':2},"
                + "{'type':'MAP_SIZE','binName':'l'}]");
        assertThat(nothingApplied.resultCode()).isEqualTo(12);
        assertThat(node.get("/v1/kvs/test/ops/e").body().get("bins").get("l").toString()).isEqualTo("[1]");
        var missing = operate("/v1/operate/test/ops/nobody", "[{'type':'LIST_SIZE','binName':'l'}]");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.resultCode()).isEqualTo(2);
    }

    @Test
    void batchesOfReadsWritesAndDeletesAnswerPerKey() throws Exception {
        node.post("/v1/kvs/test/batch/r1", "{\"v\": 1, \"l\": [3, 1, 2]}");
        node.post("/v1/kvs/test/batch/d1", "{\"v\": 1}");
        String k = "{'namespace':'test','setName':'batch','userKey':'%s'}";
        var r = node.post("/v1/batch", ("["
                + "{'type':'WRITE','key':" + k.formatted("w1") + ",'opsList':[{'type':'PUT','binName':'v','value':7},"
                + "{'type':'LIST_APPEND','binName':'l','value':'x'},{'type':'READ','binName':'v'}]},"
                + "{'type':'READ','key':" + k.formatted("r1") + ",'opsList':[{'type':'LIST_GET_BY_RANK','binName':'l',"
                + "'rank':0,'listReturnType':'VALUE'},{'type':'READ','binName':'v'}]},"
                + "{'type':'READ','key':" + k.formatted("r1") + ",'binNames':['v']},"
                + "{'type':'DELETE','key':" + k.formatted("d1") + "},"
                + "{'type':'DELETE','key':" + k.formatted("gone") + "},"
                + "{'type':'WRITE','key':" + k.formatted("r1") + ",'opsList':[{'type':'PUT','binName':'v','value':9}],"
                + "'policy':{'generationPolicy':'EXPECT_GEN_EQUAL','generation':5}},"
                + "{'type':'WRITE','key':" + k.formatted("c1") + ",'opsList':[{'type':'PUT','binName':'v','value':1}],"
                + "'policy':{'recordExistsAction':'CREATE_ONLY','expiration':100,'sendKey':true}},"
                + "{'type':'UDF','key':" + k.formatted("u1") + ",'packageName':'p','functionName':'f'},"
                + "{'type':'READ','key':" + k.formatted("r1") + ",'opsList':[{'type':'PUT','binName':'v','value':1}]}"
                + "]").replace('\'', '"'));
        assertThat(r.status()).isEqualTo(200);
        JsonNode res = r.body().get("batchRecords");
        assertThat(res).hasSize(9);
        assertThat(res.get(0).get("resultCode").asInt()).isEqualTo(0);
        assertThat(res.get(0).get("resultCodeString").asText()).isEqualTo("OK");
        assertThat(res.get(0).get("inDoubt").asBoolean()).isFalse();
        // a batch write answers a result per operation, as Aerospike's client asks: nil for the put
        assertThat(res.get(0).get("record").get("bins").toString()).isEqualTo("{\"v\":[null,7],\"l\":1}");
        assertThat(res.get(0).get("record").get("generation").asInt()).isEqualTo(1);
        assertThat(res.get(0).get("key").get("userKey").asText()).isEqualTo("w1");
        assertThat(res.get(0).get("consistencyToken").asText()).contains(":");
        assertThat(res.get(1).get("record").get("bins").toString()).isEqualTo("{\"l\":1,\"v\":1}");
        assertThat(res.get(2).get("record").get("bins").toString()).isEqualTo("{\"v\":1}");
        assertThat(res.get(3).get("resultCode").asInt()).isEqualTo(0);
        assertThat(res.get(3).get("record").get("generation").asInt()).isEqualTo(0);
        assertThat(res.get(4).get("resultCode").asInt()).isEqualTo(2);
        assertThat(res.get(4).get("resultCodeString").asText()).isEqualTo("KEY_NOT_FOUND_ERROR");
        assertThat(res.get(5).get("resultCode").asInt()).isEqualTo(3);
        assertThat(res.get(6).get("resultCode").asInt()).isEqualTo(0);
        assertThat(res.get(6).get("record").get("ttl").asLong()).isBetween(99L, 100L);
        assertThat(res.get(7).get("resultCode").asInt()).as("no module p is registered").isEqualTo(100);
        assertThat(res.get(7).get("record").get("bins").get("FAILURE").asText()).isEqualTo("UDF: Execution Error 1");
        assertThat(res.get(8).get("resultCode").asInt()).isEqualTo(4);

        assertThat(node.get("/v1/kvs/test/batch/w1").body().get("bins").toString()).isEqualTo("{\"v\":7,\"l\":[\"x\"]}");
        assertThat(node.get("/v1/kvs/test/batch/d1").status()).isEqualTo(404);
        assertThat(node.get("/v1/kvs/test/batch/r1").body().get("bins").get("v").asInt()).isEqualTo(1);
        var again = node.post("/v1/batch", ("[{'type':'WRITE','key':" + k.formatted("c1") + ",'opsList':[{'type':'PUT',"
                + "'binName':'v','value':2}],'policy':{'recordExistsAction':'CREATE_ONLY'}}]").replace('\'', '"'));
        assertThat(again.body().get("batchRecords").get(0).get("resultCode").asInt()).isEqualTo(5);
    }

    @Test
    void batchFiltersAndRespondAllKeys() throws Exception {
        node.post("/v1/kvs/test/bf/a", "{\"age\": 30}");
        node.post("/v1/kvs/test/bf/b", "{\"age\": 10}");
        Expression adultExp = Exp.build(Exp.ge(Exp.intBin("age"), Exp.val(18)));
        String adult = b64(adultExp);
        String k = "{'namespace':'test','setName':'bf','userKey':'%s'}";
        String body = ("[{'type':'READ','key':" + k.formatted("a") + "},{'type':'READ','key':" + k.formatted("b") + "},"
                + "{'type':'DELETE','key':" + k.formatted("b") + ",'policy':{'filterExp':'" + adultExp.getBase64() + "'}},"
                + "{'type':'READ','key':" + k.formatted("b") + ",'policy':{'filterExp':'"
                + Exp.build(Exp.val(true)).getBase64() + "'}}]").replace('\'', '"');
        JsonNode res = node.post("/v1/batch?filterexp=" + adult, body).body().get("batchRecords");
        assertThat(res.get(0).get("resultCode").asInt()).isEqualTo(0);
        assertThat(res.get(1).get("resultCode").asInt()).as("the batch's filter").isEqualTo(27);
        assertThat(res.get(2).get("resultCode").asInt()).as("the item's filter").isEqualTo(27);
        assertThat(res.get(3).get("resultCode").asInt()).as("the item's own filter wins").isEqualTo(0);
        assertThat(node.get("/v1/kvs/test/bf/b").status()).isEqualTo(200);

        String stop = ("[{'type':'READ','key':" + k.formatted("a") + "},{'type':'READ','key':{'namespace':'test',"
                + "'setName':'bf','userKey':'x','keytype':'INTEGER'}},{'type':'READ','key':" + k.formatted("b") + "}]")
                .replace('\'', '"');
        JsonNode all = node.post("/v1/batch", stop).body().get("batchRecords");
        assertThat(all.get(1).get("resultCode").asInt()).isEqualTo(4);
        assertThat(all.get(2).get("resultCode").asInt()).isEqualTo(0);
        JsonNode some = node.post("/v1/batch?respondAllKeys=false", stop).body().get("batchRecords");
        assertThat(some.get(0).get("resultCode").asInt()).isEqualTo(0);
        assertThat(some.get(1).get("resultCode").asInt()).isEqualTo(4);
        assertThat(some.get(2).get("resultCode").asInt()).isEqualTo(-15);
        assertThat(some.get(2).get("resultCodeString").asText()).isEqualTo("NO_RESPONSE");
    }

    /** An expression's base64, encoded for a query parameter. */
    private static String b64(Expression e) {
        return URLEncoder.encode(e.getBase64(), StandardCharsets.UTF_8);
    }
}
