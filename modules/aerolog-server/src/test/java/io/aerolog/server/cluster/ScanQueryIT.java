package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Scans, secondary-index queries and truncation through Aerospike's Java client against three Aerolog nodes on a
 * real three-broker Kafka cluster: every partition is read from the node that masters it, pages resume from the
 * client's digests with no record lost or repeated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ScanQueryIT {
    static final int USERS = 600;
    static final int ORDERS = 150;
    private KafkaCluster kafka;
    private final List<AerologNode> nodes = new ArrayList<>();
    private final List<NodeConfig> configs = new ArrayList<>();
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaCluster.start(3);
        Path base = Path.of("target", "it-data", "scan-" + UUID.randomUUID());
        for (int i = 1; i <= 3; i++) {
            Path dir = base.resolve("node-" + i);
            Files.createDirectories(dir);
            NodeConfig config = ClusterIT.nodeConfig(kafka.bootstrapServers(), "node-" + i, EmbeddedKafka.freePort(), dir);
            configs.add(config);
            nodes.add(AerologNode.start(config));
        }
        for (AerologNode n : nodes) {
            assertThat(n.awaitRunning(java.time.Duration.ofSeconds(120))).isTrue();
        }
        client = connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && (client.getNodes().length < 3 || !mastersEverything())) {
            Thread.sleep(200);
        }
        assertThat(client.getNodes()).hasSize(3);
        WritePolicy write = new WritePolicy();
        write.sendKey = true;
        write.totalTimeout = 20_000;
        write.maxRetries = 5;
        write.sleepBetweenRetries = 200;
        for (int i = 0; i < USERS; i++) {
            client.put(write, new Key("test", "users", "u" + i), new Bin("n", (long) i), new Bin("name", "user" + i),
                    new Bin("group", i % 2 == 0 ? "even" : "odd"));
        }
        for (int i = 0; i < ORDERS; i++) {
            client.put(write, new Key("test", "orders", (long) i), new Bin("amount", (long) i * 10));
        }
    }

    /** Aerospike's client on the first node, once the node answers its cluster tending. */
    private AerospikeClient connect() throws InterruptedException {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new AerospikeClient(policy, "127.0.0.1", nodes.get(0).aerospikePort());
            } catch (AerospikeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Whether every node masters some partition (the cluster has balanced). */
    private boolean mastersEverything() throws InterruptedException {
        for (AerologNode n : nodes) {
            if (!n.awaitRunning(java.time.Duration.ofMillis(10))) {
                return false;
            }
        }
        return java.util.Arrays.stream(client.getNodes()).allMatch(n -> n.getPartitionGeneration() > 0);
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        nodes.forEach(AerologNode::close);
        kafka.close();
    }

    private static ScanPolicy scanPolicy() {
        ScanPolicy p = new ScanPolicy();
        p.socketTimeout = 20_000;
        p.maxRetries = 20;
        p.sleepBetweenRetries = 250;
        return p;
    }

    /** Scans into a map of user key (or digest) to record, failing on any record seen twice. */
    private Map<Object, Record> scan(ScanPolicy policy, String set, String... bins) {
        Map<Object, Record> seen = new ConcurrentHashMap<>();
        AtomicInteger repeated = new AtomicInteger();
        client.scanAll(policy, "test", set, (key, record) -> {
            if (seen.put(key.userKey == null ? java.util.HexFormat.of().formatHex(key.digest) : key.userKey.getObject(),
                    record) != null) {
                repeated.incrementAndGet();
            }
        }, bins);
        assertThat(repeated.get()).as("records returned twice").isZero();
        return seen;
    }

    @Test
    @Order(1)
    void aScanOfTheNamespaceReturnsEveryRecordOnce() {
        Map<Object, Record> all = scan(scanPolicy(), null);
        assertThat(all).hasSize(USERS + ORDERS);
        assertThat(all.get("u7").getLong("n")).isEqualTo(7);
        assertThat(all.get(42L).getLong("amount")).isEqualTo(420);
    }

    @Test
    @Order(2)
    void aScanOfASetWithBinsOrWithoutBins() {
        Map<Object, Record> users = scan(scanPolicy(), "users", "name");
        assertThat(users).hasSize(USERS);
        assertThat(users.get("u3").bins).containsOnlyKeys("name").containsEntry("name", "user3");
        assertThat(users.get("u3").generation).isEqualTo(1);
        ScanPolicy headers = scanPolicy();
        headers.includeBinData = false;
        Map<Object, Record> orders = scan(headers, "orders");
        assertThat(orders).hasSize(ORDERS);
        assertThat(orders.get(5L).bins).isNull();
        assertThat(scan(scanPolicy(), "no-such-set")).isEmpty();
    }

    @Test
    @Order(3)
    void aScanWithAFilterExpression() {
        ScanPolicy p = scanPolicy();
        p.filterExp = Exp.build(Exp.and(Exp.eq(Exp.stringBin("group"), Exp.val("odd")), Exp.lt(Exp.intBin("n"), Exp.val(100))));
        Map<Object, Record> odd = scan(p, "users");
        assertThat(odd).hasSize(50);
        assertThat(odd.values()).allSatisfy(r -> assertThat(r.getLong("n") % 2).isEqualTo(1));
    }

    @Test
    @Order(4)
    void pagesOfMaxRecordsResumeToTheEndWithNoRecordLostOrRepeated() {
        PartitionFilter filter = PartitionFilter.all();
        ScanPolicy p = scanPolicy();
        p.maxRecords = 97;
        Map<Object, Integer> seen = new HashMap<>();
        int pages = 0;
        while (!filter.isDone() && pages < 100) {
            AtomicInteger inPage = new AtomicInteger();
            client.scanPartitions(p, filter, "test", "users", (key, record) -> {
                inPage.incrementAndGet();
                seen.merge(key.userKey.getObject(), 1, Integer::sum);
            });
            assertThat(inPage.get()).as("page %d", pages).isLessThanOrEqualTo(97);
            pages++;
        }
        assertThat(filter.isDone()).isTrue();
        assertThat(seen).hasSize(USERS);
        assertThat(seen.values()).as("each record once").allMatch(n -> n == 1);
        assertThat(pages).isGreaterThanOrEqualTo(USERS / 97);
    }

    @Test
    @Order(5)
    void aThrottledScanTakesAtLeastItsRecordsOverItsRate() {
        ScanPolicy p = scanPolicy();
        p.recordsPerSecond = 100;
        long start = System.nanoTime();
        Map<Object, Record> orders = scan(p, "orders");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(orders).hasSize(ORDERS);
        // three nodes each hold about a third of the records, each throttled to 100/s
        assertThat(millis).as("150 records at 100/s per node").isGreaterThanOrEqualTo(300);
    }

    @Test
    @Order(6)
    void aBackgroundScanIsRefusedUntilBackgroundJobsExist() {
        com.aerospike.client.query.Statement statement = new com.aerospike.client.query.Statement();
        statement.setNamespace("test");
        statement.setSetName("users");
        assertThatThrownBy(() -> client.execute(null, statement, com.aerospike.client.Operation.put(new Bin("x", 1L)))
                .waitTillComplete(50, 5_000))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
    }
}
