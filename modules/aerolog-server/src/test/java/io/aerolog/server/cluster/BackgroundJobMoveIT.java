package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.ExecuteTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.server.jobs.BackgroundJob;
import io.aerolog.server.namespace.PartitionRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A background job whose partitions move away says so, on two real nodes through Aerospike's client: with
 * node-2 stopped, node-1 masters every partition and starts a throttled job over all of them; once the job is
 * inside the big partition (node-2's first one, which holds most of the set) node-2 comes back and takes its
 * partitions, so node-1 cannot finish them (their new master never had a share of the job): the one it was
 * scanning closes in the middle, the later ones have moved when it reaches them. The job ends {@code
 * done(abandoned-unknown)} in {@code query-show} and in {@code /v1/execute/scan/status}, with one WARN a
 * partition, having changed fewer records than the set holds. The control: the same job with no move ends
 * {@code done(ok)} having changed every record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BackgroundJobMoveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Records of the big partition: at {@link #RPS} the job stays in it long enough for node-2 to come back. */
    private static final int BIG_PARTITION_RECORDS = 300;
    private static final int OTHER_PARTITION_RECORDS = 10;
    private static final int RPS = 5;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeCluster cluster;
    private AerospikeClient client;
    private int partitions;

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("jobmove", 1, 2, (i, config) -> {
            config.namespaces.get(0).replicationFactor = 1;
            config.sessionTimeoutMs = 3_000;
        });
        client = cluster.connect();
        partitions = cluster.node(0).namespace("test").config().partitions();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static WritePolicy write() {
        WritePolicy p = new WritePolicy();
        p.totalTimeout = 20_000;
        p.socketTimeout = 20_000;
        p.maxRetries = 5;
        return p;
    }

    /**
     * Writes {@code many} records of {@code set} in Kafka partition {@code big} and {@code others} in each other
     * one, bin {@code v}; answers their keys.
     */
    private List<Key> load(String set, int big, int many, int others) {
        int[] wanted = new int[partitions];
        java.util.Arrays.fill(wanted, others);
        wanted[big] = many;
        List<Key> keys = new ArrayList<>();
        for (int i = 0; keys.size() < many + others * (partitions - 1); i++) {
            int k = io.aerolog.core.Key.of("test", set, "k" + i).digest().kafkaPartition(partitions);
            if (wanted[k] > 0) {
                wanted[k]--;
                Key key = new Key("test", set, "k" + i);
                client.put(write(), key, new Bin("v", i));
                keys.add(key);
            }
        }
        return keys;
    }

    private long changed(AerospikeClient reader, List<Key> keys) {
        return keys.stream().filter(k -> reader.get(null, k).bins.containsKey("seen")).count();
    }

    private static String field(String info, String name) {
        for (String pair : info.split(":")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    private String showOnNode1(long trid) {
        return Info.request("127.0.0.1", cluster.node(0).aerospikePort(), "query-show:trid=" + Long.toUnsignedString(trid));
    }

    private JsonNode httpStatus(int node, long trid) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(node).httpPort()
                + "/v1/execute/scan/status/" + trid)).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    @Order(1)
    void withNoMoveTheJobEndsOkHavingChangedEveryRecord() throws Exception {
        List<Key> keys = load("steady", 0, 40, OTHER_PARTITION_RECORDS);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("steady");
        stmt.setRecordsPerSecond(200);
        ExecuteTask task = client.execute(write(), stmt, Operation.put(new Bin("seen", 1)));
        task.waitTillComplete(20, 120_000);
        assertThat(NodeCluster.everyNode(client, "query-show:trid=" + Long.toUnsignedString(task.getTaskId())).values())
                .hasSize(2).allMatch(s -> field(s, "status").equals("done(ok)"));
        assertThat(changed(client, keys)).isEqualTo(keys.size());
        JsonNode status = httpStatus(1, task.getTaskId());
        assertThat(status.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(status.has("jobStatus")).as(status.toString()).isFalse();
    }

    @Test
    @Order(2)
    void partitionsMovedAwayFromARunningJobEndItAbandonedWithFewerRecordsChanged() throws Exception {
        PartitionRouter router1 = cluster.node(0).namespace("test").router();
        PartitionRouter router2 = cluster.node(1).namespace("test").router();
        int big = IntStream.range(0, partitions).filter(router2::mastersHere).min()
                .orElseThrow(() -> new AssertionError("node-2 masters no partition"));
        List<Key> keys = load("moving", big, BIG_PARTITION_RECORDS, OTHER_PARTITION_RECORDS);
        long beforeBig = (long) big * OTHER_PARTITION_RECORDS;
        cluster.node(1).close();
        NodeCluster.await("node-1 masters and serves every partition", 120, () ->
                IntStream.range(0, partitions).allMatch(router1::mastersHere) && router1.catchingUp().isEmpty());
        NodeCluster.await("the client sees node-1 alone", 60, () -> client.getNodes().length == 1);

        Logger jobLog = (Logger) LoggerFactory.getLogger(BackgroundJob.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        jobLog.addAppender(logged);
        long trid;
        try {
            Statement stmt = new Statement();
            stmt.setNamespace("test");
            stmt.setSetName("moving");
            stmt.setRecordsPerSecond(RPS);
            trid = client.execute(write(), stmt, Operation.put(new Bin("seen", 1))).getTaskId();
            NodeCluster.await("the job is inside partition " + big + " on node-1", 120,
                    () -> Long.parseLong(field(showOnNode1(trid), "recs-throttled")) > beforeBig);

            long restarted = System.nanoTime();
            cluster.restart(1);
            NodeCluster.await("node-2 takes partitions back", 120,
                    () -> !IntStream.range(0, partitions).allMatch(router1::mastersHere));
            long sentAtMove = Long.parseLong(field(showOnNode1(trid), "recs-throttled"));
            System.out.printf("JOBMOVE: node-2 took partitions back %d ms after its restart began; the job had"
                    + " sent %d commands%n", (System.nanoTime() - restarted) / 1_000_000, sentAtMove);
            assertThat(sentAtMove).as("the job was still inside partition " + big + " when node-2 took partitions"
                    + " back (else the set needs more records there, or the job a lower rate)")
                    .isLessThan(beforeBig + BIG_PARTITION_RECORDS);

            NodeCluster.await("the job ends on node-1", 240, () -> field(showOnNode1(trid), "status").startsWith("done"));
        } finally {
            jobLog.detachAppender(logged);
        }
        String shown = showOnNode1(trid);
        assertThat(field(shown, "status")).as(shown).isEqualTo("done(abandoned-unknown)");

        // one WARN for each partition cut short, naming the job and the partition
        Pattern warning = Pattern.compile("background job " + Long.toUnsignedString(trid)
                + " of namespace test: Kafka partition (\\d+) ");
        List<Integer> named = new ArrayList<>();
        Map<Integer, String> why = new HashMap<>();
        for (ILoggingEvent e : logged.list) {
            Matcher m = warning.matcher(e.getFormattedMessage());
            if (m.find()) {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                named.add(Integer.parseInt(m.group(1)));
                why.put(Integer.parseInt(m.group(1)), e.getFormattedMessage());
            }
        }
        assertThat(named).as("partitions cut short").isNotEmpty().doesNotHaveDuplicates();
        Set<Integer> lost = new HashSet<>();
        IntStream.range(0, partitions).filter(k -> !router1.mastersHere(k)).forEach(lost::add);
        assertThat(lost).as("partitions node-1 no longer masters (every one cut short is among them)").containsAll(named);
        if (lost.contains(big)) {
            assertThat(why.get(big)).as("the partition the job was inside").contains("in the middle of its scan");
        }

        // the HTTP status says it too, on node-1 and on node-2 (which asks node-1 for its share)
        for (int node : new int[] {0, 1}) {
            JsonNode status = httpStatus(node, trid);
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("COMPLETE");
            assertThat(status.path("jobStatus").asText()).as(status.toString()).isEqualTo("done(abandoned-unknown)");
        }

        AerospikeClient reader = cluster.connect();
        long changed = changed(reader, keys);
        long succeeded = Long.parseLong(field(shown, "recs-succeeded"));
        System.out.printf("JOBMOVE: %d of %d records changed, %d commands succeeded, big partition %d, cut short %s%n",
                changed, keys.size(), succeeded, big, why.values());
        assertThat(changed).as("records changed").isGreaterThanOrEqualTo(succeeded).isLessThan(keys.size());
    }
}
