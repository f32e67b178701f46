package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
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
        int port = EmbeddedKafka.freePort();
        KafkaRaftServer kafka = startSaslKafka(port, EmbeddedKafka.freePort());
        String bootstrap = "127.0.0.1:" + port;
        try {
            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    (Object) bootstrap, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
                assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as("the cluster takes no plain-text client").isInstanceOf(Exception.class);
            }

            try (TestNode node = TestNode.start(c -> {
                c.kafka.bootstrapServers = bootstrap;
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
                        (Object) bootstrap, "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism",
                        "PLAIN", "sasl.jaas.config", JAAS))) {
                    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("aerolog.test.commands",
                            "aerolog.test.changes", "aerolog.__security");
                }
            }
        } finally {
            kafka.shutdown();
            kafka.awaitShutdown();
        }
    }

    /**
     * One KRaft server (controller and broker) whose listeners take only SASL/PLAIN clients, with Kafka's
     * authorizer and no ACL: only the super user {@code plain-admin} may do anything.
     */
    private static KafkaRaftServer startSaslKafka(int port, int controllerPort) throws Exception {
        Path logDir = Files.createTempDirectory("kafka-sasl");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        String jaas = JAAS.replace(";", " user_plain-admin=\"plain-admin-secret\";");
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas);
        p.put("listener.name.controller.plain.sasl.jaas.config", jaas);
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:plain-admin");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("group.min.session.timeout.ms", "1000");
        new Formatter()
                .setPrintStream(System.out)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .setHasDynamicQuorum(false)
                .run();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        return server;
    }
}
