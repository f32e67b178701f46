package io.aerolog.server.namespace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * What every namespace of a node shares: the cluster's name (part of each Kafka Streams
 * application id), this node's id and advertised HTTP address, Kafka, where state lives, and timings
 * (the session timeout bounds how long the partitions of a node that died stay unserved; the commit
 * interval how late downstream readers see changes; the write linger how long a write waits to share
 * a produce request with others; RocksDB's memory budget is shared by every store of the process; the
 * record cache holds up to that many bytes of decoded hot records per namespace, 0 for none; the transaction
 * timeout bounds how long a dead node's open transaction holds back the node taking over its partitions), and
 * the settings every Kafka client of the node starts from (security protocol, SASL, SSL: see
 * {@link #kafkaClient}), and the memtable size of each store ({@link RocksDbMemory#writeBufferBytes}; 0 keeps
 * Kafka Streams' 16 MB). {@code streamThreads} 0 lets {@link #streamThreads(int)} choose per namespace.
 */
public record NodeSettings(String cluster, String nodeId, String bootstrapServers, Path stateDir,
                           String advertisedHttp, Duration writeTimeout, Duration expiryScanInterval,
                           int streamThreads, Duration sessionTimeout, Duration commitInterval,
                           Duration writeLinger, long rocksDbMemoryBytes, long recordCacheBytes,
                           Duration transactionTimeout, Map<String, String> kafkaProperties,
                           long storeWriteBufferBytes) {
    public NodeSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** Settings with no Kafka client settings of the operator's. */
    public NodeSettings(String cluster, String nodeId, String bootstrapServers, Path stateDir, String advertisedHttp,
                        Duration writeTimeout, Duration expiryScanInterval, int streamThreads, Duration sessionTimeout,
                        Duration commitInterval, Duration writeLinger, long rocksDbMemoryBytes, long recordCacheBytes,
                        Duration transactionTimeout) {
        this(cluster, nodeId, bootstrapServers, stateDir, advertisedHttp, writeTimeout, expiryScanInterval,
                streamThreads, sessionTimeout, commitInterval, writeLinger, rocksDbMemoryBytes, recordCacheBytes,
                transactionTimeout, Map.of(), 0);
    }

    /**
     * Kafka Streams threads for a namespace that keeps {@code standbys} standby replicas of each store: the
     * configured number, or else one where it keeps standbys and two where it keeps none. Kafka Streams places a
     * node's tasks on its threads itself, so with two a failover can make a partition active on the thread that
     * does not hold its standby, which then waits out Kafka Streams' lock backoff (1 s, then 2 s, then 4 s); with
     * one the standby turns active in place. Without standbys no failover moves state within a node, and a second
     * thread writes 8-21% more (docs/BENCHMARKS.md).
     */
    public int streamThreads(int standbys) {
        if (streamThreads > 0) {
            return streamThreads;
        }
        return standbys > 0 ? 1 : 2;
    }

    /**
     * The start of every Kafka client's settings: the operator's {@code kafka.properties} (how to reach a
     * secured cluster) and the bootstrap servers. The node's own settings go on top; the configuration
     * refuses properties that would change those.
     */
    public Properties kafkaClient() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}
