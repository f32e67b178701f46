package io.aerolog.server.config;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.security.Tls;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's settings once validated: every field of {@link NodeConfig} checked and in range, immutable.
 * The connection caps of both listeners together are kept within the process's file descriptors, with a
 * reserve for the embedded broker's logs and the stores' files, so that idle clients can never starve them.
 * {@code streamThreads} is 0 where the configuration leaves the number to each namespace.
 */
public record Settings(String cluster, String nodeId, Path dataDir, Kafka kafka, Http http, Wire wire,
                       Duration writeTimeout, Duration expiryScanInterval, int streamThreads, Duration sessionTimeout,
                       Duration commitInterval, Duration writeLinger, long rocksDbMemoryBytes, long recordCacheBytes,
                       Duration transactionTimeout, Duration failoverProbe, int failoverMissedProbes,
                       List<NamespaceConfig> namespaces, Security security, int maxBackgroundJobs) {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    /** File descriptors kept out of the listeners' reach: the broker's segments and indexes, RocksDB's files. */
    static final int DESCRIPTOR_RESERVE = 4096;
    /** The most background jobs a node may be set to run at once (Aerospike's query-threads-limit maximum). */
    static final int MAX_BACKGROUND_JOBS = 1024;

    /** The environment variable that gives the first user's password when the configuration does not. */
    public static final String ADMIN_PASSWORD_ENV = "AEROLOG_ADMIN_PASSWORD";
    /**
     * Kafka client settings the node sets itself (the names, with or without a Kafka Streams prefix), which
     * {@code kafka.properties} may not override: Aerolog's correctness rests on them.
     */
    static final Set<String> OWNED_KAFKA_SETTINGS = Set.of("bootstrap.servers", "client.id", "application.id",
            "application.server", "processing.guarantee", "state.dir", "num.stream.threads", "replication.factor",
            "num.standby.replicas", "commit.interval.ms", "rocksdb.config.setter", "acks", "enable.idempotence",
            "linger.ms", "max.request.size", "transaction.timeout.ms", "transactional.id", "group.id",
            "group.instance.id", "session.timeout.ms", "heartbeat.interval.ms", "max.partition.fetch.bytes",
            "isolation.level", "enable.auto.commit", "auto.offset.reset", "max.block.ms", "key.serializer",
            "value.serializer", "key.deserializer", "value.deserializer", "partitioner.class",
            "task.assignor.class", "rack.aware.assignment.strategy");
    private static final List<String> KAFKA_PREFIXES = List.of("producer.", "consumer.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "admin.", "topic.");

    /**
     * Kafka: an external cluster ({@code bootstrapServers}), or a broker in the node on these ports; and the
     * settings every Kafka client of the node is given (to reach a secured cluster).
     */
    public record Kafka(String bootstrapServers, int embeddedPort, int embeddedControllerPort,
                        Map<String, String> properties) {
        public Kafka {
            properties = Map.copyOf(properties);
        }

        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    /** The HTTP listener: address, advertised host, worker threads, limits, and TLS (null: plain HTTP). */
    public record Http(String host, int port, String advertisedHost, int workerThreads, int maxConnections,
                       Duration idleTimeout, Duration bodyTimeout, Tls tls) {
    }

    /** The Aerospike protocol listener (null when off): address, event loop threads, limits, and TLS (null: none). */
    public record Wire(String host, int port, int threads, int maxConnections, Duration idleTimeout,
                       long maxInflightBytes, int maxWaitingRequests, int batchThreads, Tls tls) {
    }

    /**
     * Access control (null when off): how long a session lasts, bcrypt's cost for stored password hashes,
     * the security topic's replication (null: the namespaces' largest), and the first user.
     */
    public record Security(Duration sessionTtl, int passwordHashCost, Integer topicReplicationFactor,
                           String adminUser, String adminPassword, List<String> adminRoles) {
        public Security {
            adminRoles = List.copyOf(adminRoles);
        }

        @Override
        public String toString() {
            return "Security[sessionTtl=" + sessionTtl + ", passwordHashCost=" + passwordHashCost + ", adminUser="
                    + adminUser + ", adminRoles=" + adminRoles + "]";
        }
    }

    static Settings of(NodeConfig c) {
        require(c.nodeId != null && !c.nodeId.isBlank(), "nodeId", "a name, e.g. node-1");
        require(c.cluster != null && c.cluster.matches("[A-Za-z0-9_\\-.]{1,64}"), "cluster",
                "1 to 64 letters, digits, '.', '_' or '-'");
        require(c.dataDir != null && !c.dataDir.isBlank(), "dataDir", "a directory");
        require(c.writeTimeoutMs >= 100 && c.writeTimeoutMs <= 600_000, "writeTimeoutMs", "100 to 600000");
        require(c.expiryScanIntervalMs >= 100, "expiryScanIntervalMs", "100 or more");
        require(c.streamThreads == null || c.streamThreads >= 1 && c.streamThreads <= 64, "streamThreads",
                "1 to 64, or null to choose per namespace");
        require(c.sessionTimeoutMs >= 1000, "sessionTimeoutMs", "1000 or more");
        require(c.commitIntervalMs >= 10, "commitIntervalMs", "10 or more");
        require(c.writeLingerMs >= 0 && c.writeLingerMs <= 1000, "writeLingerMs", "0 to 1000");
        require(c.transactionTimeoutMs >= 4L * c.commitIntervalMs && c.transactionTimeoutMs >= 1000,
                "transactionTimeoutMs", "at least 1000 and 4 times commitIntervalMs (" + 4L * c.commitIntervalMs + ")");
        require(c.failoverProbeMs >= 0, "failoverProbeMs", "0 (off) or more");
        require(c.failoverMissedProbes >= 1, "failoverMissedProbes", "1 or more");
        require(c.maxBackgroundJobs >= 1 && c.maxBackgroundJobs <= MAX_BACKGROUND_JOBS, "maxBackgroundJobs",
                "1 to " + MAX_BACKGROUND_JOBS);
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
        Map<String, String> kafkaProperties = kafkaProperties(c);
        Security security = security(c);
        Tls httpTls = tls("http.tls", c.http.tls);
        Tls wireTls = tls("aerospike.tls", c.aerospike.tls);
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
                Duration.ofSeconds(c.http.idleTimeoutSeconds), Duration.ofSeconds(c.http.bodyTimeoutSeconds), httpTls);
        Wire wire = wireOn ? new Wire(c.aerospike.host, c.aerospike.port, c.aerospike.threads, wireCap,
                Duration.ofSeconds(c.aerospike.idleTimeoutSeconds), c.aerospike.maxInflightMb * 1024L * 1024L,
                c.aerospike.maxWaitingRequests, c.aerospike.batchThreads, wireTls) : null;
        return new Settings(c.cluster, c.nodeId, Path.of(c.dataDir),
                new Kafka(c.kafka.bootstrapServers, c.kafka.embeddedPort, c.kafka.embeddedControllerPort,
                        kafkaProperties), http, wire,
                Duration.ofMillis(c.writeTimeoutMs), Duration.ofMillis(c.expiryScanIntervalMs),
                c.streamThreads == null ? 0 : c.streamThreads,
                Duration.ofMillis(c.sessionTimeoutMs), Duration.ofMillis(c.commitIntervalMs),
                Duration.ofMillis(c.writeLingerMs), Math.max(0, c.rocksdbMemoryMb) * 1024L * 1024L,
                Math.max(0, c.recordCacheMb) * 1024L * 1024L, Duration.ofMillis(c.transactionTimeoutMs),
                Duration.ofMillis(c.failoverProbeMs), c.failoverMissedProbes, List.copyOf(namespaces), security,
                c.maxBackgroundJobs);
    }

    /** {@code kafka.properties}, checked: none of the settings the node owns, and none that the embedded broker cannot serve. */
    private static Map<String, String> kafkaProperties(NodeConfig c) {
        Map<String, String> props = c.kafka.properties == null ? Map.of() : c.kafka.properties;
        for (Map.Entry<String, String> e : props.entrySet()) {
            String key = e.getKey();
            require(key != null && !key.isBlank() && e.getValue() != null, "kafka.properties",
                    "a map of Kafka client settings to values");
            String bare = key;
            for (String prefix : KAFKA_PREFIXES) {
                if (key.startsWith(prefix)) {
                    bare = key.substring(prefix.length());
                }
            }
            require(!OWNED_KAFKA_SETTINGS.contains(bare), "kafka.properties",
                    "free of the settings Aerolog sets itself ('" + key + "' is one: " + OWNED_KAFKA_SETTINGS + ")");
        }
        boolean embedded = c.kafka.bootstrapServers == null || c.kafka.bootstrapServers.isBlank();
        String protocol = props.getOrDefault("security.protocol", "PLAINTEXT");
        require(!embedded || protocol.equalsIgnoreCase("PLAINTEXT"), "kafka.properties",
                "used with an external cluster (kafka.bootstrapServers) when it sets security.protocol " + protocol
                        + ": the embedded broker listens in plain text on loopback");
        return props;
    }

    private static Security security(NodeConfig c) {
        NodeConfig.Security s = c.security == null ? new NodeConfig.Security() : c.security;
        if (!s.enabled) {
            return null;
        }
        require(s.sessionTtlSeconds >= 1 && s.sessionTtlSeconds <= 864_000, "security.sessionTtlSeconds",
                "1 to 864000 (Aerospike's session-ttl allows 120 to 864000)");
        if (s.sessionTtlSeconds < 120) {
            LOG.warn("security.sessionTtlSeconds is {}: Aerospike's clients renew a session 60 s before it ends, so"
                    + " under 120 s they log in again only when a new connection is refused", s.sessionTtlSeconds);
        }
        require(s.passwordHashCost >= 4 && s.passwordHashCost <= 14, "security.passwordHashCost", "4 to 14 (bcrypt)");
        require(s.topicReplicationFactor == null || (s.topicReplicationFactor >= 1 && s.topicReplicationFactor <= 16),
                "security.topicReplicationFactor", "1 to 16");
        NodeConfig.Security.Admin admin = s.admin == null ? new NodeConfig.Security.Admin() : s.admin;
        require(admin.user != null && !admin.user.isBlank(), "security.admin.user", "a user name");
        String password = admin.password != null ? admin.password : System.getenv(ADMIN_PASSWORD_ENV);
        return new Security(Duration.ofSeconds(s.sessionTtlSeconds), s.passwordHashCost, s.topicReplicationFactor,
                admin.user, password, admin.roles == null ? List.of() : admin.roles);
    }

    private static Tls tls(String setting, NodeConfig.TlsFiles t) {
        if (t == null) {
            return null;
        }
        require(t.certFile != null && t.keyFile != null, setting, "certFile and keyFile (PEM) when set");
        Tls.ClientAuth auth;
        try {
            auth = Tls.ClientAuth.valueOf((t.clientAuth == null ? "none" : t.clientAuth).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + setting + ".clientAuth must be none, optional or required");
        }
        require(auth == Tls.ClientAuth.NONE || t.caFile != null, setting + ".caFile",
                "set when clientAuth is " + t.clientAuth + " (the authorities of client certificates)");
        for (String file : new String[] {t.certFile, t.keyFile, t.caFile}) {
            require(file == null || Files.isReadable(Path.of(file)), setting, "files that can be read ('" + file
                    + "' cannot)");
        }
        Tls tls = new Tls(Path.of(t.certFile), Path.of(t.keyFile), t.caFile == null ? null : Path.of(t.caFile), auth,
                t.name);
        tls.keyManagers();
        tls.trustManagers();
        return tls;
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
