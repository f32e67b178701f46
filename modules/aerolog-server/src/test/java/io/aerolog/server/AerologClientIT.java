package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aerolog.client.AerologClient;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.ClientStats;
import io.aerolog.client.Policy;
import io.aerolog.protocol.Replica;
import io.aerolog.client.WritePolicy;
import io.aerolog.client.WriteResult;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The Java client ({@link AerologClient}) against one real node on a real broker, over real sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AerologClientIT {
    private static final Policy READ = Policy.DEFAULT.withTotalTimeoutMs(20_000);
    private static final WritePolicy WRITE = WritePolicy.DEFAULT.withTotalTimeoutMs(20_000);
    private TestNode node;
    private AerologClient client;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
        client = AerologClient.connect(ClientPolicy.DEFAULT.withReadPolicyDefault(READ).withWritePolicyDefault(WRITE),
                seed());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        node.close();
    }

    private String seed() {
        return "http://127.0.0.1:" + node.config.http.port;
    }

    @Test
    void putGetExistsDelete() {
        Key key = Key.of("test", "users", "ada");
        WriteResult w = client.put(null, key, Bin.of("name", "Ada"), Bin.of("visits", 1L), Bin.of("score", 2.5),
                Bin.of("ok", true), Bin.of("pic", new byte[] {0, 1, 2}),
                Bin.of("tags", Value.ofList(List.of(Value.of("math"), Value.of(1L)))));
        assertThat(w.generation()).isEqualTo(1);
        assertThat(w.ttlSeconds()).isEqualTo(-1);
        assertThat(w.consistencyToken()).matches("\\d+:\\d+");

        ClientRecord r = client.get(null, key);
        assertThat(r.generation()).isEqualTo(1);
        assertThat(r.getString("name")).isEqualTo("Ada");
        assertThat(r.getLong("visits")).isEqualTo(1L);
        assertThat(r.getDouble("score")).isEqualTo(2.5);
        assertThat(r.getBoolean("ok")).isTrue();
        assertThat(r.getBytes("pic")).containsExactly(0, 1, 2);
        assertThat(r.getList("tags")).containsExactly(Value.of("math"), Value.of(1L));
        assertThat(r.getValue("absent")).isNull();
        assertThatThrownBy(() -> r.getLong("name")).isInstanceOf(ClassCastException.class).hasMessageContaining("STRING");

        assertThat(client.put(null, key, Bin.of("visits", 2L), Bin.asNull("score")).generation())
                .as("the default, UPDATE, merges").isEqualTo(2);
        ClientRecord merged = client.get(null, key);
        assertThat(merged.getString("name")).isEqualTo("Ada");
        assertThat(merged.getLong("visits")).isEqualTo(2L);
        assertThat(merged.bins()).as("a nil bin deletes the bin").doesNotContainKey("score");

        assertThat(client.exists(null, key)).isTrue();
        assertThat(client.delete(null, key)).as("existed").isTrue();
        assertThat(client.exists(null, key)).isFalse();
        assertThat(client.get(null, key)).as("absent is null, as in Aerospike").isNull();
        assertThat(client.delete(null, key)).as("did not exist").isFalse();
    }

    @Test
    void selectedBins() {
        Key key = Key.of("test", "sel", "k");
        client.put(null, key, Bin.of("a", 1L), Bin.of("b", 2L), Bin.of("c", 3L));
        ClientRecord r = client.get(null, key, "a", "c", "missing");
        assertThat(r.bins()).containsOnlyKeys("a", "c");
        assertThat(client.get(null, Key.of("test", "sel", "none"), "a")).isNull();
    }

    @Test
    void everyKeyType() {
        List<Key> keys = List.of(Key.of("test", "kt", "plain"), Key.of("test", "kt", "with space/slash?&=#%é"),
                Key.of("test", "kt", 42L), Key.of("test", "kt", -7L), Key.of("test", "kt", new byte[] {1, 2, 3, (byte) 250}),
                Key.of("test", "", "no set"), Key.of("test", null, 99L));
        int i = 0;
        for (Key key : keys) {
            client.put(WRITE.withRecordExistsAction(RecordExistsAction.CREATE_ONLY), key, Bin.of("i", i));
            ClientRecord r = client.get(null, key);
            assertThat(r).as(key.toString()).isNotNull();
            assertThat(r.getLong("i")).as(key.toString()).isEqualTo(i);
            i++;
        }
        assertThat(client.get(null, Key.of("test", "kt", "42"))).as("string '42' is another key than 42").isNull();
        Key byDigest = Key.ofDigest("test", "kt", Key.of("test", "kt", 42L).digest());
        assertThat(client.get(null, byDigest).getLong("i")).as("a key known by digest only").isEqualTo(2);
        assertThat(client.exists(null, byDigest)).isTrue();
    }

    @Test
    void writePolicyFailuresCarryTheirResultCode() {
        Key key = Key.of("test", "wp", "one");
        WritePolicy create = WRITE.withRecordExistsAction(RecordExistsAction.CREATE_ONLY);
        client.put(create, key, Bin.of("v", 1L));
        AerologException exists = catchThrowableOfType(AerologException.class, () -> client.put(create, key, Bin.of("v", 2L)));
        assertThat(exists.resultCode()).isEqualTo(ResultCode.KEY_EXISTS_ERROR);
        assertThat(exists.inDoubt()).isFalse();

        AerologException stale = catchThrowableOfType(AerologException.class, () -> client.put(
                WRITE.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 7), key, Bin.of("v", 3L)));
        assertThat(stale.resultCode()).isEqualTo(ResultCode.GENERATION_ERROR);
        assertThat(stale.getMessage()).contains("generation is 1");
        assertThat(client.put(WRITE.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 1), key, Bin.of("v", 4L))
                .generation()).isEqualTo(2);
        assertThat(catchThrowableOfType(AerologException.class, () -> client.delete(
                WRITE.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 1), key)).resultCode())
                .isEqualTo(ResultCode.GENERATION_ERROR);

        AerologException missing = catchThrowableOfType(AerologException.class, () -> client.put(
                WRITE.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY), Key.of("test", "wp", "absent"), Bin.of("v", 1L)));
        assertThat(missing.resultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);

        client.put(null, Key.of("test", "wp", "two"), Bin.of("name", "x"));
        AerologException badType = catchThrowableOfType(AerologException.class, () -> client.operate(null,
                Key.of("test", "wp", "two"), Operation.add("name", Value.of(1L))));
        assertThat(badType.resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR);

        AerologException namespace = catchThrowableOfType(AerologException.class, () -> client.put(null,
                Key.of("nope", "s", "k"), Bin.of("a", 1L)));
        assertThat(namespace.resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
        assertThat(catchThrowableOfType(AerologException.class, () -> client.get(null, Key.of("nope", "s", "k")))
                .resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
        assertThat(catchThrowableOfType(AerologException.class, () -> client.exists(null, Key.of("nope", "s", "k")))
                .resultCode()).as("HEAD answers without a body; the client knows the namespaces")
                .isEqualTo(ResultCode.INVALID_NAMESPACE);

        AerologException longName = catchThrowableOfType(AerologException.class, () -> client.put(null,
                Key.of("test", "wp", "three"), Bin.of("sixteen_bytes_xy", 1L)));
        assertThat(longName.resultCode()).isEqualTo(ResultCode.BIN_NAME_TOO_LONG);
        assertThat(client.get(null, Key.of("test", "wp", "one")).getLong("v")).as("refused writes changed nothing")
                .isEqualTo(4L);
    }

    @Test
    void touchAndOperate() {
        Key key = Key.of("test", "op", "x");
        assertThat(catchThrowableOfType(AerologException.class, () -> client.touch(null, key)).resultCode())
                .as("touching an absent record").isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        client.put(null, key, Bin.of("count", 1L), Bin.of("name", "n"));
        WriteResult touched = client.touch(WRITE.withExpiration(100), key);
        assertThat(touched.generation()).isEqualTo(2);
        assertThat(touched.ttlSeconds()).isBetween(99L, 100L);

        ClientRecord r = client.operate(null, key, Operation.add("count", Value.of(5L)),
                Operation.append("name", Value.of("!")), Operation.prepend("name", Value.of("<")),
                Operation.write("fresh", Value.of("f")), Operation.read("count"), Operation.read("name"));
        assertThat(r.generation()).isEqualTo(3);
        assertThat(r.bins()).containsOnlyKeys("count", "name");
        assertThat(r.getLong("count")).isEqualTo(6L);
        assertThat(r.getString("name")).isEqualTo("<n!");

        ClientRecord header = client.operate(null, key, Operation.readHeader());
        assertThat(header.bins()).isEmpty();
        ClientRecord all = client.operate(null, key, Operation.deleteBin("fresh"), Operation.readAll());
        assertThat(all.bins()).containsOnlyKeys("count", "name");

        AerologException refused = catchThrowableOfType(AerologException.class, () -> client.operate(null, key,
                Operation.add("count", Value.of(1L)), Operation.add("name", Value.of(1L))));
        assertThat(refused.resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR);
        assertThat(client.get(null, key).getLong("count")).as("no part of a refused operate applies").isEqualTo(6L);

        client.operate(null, key, Operation.delete());
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void batchGet() {
        Key[] keys = new Key[300];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 3 == 0 ? Key.of("test", "batch", (long) i) : Key.of("test", "batch", "k" + i);
            if (i % 5 != 0) {
                client.put(null, keys[i], Bin.of("i", i), Bin.of("other", "o"));
            }
        }
        ClientRecord[] all = client.get(BatchPolicy.DEFAULT.withBase(READ).withMaxKeysPerRequest(64), keys);
        assertThat(all).hasSize(keys.length);
        for (int i = 0; i < keys.length; i++) {
            if (i % 5 == 0) {
                assertThat(all[i]).as("missing key %d", i).isNull();
            } else {
                assertThat(all[i].getLong("i")).isEqualTo(i);
                assertThat(all[i].bins()).containsKey("other");
            }
        }
        ClientRecord[] some = client.get(null, keys, "i");
        assertThat(some[1].bins()).containsOnlyKeys("i");
        assertThat(some[0]).isNull();
        assertThat(client.get(null, new Key[0])).isEmpty();

        AerologException e = catchThrowableOfType(AerologException.class,
                () -> client.get(null, new Key[] {keys[1], Key.of("nope", "batch", "k")}));
        assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
    }

    @Test
    void asyncFormsCompleteAndFailTheFuture() throws Exception {
        List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(client.putAsync(null, Key.of("test", "async", i), Bin.of("i", i)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(client.getAsync(null, Key.of("test", "async", 7L)).get(30, TimeUnit.SECONDS).getLong("i")).isEqualTo(7L);
        assertThat(client.getAsync(null, Key.of("test", "async", 7L), "i").get(30, TimeUnit.SECONDS).bins()).containsOnlyKeys("i");
        assertThat(client.getAsync(null, Key.of("test", "async", 99L)).get(30, TimeUnit.SECONDS)).isNull();
        assertThat(client.existsAsync(null, Key.of("test", "async", 8L)).get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.touchAsync(null, Key.of("test", "async", 9L)).get(30, TimeUnit.SECONDS).generation()).isEqualTo(2);
        assertThat(client.operateAsync(null, Key.of("test", "async", 10L), Operation.add("i", Value.of(1L)),
                Operation.read("i")).get(30, TimeUnit.SECONDS).getLong("i")).isEqualTo(11L);
        ClientRecord[] batch = client.getAsync(null, new Key[] {Key.of("test", "async", 1L), Key.of("test", "async", 2L)})
                .get(30, TimeUnit.SECONDS);
        assertThat(batch[1].getLong("i")).isEqualTo(2L);
        assertThat(client.getAsync(null, new Key[] {Key.of("test", "async", 1L)}, "nothing").get(30, TimeUnit.SECONDS)[0].bins()).isEmpty();
        assertThat(client.deleteAsync(null, Key.of("test", "async", 11L)).get(30, TimeUnit.SECONDS)).isTrue();

        ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> client.putAsync(
                WRITE.withRecordExistsAction(RecordExistsAction.CREATE_ONLY), Key.of("test", "async", 1L), Bin.of("i", 0L)).get(30, TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOf(AerologException.class);
        assertThat(((AerologException) failed.getCause()).resultCode()).isEqualTo(ResultCode.KEY_EXISTS_ERROR);
    }

    @Test
    void callsTimeOutWithinTheTotalTimeout() {
        Key[] keys = new Key[BatchPolicy.MAX_KEYS_PER_REQUEST];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Key.of("test", "slow", i);
        }
        // 5,000 keys take a node more than 1 ms to read; a read is retried until the time is up
        long start = System.nanoTime();
        AerologException read = catchThrowableOfType(AerologException.class, () -> client.get(
                BatchPolicy.DEFAULT.withBase(Policy.DEFAULT.withTotalTimeoutMs(1)), keys));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(read.resultCode()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(read.inDoubt()).as("a read is never in doubt").isFalse();
        assertThat(tookMs).isLessThan(2_000L);

        // a write through Kafka takes more than 1 ms; once sent, it may have been applied
        Key key = Key.of("test", "slow", "w");
        // (within 1 ms a write may also time out before it is sent, and is then rightly not in doubt: try a
        // few times, each must time out, and one that was sent must say it is in doubt)
        boolean sentAndInDoubt = false;
        for (int attempt = 0; attempt < 10 && !sentAndInDoubt; attempt++) {
            client.exists(null, key); // a pooled connection, so the write is sent, not refused at connect
            AerologException write = catchThrowableOfType(AerologException.class, () -> client.put(
                    WRITE.withTotalTimeoutMs(1), key, Bin.of("v", 1L)));
            assertThat(write.resultCode()).isEqualTo(ResultCode.TIMEOUT);
            sentAndInDoubt = write.inDoubt();
        }
        assertThat(sentAndInDoubt).as("sent, answer not seen").isTrue();
        assertThat(client.stats().requests()).isPositive();
    }

    @Test
    void consistencyTokenOfAWrite() {
        Key key = Key.of("test", "token", "k");
        WriteResult w = client.put(null, key, Bin.of("v", 1L));
        assertThat(client.get(READ.withConsistencyToken(w.consistencyToken()), key).getLong("v"))
                .as("a read with the write's token").isEqualTo(1L);
        assertThat(catchThrowableOfType(AerologException.class, () -> client.get(
                READ.withConsistencyToken("nonsense"), key)).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    @Test
    void routesWithoutForwardingOnceTheMapIsKnown() throws Exception {
        try (AerologClient fresh = AerologClient.connect(ClientPolicy.DEFAULT.withTendIntervalMs(100)
                .withWritePolicyDefault(WRITE).withReadPolicyDefault(READ), seed())) {
            assertThat(fresh.nodes()).containsExactly("127.0.0.1:" + node.config.http.port);
            for (int i = 0; i < 40; i++) {
                Key key = Key.of("test", "route", i);
                fresh.put(null, key, Bin.of("i", i));
                assertThat(fresh.get(null, key).getLong("i")).isEqualTo(i);
                assertThat(fresh.get(READ.withReplica(Replica.SEQUENCE), key)).isNotNull();
                assertThat(fresh.get(READ.withReplica(Replica.ANY), key)).isNotNull();
            }
            Thread.sleep(350);
            ClientStats stats = fresh.stats();
            assertThat(stats.requests()).isEqualTo(160);
            assertThat(stats.forwarded()).as("every request went straight to its owner").isZero();
            assertThat(stats.retries()).isZero();
            assertThat(stats.mapRefreshes()).as("the map at connect and the tends").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void badSeedFailsWithAClearError() {
        int unused = EmbeddedKafka.freePort();
        AerologException refused = catchThrowableOfType(AerologException.class,
                () -> AerologClient.connect(null, "http://127.0.0.1:" + unused));
        assertThat(refused.resultCode()).isEqualTo(ResultCode.SERVER_ERROR);
        assertThat(refused.getMessage()).contains("127.0.0.1:" + unused).contains("connection refused")
                .contains("/v1/cluster");

        AerologException malformed = catchThrowableOfType(AerologException.class,
                () -> AerologClient.connect(null, "ftp://x"));
        assertThat(malformed.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(catchThrowableOfType(AerologException.class, () -> AerologClient.connect(null)).resultCode())
                .isEqualTo(ResultCode.PARAMETER_ERROR);

        try (AerologClient second = AerologClient.connect(null, "http://127.0.0.1:" + unused, seed())) {
            assertThat(second.exists(null, Key.of("test", "x", "y"))).as("a dead seed and a live one").isFalse();
        }
    }

    @Test
    void closedClientRefusesCalls() {
        AerologClient c = AerologClient.connect(null, seed());
        c.close();
        c.close();
        assertThatThrownBy(() -> c.get(null, Key.of("test", "x", "y"))).isInstanceOf(IllegalStateException.class);
        assertThat(c.getAsync(null, Key.of("test", "x", "y"))).isCompletedExceptionally();
    }
}
