package io.aerolog.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A record's 20-byte RIPEMD-160 digest, exactly as Aerospike computes it, and the partition it falls in.
 */
public final class Digest {
    /** Aerospike's number of partitions per namespace. */
    public static final int PARTITIONS = 4096;
    public static final int SIZE = 20;

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A digest from its 20 bytes (copied). */
    public static Digest of(byte[] bytes) {
        if (bytes == null || bytes.length != SIZE) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "a digest is 20 bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new Digest(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Aerospike's partition id (0..4095): the low 12 bits of the digest's first two bytes, little-endian. */
    public int partitionId() {
        return partitionIdOf(bytes);
    }

    /** The partition id of the digest whose 20 bytes are {@code digest}, as {@link #partitionId}, with no copy made. */
    public static int partitionIdOf(byte[] digest) {
        return ((digest[0] & 0xFF) | (digest[1] & 0xFF) << 8) & (PARTITIONS - 1);
    }

    /** The Kafka partition of this digest in a topic of {@code kafkaPartitions} partitions. */
    public int kafkaPartition(int kafkaPartitions) {
        return PartitionMap.kafkaPartition(partitionId(), kafkaPartitions);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
