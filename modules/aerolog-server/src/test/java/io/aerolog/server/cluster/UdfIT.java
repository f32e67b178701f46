package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchResults;
import com.aerospike.client.BatchUDF;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import io.aerolog.core.udf.UdfModule;
import io.aerolog.server.AerologNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Lua UDFs through Aerospike's own Java client against two Aerolog nodes: modules registered on one node
 * are listed by every node with Aerospike's hash; record UDFs read, write, create, remove, set TTLs and fail
 * as the server's; batch UDFs; a runaway UDF ends at its bound and the node goes on; the command log
 * replayed through the engine gives the records the UDFs left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class UdfIT {
    private static final String SOURCE = """
            function get(r, bin) return r[bin] end
            function put(r, bin, value)
              r[bin] = value
              if aerospike:exists(r) then aerospike:update(r) else aerospike:create(r) end
              return value
            end
            function incr(r, bin, by)
              r[bin] = (r[bin] or 0) + by
              if aerospike:exists(r) then aerospike:update(r) else aerospike:create(r) end
              return r[bin]
            end
            function expire(r, ttl) record.set_ttl(r, ttl); aerospike:update(r); return record.ttl(r) end
            function meta(r) return map{gen = record.gen(r), set = record.setname(r), digest = record.digest(r)} end
            function drop(r) aerospike:remove(r); return 'gone' end
            function fail(r) error('boom') end
            function spin(r) while true do end end
            function stamp(r) r['rnd'] = math.random(1, 1000000); r['at'] = os.time(); aerospike:create(r); return r['rnd'] end
            """;

    private NodeCluster cluster;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("udf", 1, 2, (i, config) -> config.namespaces.get(0).replicationFactor = 1);
        client = cluster.connect();
        client.registerUdfString(null, SOURCE, "it.lua", Language.LUA).waitTillComplete(100, 30_000);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static WritePolicy write() {
        WritePolicy p = new WritePolicy();
        p.totalTimeout = 15_000;
        p.socketTimeout = 15_000;
        return p;
    }

    private Map<String, String> everyNode(String command) {
        return NodeCluster.everyNode(client, command);
    }

    @Test
    void modulesAreListedByEveryNodeWithAerospikesHashAndCanBeReadAndRemoved() throws Exception {
        String source = "function hello(r) return 'hi' end\n";
        client.registerUdfString(null, source, "hello.lua", Language.LUA).waitTillComplete(100, 30_000);
        String hash = UdfModule.hash("hello.lua", source.getBytes(StandardCharsets.UTF_8));
        assertThat(everyNode("udf-list").values()).hasSize(2)
                .allSatisfy(list -> assertThat(list).contains("filename=hello.lua,hash=" + hash + ",type=LUA;")
                        .contains("filename=it.lua,"));
        assertThat(everyNode("udf-get:filename=hello.lua").values()).allSatisfy(got -> assertThat(got)
                .isEqualTo("type=LUA;content=" + Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8))
                        + ";"));
        assertThat(client.execute(write(), new Key("test", "udf", "hello"), "hello", "hello")).isEqualTo("hi");

        client.removeUdf(null, "hello.lua");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (everyNode("udf-list").values().stream().anyMatch(l -> l.contains("hello.lua"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(everyNode("udf-list").values()).noneMatch(l -> l.contains("hello.lua"));
        assertThat(everyNode("udf-get:filename=hello.lua").values()).containsOnly("error=not_found");
        assertThatThrownBy(() -> client.execute(write(), new Key("test", "udf", "hello"), "hello", "hello"))
                .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode())
                        .isEqualTo(ResultCode.UDF_BAD_RESPONSE));
    }

    @Test
    void aModuleThatDoesNotCompileIsRefusedWithItsLine() {
        assertThatThrownBy(() -> client.registerUdfString(null, "function f(r)\n return end end\n", "bad.lua", Language.LUA))
                .isInstanceOf(AerospikeException.class).hasMessageContaining("Line: 2");
        assertThat(everyNode("udf-list").values()).noneMatch(l -> l.contains("bad.lua"));
    }

    @Test
    void executeCreatesReadsUpdatesSetsTtlAndRemovesOnEveryNode() {
        for (int i = 0; i < 16; i++) {
            Key key = new Key("test", "udf", "k" + i);
            assertThat(client.execute(write(), key, "it", "put", Value.get("name"), Value.get("v" + i))).isEqualTo("v" + i);
            assertThat(client.get(null, key).getString("name")).isEqualTo("v" + i);
            assertThat(client.execute(write(), key, "it", "get", Value.get("name"))).isEqualTo("v" + i);
            assertThat(client.execute(write(), key, "it", "incr", Value.get("n"), Value.get(5))).isEqualTo(5L);
            assertThat(client.execute(write(), key, "it", "incr", Value.get("n"), Value.get(2))).isEqualTo(7L);
            Record r = client.get(null, key);
            assertThat(r.getLong("n")).isEqualTo(7L);
            assertThat(r.generation).isEqualTo(3);
            @SuppressWarnings("unchecked")
            Map<Object, Object> meta = (Map<Object, Object>) client.execute(write(), key, "it", "meta");
            assertThat(meta).containsEntry("gen", 3L).containsEntry("set", "udf");
            assertThat((byte[]) meta.get("digest")).isEqualTo(key.digest);
            client.execute(write(), key, "it", "expire", Value.get(1000));
            assertThat(client.getHeader(null, key).getTimeToLive()).isBetween(990, 1000);
            assertThat(client.execute(write(), key, "it", "drop")).isEqualTo("gone");
            assertThat(client.exists(null, key)).isFalse();
        }
    }

    @Test
    void aFailingUdfAnswersUdfBadResponseWithItsErrorAndChangesNothing() {
        Key key = new Key("test", "udf", "failing");
        client.put(write(), key, new Bin("a", 1));
        assertThatThrownBy(() -> client.execute(write(), key, "it", "fail"))
                .isInstanceOfSatisfying(AerospikeException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("it.lua:15: boom");
                });
        assertThatThrownBy(() -> client.execute(write(), key, "it", "nothing"))
                .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getMessage())
                        .contains("function not found"));
        assertThat(client.get(null, key).generation).isEqualTo(1);
    }

    @Test
    void aRunawayUdfEndsAtItsBoundAndTheNodeGoesOn() {
        Key key = new Key("test", "udf", "spin");
        assertThatThrownBy(() -> client.execute(write(), key, "it", "spin"))
                .isInstanceOfSatisfying(AerospikeException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("UDF Execution Timeout");
                });
        client.put(write(), key, new Bin("after", 1));
        assertThat(client.get(null, key).getInt("after")).isEqualTo(1);
        assertThat(client.execute(write(), key, "it", "incr", Value.get("after"), Value.get(1))).isEqualTo(2L);
    }

    @Test
    void batchUdfsThroughExecuteAndOperate() {
        Key[] keys = new Key[20];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "udfbatch", i);
        }
        BatchResults results = client.execute(null, null, keys, "it", "incr", Value.get("n"), Value.get(3));
        assertThat(results.status).isTrue();
        for (BatchRecord r : results.records) {
            assertThat(r.resultCode).isEqualTo(ResultCode.OK);
            assertThat(r.record.getValue("SUCCESS")).isEqualTo(3L);
        }
        List<BatchRecord> mixed = new ArrayList<>();
        mixed.add(new BatchUDF(keys[0], "it", "incr", new Value[] {Value.get("n"), Value.get(1)}));
        mixed.add(new BatchUDF(keys[1], "it", "fail", new Value[0]));
        mixed.add(new BatchRead(keys[2], true));
        assertThat(client.operate(null, mixed)).isFalse();
        assertThat(mixed.get(0).resultCode).isEqualTo(ResultCode.OK);
        assertThat(mixed.get(0).record.getValue("SUCCESS")).isEqualTo(4L);
        assertThat(mixed.get(1).resultCode).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        assertThat(mixed.get(2).record.getLong("n")).isEqualTo(3L);
        assertThat(client.get(null, keys[0]).getLong("n")).isEqualTo(4L);
    }

    @Test
    void batchUdfsOverHttpInTheGatewaysShapeThroughEitherNode() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            body.append("{\"type\": \"UDF\", \"key\": {\"namespace\": \"test\", \"setName\": \"udfhttp\", \"userKey\": \"h")
                    .append(i).append("\"}, \"packageName\": \"it\", \"functionName\": \"incr\",")
                    .append(" \"functionArgs\": [\"n\", 5], \"policy\": {\"expiration\": 600}},");
        }
        body.append("{\"type\": \"UDF\", \"key\": {\"namespace\": \"test\", \"setName\": \"udfhttp\", \"userKey\": \"h0\"},")
                .append(" \"packageName\": \"it\", \"functionName\": \"fail\"}]");
        for (AerologNode node : cluster.nodes()) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/batch"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode records = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.body()).get("batchRecords");
            assertThat(records).hasSize(9);
            long expected = node == cluster.node(0) ? 5 : 10;
            for (int i = 0; i < 8; i++) {
                assertThat(records.get(i).get("resultCode").asInt()).as(records.get(i).toString()).isZero();
                assertThat(records.get(i).get("record").get("bins").get("SUCCESS").asLong()).isEqualTo(expected);
                assertThat(records.get(i).get("record").get("ttl").asLong()).isBetween(590L, 600L);
            }
            assertThat(records.get(8).get("resultCode").asInt()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
            assertThat(records.get(8).get("record").get("bins").get("FAILURE").asText()).endsWith("it.lua:15: boom");
        }
        assertThat(client.get(null, new Key("test", "udfhttp", "h3")).getLong("n")).isEqualTo(10L);
    }

    @Test
    void theCommandLogReplayedThroughTheEngineGivesTheRecordsTheUdfsLeft() throws Exception {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Key key = new Key("test", "replay", "r" + i);
            keys.add(key);
            client.execute(write(), key, "it", "stamp");
            client.execute(write(), key, "it", "incr", Value.get("n"), Value.get(i));
        }
        // a new version of the module changes no replay: each call carries the source it ran
        client.registerUdfString(null, SOURCE.replace("r[bin] = (r[bin] or 0) + by", "r[bin] = 0"), "it.lua",
                Language.LUA).waitTillComplete(100, 30_000);
        Map<String, io.aerolog.core.Record> replayed = cluster.replay(cluster.node(0).namespace("test").config());
        client.registerUdfString(null, SOURCE, "it.lua", Language.LUA).waitTillComplete(100, 30_000);
        awaitVersion("it.lua", SOURCE);
        for (Key key : keys) {
            Record live = client.get(null, key);
            io.aerolog.core.Record again = replayed.get(Base64.getEncoder().encodeToString(key.digest));
            assertThat(again).as("replayed %s", key).isNotNull();
            assertThat(again.generation()).isEqualTo(live.generation);
            assertThat(again.bins().get("rnd")).isEqualTo(io.aerolog.core.Value.of(live.getLong("rnd")));
            assertThat(again.bins().get("at")).isEqualTo(io.aerolog.core.Value.of(live.getLong("at")));
            assertThat(again.bins().get("n")).isEqualTo(io.aerolog.core.Value.of(live.getLong("n")));
        }
    }

    /** Waits until every node lists module {@code name} at the version of {@code source}. */
    private void awaitVersion(String name, String source) throws InterruptedException {
        String entry = "filename=" + name + ",hash=" + UdfModule.hash(name, source.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!everyNode("udf-list").values().stream().allMatch(l -> l.contains(entry)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(everyNode("udf-list").values()).allMatch(l -> l.contains(entry));
    }
}
