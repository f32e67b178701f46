package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node reaches a Kafka cluster that takes only authenticated clients (SASL/PLAIN, with an authorizer
 * that lets no one without an ACL in) through {@code kafka.properties}: every Kafka client the node makes
 * (Kafka Streams, the writers' producers, admin clients, the security topic's reader and transactional
 * writer) connects with them, and records are written and read as on any cluster.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecuredKafkaIT {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"plain-admin\" password=\"plain-admin-secret\";";

    @Test
    void aNodeReachesASaslClusterThroughKafkaProperties() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setBaseDirectory(Files.createTempDirectory("kafka-sasl"))
                .build();
        try (KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build()) {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();

            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    (Object) kit.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
                assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as("the cluster takes no plain-text client").isInstanceOf(Exception.class);
            }

            try (TestNode node = TestNode.start(c -> {
                c.kafka.bootstrapServers = kit.bootstrapServers();
                c.kafka.properties.put("security.protocol", "SASL_PLAINTEXT");
                c.kafka.properties.put("sasl.mechanism", "PLAIN");
                c.kafka.properties.put("sasl.jaas.config", JAAS);
                c.security.enabled = true;
                c.security.passwordHashCost = 4;
                c.security.admin.password = "admin-secret";
                c.security.admin.roles = List.of("user-admin", "read-write");
            })) {
                ClientPolicy policy = new ClientPolicy();
                policy.user = "admin";
                policy.password = "admin-secret";
                policy.timeout = 10_000;
                policy.writePolicyDefault.totalTimeout = 20_000;
                policy.readPolicyDefault.totalTimeout = 10_000;
                try (AerospikeClient client = new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort())) {
                    Key key = new Key("test", "sasl", "k");
                    client.put(null, key, new Bin("v", "through SASL"));
                    assertThat(client.get(null, key).getString("v")).isEqualTo("through SASL");
                    client.createUser(null, "kim", "kim-pw", List.of("read"));
                    assertThat(client.queryUser(null, "kim").roles).containsExactly("read");
                }
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        (Object) kit.bootstrapServers(), "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism",
                        "PLAIN", "sasl.jaas.config", JAAS))) {
                    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("aerolog.test.commands",
                            "aerolog.test.changes", "aerolog.__security");
                }
            }
        }
    }
}
