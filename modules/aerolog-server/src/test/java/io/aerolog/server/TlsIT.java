package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;
import io.aerolog.server.config.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * TLS on both listeners, with certificates of a test authority made in the test: Aerospike's Java client
 * connects with its TlsPolicy and logs in over it, the node announces its service as a TLS one, a client
 * without the required client certificate, with another TLS name, or speaking plain text is refused; HTTPS
 * serves the same users, and plain HTTP gets nothing from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsIT {
    private TestNode node;
    private TestCerts certs;

    @BeforeAll
    void start() throws Exception {
        certs = TestCerts.make(Path.of("target", "it-data", "certs-" + UUID.randomUUID()));
        node = TestNode.start(c -> {
            c.security.enabled = true;
            c.security.passwordHashCost = 4;
            c.security.admin.password = "admin-secret";
            c.security.admin.roles = java.util.List.of("user-admin", "read-write");
            c.aerospike.tls = tls("required");
            c.http.tls = tls("optional");
        });
    }

    private NodeConfig.TlsFiles tls(String clientAuth) {
        NodeConfig.TlsFiles t = new NodeConfig.TlsFiles();
        t.certFile = certs.nodeCert.toString();
        t.keyFile = certs.nodeKey.toString();
        t.caFile = certs.caFile.toString();
        t.clientAuth = clientAuth;
        t.name = TestCerts.TLS_NAME;
        return t;
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private ClientPolicy policy(SSLContext tls) {
        ClientPolicy policy = new ClientPolicy();
        policy.user = "admin";
        policy.password = "admin-secret";
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        if (tls != null) {
            policy.tlsPolicy = new TlsPolicy();
            policy.tlsPolicy.context = tls;
        }
        return policy;
    }

    @Test
    void aerospikesClientConnectsWithItsTlsPolicyAndLogsIn() throws Exception {
        Host host = new Host("127.0.0.1", TestCerts.TLS_NAME, node.node.aerospikePort());
        try (AerospikeClient client = new AerospikeClient(policy(certs.clientContext(true)), host)) {
            Key key = new Key("test", "tls", "k");
            client.put(null, key, new Bin("v", "over TLS"));
            assertThat(client.get(null, key).getString("v")).isEqualTo("over TLS");
            var info = Info.request(null, client.getNodes()[0], "service-tls-std", "service-clear-std",
                    "peers-tls-std");
            assertThat(info.get("service-tls-std")).isEqualTo("127.0.0.1:" + node.node.aerospikePort());
            assertThat(info.get("service-clear-std")).as("no clear service: the client reads an empty value as none").isNull();
            assertThat(info.get("peers-tls-std")).endsWith("," + node.node.aerospikePort() + ",[]");
        }
    }

    @Test
    void withoutTheRequiredCertificateUnderAnotherNameOrInPlainTextAClientIsRefused() throws Exception {
        int port = node.node.aerospikePort();
        assertThatThrownBy(() -> new AerospikeClient(policy(certs.clientContext(false)),
                new Host("127.0.0.1", TestCerts.TLS_NAME, port)).close()).isInstanceOf(AerospikeException.class);
        assertThatThrownBy(() -> new AerospikeClient(policy(certs.clientContext(true)),
                new Host("127.0.0.1", "another-name", port)).close()).isInstanceOf(AerospikeException.class);
        assertThatThrownBy(() -> new AerospikeClient(policy(null), "127.0.0.1", port).close())
                .isInstanceOf(AerospikeException.Connection.class);
        try (RawWire plain = new RawWire(port)) {
            assertThatThrownBy(() -> plain.info("node")).as("plain text on the TLS port is closed")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void httpsServesTheSameUsersAndPlainHttpGetsNothing() throws Exception {
        int port = node.config.http.port;
        HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext(false))
                .connectTimeout(Duration.ofSeconds(5)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> put = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                        + "/v1/kvs/test/tls/h")).header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString("{\"v\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(201);
        HttpResponse<String> anonymous = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                + "/v1/kvs/test/tls/h")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
