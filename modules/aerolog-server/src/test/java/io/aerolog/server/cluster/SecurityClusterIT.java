package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.Key;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Access control across a cluster of two nodes: a user made through one node logs in on the other, each
 * node learns the other as its peer over signed requests (so Aerospike's client finds both, logging in to
 * each), and an HTTP request for a key the other node serves is forwarded signed for its user and served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecurityClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("security-cluster", 1, 2, (i, config) -> {
            config.namespaces.get(0).replicationFactor = 1;
            config.namespaces.get(0).partitions = 4;
            config.security.enabled = true;
            config.security.passwordHashCost = 4;
            config.security.admin.password = "admin-secret";
            config.security.admin.roles = List.of("user-admin", "read-write");
        });
        await("both nodes serve partitions", () -> {
            JsonNode map = cluster(0).path("namespaces").path("test").path("partitionMap");
            Set<String> actives = new HashSet<>();
            map.forEach(p -> actives.add(p.path("active").asText()));
            return map.size() == 4 && actives.size() == 2;
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        NodeCluster.await(what, 90, condition);
    }

    private HttpResponse<String> send(int node, String method, String path, String body, String user, String password) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(node).httpPort()
                    + path)).timeout(Duration.ofSeconds(30)).method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode cluster(int node) {
        try {
            return JSON.readTree(send(node, "GET", "/v1/cluster", null, "admin", "admin-secret").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AerospikeClient client(int node, String user, String password) {
        ClientPolicy policy = new ClientPolicy();
        policy.user = user;
        policy.password = password;
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        return new AerospikeClient(policy, "127.0.0.1", cluster.node(node).aerospikePort());
    }

    @Test
    void usersPeersAndForwardedRequestsAcrossNodes() throws Exception {
        try (AerospikeClient admin = client(0, "admin", "admin-secret")) {
            await("Aerospike's client finds both nodes, logging in to each", () -> admin.getNodes().length == 2);
            admin.createUser(null, "kim", "kim-pw", List.of("read-write"));
            admin.createUser(null, "rob", "rob-pw", List.of("read"));
            String peers = Info.request(null, admin.getNodes()[0], "peers-clear-std");
            assertThat(peers).contains("node-");
        }
        await("a user made through one node logs in on the other", () -> {
            try (AerospikeClient kim = client(1, "kim", "kim-pw")) {
                return kim.getNodes().length == 2;
            } catch (RuntimeException e) {
                return false;
            }
        });

        String otherNode = "127.0.0.1:" + cluster.node(1).httpPort();
        JsonNode map = cluster(0).path("namespaces").path("test").path("partitionMap");
        String userKey = null;
        for (int i = 0; userKey == null; i++) {
            int partition = Key.of("test", "fw", "k" + i).digest().kafkaPartition(4);
            if (map.get(Integer.toString(partition)).get("active").asText().equals(otherNode)) {
                userKey = "k" + i;
            }
        }
        String path = "/v1/kvs/test/fw/" + userKey;
        HttpResponse<String> written = send(0, "POST", path, "{\"v\": 1}", "kim", "kim-pw");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        assertThat(written.headers().firstValue("X-Aerolog-Served-By")).hasValue(otherNode);
        HttpResponse<String> read = send(0, "GET", path, null, "rob", "rob-pw");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"v\":1");
        assertThat(send(0, "PUT", path, "{\"v\": 2}", "rob", "rob-pw").statusCode()).isEqualTo(403);
        assertThat(send(0, "GET", path, null, null, null).statusCode()).isEqualTo(401);
        assertThat(send(1, "GET", "/v1/info", null, null, null).statusCode()).isEqualTo(401);
    }
}
