package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.ExecuteTask;
import com.aerospike.client.task.IndexTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The REST gateway's background operations over real HTTP against two nodes: {@code POST /v1/execute/scan} of
 * an {@code ADD} to 1,000 records answers the gateway's task, its status goes to COMPLETE, and every record is
 * changed once (each node ran its share); what a job cannot run is refused with 400 and a result code; the
 * bound on jobs per node is the node's setting; and a background query's index condition is checked again at
 * apply, so a record changed out of range after its match is not touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ExecuteIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADD = "[{\"operation\": \"ADD\", \"opValues\": {\"bin\": \"n\", \"incr\": 5}}]";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeCluster cluster;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("execute", 1, 2, (i, config) -> {
            config.namespaces.get(0).replicationFactor = 1;
            config.maxBackgroundJobs = 2;
        });
        client = cluster.connect();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void noJobLeftRunning() throws InterruptedException {
        NodeCluster.abortAllJobs(client);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(0).httpPort()
                + path)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    private static WritePolicy write() {
        WritePolicy p = new WritePolicy();
        p.totalTimeout = 20_000;
        p.socketTimeout = 20_000;
        p.maxRetries = 5;
        return p;
    }

    /** Writes {@code n} records {@code k0..} of {@code set}, bin {@code n} = i and {@code v} = 10 + i. */
    private List<Key> load(String set, int n) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key key = new Key("test", set, "k" + i);
            client.put(write(), key, new Bin("n", (long) i), new Bin("v", 10L + i));
            keys.add(key);
        }
        return keys;
    }

    private String awaitStatus(long taskId, String expected) throws Exception {
        String path = "/v1/execute/scan/status/" + taskId;
        NodeCluster.await("task " + taskId + " is " + expected, 120, () -> {
            try {
                return send("GET", path, null).body.path("status").asText().equals(expected);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return send("GET", path, null).body.path("status").asText();
    }

    /** The sum of a field of {@code query-show:trid=} over the nodes (0 where a node does not know the job). */
    private long sum(long trid, String field) {
        long total = 0;
        for (String shown : NodeCluster.everyNode(client, "query-show:trid=" + Long.toUnsignedString(trid)).values()) {
            for (String part : shown.split(":")) {
                if (part.startsWith(field + "=")) {
                    total += Long.parseLong(part.substring(field.length() + 1).trim());
                }
            }
        }
        return total;
    }

    @Test
    void anExecuteScanAddsToEveryRecordOfItsSetOnEveryNode() throws Exception {
        List<Key> keys = load("exec", 1_000);
        Answer started = send("POST", "/v1/execute/scan/test/exec", ADD);
        assertThat(started.status).as(started.body.toString()).isEqualTo(200);
        assertThat(started.body.get("scan").asBoolean()).isTrue();
        long taskId = started.body.get("taskId").asLong();
        assertThat(taskId).isPositive();

        assertThat(awaitStatus(taskId, "COMPLETE")).isEqualTo("COMPLETE");
        Answer status = send("GET", "/v1/execute/scan/status/" + taskId, null);
        assertThat(status.body.get("task").get("taskId").asLong()).isEqualTo(taskId);
        assertThat(status.body.get("task").get("scan").asBoolean()).isTrue();
        Map<String, String> shown = NodeCluster.everyNode(client, "query-show:trid=" + taskId);
        assertThat(shown.values()).as("each node ran its share").allMatch(s -> s.contains("status=done(ok)")
                && s.contains("job-type=background-ops"));
        assertThat(sum(taskId, "recs-succeeded")).isEqualTo(1_000);

        Record[] records = client.get(new BatchPolicy(), keys.toArray(Key[]::new));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(records[i].getLong("n")).as("record k" + i).isEqualTo(i + 5);
            assertThat(records[i].generation).as("applied once").isEqualTo(2);
        }
    }

    @Test
    void theTypedFormWithAFilterExpressionAndATtlChangesOnlyWhatTheFilterSelects() throws Exception {
        List<Key> keys = load("exec2", 20);
        String filter = Exp.build(Exp.lt(Exp.intBin("n"), Exp.val(10))).getBase64();
        Answer started = send("POST", "/v2/execute/scan/test/exec2?expiration=3600&filterexp="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8),
                "{\"opsList\": [{\"type\": \"PUT\", \"binName\": \"tag\", \"value\": \"seen\"}]}");
        assertThat(started.status).as(started.body.toString()).isEqualTo(200);
        long taskId = started.body.get("taskId").asLong();
        assertThat(awaitStatus(taskId, "COMPLETE")).isEqualTo("COMPLETE");
        for (int i = 0; i < keys.size(); i++) {
            Record r = client.get(null, keys.get(i));
            assertThat(r.getString("tag")).as("record k" + i).isEqualTo(i < 10 ? "seen" : null);
            if (i < 10) {
                assertThat(r.getTimeToLive()).isBetween(3_000, 3_600);
            }
        }
    }

    @Test
    void whatAJobCannotRunIsRefusedWithAResultCode() throws Exception {
        Answer read = send("POST", "/v1/execute/scan/test/exec",
                "[{\"operation\": \"GET\", \"opValues\": {\"bin\": \"n\"}}]");
        assertThat(read.status).isEqualTo(400);
        assertThat(read.body.get("resultCode").asInt()).isEqualTo(4);
        assertThat(read.body.get("message").asText()).contains("read");

        Answer unknownOp = send("POST", "/v1/execute/scan/test/exec",
                "[{\"operation\": \"FROBNICATE\", \"opValues\": {\"bin\": \"n\"}}]");
        assertThat(unknownOp.status).isEqualTo(400);
        assertThat(unknownOp.body.get("resultCode").asInt()).isEqualTo(4);

        Answer unknownParam = send("POST", "/v1/execute/scan/test/exec?maxRecords=5", ADD);
        assertThat(unknownParam.status).isEqualTo(400);
        assertThat(unknownParam.body.get("resultCode").asInt()).isEqualTo(4);
        assertThat(unknownParam.body.get("message").asText()).contains("maxRecords");

        Answer create = send("POST", "/v1/execute/scan/test/exec?recordExistsAction=CREATE_ONLY", ADD);
        assertThat(create.status).isEqualTo(400);
        assertThat(create.body.get("resultCode").asInt()).isEqualTo(4);

        Answer generation = send("POST", "/v1/execute/scan/test/exec?generationPolicy=EXPECT_GEN_EQUAL", ADD);
        assertThat(generation.status).isEqualTo(400);

        Answer tooFast = send("POST", "/v1/execute/scan/test/exec?recordsPerSecond=10001", ADD);
        assertThat(tooFast.status).isEqualTo(400);
        assertThat(tooFast.body.get("resultCode").asInt()).isEqualTo(4);

        Answer noNamespace = send("POST", "/v1/execute/scan/nope/exec", ADD);
        assertThat(noNamespace.status).isEqualTo(404);
        assertThat(noNamespace.body.get("resultCode").asInt()).isEqualTo(20);

        Answer nodeOnly = send("POST", "/v1/execute/scan/test/exec?aerologTaskId=5", ADD);
        assertThat(nodeOnly.status).as("the task id a node passes is for nodes only").isEqualTo(400);
        assertThat(NodeCluster.everyNode(client, "query-show").values()).as("no job started by a refusal")
                .noneMatch(s -> s.contains("status=active"));
    }

    @Test
    void theStatusOfATaskNoNodeKnowsIsCompleteAsTheGatewaysClientReadsIt() throws Exception {
        Answer unknown = send("GET", "/v1/execute/scan/status/123456789", null);
        assertThat(unknown.status).isEqualTo(200);
        assertThat(unknown.body.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(unknown.body.get("task").get("taskId").asLong()).isEqualTo(123456789L);

        Answer notANumber = send("GET", "/v1/execute/scan/status/abc", null);
        assertThat(notANumber.status).isEqualTo(400);
        assertThat(notANumber.body.get("resultCode").asInt()).isEqualTo(4);
    }

    @Test
    void aJobPastTheNodesBoundIsRefusedWithFailForbidden() throws Exception {
        load("slow", 40);
        List<Long> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Answer slow = send("POST", "/v1/execute/scan/test/slow?recordsPerSecond=1", ADD);
            assertThat(slow.status).as(slow.body.toString()).isEqualTo(200);
            running.add(slow.body.get("taskId").asLong());
        }
        assertThat(send("GET", "/v1/execute/scan/status/" + running.get(0), null).body.get("status").asText())
                .isEqualTo("IN_PROGRESS");
        Answer third = send("POST", "/v1/execute/scan/test/slow", ADD);
        assertThat(third.status).isEqualTo(403);
        assertThat(third.body.get("resultCode").asInt()).as("FAIL_FORBIDDEN past maxBackgroundJobs (2)")
                .isEqualTo(22);
    }

    /** The job entries node {@code node} shows ({@code query-show}), by task id. */
    private Map<String, String> jobsOn(com.aerospike.client.cluster.Node node) {
        Map<String, String> jobs = new java.util.HashMap<>();
        for (String entry : com.aerospike.client.Info.request(null, node, "query-show").split(";")) {
            for (String part : entry.split(":")) {
                if (part.startsWith("trid=")) {
                    jobs.put(part.substring(5).trim(), entry);
                }
            }
        }
        return jobs;
    }

    @Test
    void aJobAnotherNodeCannotStartIsAbortedWhereItStartedAndTheCallerGetsTheRefusal() throws Exception {
        load("refused", 40);
        for (int i = 0; i < 2; i++) {
            Answer slow = send("POST", "/v1/execute/scan/test/refused?recordsPerSecond=1", ADD);
            assertThat(slow.status).as(slow.body.toString()).isEqualTo(200);
        }
        // free the node the requests go to; the other node stays at its bound and refuses the next job's share
        int port = cluster.node(0).aerospikePort();
        com.aerospike.client.cluster.Node first = java.util.Arrays.stream(client.getNodes())
                .filter(n -> n.getHost().port == port).findFirst().orElseThrow();
        com.aerospike.client.Info.request(null, first, "query-abort-all");
        NodeCluster.await("no job runs on the first node", 30,
                () -> jobsOn(first).values().stream().noneMatch(j -> j.contains("status=active")));
        java.util.Set<String> before = jobsOn(first).keySet();

        Answer refused = send("POST", "/v1/execute/scan/test/refused?recordsPerSecond=1", ADD);
        assertThat(refused.status).as(refused.body.toString()).isEqualTo(403);
        assertThat(refused.body.get("resultCode").asInt()).as("the other node's FAIL_FORBIDDEN").isEqualTo(22);

        Map<String, String> after = jobsOn(first);
        List<String> started = after.keySet().stream().filter(t -> !before.contains(t)).toList();
        assertThat(started).as("the first node had started its share").hasSize(1);
        NodeCluster.await("the first node's share is aborted", 30,
                () -> jobsOn(first).get(started.get(0)).contains("status=done(user-aborted)"));
    }

    @Test
    void aRecordChangedOutOfTheQuerysRangeAfterItsMatchIsNotTouched() throws Exception {
        int n = 40;
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key key = new Key("test", "moved", "m" + i);
            client.put(write(), key, new Bin("v", 10L + i), new Bin("n", 0L));
            keys.add(key);
        }
        IndexTask index = client.createIndex(null, "test", "moved", "moved_v", "v", IndexType.NUMERIC);
        index.waitTillComplete(50, 60_000);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("moved");
        stmt.setFilter(Filter.range("v", 10, 10 + n - 1));
        stmt.setRecordsPerSecond(1);
        WritePolicy policy = write();
        policy.filterExp = Exp.build(Exp.ge(Exp.intBin("v"), Exp.val(0)));
        ExecuteTask task = client.execute(policy, stmt, Operation.add(new Bin("n", 1)));
        long trid = task.getTaskId();
        NodeCluster.await("each node sent its first command", 60, () -> NodeCluster.everyNode(client,
                "query-show:trid=" + Long.toUnsignedString(trid)).values().stream()
                .allMatch(s -> s.contains("recs-throttled=") && !s.contains("recs-throttled=0:")));
        // out of the range, in one batch: n back to 0 too, so an add applied before the change leaves no trace
        List<BatchRecord> moves = new ArrayList<>();
        for (Key key : keys) {
            moves.add(new BatchWrite(key, new Operation[] {Operation.put(new Bin("v", 1_000L)),
                    Operation.put(new Bin("n", 0L))}));
        }
        BatchPolicy batch = new BatchPolicy();
        batch.totalTimeout = 20_000;
        assertThat(client.operate(batch, moves)).isTrue();
        task.waitTillComplete(50, 120_000);

        for (Key key : keys) {
            Record r = client.get(null, key);
            assertThat(r.getLong("v")).isEqualTo(1_000);
            assertThat(r.getLong("n")).as("%s: no add applied after it left the range", key.userKey).isZero();
        }
        long sent = sum(trid, "recs-throttled");
        long succeeded = sum(trid, "recs-succeeded");
        long turnedAway = sum(trid, "recs-filtered-bins");
        long failed = sum(trid, "recs-failed");
        System.out.printf("RECHECK: %d commands sent, %d applied while in range, %d turned away at apply, %d failed%n",
                sent, succeeded, turnedAway, failed);
        assertThat(succeeded + turnedAway + failed).as("every command sent was applied, turned away or failed")
                .isEqualTo(sent);
        assertThat(sent).as("the job matched records before they moved").isPositive();
    }
}
