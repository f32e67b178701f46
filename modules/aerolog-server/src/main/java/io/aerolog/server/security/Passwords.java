package io.aerolog.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.Radix64Encoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Password hashing, both sides of it. Aerospike's clients never send a password: they send its bcrypt
 * hash under one fixed salt (cost 10, {@code $2a$10$7EqJtq98hPqEX7fNZaFWoO}, the same in every client, so
 * that a user created by one client logs in with another), as the {@code PASSWORD} of an admin command and
 * the {@code CREDENTIAL} of a login. That hash is a password's equivalent, so the node stores only a
 * bcrypt of it under a random salt (cost {@code storedCost}); a login verifies the credential against
 * that. An HTTP request's Basic password is hashed as the clients would, then verified the same way.
 */
final class Passwords {
    /** The salt every Aerospike client hashes passwords with. */
    static final String CLIENT_SALT = "$2a$10$7EqJtq98hPqEX7fNZaFWoO";
    /** The length of a bcrypt hash string. */
    static final int HASH_LENGTH = 60;
    /** bcrypt uses at most this many bytes of a password (with its terminating zero), as jBCrypt does. */
    private static final int MAX_KEY_BYTES = 72;
    /** jBCrypt's "2a": the caller appends the terminating zero and cuts the key at 72 bytes. */
    private static final BCrypt.Version CLIENT_VERSION = new BCrypt.Version(new byte[] {'2', 'a'}, true, false,
            MAX_KEY_BYTES, BCrypt.Version.VERSION_2A.formatter, BCrypt.Version.VERSION_2A.parser);
    private static final byte[] CLIENT_SALT_BYTES = new Radix64Encoder.Default()
            .decode(CLIENT_SALT.substring(7).getBytes(StandardCharsets.US_ASCII));

    private final int storedCost;
    private final SecureRandom random = new SecureRandom();

    Passwords(int storedCost) {
        this.storedCost = storedCost;
    }

    /** The hash an Aerospike client sends for {@code password} (jBCrypt's {@code hashpw} with the fixed salt). */
    static String clientHash(String password) {
        byte[] utf8 = (password + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] key = utf8.length > MAX_KEY_BYTES ? Arrays.copyOf(utf8, MAX_KEY_BYTES) : utf8;
        return new String(BCrypt.with(CLIENT_VERSION, LongPasswordStrategies.none())
                .hash(10, CLIENT_SALT_BYTES, key), StandardCharsets.US_ASCII);
    }

    /** Whether {@code credential} is a password hash as Aerospike's clients send one. */
    static boolean isClientHash(String credential) {
        if (credential == null || credential.length() != HASH_LENGTH || !credential.startsWith(CLIENT_SALT)) {
            return false;
        }
        for (int i = CLIENT_SALT.length(); i < HASH_LENGTH; i++) {
            char c = credential.charAt(i);
            if (!(c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** What the node stores for a client hash: its bcrypt under a random salt. CPU-heavy (tens of ms). */
    String store(String clientHash) {
        return BCrypt.with(BCrypt.Version.VERSION_2A, random, LongPasswordStrategies.strict(BCrypt.Version.VERSION_2A))
                .hashToString(storedCost, clientHash.toCharArray());
    }

    /** Whether {@code clientHash} is the one {@code stored} was made from. CPU-heavy (tens of ms). */
    static boolean matches(String clientHash, String stored) {
        return BCrypt.verifyer().verify(clientHash.getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII)).verified;
    }
}
