package io.aerolog.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aerolog.core.NamespaceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A node's configuration file (YAML; see {@code ops/aerolog.yaml}). Every field has a default, so an
 * empty file, or none, runs the embedded default: namespace {@code test} with 8 partitions, HTTP on
 * 127.0.0.1:8080, a broker inside the process, data under {@code ./data}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class NodeConfig {
    public String cluster = "local";
    public String nodeId = "node-1";
    public String dataDir = "./data";
    public Http http = new Http();
    public Kafka kafka = new Kafka();
    public Aerospike aerospike = new Aerospike();
    public Security security = new Security();
    public long writeTimeoutMs = 5000;
    public long expiryScanIntervalMs = 10_000;
    /** Kafka Streams threads per namespace; null lets the node choose per namespace (NodeSettings.streamThreads). */
    public Integer streamThreads = null;
    public int sessionTimeoutMs = 10_000;
    public int commitIntervalMs = 500;
    public int writeLingerMs = 1;
    public int rocksdbMemoryMb = 256;
    public int recordCacheMb = 64;
    public int transactionTimeoutMs = 10000;
    public int failoverProbeMs = 250;
    public int failoverMissedProbes = 2;
    /** Background scans and queries running at once on the node (Aerospike's query-threads-limit plays this part). */
    public int maxBackgroundJobs = 8;
    public List<Namespace> namespaces = new ArrayList<>(List.of(new Namespace()));

    /** Where HTTP listens and how other nodes reach it, and its limits. */
    public static final class Http {
        public String host = "127.0.0.1";
        public int port = 8080;
        public String advertisedHost;
        public int workerThreads = 16;
        public int maxConnections = 4096;
        public int idleTimeoutSeconds = 300;
        public int bodyTimeoutSeconds = 30;
        /** HTTPS instead of HTTP when set. */
        public TlsFiles tls;
    }

    /**
     * Where the Aerospike wire protocol listens (Aerospike's clients connect here; port 3000 is
     * Aerospike's own). Port -1 turns it off, 0 takes any free port. Clients reach it at the HTTP
     * advertised host.
     */
    public static final class Aerospike {
        public String host = "127.0.0.1";
        public int port = 3000;
        public int threads = 2;
        public int maxConnections = 4096;
        public int idleTimeoutSeconds = 300;
        public int maxInflightMb = 256;
        public int maxWaitingRequests = 16;
        public int batchThreads = 2;
        /** TLS on the Aerospike port when set (Aerospike's clients connect with their TlsPolicy). */
        public TlsFiles tls;
    }

    /**
     * A listener's TLS: certificate chain and unencrypted PKCS#8 key (PEM), the authorities trusted for
     * client certificates, whether clients must present one ({@code none}, {@code optional},
     * {@code required}), and the name clients verify the certificate against (the Aerospike port's
     * {@code tls-name}).
     */
    public static final class TlsFiles {
        public String certFile;
        public String keyFile;
        public String caFile;
        public String clientAuth = "none";
        public String name;
    }

    /**
     * Aerospike's access control: users, roles and privileges kept in the topic {@code aerolog.__security},
     * login and session tokens on the Aerospike port, HTTP Basic credentials on HTTP. Off by default. The
     * first user (when the cluster has none) is {@code admin.user} with {@code admin.password}, or the
     * environment variable {@code AEROLOG_ADMIN_PASSWORD}.
     */
    public static final class Security {
        public boolean enabled = false;
        public int sessionTtlSeconds = 86_400;
        public int passwordHashCost = 10;
        public Integer topicReplicationFactor;
        public Admin admin = new Admin();

        /** The first user, made when the cluster has none. */
        public static final class Admin {
            public String user = "admin";
            public String password;
            public List<String> roles = new ArrayList<>(List.of("user-admin"));
        }
    }

    /** Kafka: an external cluster when bootstrapServers is set, else a broker inside the node. */
    public static final class Kafka {
        public String bootstrapServers;
        public int embeddedPort = 9092;
        public int embeddedControllerPort = 9093;
        /**
         * Settings passed to every Kafka client the node makes (Kafka Streams, producers, admin clients,
         * the security topic's reader and writer): {@code security.protocol}, {@code sasl.*}, {@code ssl.*}
         * and the like, to reach a secured cluster.
         */
        public Map<String, String> properties = new LinkedHashMap<>();
    }

    /** One namespace, as in {@link NamespaceConfig}. */
    public static final class Namespace {
        public String name = "test";
        public int partitions = 8;
        public int replicationFactor = 1;
        public long defaultTtl = 0;
        public String storage = "rocksdb";
        public int maxRecordSize = NamespaceConfig.DEFAULT_MAX_RECORD_SIZE;
        public boolean changes = true;

        public NamespaceConfig toConfig() {
            NamespaceConfig.Storage s;
            try {
                s = NamespaceConfig.Storage.valueOf(storage.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("namespace " + name + ": storage '" + storage
                        + "' is not rocksdb or memory");
            }
            return new NamespaceConfig(name, partitions, replicationFactor, defaultTtl, s, maxRecordSize, changes);
        }
    }

    /** Reads a configuration file; unknown fields are an error, so that a typo does not pass silently. */
    public static NodeConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        NodeConfig config = yaml.readValue(file.toFile(), NodeConfig.class);
        return config == null ? new NodeConfig() : config;
    }

    /**
     * This configuration checked once and made immutable: every setting in range, or an
     * IllegalArgumentException naming the setting and what it may be.
     */
    public Settings validate() {
        return Settings.of(this);
    }

    public List<NamespaceConfig> namespaceConfigs() {
        List<NamespaceConfig> out = new ArrayList<>();
        for (Namespace ns : namespaces) {
            out.add(ns.toConfig());
        }
        return out;
    }
}
