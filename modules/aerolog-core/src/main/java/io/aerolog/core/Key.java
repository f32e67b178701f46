package io.aerolog.core;

import io.aerolog.core.internal.Ripemd160;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record's identity: namespace, set and user key (a string, a 64-bit integer or bytes), or a
 * digest alone. The digest is Aerospike's: RIPEMD-160 over the set name, the key's particle type
 * and the key's bytes.
 */
public final class Key {
    /** Aerospike's limit on set names, in bytes. */
    public static final int MAX_SET_NAME_BYTES = 63;

    private static final byte PARTICLE_INTEGER = 1;
    private static final byte PARTICLE_STRING = 3;
    private static final byte PARTICLE_BLOB = 4;

    private final String namespace;
    private final String set;
    private final Value userKey;
    private final Digest digest;

    private Key(String namespace, String set, Value userKey, Digest digest) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.set = set == null ? "" : set;
        if (this.set.getBytes(StandardCharsets.UTF_8).length > MAX_SET_NAME_BYTES) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "set name '" + this.set + "' is longer than " + MAX_SET_NAME_BYTES + " bytes");
        }
        this.userKey = userKey;
        this.digest = digest;
    }

    public static Key of(String namespace, String set, String userKey) {
        return ofUserKey(namespace, set, Value.of(Objects.requireNonNull(userKey, "userKey")));
    }

    public static Key of(String namespace, String set, long userKey) {
        return ofUserKey(namespace, set, Value.of(userKey));
    }

    public static Key of(String namespace, String set, byte[] userKey) {
        return ofUserKey(namespace, set, Value.of(Objects.requireNonNull(userKey, "userKey")));
    }

    /** A key from a user key value, which must be a string, an integer or bytes. */
    public static Key ofUserKey(String namespace, String set, Value userKey) {
        String s = set == null ? "" : set;
        return new Key(namespace, s, userKey, computeDigest(s, userKey));
    }

    /** A key known only by its digest (the user key was not sent). */
    public static Key ofDigest(String namespace, String set, Digest digest) {
        return new Key(namespace, set, null, Objects.requireNonNull(digest, "digest"));
    }

    /** Aerospike's digest of a user key in a set. */
    public static Digest computeDigest(String set, Value userKey) {
        byte type;
        byte[] keyBytes;
        if (userKey instanceof Value.StringValue s) {
            type = PARTICLE_STRING;
            keyBytes = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (userKey instanceof Value.IntegerValue i) {
            type = PARTICLE_INTEGER;
            keyBytes = new byte[8];
            long v = i.value();
            for (int b = 0; b < 8; b++) {
                keyBytes[b] = (byte) (v >>> (56 - 8 * b));
            }
        } else if (userKey instanceof Value.BytesValue b) {
            type = PARTICLE_BLOB;
            keyBytes = b.value();
        } else {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "a user key is a string, an integer or bytes, not " + (userKey == null ? "nothing" : userKey.type()));
        }
        byte[] setBytes = (set == null ? "" : set).getBytes(StandardCharsets.UTF_8);
        return Digest.of(Ripemd160.hash(setBytes, new byte[] {type}, keyBytes));
    }

    public String namespace() {
        return namespace;
    }

    public String set() {
        return set;
    }

    /** The user key, or null when the key is known by digest only. */
    public Value userKey() {
        return userKey;
    }

    public Digest digest() {
        return digest;
    }

    public int partitionId() {
        return digest.partitionId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && namespace.equals(k.namespace) && digest.equals(k.digest);
    }

    @Override
    public int hashCode() {
        return namespace.hashCode() * 31 + digest.hashCode();
    }

    @Override
    public String toString() {
        String user;
        if (userKey instanceof Value.StringValue s) {
            user = s.value();
        } else if (userKey instanceof Value.IntegerValue i) {
            user = Long.toString(i.value());
        } else if (userKey instanceof Value.BytesValue b) {
            user = "bytes:" + java.util.Base64.getEncoder().encodeToString(b.value());
        } else {
            user = "digest:" + digest.toHex();
        }
        return namespace + ":" + set + ":" + user;
    }
}
