package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.task.IndexTask;
import com.aerospike.client.util.Version;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Aerospike's Java client reading a real node's info commands: the set-up its own test suite runs before
 * any test (Args.setServerSpecific, TestServerInfo), what the Python client's suite and asadm read, record
 * counts per namespace and set as writes, deletes and a restart change them, and the server's exact bytes
 * on the socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AerospikeInfoIT {
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

    private Node anyNode() {
        return client.getNodes()[0];
    }

    private String info(String command) {
        return Info.request(null, anyNode(), command);
    }

    private static Map<String, String> pairs(String answer, String separator) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : answer.split(separator)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }

    /** Asks {@code command} until its answer passes {@code done} (counts follow writes as their partitions apply them). */
    private String awaitInfo(String command, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String answer = info(command);
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = info(command);
        }
        return answer;
    }

    /** Aerospike's test suite, Args.setServerSpecific: the partition map's mode, the edition and the namespace's nsup. */
    @Test
    @Order(1)
    void theJavaClientsTestSuiteSetUpSucceeds() {
        Partitions partitions = client.getCluster().partitionMap.get("test");
        assertThat(partitions).isNotNull();
        assertThat(partitions.scMode).as("no strong consistency").isFalse();

        Map<String, String> map = Info.request(null, anyNode(), "edition", "namespace/test");
        assertThat(map.get("edition")).isEqualTo("Aerospike Community Edition");
        String namespace = map.get("namespace/test");
        assertThat(namespace).isNotNull();
        int nsup = Integer.parseInt(pairs(namespace, ";").get("nsup-period"));
        assertThat(nsup).as("expired records are removed, so the suite's TTL tests run").isPositive();
        assertThat(Boolean.parseBoolean(pairs(namespace, ";").get("allow-ttl-without-nsup"))).isFalse();

        assertThat(Version.getServerVersion(client, null).isGreaterEqual(8, 0, 0)).isTrue();
    }

    /** TestServerInfo: the summary has a value for every name, and the namespace's tokens split. */
    @Test
    @Order(2)
    void theSummaryAndTheNamespaceAnswerAsTestServerInfoExpects() {
        Map<String, String> summary = Info.request(null, anyNode());
        assertThat(summary).containsKeys("features", "node", "build", "version", "edition", "statistics",
                "partition-generation", "services", "services-alumni");
        summary.forEach((name, value) -> {
            if (!Set.of("services-alumni", "services", "dcs", "build_ee_sha").contains(name)) {
                assertThat(value).as(name).isNotNull(); // the client reads an empty value as null
            }
        });
        assertThat(summary.get("build")).isEqualTo("8.0.0");
        Map<String, String> statistics = pairs(summary.get("statistics"), ";");
        assertThat(statistics).containsEntry("cluster_size", "1").containsKey("objects");
        assertThat(Integer.parseInt(statistics.get("client_connections"))).as("this client's connections").isPositive();
        for (String token : info("namespace/test").split(";")) {
            assertThat(token).contains("=");
        }
    }

    /** The Python client's suite: the build splits into integers, and the namespace's config says no SC. */
    @Test
    @Order(3)
    void thePythonClientsSuiteSetUpReadsWhatItNeeds() {
        String[] build = info("build").trim().split("\\.");
        assertThat(Integer.parseInt(build[0])).isEqualTo(8);
        assertThat(Integer.parseInt(build[1])).isZero();
        assertThat(Integer.parseInt(build[2])).isZero();
        assertThat(info("get-config:context=namespace;namespace=test")).contains("strong-consistency=false");
        assertThat(info("namespaces")).isEqualTo("test;small");
    }

    @Test
    @Order(4)
    void setsAndNamespacesCountTheRecordsWrittenAndDeleted() throws Exception {
        long before = Long.parseLong(pairs(info("namespace/test"), ";").get("objects"));
        for (int i = 0; i < 3; i++) {
            client.put(null, new Key("test", "info-demo", "k" + i), new Bin("names", "v" + i));
        }
        client.put(null, new Key("test", null, "no-set"), new Bin("a", 1L));
        String set = awaitInfo("sets/test/info-demo", a -> a.startsWith("objects=3:"));
        assertThat(set).startsWith("objects=3:tombstones=0:data_used_bytes=").endsWith(":stop-writes-size=0;");
        assertThat(Long.parseLong(pairs(set.replace(':', ';'), ";").get("data_used_bytes"))).isPositive();
        assertThat(info("sets")).contains("ns=test:set=info-demo:objects=3:");
        String namespace = awaitInfo("namespace/test",
                a -> Long.parseLong(pairs(a, ";").get("objects")) == before + 4);
        assertThat(pairs(namespace, ";")).containsEntry("objects", String.valueOf(before + 4))
                .containsEntry("master_objects", String.valueOf(before + 4));

        client.delete(null, new Key("test", "info-demo", "k0"));
        assertThat(awaitInfo("sets/test/info-demo", a -> a.startsWith("objects=2:"))).startsWith("objects=2:");
        assertThat(info("sets/test/never-written")).isEmpty();
        assertThat(info("sets/nope")).isEqualTo("ns_type=unknown");
    }

    @Test
    @Order(5)
    void whatTheNodeDoesNotDoIsRefusedWithAerospikesCodes() {
        assertThat(info("bins")).as("removed in Aerospike 7").isEqualTo("ERROR:4:unrecognized command");
        assertThat(Info.parseResultCode(info("bins"))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(info("racks:")).isEqualTo("ERROR:25:enterprise only");
        IndexTask drop = client.dropIndex(null, "test", "info-demo", "idx");
        drop.waitTillComplete(10, 5_000);
        assertThat(drop.isDone()).as("an index that never existed is dropped at once").isTrue();
        assertThat(info("udf-list")).doesNotContain("x.lua");
        client.registerUdfString(null, "function f(r) return 1 end", "x.lua", Language.LUA).waitTillComplete(10, 10_000);
        assertThat(info("udf-list")).contains("filename=x.lua,hash=");
        client.removeUdf(null, "x.lua");
        assertThat(info("udf-list")).doesNotContain("x.lua");
        assertThat(info("sindex-list:ns=test")).isEmpty();
    }

    @Test
    @Order(6)
    void theSocketCarriesTheServersExactBytes() throws Exception {
        String request = "namespaces\nbins\nsindex/test/idx\nnamespace/nope\nbuild";
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", node.node.aerospikePort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteBuffer header = ByteBuffer.allocate(8).putLong(2L << 56 | 1L << 48 | body.length);
            out.write(header.array());
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            long proto = ByteBuffer.wrap(in.readNBytes(8)).getLong();
            assertThat(proto >>> 56).as("version").isEqualTo(2);
            assertThat(proto >>> 48 & 0xFF).as("info").isEqualTo(1);
            String answer = new String(in.readNBytes((int) (proto & 0xFFFFFFFFFFFFL)), StandardCharsets.UTF_8);
            assertThat(answer).isEqualTo("namespaces\ttest;small\nbins\tERROR:4:unrecognized command\n"
                    + "sindex/test/idx\tERROR:201:no index\nnamespace/nope\ttype=unknown\n");
        }
    }

    /** A restarted node counts the records its stores hold again (a store opens with records it did not see written). */
    @Test
    @Order(7)
    void aRestartedNodeCountsTheRecordsItsStoresHold() throws Exception {
        String set = awaitInfo("sets/test/info-demo", a -> a.startsWith("objects=2:"));
        String objects = pairs(info("namespace/test"), ";").get("objects");
        client.close();
        client = null;
        node.stop();
        node.restart();
        client = connect();
        assertThat(awaitInfo("sets/test/info-demo", a -> a.equals(set))).isEqualTo(set);
        assertThat(awaitInfo("namespace/test", a -> pairs(a, ";").get("objects").equals(objects)))
                .contains(";objects=" + objects + ";");
        assertThat(info("sets")).contains("ns=test:set=info-demo:objects=2:");
    }
}
