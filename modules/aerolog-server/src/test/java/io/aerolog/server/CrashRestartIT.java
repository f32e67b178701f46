package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a node on its embedded default while writes run, then a restart: the writes acknowledged
 * just before the kill (answered before their task's last commit) read as present the moment the node
 * says it is up, because a partition serves reads only once it has applied its log up to the end it had
 * at start, and counters read at least every acknowledged increment. Prints the restart time after the kill.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CrashRestartIT {
    @Test
    void acknowledgedWritesReadAsPresentAtOnceAfterAKill() throws Exception {
        Path dir = Path.of("target", "it-data", "crash-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        int http = EmbeddedKafka.freePort();
        int wire = EmbeddedKafka.freePort();
        int kafka = EmbeddedKafka.freePort();
        int controller = EmbeddedKafka.freePort();
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, String.join("\n",
                "dataDir: " + dir,
                "http: {host: 127.0.0.1, port: " + http + "}",
                "aerospike: {host: 127.0.0.1, port: " + wire + "}",
                "kafka: {embeddedPort: " + kafka + ", embeddedControllerPort: " + controller + "}",
                "streamThreads: 1",
                "commitIntervalMs: 2000",
                "transactionTimeoutMs: 10000",
                "writeTimeoutMs: 15000", ""));
        for (int round = 0; round < 2; round++) {
            Process node = start(dir, config);
            try {
                ClientPolicy policy = new ClientPolicy();
                policy.timeout = 60_000;
                policy.failIfNotConnected = true;
                List<Key> acked = new ArrayList<>();
                ConcurrentLinkedQueue<Key> ackedNow = new ConcurrentLinkedQueue<>();
                long[] increments = new long[1];
                awaitHealthy(http);
                try (AerospikeClient client = connect(policy, wire)) {
                    AtomicBoolean running = new AtomicBoolean(true);
                    ExecutorService writers = Executors.newFixedThreadPool(4);
                    Key counter = new Key("test", "crash", "counter");
                    java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
                    for (int t = 0; t < 4; t++) {
                        int thread = t;
                        int r = round;
                        writers.submit(() -> {
                            WritePolicy wp = new WritePolicy();
                            wp.totalTimeout = 20_000;
                            for (int i = 0; running.get(); i++) {
                                Key key = new Key("test", "crash", "r" + r + "-t" + thread + "-" + i);
                                try {
                                    client.put(wp, key, new Bin("i", i));
                                    ackedNow.add(key);
                                    if (i % 5 == 0) {
                                        client.add(wp, counter, new Bin("n", 1));
                                        counted.incrementAndGet();
                                    }
                                } catch (RuntimeException e) {
                                    if (!running.get()) {
                                        return null; // the node is gone
                                    }
                                }
                            }
                            return null;
                        });
                    }
                    // kill in full flow: once a few hundred writes are acknowledged (a busy machine writes slowly)
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    while (ackedNow.size() < 300 && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    node.destroyForcibly();
                    node.waitFor(30, TimeUnit.SECONDS);
                    running.set(false);
                    writers.shutdownNow();
                    writers.awaitTermination(30, TimeUnit.SECONDS);
                    acked.addAll(ackedNow);
                    increments[0] = counted.get();
                }
                assertThat(acked).as("writes acknowledged before the kill").hasSizeGreaterThan(100);
                long restarted = System.nanoTime();
                long logFrom = Files.size(dir.resolve("node.log"));
                node = start(dir, config);
                // the moment /health says UP (it was right after it that the last writes read as missing)
                awaitHealthy(http);
                System.out.printf("RESTART: after kill -9 the node was up in %d ms (%d acknowledged writes)%n",
                        (System.nanoTime() - restarted) / 1_000_000, acked.size());
                String restartLog = logSince(dir, logFrom);
                assertThat(restartLog).as("the node removes the task states exactly-once cannot trust before it starts")
                        .contains("did not stop cleanly last time")
                        .doesNotContain("did not find checkpoint offsets while stores are not empty");
                policy.readPolicyDefault.totalTimeout = 5_000;
                try (AerospikeClient client = connect(policy, wire)) {
                    int missing = 0;
                    for (Key key : acked) {
                        Record r = client.get(null, key);
                        if (r == null) {
                            missing++;
                        }
                    }
                    assertThat(missing).as("acknowledged writes read as missing right after the restart").isZero();
                    Record counter = client.get(null, new Key("test", "crash", "counter"));
                    assertThat(counter.getLong("n")).as("the counter holds every acknowledged increment")
                            .isGreaterThanOrEqualTo(increments[0]);
                }
                if (round == 1) {
                    // a clean stop (SIGTERM) commits every store's offsets: the next start keeps the stores
                    node.destroy();
                    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node stops on SIGTERM").isTrue();
                    long logFrom2 = Files.size(dir.resolve("node.log"));
                    node = start(dir, config);
                    awaitHealthy(http);
                    assertThat(logSince(dir, logFrom2)).as("nothing is removed after a clean stop")
                            .doesNotContain("did not stop cleanly last time")
                            .doesNotContain("did not find checkpoint offsets while stores are not empty");
                }
            } finally {
                node.destroyForcibly();
                node.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String logSince(Path dir, long offset) throws java.io.IOException {
        byte[] all = Files.readAllBytes(dir.resolve("node.log"));
        return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void awaitHealthy(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node did not become healthy");
    }

    /** Connects as soon as the node's Aerospike port answers. */
    private static AerospikeClient connect(ClientPolicy policy, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return new AerospikeClient(policy, "127.0.0.1", port);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Process start(Path dir, Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                "io.aerolog.server.Main", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                .start();
    }
}
