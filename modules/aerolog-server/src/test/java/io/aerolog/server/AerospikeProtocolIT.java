package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Aerospike's own Java client against a real node over its Aerospike wire-protocol listener: cluster
 * discovery, every record type and write policy, operate, batch reads, errors by Aerospike's result
 * codes, and records shared with the HTTP API (same keys, same digests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AerospikeProtocolIT {
    private TestNode node;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
        client = connect();
    }

    private AerospikeClient connect() {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        return new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
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
    void theClientFindsTheNodeAndItsNamespaces() {
        assertThat(client.isConnected()).isTrue();
        assertThat(client.getNodeNames()).containsExactly("node-1");
        Map<String, String> info = Info.request(null, client.getNodes()[0], "namespaces", "partition-generation");
        assertThat(info.get("namespaces")).isEqualTo("test;small");
        assertThat(Integer.parseInt(info.get("partition-generation"))).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyValueTypeRoundTrips() {
        Key key = new Key("test", "types", "every-type");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put(2L, "two");
        client.put(null, key,
                new Bin("s", "text ü"),
                new Bin("i", -42L),
                new Bin("d", 2.5),
                new Bin("b", new byte[] {1, 2, 3}),
                new Bin("t", true),
                new Bin("l", List.of(1L, "x", List.of(2.0))),
                new Bin("m", map),
                Bin.asGeoJSON("g", "{\"type\":\"Point\",\"coordinates\":[1.5,2.5]}"));
        Record r = client.get(null, key);
        assertThat(r.generation).isEqualTo(1);
        assertThat(r.getString("s")).isEqualTo("text ü");
        assertThat(r.getLong("i")).isEqualTo(-42L);
        assertThat(r.getDouble("d")).isEqualTo(2.5);
        assertThat((byte[]) r.getValue("b")).containsExactly(1, 2, 3);
        assertThat(r.getBoolean("t")).isTrue();
        assertThat((List<Object>) r.getList("l")).containsExactly(1L, "x", List.of(2.0));
        assertThat((Map<Object, Object>) r.getMap("m")).containsEntry("a", 1L).containsEntry(2L, "two");
        assertThat(r.getGeoJSONString("g")).contains("Point");
        assertThat(r.getTimeToLive()).as("no TTL: never expires").isEqualTo(-1);

        Record some = client.get(null, key, "s", "i", "missing");
        assertThat(some.bins).containsOnlyKeys("s", "i");
        Record header = client.getHeader(null, key);
        assertThat(header.generation).isEqualTo(1);
        assertThat(header.bins).isNull();
    }

    @Test
    void recordsAreSharedWithTheHttpApi() throws Exception {
        client.put(null, new Key("test", "shared", "from-aerospike"), new Bin("n", 7L));
        var read = node.get("/v1/kvs/test/shared/from-aerospike");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("bins").get("n").asLong()).isEqualTo(7L);

        node.post("/v1/kvs/test/shared/42?keytype=INTEGER", "{\"from\":\"http\"}");
        Record r = client.get(null, new Key("test", "shared", 42L));
        assertThat(r.getString("from")).isEqualTo("http");
    }

    @Test
    void writePoliciesFollowAerospike() {
        Key key = new Key("test", "policies", "p1");
        WritePolicy createOnly = new WritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        client.put(createOnly, key, new Bin("a", 1L), new Bin("b", 2L));
        assertThatThrownBy(() -> client.put(createOnly, key, new Bin("a", 1L)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_EXISTS_ERROR));

        WritePolicy updateOnly = new WritePolicy();
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        assertThatThrownBy(() -> client.put(updateOnly, new Key("test", "policies", "absent"), new Bin("a", 1L)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));

        WritePolicy wrongGeneration = new WritePolicy();
        wrongGeneration.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        wrongGeneration.generation = 5;
        assertThatThrownBy(() -> client.put(wrongGeneration, key, new Bin("a", 9L)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.GENERATION_ERROR));
        WritePolicy rightGeneration = new WritePolicy();
        rightGeneration.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        rightGeneration.generation = 1;
        client.put(rightGeneration, key, new Bin("a", 9L));

        WritePolicy replaceOnly = new WritePolicy();
        replaceOnly.recordExistsAction = RecordExistsAction.REPLACE_ONLY;
        assertThatThrownBy(() -> client.put(replaceOnly, new Key("test", "policies", "absent"), new Bin("a", 1L)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));
        WritePolicy notGreater = new WritePolicy();
        notGreater.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        notGreater.generation = 2;
        assertThatThrownBy(() -> client.put(notGreater, key, new Bin("a", 9L)))
                .as("generation is 2: EXPECT_GEN_GT 2 fails").isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.GENERATION_ERROR));

        WritePolicy replace = new WritePolicy();
        replace.recordExistsAction = RecordExistsAction.REPLACE;
        client.put(replace, key, new Bin("c", 3L));
        Record r = client.get(null, key);
        assertThat(r.bins).containsOnlyKeys("c");
        assertThat(r.generation).isEqualTo(3);
    }

    @Test
    void expirationIsAerospikes() {
        Key key = new Key("test", "ttl", "t1");
        WritePolicy ttl = new WritePolicy();
        ttl.expiration = 100;
        client.put(ttl, key, new Bin("a", 1L));
        assertThat(client.get(null, key).getTimeToLive()).isBetween(98, 100);

        WritePolicy keep = new WritePolicy();
        keep.expiration = -2;
        client.put(keep, key, new Bin("b", 2L));
        assertThat(client.get(null, key).getTimeToLive()).as("-2 keeps the TTL").isBetween(97, 100);

        WritePolicy never = new WritePolicy();
        never.expiration = -1;
        client.put(never, key, new Bin("c", 3L));
        assertThat(client.get(null, key).getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void operateTouchAndDelete() {
        Key key = new Key("test", "ops", "o1");
        client.put(null, key, new Bin("n", 10L), new Bin("s", "mid"));
        Record r = client.operate(null, key, Operation.add(new Bin("n", 5L)), Operation.append(new Bin("s", "-end")),
                Operation.prepend(new Bin("s", "start-")), Operation.get("n"), Operation.get("s"));
        assertThat(r.getLong("n")).isEqualTo(15L);
        assertThat(r.getString("s")).isEqualTo("start-mid-end");
        assertThat(r.generation).isEqualTo(2);

        client.touch(null, key);
        assertThat(client.getHeader(null, key).generation).isEqualTo(3);
        assertThat(client.exists(null, key)).isTrue();

        assertThat(client.delete(null, key)).isTrue();
        assertThat(client.delete(null, key)).as("a second delete finds nothing").isFalse();
        assertThat(client.exists(null, key)).isFalse();
        assertThat(client.get(null, key)).isNull();
        assertThatThrownBy(() -> client.touch(null, key)).isInstanceOfSatisfying(AerospikeException.class,
                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));
    }

    @Test
    void userKeysAreStoredWhenSent() throws Exception {
        WritePolicy sendKey = new WritePolicy();
        sendKey.sendKey = true;
        Key key = new Key("test", "keys", 1234L);
        client.put(sendKey, key, new Bin("a", 1L));
        Record r = client.get(null, key);
        assertThat(r.getLong("a")).isEqualTo(1L);
        // the key the node stored, returned as Aerospike's server returns it: to an expression reading it
        Record stored = client.operate(null, key,
                ExpOperation.read("k", Exp.build(Exp.key(Exp.Type.INT)), ExpReadFlags.DEFAULT),
                ExpOperation.read("has", Exp.build(Exp.keyExists()), ExpReadFlags.DEFAULT));
        assertThat(stored.getLong("k")).isEqualTo(1234L);
        assertThat(stored.getBoolean("has")).isTrue();
        assertThat(node.readLocal("test", io.aerolog.core.Key.of("test", "keys", 1234L)).orElseThrow().userKey())
                .isEqualTo(io.aerolog.core.Value.of(1234L));

        Key unsent = new Key("test", "keys", 5678L);
        client.put(null, unsent, new Bin("a", 1L));
        Record none = client.operate(null, unsent,
                ExpOperation.read("has", Exp.build(Exp.keyExists()), ExpReadFlags.DEFAULT));
        assertThat(none.getBoolean("has")).as("without sendKey the client sends the digest only").isFalse();
    }

    @Test
    void batchReadsAnswerEveryKeyInOrder() {
        Key[] keys = new Key[50];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "batch", "k" + i);
            if (i % 2 == 0) {
                client.put(null, keys[i], new Bin("i", (long) i));
            }
        }
        Record[] records = client.get(null, keys);
        for (int i = 0; i < keys.length; i++) {
            if (i % 2 == 0) {
                assertThat(records[i].getLong("i")).isEqualTo(i);
            } else {
                assertThat(records[i]).isNull();
            }
        }
        boolean[] exists = client.exists(null, keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(exists[i]).isEqualTo(i % 2 == 0);
        }
        Record[] some = client.get(null, new Key[] {keys[0], keys[2]}, "i");
        assertThat(some[1].getLong("i")).isEqualTo(2L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsGetAerospikesResultCodes() throws Exception {
        assertThatThrownBy(() -> client.put(null, new Key("nope", "s", "k"), new Bin("a", 1L)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE));
        byte[] big = new byte[20 * 1024];
        assertThatThrownBy(() -> client.put(null, new Key("small", "s", "big"), new Bin("b", big)))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG));
        Key key = new Key("test", "bad", "list");
        client.put(null, key, new Bin("l", List.of(1L)));
        assertThatThrownBy(() -> client.operate(null, key, MapOperation.put(MapPolicy.Default, "l", Value.get("k"),
                Value.get(2L))))
                .as("a map operation on a list bin")
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR));
        client.put(null, new Key("test", "bad", "s"), new Bin("s", "text"));
        assertThatThrownBy(() -> client.operate(null, new Key("test", "bad", "s"), Operation.add(new Bin("s", 1L))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR));
        com.aerospike.client.query.Statement background = new com.aerospike.client.query.Statement();
        background.setNamespace("test");
        background.setSetName("bad");
        background.setRecordsPerSecond(1_000_000);
        assertThatThrownBy(() -> client.execute(null, background, Operation.put(new Bin("x", 1L))).waitTillComplete(50, 5_000))
                .as("a background job over the server's background-query-max-rps")
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        assertThat((List<Object>) client.get(null, key).getList("l")).as("the node keeps serving").containsExactly(1L);

        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node.url("/metrics"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("refusals are counted by kind and result code")
                .contains("aerolog_aerospike_requests_total{kind=\"write\",result=\"RECORD_TOO_BIG\"}")
                .contains("aerolog_aerospike_requests_total{kind=\"scan\",result=\"PARAMETER_ERROR\"}")
                .contains("aerolog_aerospike_requests_total{kind=\"read\",result=\"OK\"}");
    }

    @Test
    void garbageOnTheSocketClosesOnlyThatConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.node.aerospikePort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the node closes a connection that does not speak Aerospike").isEqualTo(-1);
        }
        try (Socket socket = new Socket("127.0.0.1", node.node.aerospikePort())) {
            socket.setSoTimeout(5_000);
            byte[] truncated = new byte[8 + 10];
            truncated[0] = 2;
            truncated[1] = 3;
            truncated[7] = 10;
            socket.getOutputStream().write(truncated);
            byte[] header = socket.getInputStream().readNBytes(8 + 22);
            assertThat(header).hasSize(30);
            assertThat(header[8 + 5]).as("result code").isEqualTo((byte) ResultCode.PARAMETER_ERROR);
        }
        Key key = new Key("test", "bad", "after-garbage");
        client.put(null, key, new Bin("a", 1L));
        assertThat(client.get(null, key).getLong("a")).isEqualTo(1L);
    }

    @Test
    void aRestartedNodeKeepsRecordsAndTheClientReconnects() throws Exception {
        Key key = new Key("test", "restart", "r1");
        client.put(null, key, new Bin("a", 1L));
        node.stop();
        node.restart();
        try (AerospikeClient again = connect()) {
            assertThat(again.get(null, key).getLong("a")).isEqualTo(1L);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Record r = null;
        while (r == null && System.nanoTime() < deadline) {
            try {
                r = client.get(null, key);
            } catch (AerospikeException e) {
                Thread.sleep(200);
            }
        }
        assertThat(r).as("the first client reconnects by itself").isNotNull();
        assertThat(client.getNodeNames()).containsExactly("node-1");
    }
}
