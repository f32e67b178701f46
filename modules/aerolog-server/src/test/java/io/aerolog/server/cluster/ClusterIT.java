package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.Key;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.aerolog.client.AerologClient;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.ClientStats;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Three Aerolog nodes on a real three-broker Kafka cluster: partitions spread over the nodes, every
 * key is readable and writable through every node, standbys are placed, and the map is published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeCluster cluster;
    private List<Integer> ports;

    static NodeConfig nodeConfig(String bootstrap, String nodeId, int httpPort, Path dataDir) {
        NodeConfig config = new NodeConfig();
        config.nodeId = nodeId;
        config.dataDir = dataDir.toString();
        config.http.port = httpPort;
        config.aerospike.port = EmbeddedKafka.freePort();
        config.kafka.bootstrapServers = bootstrap;
        config.streamThreads = 1;
        config.writeTimeoutMs = 15_000;
        NodeConfig.Namespace ns = config.namespaces.get(0);
        ns.partitions = 8;
        ns.replicationFactor = 2;
        return config;
    }

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("cluster", 3, 3);
        ports = cluster.httpPorts();
        awaitBalanced();
    }

    /** Waits until all three nodes are RUNNING and each is active for at least one partition. */
    private void awaitBalanced() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode view = get(ports.get(0), "/v1/cluster").body;
            JsonNode map = view.path("namespaces").path("test").path("partitionMap");
            Set<String> actives = new HashSet<>();
            map.forEach(p -> actives.add(p.path("active").asText()));
            if (cluster.allRunning() && map.size() == 8 && actives.size() == 3) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the cluster did not balance: " + get(ports.get(0), "/v1/cluster").body
                + "; restoring: " + cluster.restoring());
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    }

    Answer send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), r.headers());
    }

    Answer get(int port, String path) throws Exception {
        return send(port, "GET", path, null);
    }

    @Test
    @Order(1)
    void theMapSpreadsPartitionsWithStandbysAndEveryNodePublishesTheSame() throws Exception {
        JsonNode first = get(ports.get(0), "/v1/cluster").body;
        JsonNode ns = first.get("namespaces").get("test");
        assertThat(first.get("nodes")).hasSize(3);
        for (JsonNode p : ns.get("partitionMap")) {
            assertThat(p.get("standbys")).as("replication factor 2 = one standby").hasSize(1);
            assertThat(p.get("standbys").get(0).asText()).isNotEqualTo(p.get("active").asText());
        }
        for (int port : ports) {
            JsonNode other = get(port, "/v1/cluster").body.get("namespaces").get("test");
            assertThat(other.get("generation")).isEqualTo(ns.get("generation"));
            assertThat(other.get("partitionMap")).isEqualTo(ns.get("partitionMap"));
        }
    }

    @Test
    @Order(2)
    void everyKeyIsWritableAndReadableThroughEveryNode() throws Exception {
        for (int i = 0; i < 60; i++) {
            int writer = ports.get(i % 3);
            Answer w = send(writer, "POST", "/v1/kvs/test/spread/k" + i, "{\"i\":" + i + "}");
            assertThat(w.status()).as(w.body().toString()).isEqualTo(201);
            String token = w.body().get("consistencyToken").asText();
            for (int port : ports) {
                Answer r = get(port, "/v1/kvs/test/spread/k" + i + "?consistencyToken=" + token);
                assertThat(r.status()).as("k" + i + " through " + port).isEqualTo(200);
                assertThat(r.body().get("bins").get("i").asInt()).isEqualTo(i);
                String servedBy = r.headers().firstValue("X-Aerolog-Served-By").orElseThrow();
                assertThat(servedBy).as("answered by the owner").isEqualTo(ownerOf("k" + i));
            }
        }
        Answer conflict = send(ports.get(2), "POST", "/v1/kvs/test/spread/k0", "{\"i\":0}");
        assertThat(conflict.status()).as("errors come back through the forwarding node").isEqualTo(409);
        assertThat(conflict.body().get("resultCode").asInt()).isEqualTo(5);
        Answer op = send(ports.get(1), "POST", "/v1/operate/test/spread/k1",
                "[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"i\",\"incr\":10}},{\"operation\":\"READ\",\"opValues\":{\"bin\":\"i\"}}]");
        assertThat(op.body().get("bins").get("i").asInt()).isEqualTo(11);
    }

    @Test
    @Order(3)
    void aBatchSpanningOwnersAnswersEveryKeyInOrder() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            Answer put = send(ports.get(0), "PUT", "/v1/kvs/test/batch/b" + i + "?recordExistsAction=UPDATE",
                    "{\"i\":" + i + "}");
            assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
            body.append(i == 0 ? "" : ",").append("{\"key\":{\"namespace\":\"test\",\"setName\":\"batch\",\"userKey\":\"b")
                    .append(i).append("\"}}");
        }
        body.append(",{\"key\":{\"namespace\":\"test\",\"setName\":\"batch\",\"userKey\":\"missing\"}}]");
        for (int port : ports) {
            Answer r = send(port, "POST", "/v1/batch", body.toString());
            assertThat(r.status()).isEqualTo(200);
            JsonNode results = r.body().get("batchRecords");
            assertThat(results).hasSize(41);
            for (int i = 0; i < 40; i++) {
                assertThat(results.get(i).get("record").get("bins").get("i").asInt()).isEqualTo(i);
            }
            assertThat(results.get(40).get("resultCode").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aBatchOfWritesAndDeletesSpanningOwnersAppliesEachThroughAnyNode() throws Exception {
        for (int port : ports) {
            StringBuilder writes = new StringBuilder("[");
            StringBuilder deletes = new StringBuilder("[");
            for (int i = 0; i < 40; i++) {
                String key = "{\"namespace\":\"test\",\"setName\":\"bw\",\"userKey\":\"w" + port + "-" + i + "\"}";
                writes.append(i == 0 ? "" : ",").append("{\"type\":\"WRITE\",\"key\":").append(key)
                        .append(",\"opsList\":[{\"type\":\"ADD\",\"binName\":\"n\",\"incr\":").append(i)
                        .append("},{\"type\":\"READ\",\"binName\":\"n\"}]}");
                deletes.append(i == 0 ? "" : ",").append("{\"type\":\"DELETE\",\"key\":").append(key).append("}");
            }
            JsonNode written = send(port, "POST", "/v1/batch", writes.append("]").toString()).body().get("batchRecords");
            assertThat(written).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(written.get(i).get("resultCode").asInt()).as(written.get(i).toString()).isEqualTo(0);
                assertThat(written.get(i).get("record").get("bins").get("n").get(1).asInt()).isEqualTo(i);
            }
            assertThat(get(ports.get(0), "/v1/kvs/test/bw/w" + port + "-39").body().get("bins").get("n").asInt())
                    .isEqualTo(39);
            JsonNode deleted = send(port, "POST", "/v1/batch", deletes.append("]").toString()).body().get("batchRecords");
            for (int i = 0; i < 40; i++) {
                assertThat(deleted.get(i).get("resultCode").asInt()).isEqualTo(0);
            }
            assertThat(get(ports.get(1), "/v1/kvs/test/bw/w" + port + "-7").status()).isEqualTo(404);
        }
    }

    @Test
    @Order(4)
    void aStandbyServesReadsThatAskForAnyReplica() throws Exception {
        Answer w = send(ports.get(0), "PUT", "/v1/kvs/test/replica/r?recordExistsAction=UPDATE", "{\"v\":1}");
        assertThat(w.status()).isEqualTo(200);
        String owner = ownerOf("r", "replica");
        JsonNode map = get(ports.get(0), "/v1/cluster").body.get("namespaces").get("test").get("partitionMap");
        int partition = Key.of("test", "replica", "r").digest().kafkaPartition(8);
        String standby = map.get(Integer.toString(partition)).get("standbys").get(0).asText();
        int standbyPort = Integer.parseInt(standby.substring(standby.indexOf(':') + 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Answer r;
        do {
            r = get(standbyPort, "/v1/kvs/test/replica/r?replica=ANY");
        } while (r.status() != 200 && System.nanoTime() < deadline && sleep());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Aerolog-Served-By")).contains(standby);
        assertThat(standby).isNotEqualTo(owner);
        Answer master = get(standbyPort, "/v1/kvs/test/replica/r");
        assertThat(master.headers().firstValue("X-Aerolog-Served-By")).contains(owner);
        Answer fresh = get(standbyPort, "/v1/kvs/test/replica/r?replica=ANY&maxLag=1000000");
        assertThat(fresh.headers().firstValue("X-Aerolog-Served-By")).as("within the lag bound").contains(standby);
        Answer tooStale = get(standbyPort, "/v1/kvs/test/replica/r?replica=ANY&maxLag=-1");
        assertThat(tooStale.headers().firstValue("X-Aerolog-Served-By")).as("beyond the lag bound").contains(owner);
        String token = w.body().get("consistencyToken").asText();
        Answer withToken = get(standbyPort, "/v1/kvs/test/replica/r?replica=ANY&consistencyToken=" + token);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.headers().firstValue("X-Aerolog-Served-By")).as("a token is read at the owner").contains(owner);
    }

    @Test
    @Order(5)
    void theSmartClientGoesStraightToTheOwnerOnceTheMapIsKnown() throws Exception {
        try (AerologClient client = AerologClient.connect(ClientPolicy.DEFAULT, "http://127.0.0.1:" + ports.get(0))) {
            for (int i = 0; i < 200; i++) {
                Key key = Key.of("test", "smart", "s" + i);
                client.put(WritePolicy.DEFAULT, key, Bin.of("i", i));
                assertThat(client.get(Policy.DEFAULT, key).getLong("i")).isEqualTo(i);
            }
            ClientStats stats = client.stats();
            assertThat(stats.requests()).isGreaterThanOrEqualTo(400);
            assertThat(stats.forwarded()).as("no request needed forwarding").isZero();
            assertThat(client.nodes()).hasSize(3);
        }
    }

    /**
     * Aerospike's Java client, seeded with one node, finds the other two as its peers and sends every
     * write straight to the node that masters its partition: nodes refuse writes they do not master
     * (PARTITION_UNAVAILABLE) and the policy allows no retry, so a single misrouted write would fail.
     */
    @Test
    @Order(6)
    void anAerospikeClientFindsEveryNodeAndRoutesEachKeyToItsMaster() throws Exception {
        com.aerospike.client.policy.ClientPolicy policy = new com.aerospike.client.policy.ClientPolicy();
        policy.timeout = 10_000;
        try (com.aerospike.client.AerospikeClient client = new com.aerospike.client.AerospikeClient(policy,
                "127.0.0.1", cluster.node(0).aerospikePort())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.getNodes().length < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(client.getNodeNames()).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
            com.aerospike.client.policy.WritePolicy once = new com.aerospike.client.policy.WritePolicy();
            once.maxRetries = 0;
            once.totalTimeout = 20_000;
            com.aerospike.client.policy.Policy readOnce = new com.aerospike.client.policy.Policy();
            readOnce.maxRetries = 0;
            com.aerospike.client.Key[] keys = new com.aerospike.client.Key[200];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = new com.aerospike.client.Key("test", "as-cluster", "a" + i);
                client.put(once, keys[i], new com.aerospike.client.Bin("i", (long) i));
                assertThat(client.get(readOnce, keys[i]).getLong("i")).isEqualTo(i);
            }
            com.aerospike.client.Record[] batch = client.get(null, keys);
            for (int i = 0; i < keys.length; i++) {
                assertThat(batch[i].getLong("i")).as("batch item %d", i).isEqualTo(i);
            }
            assertThat(get(ports.get(2), "/v1/kvs/test/as-cluster/a7").body.get("bins").get("i").asLong())
                    .as("the HTTP API of another node reads it").isEqualTo(7L);
        }
    }

    /**
     * Restarts every node in turn while two clients write and read: no read fails, at most a few writes are left in
     * doubt. Runs after every steady-state test (ordered), so those see a cluster that never restarted.
     */
    @Test
    @Order(100)
    void aRollingRestartFailsNoReadAndLeavesAtMostAFewWritesInDoubt() throws Exception {
        Policy patient = Policy.DEFAULT.withTotalTimeoutMs(30_000).withMaxRetries(10_000).withSleepBetweenRetriesMs(50);
        WritePolicy write = WritePolicy.DEFAULT.withTotalTimeoutMs(30_000).withMaxRetries(10_000);
        List<String> seeds = ports.stream().map(p -> "http://127.0.0.1:" + p).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> inDoubt = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Long>> workers = new ArrayList<>();
        try (AerologClient client = AerologClient.connect(ClientPolicy.DEFAULT, seeds.toArray(String[]::new))) {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    long n = 0;
                    while (running.get()) {
                        Key key = Key.of("test", "rolling", "t" + thread + "-" + (n % 50));
                        try {
                            try {
                                client.put(write.withRecordExistsAction(io.aerolog.core.RecordExistsAction.UPDATE), key,
                                        Bin.of("n", n));
                            } catch (io.aerolog.core.AerologException e) {
                                if (!e.inDoubt()) {
                                    throw e;
                                }
                                // a connection the stopping node cut under the write: the client cannot know
                                // whether it was applied, and says so; the next write of the key decides
                                inDoubt.add(e);
                                n++;
                                continue;
                            }
                            ClientRecord r = client.get(patient, key);
                            if (r == null || r.getLong("n") < n) {
                                failures.add(new AssertionError(key + " read back " + r + " after writing " + n));
                            }
                            ok.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            awaitMore(ok, 0, 20, "requests before the first restart");
            for (int i = 0; i < cluster.size(); i++) {
                long before = ok.get();
                assertThat(cluster.restart(i).awaitRunning(Duration.ofSeconds(60))).isTrue();
                awaitMore(ok, before, 20, "requests through and after the restart of node-" + (i + 1));
            }
            running.set(false);
            for (java.util.concurrent.Future<Long> w : workers) {
                assertThat(w.get(60, TimeUnit.SECONDS)).as("each worker wrote and ended").isPositive();
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).as("failed requests (reads, and writes not in doubt)").isEmpty();
        // each stop can cut at most the writes in flight then: one per writer thread
        assertThat(inDoubt).as("writes left in doubt by a stop cutting their connection")
                .hasSizeLessThanOrEqualTo(2 * cluster.size());
        assertThat(ok.get()).isGreaterThan(50);
    }

    /** After the rolling restart the cluster settles again: every node publishes the same map, spread over three. */
    @Test
    @Order(101)
    void afterTheRollingRestartEveryNodePublishesTheSameMapAgain() throws Exception {
        awaitBalanced();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<JsonNode> maps = new ArrayList<>();
            for (int port : ports) {
                maps.add(get(port, "/v1/cluster").body.get("namespaces").get("test").get("partitionMap"));
            }
            if (maps.stream().distinct().count() == 1 || System.nanoTime() > deadline) {
                assertThat(maps).as("the map every node publishes").allSatisfy(m -> assertThat(m).isEqualTo(maps.get(0)));
                break;
            }
            Thread.sleep(200);
        }
        Answer w = send(ports.get(1), "PUT", "/v1/kvs/test/after/k?recordExistsAction=UPDATE", "{\"v\":1}");
        assertThat(w.status()).isEqualTo(200);
        for (int port : ports) {
            Answer r = get(port, "/v1/kvs/test/after/k?consistencyToken=" + w.body().get("consistencyToken").asText());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("bins").get("v").asInt()).isEqualTo(1);
        }
    }

    /** Waits (polling, up to 60 s) until {@code counter} has moved at least {@code more} past {@code from}. */
    private static void awaitMore(AtomicLong counter, long from, long more, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counter.get() < from + more && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counter.get()).as(what).isGreaterThanOrEqualTo(from + more);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private String ownerOf(String userKey) throws Exception {
        return ownerOf(userKey, "spread");
    }

    private String ownerOf(String userKey, String set) throws Exception {
        int partition = Key.of("test", set, userKey).digest().kafkaPartition(8);
        return get(ports.get(0), "/v1/cluster").body.get("namespaces").get("test").get("partitionMap")
                .get(Integer.toString(partition)).get("active").asText();
    }
}
