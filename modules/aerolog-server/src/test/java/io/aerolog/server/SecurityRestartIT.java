package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.admin.PrivilegeCode;
import com.aerospike.client.policy.ClientPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Users, roles and passwords live in the compacted topic {@code aerolog.__security}: a node restarted on
 * the same Kafka has them all, and the first user of the configuration is not made again over a changed
 * password.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecurityRestartIT {

    private static AerospikeClient client(TestNode node, String user, String password) {
        ClientPolicy policy = new ClientPolicy();
        policy.user = user;
        policy.password = password;
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        return new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
    }

    @Test
    void usersRolesAndPasswordsSurviveARestart() throws Exception {
        try (TestNode node = TestNode.start(c -> {
            c.security.enabled = true;
            c.security.passwordHashCost = 4;
            c.security.admin.password = "first-secret";
        })) {
            Key kept = new Key("test", "kept", "k1");
            try (AerospikeClient admin = client(node, "admin", "first-secret")) {
                admin.createRole(null, "keeper", List.of(SecurityIT.privilege(PrivilegeCode.READ_WRITE, "test", "kept")));
                admin.createUser(null, "kim", "kim-pw", List.of("keeper", "read"));
                admin.changePassword(null, "admin", "second-secret");
            }
            try (AerospikeClient kim = client(node, "kim", "kim-pw")) {
                kim.put(null, kept, new Bin("v", 42));
            }
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) node.bootstrap()))) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "aerolog.__security");
                assertThat(kafka.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                        .get("cleanup.policy").value()).isEqualTo("compact");
            }

            node.stop();
            node.restart();

            try (RawWire wire = new RawWire(node.node.aerospikePort())) {
                assertThat(wire.login("admin", "first-secret")).as("the configured password is not made again")
                        .isEqualTo(ResultCode.INVALID_PASSWORD);
                assertThat(wire.login("admin", "second-secret")).isZero();
            }
            try (AerospikeClient kim = client(node, "kim", "kim-pw")) {
                assertThat(kim.get(null, kept).getInt("v")).isEqualTo(42);
                assertThat(kim.get(null, new Key("test", "other", "k"))).as("read everywhere").isNull();
                try {
                    kim.put(null, new Key("test", "other", "k"), new Bin("v", 1));
                    throw new AssertionError("kim may not write outside test/kept");
                } catch (AerospikeException e) {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.ROLE_VIOLATION);
                }
            }
            try (AerospikeClient admin = client(node, "admin", "second-secret")) {
                assertThat(admin.queryUser(null, "kim").roles).containsExactly("keeper", "read");
                assertThat(admin.queryRole(null, "keeper").privileges).extracting(p -> p.code + ":" + p.namespace
                        + ":" + p.setName).containsExactly("read-write:test:kept");
            }
        }
    }
}
