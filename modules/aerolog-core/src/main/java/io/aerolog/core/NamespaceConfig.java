package io.aerolog.core;

import java.util.Objects;

/**
 * A namespace's settings: Kafka partitions of its topics (a power of two, at most 4096), replication
 * factor, default TTL in seconds (0 = never expire), storage, the largest record it accepts, and whether
 * every applied change is published to its changes topic ({@code aerolog.<ns>.changes}): a namespace no
 * downstream pipeline reads can turn the feed off and save one Kafka record per write.
 */
public record NamespaceConfig(String name, int partitions, int replicationFactor, long defaultTtlSeconds,
                              Storage storage, int maxRecordSize, boolean changesFeed) {
    /** Aerospike's default max record size, 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

    /** Where a namespace's records live on a node. */
    public enum Storage { ROCKSDB, MEMORY }

    public NamespaceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storage, "storage");
        if (!name.matches("[A-Za-z0-9_\\-]{1,31}")) {
            throw new IllegalArgumentException("namespace name '" + name
                    + "' must be 1 to 31 letters, digits, '_' or '-'");
        }
        if (!PartitionMap.isValidPartitionCount(partitions)) {
            throw new IllegalArgumentException("namespace " + name
                    + ": partitions must be a power of two from 1 to 4096, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("namespace " + name + ": replication factor must be at least 1");
        }
        if (defaultTtlSeconds < 0) {
            throw new IllegalArgumentException("namespace " + name + ": default TTL must be 0 (never) or positive");
        }
        if (maxRecordSize < 1) {
            throw new IllegalArgumentException("namespace " + name + ": max record size must be positive");
        }
    }

    /**
     * A namespace with 8 partitions, replication 1, no default TTL, RocksDB storage, 1 MiB records and its
     * changes published.
     */
    public static NamespaceConfig defaults(String name) {
        return new NamespaceConfig(name, 8, 1, 0, Storage.ROCKSDB, DEFAULT_MAX_RECORD_SIZE, true);
    }

    public NamespaceConfig withDefaultTtlSeconds(long seconds) {
        return new NamespaceConfig(name, partitions, replicationFactor, seconds, storage, maxRecordSize, changesFeed);
    }

    public NamespaceConfig withMaxRecordSize(int bytes) {
        return new NamespaceConfig(name, partitions, replicationFactor, defaultTtlSeconds, storage, bytes, changesFeed);
    }

    public NamespaceConfig withPartitions(int n) {
        return new NamespaceConfig(name, n, replicationFactor, defaultTtlSeconds, storage, maxRecordSize, changesFeed);
    }

    public NamespaceConfig withStorage(Storage s) {
        return new NamespaceConfig(name, partitions, replicationFactor, defaultTtlSeconds, s, maxRecordSize, changesFeed);
    }

    public NamespaceConfig withReplicationFactor(int r) {
        return new NamespaceConfig(name, partitions, r, defaultTtlSeconds, storage, maxRecordSize, changesFeed);
    }

    public NamespaceConfig withChangesFeed(boolean on) {
        return new NamespaceConfig(name, partitions, replicationFactor, defaultTtlSeconds, storage, maxRecordSize, on);
    }
}
