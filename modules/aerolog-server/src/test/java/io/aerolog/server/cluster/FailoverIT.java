package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.Key;
import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * A node killed with SIGKILL while writers run, on a real three-broker Kafka: afterwards every
 * acknowledged write is present exactly once, ADD counters hold at least every acknowledged
 * increment and at most those plus the in-doubt ones, and writes to the dead node's partitions resume.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 8;
    private static final int SESSION_TIMEOUT_MS = 3_000;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @ParameterizedTest(name = "replication factor {0}")
    @ValueSource(ints = {2, 1})
    void killingANodeLosesNoAcknowledgedWrite(int replicationFactor) throws Exception {
        Path base = Path.of("target", "it-data", "failover-" + UUID.randomUUID()).toAbsolutePath();
        try (KafkaCluster kafka = KafkaCluster.start(3)) {
            int port1 = EmbeddedKafka.freePort();
            int port2 = EmbeddedKafka.freePort();
            NodeConfig c1 = ClusterIT.nodeConfig(kafka.bootstrapServers(), "node-1", port1, base.resolve("node-1"));
            c1.sessionTimeoutMs = SESSION_TIMEOUT_MS;
            c1.namespaces.get(0).replicationFactor = replicationFactor;
            Process child = startChild(kafka.bootstrapServers(), port2, base.resolve("node-2"), replicationFactor);
            try (AerologNode node1 = AerologNode.start(c1)) {
                String victim = "127.0.0.1:" + port2;
                Map<Integer, String> owners = awaitBothActive(port1, victim, replicationFactor - 1);
                Set<Integer> victimPartitions = new HashSet<>();
                owners.forEach((p, owner) -> {
                    if (owner.equals(victim)) {
                        victimPartitions.add(p);
                    }
                });
                String[] counterKeys = counterKeyPerPartition();

                Map<String, Integer> acked = new ConcurrentHashMap<>();
                AtomicLong ackedAdds[] = new AtomicLong[PARTITIONS];
                AtomicLong doubtAdds[] = new AtomicLong[PARTITIONS];
                for (int p = 0; p < PARTITIONS; p++) {
                    ackedAdds[p] = new AtomicLong();
                    doubtAdds[p] = new AtomicLong();
                }
                Map<Integer, Long> firstSuccessAfterKill = new ConcurrentHashMap<>();
                AtomicLong killedAt = new AtomicLong();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService writers = Executors.newFixedThreadPool(4);
                List<Future<Object>> writing = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    writing.add(writers.submit(() -> {
                        long n = 0;
                        while (running.get()) {
                            int p = (int) (n++ % PARTITIONS);
                            String key = "w" + thread + "-" + n;
                            int status = send(port1, "POST", "/v1/kvs/test/f/" + key, "{\"n\":" + n + "}");
                            if (status == 201) {
                                acked.put(key, 1);
                            }
                            int add = send(port1, "POST", "/v1/operate/test/c/" + counterKeys[p],
                                    "[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"n\",\"incr\":1}}]");
                            if (add == 200) {
                                ackedAdds[p].incrementAndGet();
                                if (killedAt.get() > 0) {
                                    firstSuccessAfterKill.putIfAbsent(p, System.nanoTime());
                                }
                            } else if (add >= 500 || add < 0) {
                                doubtAdds[p].incrementAndGet();
                                sleepQuietly(5);
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(3_000);
                child.destroyForcibly();
                killedAt.set(System.nanoTime());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!firstSuccessAfterKill.keySet().containsAll(victimPartitions) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(1_000);
                running.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                for (Future<Object> w : writing) {
                    w.get(1, TimeUnit.SECONDS); // a writer that failed fails the test with its cause
                }

                assertThat(firstSuccessAfterKill.keySet()).as("writes resume on every partition of the dead node")
                        .containsAll(victimPartitions);
                long worst = victimPartitions.stream().mapToLong(p -> firstSuccessAfterKill.get(p) - killedAt.get())
                        .max().orElse(0);
                System.out.printf("FAILOVER: %d partitions of the killed node writable again after %d ms "
                        + "(session timeout %d ms, %d standby per partition)%n", victimPartitions.size(),
                        worst / 1_000_000, SESSION_TIMEOUT_MS, replicationFactor - 1);

                assertThat(acked).hasSizeGreaterThan(20);
                for (String key : acked.keySet()) {
                    Answer r = get(port1, "/v1/kvs/test/f/" + key);
                    assertThat(r.status).as("acknowledged " + key + " is present").isEqualTo(200);
                    assertThat(r.body.get("generation").asInt()).as(key + " applied exactly once").isEqualTo(1);
                }
                for (int p = 0; p < PARTITIONS; p++) {
                    Answer r = get(port1, "/v1/kvs/test/c/" + counterKeys[p]);
                    long value = r.status == 200 ? r.body.get("bins").get("n").asLong() : 0;
                    assertThat(value).as("counter of partition " + p)
                            .isBetween(ackedAdds[p].get(), ackedAdds[p].get() + doubtAdds[p].get());
                }
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private Process startChild(String bootstrap, int port, Path dir, int replicationFactor) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, String.join("\n",
                "nodeId: node-2",
                "dataDir: " + dir,
                "http: {host: 127.0.0.1, port: " + port + "}",
                "kafka: {bootstrapServers: \"" + bootstrap + "\"}",
                "streamThreads: 1",
                "sessionTimeoutMs: " + SESSION_TIMEOUT_MS,
                "writeTimeoutMs: 15000",
                "namespaces:",
                "  - {name: test, partitions: " + PARTITIONS + ", replicationFactor: " + replicationFactor + "}", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + dir, "-cp",
                System.getProperty("java.class.path"), "io.aerolog.server.Main", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
    }

    private Map<Integer, String> awaitBothActive(int port, String victim, int standbysPerPartition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Answer a = get(port, "/v1/cluster");
            if (a.status == 200) {
                JsonNode map = a.body.path("namespaces").path("test").path("partitionMap");
                Map<Integer, String> owners = new HashMap<>();
                map.fields().forEachRemaining(e -> owners.put(Integer.parseInt(e.getKey()), e.getValue().path("active").asText()));
                boolean standbys = true;
                for (JsonNode p : map) {
                    standbys &= p.path("standbys").size() == standbysPerPartition;
                }
                if (owners.size() == PARTITIONS && owners.containsValue(victim) && new HashSet<>(owners.values()).size() == 2
                        && standbys) {
                    return owners;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the two nodes did not share the partitions: " + get(port, "/v1/cluster").body);
    }

    private static String[] counterKeyPerPartition() {
        String[] keys = new String[PARTITIONS];
        int found = 0;
        for (int i = 0; found < PARTITIONS; i++) {
            int p = Key.of("test", "c", "ctr" + i).digest().kafkaPartition(PARTITIONS);
            if (keys[p] == null) {
                keys[p] = "ctr" + i;
                found++;
            }
        }
        return keys;
    }

    record Answer(int status, JsonNode body) {
    }

    private Answer get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    /** The HTTP status, or -1 when no answer came (the write is then in doubt). */
    private int send(int port, String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
