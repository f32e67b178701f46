package io.aerolog.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session tokens and node signatures: valid for what they were made for, nothing else, and not forever. */
class TokensTest {
    private static final byte[] SECRET = "a secret of the cluster, 32 bytes".getBytes();
    private static final User ADA = new User("ada", "u1", "hash1", List.of("read"));

    @Test
    void aTokenIsValidForItsUserUntilItExpires() {
        byte[] token = Sessions.issue(SECRET, ADA, 1_000);
        assertThat(token).hasSize(Sessions.TOKEN_BYTES);
        assertThat(Sessions.check(SECRET, ADA, token, 999)).isEqualTo(ResultCode.OK);
        assertThat(Sessions.check(SECRET, ADA, token, 1_000)).isEqualTo(ResultCode.EXPIRED_SESSION);
    }

    @Test
    void aTokenIsNothingForAnotherUserPasswordIncarnationOrCluster() {
        byte[] token = Sessions.issue(SECRET, ADA, 1_000);
        assertThat(Sessions.check(SECRET, new User("bob", "u1", "hash1", List.of()), token, 0))
                .isEqualTo(ResultCode.INVALID_CREDENTIAL);
        assertThat(Sessions.check(SECRET, new User("ada", "u1", "hash2", List.of()), token, 0))
                .as("the password changed").isEqualTo(ResultCode.INVALID_CREDENTIAL);
        assertThat(Sessions.check(SECRET, new User("ada", "u2", "hash1", List.of()), token, 0))
                .as("dropped and made again").isEqualTo(ResultCode.INVALID_CREDENTIAL);
        assertThat(Sessions.check("another cluster's secret".getBytes(), ADA, token, 0))
                .isEqualTo(ResultCode.INVALID_CREDENTIAL);
        token[20] ^= 1;
        assertThat(Sessions.check(SECRET, ADA, token, 0)).isEqualTo(ResultCode.INVALID_CREDENTIAL);
        assertThat(Sessions.check(SECRET, ADA, new byte[3], 0)).isEqualTo(ResultCode.INVALID_CREDENTIAL);
        assertThat(Sessions.check(SECRET, null, Sessions.issue(SECRET, ADA, 1_000), 0))
                .isEqualTo(ResultCode.INVALID_CREDENTIAL);
    }

    @Test
    void aNodeSignatureCoversItsRequestAndUserForAMinute() {
        String header = NodeSignatures.sign(SECRET, "node-1", 5_000, "ada", "GET", "/v1/kvs/test/k?x=1");
        assertThat(NodeSignatures.verify(SECRET, header, "GET", "/v1/kvs/test/k?x=1", 5_030))
                .isEqualTo(new NodeSignatures.Signed("node-1", "ada"));
        assertThat(NodeSignatures.verify(SECRET, header, "GET", "/v1/kvs/test/k?x=1", 5_061)).as("stale").isNull();
        assertThat(NodeSignatures.verify(SECRET, header, "DELETE", "/v1/kvs/test/k?x=1", 5_000)).isNull();
        assertThat(NodeSignatures.verify(SECRET, header, "GET", "/v1/kvs/test/j?x=1", 5_000)).isNull();
        assertThat(NodeSignatures.verify("other".getBytes(), header, "GET", "/v1/kvs/test/k?x=1", 5_000)).isNull();
        assertThat(NodeSignatures.verify(SECRET, header.replace(":5000:", ":5001:"), "GET", "/v1/kvs/test/k?x=1",
                5_000)).isNull();
        String self = NodeSignatures.sign(SECRET, "node-1", 5_000, null, "GET", "/v1/info");
        assertThat(NodeSignatures.verify(SECRET, self, "GET", "/v1/info", 5_000))
                .isEqualTo(new NodeSignatures.Signed("node-1", null));
        assertThat(NodeSignatures.verify(SECRET, "Basic abc", "GET", "/v1/info", 5_000)).isNull();
        assertThat(NodeSignatures.verify(null, self, "GET", "/v1/info", 5_000)).isNull();
    }
}
