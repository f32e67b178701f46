package io.aerolog.core;

import io.aerolog.core.index.IndexDefinition;
import java.util.Objects;

/**
 * A control command: appended once to every partition of a namespace's command log, so that each partition
 * switches at one position of its own log, deterministically (replay switches at the same place). TRUNCATE
 * removes the records of {@code set} (every set when empty) last updated before {@code beforeMillis};
 * INDEX_CREATE and INDEX_DROP start and end a secondary index ({@code index}).
 */
public record Control(Kind kind, String set, long beforeMillis, IndexDefinition index) {
    /** What a control command does. */
    public enum Kind { TRUNCATE, INDEX_CREATE, INDEX_DROP }

    public Control {
        Objects.requireNonNull(kind, "kind");
        set = set == null ? "" : set;
        if (kind != Kind.TRUNCATE && index == null) {
            throw new IllegalArgumentException(kind + " needs an index definition");
        }
    }

    public static Control truncate(String set, long beforeMillis) {
        return new Control(Kind.TRUNCATE, set, beforeMillis, null);
    }

    public static Control createIndex(IndexDefinition index) {
        return new Control(Kind.INDEX_CREATE, index.set(), 0, index);
    }

    public static Control dropIndex(IndexDefinition index) {
        return new Control(Kind.INDEX_DROP, index.set(), 0, index);
    }

    /**
     * The key a control command of Kafka partition {@code kafkaPartition} travels under: a digest of Aerospike
     * partition {@code kafkaPartition} (so that {@code partitionId % N} places it there), with no record behind it.
     */
    public static Key key(String namespace, int kafkaPartition) {
        byte[] digest = new byte[Digest.SIZE];
        digest[0] = (byte) kafkaPartition;
        digest[1] = (byte) ((kafkaPartition >>> 8) & 0x0F);
        return Key.ofDigest(namespace, "", Digest.of(digest));
    }
}
