package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session ends at its TTL: a connection that presents an expired token is refused EXPIRED_SESSION (66)
 * and stays anonymous, while a connection logged in before goes on, and a new login gets a new session.
 * The TTL is 10 s, and the client's timeouts generous, so that a loaded machine does not see a token expire
 * between its login and its use, or a write outlast Aerospike's default one-second timeout.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecuritySessionIT {
    private static final int TTL = 10;

    @Test
    void aSessionExpiresAtItsTtl() throws Exception {
        try (TestNode node = TestNode.start(c -> {
            c.security.enabled = true;
            c.security.passwordHashCost = 4;
            c.security.sessionTtlSeconds = TTL;
            c.security.admin.password = "admin-secret";
            c.security.admin.roles = List.of("user-admin", "read-write");
        })) {
            int port = node.node.aerospikePort();
            try (RawWire loggedIn = new RawWire(port)) {
                assertThat(loggedIn.login("admin", "admin-secret")).isZero();
                assertThat(loggedIn.ttl).isEqualTo(TTL);
                byte[] token = loggedIn.token;
                try (RawWire next = new RawWire(port)) {
                    assertThat(next.authenticate("admin", token)).isZero();
                    assertThat(next.read("test", "s")).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
                }

                int code = ResultCode.OK;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TTL + 60);
                while (code == ResultCode.OK && System.nanoTime() < deadline) {
                    try (RawWire late = new RawWire(port)) {
                        code = late.authenticate("admin", token);
                        if (code != ResultCode.OK) {
                            assertThat(late.read("test", "s")).as("still anonymous").isEqualTo(ResultCode.NOT_AUTHENTICATED);
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(code).isEqualTo(ResultCode.EXPIRED_SESSION);
                assertThat(loggedIn.read("test", "s")).as("a connection logged in before goes on")
                        .isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
                assertThat(loggedIn.login("admin", "admin-secret")).isZero();
                try (RawWire renewed = new RawWire(port)) {
                    assertThat(renewed.authenticate("admin", loggedIn.token)).isZero();
                }
            }
            ClientPolicy policy = new ClientPolicy();
            policy.user = "admin";
            policy.password = "admin-secret";
            policy.writePolicyDefault.totalTimeout = 20_000;
            policy.readPolicyDefault.totalTimeout = 10_000;
            try (AerospikeClient after = new AerospikeClient(policy, "127.0.0.1", port)) {
                Key key = new Key("test", "s", "k");
                after.put(null, key, new Bin("v", 1));
                assertThat(after.get(null, key).getInt("v")).isEqualTo(1);
            }
        }
    }
}
