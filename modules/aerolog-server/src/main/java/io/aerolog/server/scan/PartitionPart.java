package io.aerolog.server.scan;

import io.aerolog.core.Digest;

/**
 * One Aerospike partition (0..4095) a scan or query asks for, as Aerospike's client names it: whole (a
 * {@code PID_ARRAY} entry) or resumed strictly after the digest it last received ({@code DIGEST_ARRAY}),
 * with, for an index query, the index value it received that record under ({@code BVAL_ARRAY}).
 */
public record PartitionPart(int id, byte[] afterDigest, long afterValue) {
    public PartitionPart {
        checkId(id);
        if (afterDigest != null && afterDigest.length != Digest.SIZE) {
            throw new IllegalArgumentException("a resume digest is 20 bytes, not " + afterDigest.length);
        }
    }

    /** A whole partition. */
    public static PartitionPart whole(int id) {
        return WHOLE[checkId(id)];
    }

    /** {@code id} when it is one of Aerospike's partitions. */
    private static int checkId(int id) {
        if (id < 0 || id >= Digest.PARTITIONS) {
            throw new IllegalArgumentException("partition " + id + " is not one of Aerospike's 4096");
        }
        return id;
    }

    /** Every partition whole, made once: a query names up to all 4096 of them in each request. */
    private static final PartitionPart[] WHOLE = new PartitionPart[Digest.PARTITIONS];

    static {
        for (int id = 0; id < WHOLE.length; id++) {
            WHOLE[id] = new PartitionPart(id, null, 0);
        }
    }

    /** The partition of {@code digest}, resumed after it. */
    public static PartitionPart after(byte[] digest, long value) {
        return new PartitionPart(Digest.of(digest).partitionId(), digest.clone(), value);
    }

    public boolean resumed() {
        return afterDigest != null;
    }
}
