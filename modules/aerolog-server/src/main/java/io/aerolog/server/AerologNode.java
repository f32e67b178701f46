package io.aerolog.server;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.config.Settings;
import io.aerolog.server.failover.FailureDetector;
import io.aerolog.server.http.HttpServer;
import io.aerolog.server.jobs.BackgroundJobs;
import io.aerolog.server.kafka.EmbeddedKafka;
import io.aerolog.server.metrics.NodeMeters;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.NodeSettings;
import io.aerolog.server.namespace.RocksDbMemory;
import io.aerolog.server.security.PeerHttp;
import io.aerolog.server.security.SecurityService;
import io.aerolog.server.security.Tls;
import io.aerolog.server.udf.UdfModules;
import io.aerolog.server.wire.PeerDirectory;
import io.aerolog.server.wire.WireSecurity;
import io.aerolog.server.wire.WireServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Aerolog node: Kafka (external, or a broker inside the process), the stream processing of each
 * namespace, access control (when on), the HTTP API and Aerospike's protocol. {@link #close()} stops them
 * in reverse order.
 */
public final class AerologNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AerologNode.class);

    private final Settings settings;
    private final EmbeddedKafka kafka;
    private final String bootstrap;
    private final Map<String, NamespaceService> namespaces;
    private final HttpServer http;
    private final WireServer wire;
    private final PeerDirectory peers;
    private final FailureDetector failures;
    private final PrometheusMeterRegistry registry;
    private final SecurityService security;
    private final UdfModules udfs;

    private AerologNode(Settings settings, EmbeddedKafka kafka, String bootstrap, Map<String, NamespaceService> namespaces,
                        HttpServer http, WireServer wire, PeerDirectory peers, FailureDetector failures,
                        PrometheusMeterRegistry registry, SecurityService security, UdfModules udfs) {
        this.udfs = udfs;
        this.settings = settings;
        this.kafka = kafka;
        this.bootstrap = bootstrap;
        this.namespaces = namespaces;
        this.http = http;
        this.wire = wire;
        this.peers = peers;
        this.failures = failures;
        this.registry = registry;
        this.security = security;
    }

    /** Starts a node; returns once HTTP listens (namespaces may still be restoring: see /health). */
    public static AerologNode start(NodeConfig config) {
        return start(config.validate());
    }

    /** Starts a node of validated settings. */
    public static AerologNode start(Settings settings) {
        EmbeddedKafka kafka = null;
        String bootstrap = settings.kafka().bootstrapServers();
        if (settings.kafka().embedded()) {
            kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafka().embeddedPort(),
                    settings.kafka().embeddedControllerPort());
            bootstrap = kafka.bootstrapServers();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        ThreadCpuMeters.bindTo(registry);
        if (kafka != null) {
            io.aerolog.server.kafka.BrokerRequestMeters.bindTo(registry);
        }
        Settings.Http httpSettings = settings.http();
        int httpPort = httpSettings.port() == 0 ? EmbeddedKafka.freePort() : httpSettings.port();
        String advertisedHost = httpSettings.advertisedHost() != null ? httpSettings.advertisedHost()
                : httpSettings.host().equals("0.0.0.0") ? "127.0.0.1" : httpSettings.host();
        NodeSettings node = new NodeSettings(settings.cluster(), settings.nodeId(), bootstrap,
                settings.dataDir().resolve("streams").resolve(settings.nodeId()), advertisedHost + ":" + httpPort,
                settings.writeTimeout(), settings.expiryScanInterval(), settings.streamThreads(),
                settings.sessionTimeout(), settings.commitInterval(), settings.writeLinger(),
                settings.rocksDbMemoryBytes(), settings.recordCacheBytes(), settings.transactionTimeout(),
                settings.kafka().properties(), RocksDbMemory.writeBufferBytes(settings.rocksDbMemoryBytes(),
                        settings.namespaces()));
        warnIfExposed(settings);
        Map<String, NamespaceService> namespaces = new LinkedHashMap<>();
        WireServer wire = null;
        PeerDirectory peers = null;
        HttpServer http = null;
        FailureDetector failures = null;
        SecurityService security = null;
        UdfModules udfs = null;
        try {
            if (settings.security() != null) {
                Settings.Security s = settings.security();
                int rf = s.topicReplicationFactor() != null ? s.topicReplicationFactor()
                        : settings.namespaces().stream().mapToInt(NamespaceConfig::replicationFactor).max().orElse(1);
                security = SecurityService.start(new SecurityService.Config(s.sessionTtl(), s.passwordHashCost(),
                        s.adminUser(), s.adminPassword(), s.adminRoles(), rf, settings.writeTimeout().plusSeconds(5)),
                        bootstrap, settings.kafka().properties(), settings.cluster(), settings.nodeId());
            }
            Tls httpTls = httpSettings.tls();
            PeerHttp peerHttp = new PeerHttp(httpTls == null ? "http" : "https",
                    httpTls == null ? null : httpTls.context(), security);
            for (NamespaceConfig ns : settings.namespaces()) {
                namespaces.put(ns.name(), NamespaceService.start(ns, node, registry));
            }
            int replication = settings.namespaces().stream().mapToInt(NamespaceConfig::replicationFactor).max().orElse(1);
            udfs = UdfModules.start(node.kafkaClient(), settings.cluster(), settings.nodeId(), replication, Duration.ofSeconds(60));
            Map<String, NamespaceService> served = Collections.unmodifiableMap(namespaces);
            NodeMeters meters = new NodeMeters(registry, served.values(), settings.rocksDbMemoryBytes());
            peers = new PeerDirectory(namespaces.values(), node.advertisedHttp(), peerHttp);
            if (!settings.failoverProbe().isZero()) {
                PeerDirectory known = peers;
                failures = new FailureDetector(known::nodeIdsByHttp,
                        (nodeId, address) -> {
                            meters.evicted();
                            served.values().forEach(ns -> ns.evict(nodeId, address));
                        }, settings.failoverProbe(),
                        settings.failoverMissedProbes());
            }
            BackgroundJobs jobs = new BackgroundJobs(settings.maxBackgroundJobs());
            Map<String, String> info = new LinkedHashMap<>(Map.of("cluster", settings.cluster(),
                    "node", settings.nodeId(), "kafka", bootstrap, "http", node.advertisedHttp()));
            if (settings.wire() != null) {
                Settings.Wire w = settings.wire();
                int port = w.port() == 0 ? EmbeddedKafka.freePort() : w.port();
                wire = WireServer.start(served, new WireServer.Settings(w.host(), port, advertisedHost,
                        settings.nodeId(), w.threads(), w.maxConnections(), w.idleTimeout(), w.maxInflightBytes(),
                        w.maxWaitingRequests(), w.batchThreads()), peers, registry, WireSecurity.of(w.tls(), security),
                        udfs, jobs);
                info.put("aerospike", advertisedHost + ":" + wire.port());
                if (w.tls() != null && w.tls().name() != null) {
                    info.put("aerospikeTlsName", w.tls().name());
                }
            }
            Map<String, String> nodeInfo = Map.copyOf(info);
            http = HttpServer.start(served, registry, () -> nodeInfo, new HttpServer.Settings(httpSettings.host(),
                    httpPort, httpSettings.workerThreads(), httpSettings.maxConnections(), httpSettings.idleTimeout(),
                    httpSettings.bodyTimeout(), settings.writeTimeout().plusSeconds(5)),
                    new HttpServer.HttpSecurity(httpTls, security, peerHttp), udfs, jobs);
            LOG.info("Aerolog node {} serving HTTP on {}://{}:{} (namespaces {}, Kafka {}, access control {})",
                    settings.nodeId(), peerHttp.scheme(), httpSettings.host(), http.port(), namespaces.keySet(),
                    bootstrap, security != null ? "on" : "off");
            return new AerologNode(settings, kafka, bootstrap, namespaces, http, wire, peers, failures, registry,
                    security, udfs);
        } catch (RuntimeException e) {
            if (failures != null) {
                failures.close();
            }
            if (http != null) {
                http.close();
            }
            if (wire != null) {
                wire.close();
            }
            if (peers != null) {
                peers.close();
            }
            if (udfs != null) {
                udfs.close();
            }
            namespaces.values().forEach(NamespaceService::close);
            if (security != null) {
                security.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    /**
     * Warns, loudly, of a listener reachable beyond this machine without access control or without TLS:
     * anyone who reaches it reads and writes every record, or reads the traffic.
     */
    private static void warnIfExposed(Settings settings) {
        List<String> exposed = new ArrayList<>();
        if (!loopback(settings.http().host())) {
            exposed.add("HTTP on " + settings.http().host() + ":" + settings.http().port()
                    + (settings.http().tls() == null ? " (no TLS)" : ""));
        }
        if (settings.wire() != null && !loopback(settings.wire().host())) {
            exposed.add("Aerospike's protocol on " + settings.wire().host() + ":" + settings.wire().port()
                    + (settings.wire().tls() == null ? " (no TLS)" : ""));
        }
        boolean plain = exposed.stream().anyMatch(x -> x.endsWith("(no TLS)"));
        if (!exposed.isEmpty() && (settings.security() == null || plain)) {
            LOG.warn("*****************************************************************************************");
            LOG.warn("SECURITY: {} listen(s) beyond loopback {}: anyone who reaches {} can {}. Turn on security"
                    + " (security.enabled) and TLS (http.tls, aerospike.tls) before exposing a node; see README,"
                    + " 'Security'.", exposed, settings.security() == null ? "WITHOUT access control"
                    : "without TLS", exposed.size() == 1 ? "it" : "them", settings.security() == null
                    ? "read and write every record" : "read the traffic, passwords' hashes and session tokens included");
            LOG.warn("*****************************************************************************************");
        }
    }

    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public int httpPort() {
        return http.port();
    }

    /** The port of the Aerospike wire protocol, or -1 when it is off. */
    public int aerospikePort() {
        return wire == null ? -1 : wire.port();
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public NamespaceService namespace(String name) {
        return namespaces.get(name);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Waits until every namespace's stream processing runs (its stores restored) and every partition served
     * here has applied its log (what /health reports as UP).
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (namespaces.values().stream().allMatch(ns -> ns.state() == KafkaStreams.State.RUNNING
                    && ns.router().catchingUp().isEmpty())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * The node's closes in the order they run: the failure detector and peer directory, the Aerospike
     * listener, HTTP (in-flight requests drained), each namespace's Kafka Streams (last started, first
     * closed), the embedded broker, the metrics.
     */
    List<ShutdownSequence.Step> shutdownSteps() {
        List<ShutdownSequence.Step> steps = new ArrayList<>();
        if (failures != null) {
            steps.add(new ShutdownSequence.Step("the failure detector", failures::close));
        }
        steps.add(new ShutdownSequence.Step("the peer directory", peers::close));
        if (wire != null) {
            steps.add(new ShutdownSequence.Step("the Aerospike listener", wire::close));
        }
        steps.add(new ShutdownSequence.Step("the HTTP server", http::close));
        steps.add(new ShutdownSequence.Step("the UDF modules", udfs::close));
        List<Map.Entry<String, NamespaceService>> reversed = new ArrayList<>(namespaces.entrySet());
        Collections.reverse(reversed);
        for (Map.Entry<String, NamespaceService> ns : reversed) {
            steps.add(new ShutdownSequence.Step("namespace " + ns.getKey() + "'s Kafka Streams", ns.getValue()::close));
        }
        if (security != null) {
            steps.add(new ShutdownSequence.Step("the security service", security::close));
        }
        if (kafka != null) {
            steps.add(new ShutdownSequence.Step("the embedded Kafka broker", kafka::close));
        }
        steps.add(new ShutdownSequence.Step("the metrics registry", registry::close));
        return steps;
    }

    @Override
    public void close() {
        shutdownSteps().forEach(step -> step.close().run());
        LOG.info("Aerolog node {} stopped", settings.nodeId());
    }
}
