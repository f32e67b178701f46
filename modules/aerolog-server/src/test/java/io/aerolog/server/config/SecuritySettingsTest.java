package io.aerolog.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security, TLS and Kafka client sections of a node's configuration, checked at start. */
class SecuritySettingsTest {

    @Test
    void offByDefaultAndInTheDocumentedExample() throws Exception {
        Settings defaults = new NodeConfig().validate();
        assertThat(defaults.security()).isNull();
        assertThat(defaults.http().tls()).isNull();
        assertThat(defaults.wire().tls()).isNull();
        assertThat(defaults.kafka().properties()).isEmpty();
        Settings example = NodeConfig.load(Path.of("../../ops/aerolog.yaml")).validate();
        assertThat(example.security()).isNull();
        assertThat(example.http().tls()).isNull();
        assertThat(example.kafka().properties()).isEmpty();
    }

    @Test
    void theSecureExampleTurnsItOnForItsFirstUser() throws Exception {
        NodeConfig c = NodeConfig.load(Path.of("../../ops/aerolog-secure.yaml"));
        c.security.admin.password = "from the environment in the README";
        Settings.Security s = c.validate().security();
        assertThat(s).isNotNull();
        assertThat(s.adminUser()).isEqualTo("admin");
        assertThat(s.adminRoles()).containsExactly("user-admin", "read-write");
    }

    @Test
    void kafkaPropertiesReachAnExternalClusterButNeverOverrideAerologsOwn() {
        NodeConfig c = new NodeConfig();
        c.kafka.bootstrapServers = "k1:9093";
        c.kafka.properties.put("security.protocol", "SASL_SSL");
        c.kafka.properties.put("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(c.validate().kafka().properties()).containsEntry("security.protocol", "SASL_SSL").hasSize(2);
        for (String owned : List.of("acks", "producer.acks", "main.consumer.group.instance.id", "bootstrap.servers",
                "processing.guarantee", "transactional.id", "task.assignor.class", "rack.aware.assignment.strategy")) {
            NodeConfig bad = new NodeConfig();
            bad.kafka.bootstrapServers = "k1:9093";
            bad.kafka.properties.put(owned, "x");
            assertThatThrownBy(bad::validate).as(owned).hasMessageContaining("kafka.properties")
                    .hasMessageContaining(owned);
        }
        NodeConfig embedded = new NodeConfig();
        embedded.kafka.properties.put("security.protocol", "SASL_PLAINTEXT");
        assertThatThrownBy(embedded::validate).hasMessageContaining("external cluster");
    }

    @Test
    void securitySettingsAreBounded() {
        NodeConfig c = new NodeConfig();
        c.security.enabled = true;
        c.security.admin.password = "pw";
        Settings.Security s = c.validate().security();
        assertThat(s.sessionTtl().toSeconds()).isEqualTo(86_400);
        assertThat(s.adminUser()).isEqualTo("admin");
        assertThat(s.adminRoles()).containsExactly("user-admin");
        assertThat(s.toString()).doesNotContain("pw");
        c.security.sessionTtlSeconds = 864_001;
        assertThatThrownBy(c::validate).hasMessageContaining("security.sessionTtlSeconds");
        c.security.sessionTtlSeconds = 0;
        assertThatThrownBy(c::validate).hasMessageContaining("security.sessionTtlSeconds");
        c.security.sessionTtlSeconds = 120;
        c.security.passwordHashCost = 15;
        assertThatThrownBy(c::validate).hasMessageContaining("security.passwordHashCost");
    }

    @Test
    void tlsNeedsFilesThatReadAndAuthoritiesForClientCertificates() {
        NodeConfig c = new NodeConfig();
        c.http.tls = new NodeConfig.TlsFiles();
        c.http.tls.certFile = "/no/such/cert.pem";
        c.http.tls.keyFile = "/no/such/key.pem";
        assertThatThrownBy(c::validate).hasMessageContaining("http.tls").hasMessageContaining("/no/such/cert.pem");
        c.http.tls.clientAuth = "required";
        assertThatThrownBy(c::validate).hasMessageContaining("http.tls.caFile");
        c.http.tls.clientAuth = "sometimes";
        assertThatThrownBy(c::validate).hasMessageContaining("none, optional or required");
        NodeConfig half = new NodeConfig();
        half.aerospike.tls = new NodeConfig.TlsFiles();
        half.aerospike.tls.certFile = "cert.pem";
        assertThatThrownBy(half::validate).hasMessageContaining("aerospike.tls");
    }
}
