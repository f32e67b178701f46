package io.aerolog.server.config;

import io.aerolog.core.NamespaceConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's settings once validated: every field of {@link NodeConfig} checked and in range, immutable.
 * The connection caps of both listeners together are kept within the process's file descriptors, with a
 * reserve for the embedded broker's logs and the stores' files, so that idle clients can never starve them.
 */
public record Settings(String cluster, String nodeId, Path dataDir, Kafka kafka, Http http, Wire wire,
                       Duration writeTimeout, Duration expiryScanInterval, int streamThreads, Duration sessionTimeout,
                       Duration commitInterval, Duration writeLinger, long rocksDbMemoryBytes, long recordCacheBytes,
                       Duration transactionTimeout, Duration failoverProbe, int failoverMissedProbes,
                       List<NamespaceConfig> namespaces) {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    /** File descriptors kept out of the listeners' reach: the broker's segments and indexes, RocksDB's files. */
    static final int DESCRIPTOR_RESERVE = 4096;

    /** Kafka: an external cluster ({@code bootstrapServers}), or a broker in the node on these ports. */
    public record Kafka(String bootstrapServers, int embeddedPort, int embeddedControllerPort) {
        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    /** The HTTP listener: address, advertised host, worker threads and limits. */
    public record Http(String host, int port, String advertisedHost, int workerThreads, int maxConnections,
                       Duration idleTimeout, Duration bodyTimeout) {
    }

    /** The Aerospike protocol listener (null when off): address, event loop threads and limits. */
    public record Wire(String host, int port, int threads, int maxConnections, Duration idleTimeout,
                       long maxInflightBytes, int maxWaitingRequests, int batchThreads) {
    }

    static Settings of(NodeConfig c) {
        require(c.nodeId != null && !c.nodeId.isBlank(), "nodeId", "a name, e.g. node-1");
        require(c.cluster != null && c.cluster.matches("[A-Za-z0-9_\\-.]{1,64}"), "cluster",
                "1 to 64 letters, digits, '.', '_' or '-'");
        require(c.dataDir != null && !c.dataDir.isBlank(), "dataDir", "a directory");
        require(c.writeTimeoutMs >= 100 && c.writeTimeoutMs <= 600_000, "writeTimeoutMs", "100 to 600000");
        require(c.expiryScanIntervalMs >= 100, "expiryScanIntervalMs", "100 or more");
        require(c.streamThreads >= 1 && c.streamThreads <= 64, "streamThreads", "1 to 64");
        require(c.sessionTimeoutMs >= 1000, "sessionTimeoutMs", "1000 or more");
        require(c.commitIntervalMs >= 10, "commitIntervalMs", "10 or more");
        require(c.writeLingerMs >= 0 && c.writeLingerMs <= 1000, "writeLingerMs", "0 to 1000");
        require(c.transactionTimeoutMs >= 4L * c.commitIntervalMs && c.transactionTimeoutMs >= 1000,
                "transactionTimeoutMs", "at least 1000 and 4 times commitIntervalMs (" + 4L * c.commitIntervalMs + ")");
        require(c.failoverProbeMs >= 0, "failoverProbeMs", "0 (off) or more");
        require(c.failoverMissedProbes >= 1, "failoverMissedProbes", "1 or more");
        require(c.http.port >= 0 && c.http.port <= 65535, "http.port", "0 to 65535");
        require(c.http.workerThreads >= 1, "http.workerThreads", "1 or more");
        require(c.http.maxConnections >= 1, "http.maxConnections", "1 or more");
        require(c.http.idleTimeoutSeconds >= 1, "http.idleTimeoutSeconds", "1 or more");
        require(c.http.bodyTimeoutSeconds >= 1, "http.bodyTimeoutSeconds", "1 or more");
        require(c.aerospike.port >= -1 && c.aerospike.port <= 65535, "aerospike.port", "-1 (off), 0 (any) to 65535");
        require(c.aerospike.threads >= 1, "aerospike.threads", "1 or more");
        require(c.aerospike.maxConnections >= 1, "aerospike.maxConnections", "1 or more");
        require(c.aerospike.idleTimeoutSeconds >= 1, "aerospike.idleTimeoutSeconds", "1 or more");
        require(c.aerospike.maxInflightMb >= 1, "aerospike.maxInflightMb", "1 or more");
        require(c.aerospike.maxWaitingRequests >= 1, "aerospike.maxWaitingRequests", "1 or more");
        require(c.aerospike.batchThreads >= 1, "aerospike.batchThreads", "1 or more");
        List<NamespaceConfig> namespaces = c.namespaceConfigs();
        require(!namespaces.isEmpty(), "namespaces", "at least one namespace");
        Set<String> names = new HashSet<>();
        for (NamespaceConfig ns : namespaces) {
            require(names.add(ns.name()), "namespaces", "namespaces with distinct names ('" + ns.name() + "' twice)");
        }
        boolean wireOn = c.aerospike.port >= 0;
        int httpCap = c.http.maxConnections;
        int wireCap = wireOn ? c.aerospike.maxConnections : 0;
        long maxFds = maxFileDescriptors();
        long room = maxFds - DESCRIPTOR_RESERVE;
        if (maxFds > 0 && httpCap + wireCap > room) {
            double scale = Math.max(room, 64) / (double) (httpCap + wireCap);
            int h = Math.max(16, (int) (httpCap * scale));
            int w = wireOn ? Math.max(16, (int) (wireCap * scale)) : 0;
            LOG.warn("the process may open {} file descriptors: the connection caps ({} HTTP, {} Aerospike) are lowered"
                    + " to {} and {} to keep {} for Kafka and RocksDB; raise the limit (ulimit -n) to accept more",
                    maxFds, httpCap, wireCap, h, w, DESCRIPTOR_RESERVE);
            httpCap = h;
            wireCap = w;
        }
        Http http = new Http(c.http.host, c.http.port, c.http.advertisedHost, c.http.workerThreads, httpCap,
                Duration.ofSeconds(c.http.idleTimeoutSeconds), Duration.ofSeconds(c.http.bodyTimeoutSeconds));
        Wire wire = wireOn ? new Wire(c.aerospike.host, c.aerospike.port, c.aerospike.threads, wireCap,
                Duration.ofSeconds(c.aerospike.idleTimeoutSeconds), c.aerospike.maxInflightMb * 1024L * 1024L,
                c.aerospike.maxWaitingRequests, c.aerospike.batchThreads) : null;
        return new Settings(c.cluster, c.nodeId, Path.of(c.dataDir),
                new Kafka(c.kafka.bootstrapServers, c.kafka.embeddedPort, c.kafka.embeddedControllerPort), http, wire,
                Duration.ofMillis(c.writeTimeoutMs), Duration.ofMillis(c.expiryScanIntervalMs), c.streamThreads,
                Duration.ofMillis(c.sessionTimeoutMs), Duration.ofMillis(c.commitIntervalMs),
                Duration.ofMillis(c.writeLingerMs), Math.max(0, c.rocksdbMemoryMb) * 1024L * 1024L,
                Math.max(0, c.recordCacheMb) * 1024L * 1024L, Duration.ofMillis(c.transactionTimeoutMs),
                Duration.ofMillis(c.failoverProbeMs), c.failoverMissedProbes, List.copyOf(namespaces));
    }

    /** The most file descriptors this process may open, or -1 when the platform does not say. */
    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static void require(boolean ok, String setting, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("setting " + setting + " must be " + allowed);
        }
    }
}
