package io.aerolog.server.security;

import io.aerolog.core.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens, as a login answers them and as a client presents them on each new connection
 * ({@code AUTHENTICATE}). A token is its version, its expiry (epoch seconds) and an HMAC-SHA256, under the
 * cluster's secret, of the user's name, identity and password hash and the expiry: any node of the
 * cluster checks it without keeping sessions, a restart keeps it valid, and a password change, or a user
 * dropped (and perhaps created again), ends every session of the user.
 */
final class Sessions {
    private static final byte VERSION = 1;
    static final int TOKEN_BYTES = 1 + 8 + 32;

    private Sessions() {
    }

    /** A token for {@code user} that expires at {@code expiresAt} (epoch seconds). */
    static byte[] issue(byte[] secret, User user, long expiresAt) {
        ByteBuffer b = ByteBuffer.allocate(TOKEN_BYTES);
        b.put(VERSION).putLong(expiresAt).put(mac(secret, user, expiresAt));
        return b.array();
    }

    /**
     * OK when {@code token} is one this cluster issued to {@code user} as it is now and has not expired at
     * {@code now} (epoch seconds); EXPIRED_SESSION when it has; INVALID_CREDENTIAL otherwise.
     */
    static ResultCode check(byte[] secret, User user, byte[] token, long now) {
        if (secret == null || user == null || token == null || token.length != TOKEN_BYTES || token[0] != VERSION) {
            return ResultCode.INVALID_CREDENTIAL;
        }
        ByteBuffer b = ByteBuffer.wrap(token);
        b.get();
        long expiresAt = b.getLong();
        byte[] mac = new byte[32];
        b.get(mac);
        if (!MessageDigest.isEqual(mac, mac(secret, user, expiresAt))) {
            return ResultCode.INVALID_CREDENTIAL;
        }
        return now < expiresAt ? ResultCode.OK : ResultCode.EXPIRED_SESSION;
    }

    private static byte[] mac(byte[] secret, User user, long expiresAt) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String part : new String[] {"session", user.name(), user.id(), user.passwordHash()}) {
                m.update(part.getBytes(StandardCharsets.UTF_8));
                m.update((byte) 0);
            }
            return m.doFinal(ByteBuffer.allocate(8).putLong(expiresAt).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
