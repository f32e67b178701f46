package io.aerolog.server.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials this node has already verified with bcrypt, so that a client logging in again, or an HTTP
 * request carrying the same Basic credentials, costs an HMAC instead of tens of milliseconds of bcrypt.
 * Kept per user as keyed MACs (never the credential), valid only while the user's stored hash is the one
 * they were verified against: a password change forgets them. Bounded: at most {@value #MAX_USERS} users
 * and {@value #MAX_PER_USER} credentials each; past that it starts over.
 */
final class VerifiedCredentials {
    static final int MAX_USERS = 10_000;
    static final int MAX_PER_USER = 4;

    private record Known(String storedHash, Set<String> macs) {
    }

    private final SecretKeySpec key;
    private final ConcurrentHashMap<String, Known> byUser = new ConcurrentHashMap<>();

    VerifiedCredentials() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** Whether {@code credential} (of {@code kind}: a client hash or a clear password) was verified for the hash. */
    boolean known(String user, String storedHash, String kind, String credential) {
        Known k = byUser.get(user);
        return k != null && MessageDigest.isEqual(k.storedHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII)) && k.macs().contains(mac(kind, credential));
    }

    /** Remembers that {@code credential} matched {@code storedHash}. */
    void remember(String user, String storedHash, String kind, String credential) {
        if (byUser.size() >= MAX_USERS) {
            byUser.clear();
        }
        String mac = mac(kind, credential);
        byUser.compute(user, (u, k) -> {
            if (k == null || !k.storedHash().equals(storedHash) || k.macs().size() >= MAX_PER_USER) {
                k = new Known(storedHash, ConcurrentHashMap.newKeySet());
            }
            k.macs().add(mac);
            return k;
        });
    }

    private String mac(String kind, String credential) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(kind.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return Base64.getEncoder().encodeToString(m.doFinal(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
