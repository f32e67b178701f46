package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.lua.LuaConfig;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.ResultSet;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.ExecuteTask;
import com.aerospike.client.task.IndexTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Background scans and queries and query aggregations through Aerospike's own Java client against two Aerolog
 * nodes, each running the job for the partitions it masters: an operations scan, an operations query with an
 * index filter and a filter expression, a UDF scan, {@code query-show}'s fields, an abort of a throttled job,
 * the bound on jobs per node, aggregations (sum, count, group by) equal to the same computation on the
 * client, a Lua error of a stream UDF, and the log of a job replayed through the engine giving the same store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BackgroundJobIT {
    private static final String RECORD_UDF = """
            function bump(r, by)
              r['u'] = (r['u'] or 0) + by
              aerospike:update(r)
              return r['u']
            end
            """;
    private static final String STREAM_UDF = """
            local function add(a, b) return a + b end
            function sum_bin(stream, name)
              local function value(rec) return rec[name] or 0 end
              return stream : map(value) : reduce(add)
            end
            function count(stream)
              return stream : map(function(rec) return 1 end) : reduce(add)
            end
            function average(stream, name)
              local function acc(s, rec) s['sum'] = s['sum'] + (rec[name] or 0); s['n'] = s['n'] + 1; return s end
              local function merge(a, b) return map{sum = a['sum'] + b['sum'], n = a['n'] + b['n']} end
              return stream : aggregate(map{sum = 0, n = 0}, acc) : reduce(merge)
            end
            function group_count(stream, name)
              local function acc(m, rec) local k = rec[name]; m[k] = (m[k] or 0) + 1; return m end
              local function merge(a, b) return map.merge(a, b, add) end
              return stream : aggregate(map(), acc) : reduce(merge)
            end
            function fail(stream)
              local function boom(rec) error('boom') end
              return stream : map(boom)
            end
            """;
    private static final int RECORDS = 120;

    private NodeCluster cluster;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("bgjobs", 1, 2, (i, config) -> config.namespaces.get(0).replicationFactor = 1);
        client = cluster.connect();
        client.registerUdfString(null, RECORD_UDF, "bg.lua", Language.LUA).waitTillComplete(100, 30_000);
        client.registerUdfString(null, STREAM_UDF, "agg.lua", Language.LUA).waitTillComplete(100, 30_000);
        Path lua = Files.createTempDirectory("bgjobs-lua");
        Files.writeString(lua.resolve("agg.lua"), STREAM_UDF);
        LuaConfig.SourceDirectory = lua.toString();
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

    private static WritePolicy write() {
        WritePolicy p = new WritePolicy();
        p.totalTimeout = 15_000;
        p.socketTimeout = 15_000;
        return p;
    }

    private static QueryPolicy queryPolicy() {
        QueryPolicy p = new QueryPolicy();
        p.socketTimeout = 20_000;
        p.totalTimeout = 60_000;
        return p;
    }

    private Map<String, String> everyNode(String command) {
        return NodeCluster.everyNode(client, command);
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Writes {@code n} records {@code k0..} of {@code set}, bin {@code v} = i and {@code g} = i % 3. */
    private List<Key> load(String set, int n) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key key = new Key("test", set, "k" + i);
            client.put(write(), key, new Bin("v", i), new Bin("g", "g" + (i % 3)));
            keys.add(key);
        }
        return keys;
    }

    /** The sum of field {@code field} of job {@code trid} over every node's {@code query-show}. */
    private long sum(long trid, String field) {
        long total = 0;
        for (String s : everyNode("query-show:trid=" + Long.toUnsignedString(trid)).values()) {
            total += Long.parseLong(field(s, field));
        }
        return total;
    }

    private static String field(String info, String name) {
        for (String pair : info.split(":")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    @Test
    void anOperationsScanAddsOneToEveryRecordOfItsSetOnEveryNode() {
        List<Key> keys = load("ops", RECORDS);
        Key other = new Key("test", "other", "x");
        client.put(write(), other, new Bin("v", 7));
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("ops");
        ExecuteTask task = client.execute(write(), stmt, Operation.add(new Bin("v", 1)), Operation.put(new Bin("done", 1)));
        task.waitTillComplete(20, 60_000);
        for (int i = 0; i < keys.size(); i++) {
            Record r = client.get(null, keys.get(i));
            assertThat(r.getLong("v")).as("record %d", i).isEqualTo(i + 1);
            assertThat(r.getLong("done")).isEqualTo(1);
            assertThat(r.generation).isEqualTo(2);
        }
        assertThat(client.get(null, other).getLong("v")).isEqualTo(7);
        assertThat(sum(task.getTaskId(), "recs-succeeded")).isEqualTo(RECORDS);
        assertThat(sum(task.getTaskId(), "recs-failed")).isZero();
        // each node ran its own partitions: both took a share
        assertThat(everyNode("query-show:trid=" + Long.toUnsignedString(task.getTaskId())).values())
                .allMatch(s -> Long.parseLong(field(s, "recs-succeeded")) > 0);
    }

    @Test
    void anOperationsQueryWithAFilterExpressionChangesOnlyTheRecordsThatMatch() {
        List<Key> keys = load("opsq", RECORDS);
        IndexTask index = client.createIndex(null, "test", "opsq", "opsq_v", "v", IndexType.NUMERIC);
        index.waitTillComplete(50, 60_000);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("opsq");
        stmt.setFilter(Filter.range("v", 10, 89));
        WritePolicy policy = write();
        policy.filterExp = Exp.build(Exp.eq(Exp.stringBin("g"), Exp.val("g0")));
        ExecuteTask task = client.execute(policy, stmt, Operation.put(new Bin("hit", true)));
        task.waitTillComplete(20, 60_000);
        int hits = 0;
        for (int i = 0; i < keys.size(); i++) {
            Record r = client.get(null, keys.get(i));
            boolean expected = i >= 10 && i <= 89 && i % 3 == 0;
            assertThat(r.bins.containsKey("hit")).as("record %d", i).isEqualTo(expected);
            hits += expected ? 1 : 0;
        }
        assertThat(sum(task.getTaskId(), "recs-succeeded")).isEqualTo(hits);
        assertThat(sum(task.getTaskId(), "recs-filtered-bins")).isEqualTo(80 - hits);
    }

    @Test
    void aUdfScanRunsTheUdfOnEveryRecordAndQueryShowSaysSo() {
        List<Key> keys = load("udf", 40);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("udf");
        ExecuteTask task = client.execute(write(), stmt, "bg", "bump", Value.get(5));
        task.waitTillComplete(20, 60_000);
        for (Key key : keys) {
            assertThat(client.get(null, key).getLong("u")).isEqualTo(5);
        }
        Map<String, String> shown = everyNode("query-show:trid=" + Long.toUnsignedString(task.getTaskId()));
        for (String s : shown.values()) {
            assertThat(field(s, "trid")).isEqualTo(Long.toUnsignedString(task.getTaskId()));
            assertThat(field(s, "ns")).isEqualTo("test");
            assertThat(field(s, "set")).isEqualTo("udf");
            assertThat(field(s, "status")).isEqualTo("done(ok)");
            assertThat(field(s, "job-type")).isEqualTo("background-udf");
            assertThat(field(s, "udf-filename")).isEqualTo("bg.lua");
            assertThat(field(s, "udf-function")).isEqualTo("bump");
            assertThat(field(s, "job-progress")).isEqualTo("100.00");
        }
        assertThat(sum(task.getTaskId(), "recs-succeeded")).isEqualTo(40);
        // every job is listed by query-show without an id, and an unknown one is not found
        assertThat(everyNode("query-show").values()).allMatch(s -> s.contains("trid="
                + Long.toUnsignedString(task.getTaskId()) + ":"));
        assertThat(everyNode("query-show:trid=12345").values()).allMatch(s -> s.startsWith("ERROR:2:"));
        assertThat(everyNode("query-abort:trid=12345").values()).allMatch(s -> s.startsWith("ERROR:2:"));
    }

    @Test
    void anAbortStopsAThrottledJobWithFewerRecordsChanged() throws InterruptedException {
        List<Key> keys = load("slow", 60);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("slow");
        stmt.setRecordsPerSecond(4);
        ExecuteTask task = client.execute(write(), stmt, Operation.put(new Bin("seen", 1)));
        await(() -> sum(task.getTaskId(), "recs-succeeded") >= 2, 30);
        assertThat(everyNode("query-abort:trid=" + Long.toUnsignedString(task.getTaskId())).values()).allMatch(s -> s.equals("ok"));
        task.waitTillComplete(20, 30_000);
        long changed = keys.stream().filter(k -> client.get(null, k).bins.containsKey("seen")).count();
        assertThat(changed).isGreaterThanOrEqualTo(2).isLessThan(keys.size());
        assertThat(changed).isEqualTo(sum(task.getTaskId(), "recs-succeeded"));
        assertThat(everyNode("query-show:trid=" + Long.toUnsignedString(task.getTaskId())).values())
                .allMatch(s -> field(s, "status").equals("done(user-aborted)"));
        // what was aborted stays as it is
        assertThat(keys.stream().filter(k -> client.get(null, k).bins.containsKey("seen")).count()).isEqualTo(changed);
    }

    @Test
    void jobsPastTheNodesBoundAreRefusedAsTheServerRefusesThem() {
        load("bound", 20);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("bound");
        stmt.setRecordsPerSecond(1);
        for (int i = 0; i < io.aerolog.server.jobs.BackgroundJobs.DEFAULT_MAX_ACTIVE; i++) {
            stmt.setTaskId(0);
            client.execute(write(), stmt, Operation.put(new Bin("b" + i, 1)));
        }
        stmt.setTaskId(0);
        assertThatThrownBy(() -> client.execute(write(), stmt, Operation.put(new Bin("late", 1))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FAIL_FORBIDDEN));
    }

    @Test
    void aggregationsEqualTheSameComputationOnTheClient() {
        List<Key> keys = load("agg", RECORDS);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("agg");
        long expectedSum = 0;
        Map<String, Long> expectedGroups = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            expectedSum += i;
            expectedGroups.merge("g" + (i % 3), 1L, Long::sum);
        }
        assertThat(single(client.queryAggregate(queryPolicy(), stmt, "agg", "sum_bin", Value.get("v"))))
                .isEqualTo(expectedSum);
        assertThat(single(client.queryAggregate(queryPolicy(), stmt, "agg", "count"))).isEqualTo((long) RECORDS);
        Object average = single(client.queryAggregate(queryPolicy(), stmt, "agg", "average", Value.get("v")));
        assertThat(average).isEqualTo(Map.of("sum", expectedSum, "n", (long) RECORDS));
        assertThat(single(client.queryAggregate(queryPolicy(), stmt, "agg", "group_count", Value.get("g"))))
                .isEqualTo(expectedGroups);
        // with a filter expression: only the matching records are aggregated
        QueryPolicy filtered = queryPolicy();
        filtered.filterExp = Exp.build(Exp.lt(Exp.intBin("v"), Exp.val(10)));
        assertThat(single(client.queryAggregate(filtered, stmt, "agg", "sum_bin", Value.get("v")))).isEqualTo(45L);
    }

    @Test
    void aLuaErrorInAStreamUdfIsThrownWithItsMessage() {
        load("aggfail", 10);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("aggfail");
        assertThatThrownBy(() -> single(client.queryAggregate(queryPolicy(), stmt, "agg", "fail")))
                .isInstanceOf(AerospikeException.class).hasMessageContaining("boom");
    }

    private static Object single(ResultSet rs) {
        try (rs) {
            List<Object> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject());
            }
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    @Test
    void theLogOfAJobReplayedThroughTheEngineGivesTheSameStore() {
        List<Key> keys = load("replay", 30);
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("replay");
        client.execute(write(), stmt, Operation.add(new Bin("v", 10))).waitTillComplete(20, 60_000);
        client.execute(write(), stmt, "bg", "bump", Value.get(3)).waitTillComplete(20, 60_000);
        Map<String, io.aerolog.core.Record> replayed = cluster.replay(cluster.node(0).namespace("test").config());
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            Record live = client.get(null, key);
            io.aerolog.core.Record again = replayed.get(Base64.getEncoder().encodeToString(key.digest));
            assertThat(again).as("replayed %s", key).isNotNull();
            assertThat(again.generation()).isEqualTo(live.generation).isEqualTo(3);
            assertThat(again.bins().get("v")).isEqualTo(io.aerolog.core.Value.of((long) i + 10));
            assertThat(again.bins().get("u")).isEqualTo(io.aerolog.core.Value.of(3L));
            assertThat(live.getLong("v")).isEqualTo(i + 10);
            assertThat(live.getLong("u")).isEqualTo(3);
        }
    }
}
