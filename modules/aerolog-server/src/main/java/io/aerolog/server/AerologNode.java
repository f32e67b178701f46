package io.aerolog.server;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.config.Settings;
import io.aerolog.server.failover.FailureDetector;
import io.aerolog.server.http.HttpServer;
import io.aerolog.server.kafka.EmbeddedKafka;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.NodeSettings;
import io.aerolog.server.udf.UdfModules;
import io.aerolog.server.wire.PeerDirectory;
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
 * namespace, the HTTP API and Aerospike's protocol. {@link #close()} stops them in reverse order.
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
    private final UdfModules udfs;

    private AerologNode(Settings settings, EmbeddedKafka kafka, String bootstrap, Map<String, NamespaceService> namespaces,
                        HttpServer http, WireServer wire, PeerDirectory peers, FailureDetector failures,
                        PrometheusMeterRegistry registry, UdfModules udfs) {
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
                settings.rocksDbMemoryBytes(), settings.recordCacheBytes(), settings.transactionTimeout());
        Map<String, NamespaceService> namespaces = new LinkedHashMap<>();
        WireServer wire = null;
        PeerDirectory peers = null;
        HttpServer http = null;
        FailureDetector failures = null;
        UdfModules udfs = null;
        try {
            for (NamespaceConfig ns : settings.namespaces()) {
                namespaces.put(ns.name(), NamespaceService.start(ns, node, registry));
            }
            int replication = settings.namespaces().stream().mapToInt(NamespaceConfig::replicationFactor).max().orElse(1);
            udfs = UdfModules.start(bootstrap, settings.cluster(), settings.nodeId(), replication, Duration.ofSeconds(60));
            Map<String, NamespaceService> served = Collections.unmodifiableMap(namespaces);
            peers = new PeerDirectory(namespaces.values(), node.advertisedHttp());
            if (!settings.failoverProbe().isZero()) {
                PeerDirectory known = peers;
                failures = new FailureDetector(known::nodeIdsByHttp,
                        nodeId -> served.values().forEach(ns -> ns.evict(nodeId)), settings.failoverProbe(),
                        settings.failoverMissedProbes());
            }
            Map<String, String> info = new LinkedHashMap<>(Map.of("cluster", settings.cluster(),
                    "node", settings.nodeId(), "kafka", bootstrap, "http", node.advertisedHttp()));
            if (settings.wire() != null) {
                Settings.Wire w = settings.wire();
                int port = w.port() == 0 ? EmbeddedKafka.freePort() : w.port();
                wire = WireServer.start(served, new WireServer.Settings(w.host(), port, advertisedHost,
                        settings.nodeId(), w.threads(), w.maxConnections(), w.idleTimeout(), w.maxInflightBytes(),
                        w.maxWaitingRequests(), w.batchThreads()), peers, registry, udfs);
                info.put("aerospike", advertisedHost + ":" + wire.port());
            }
            Map<String, String> nodeInfo = Map.copyOf(info);
            http = HttpServer.start(served, registry, () -> nodeInfo, new HttpServer.Settings(httpSettings.host(),
                    httpPort, httpSettings.workerThreads(), httpSettings.maxConnections(), httpSettings.idleTimeout(),
                    httpSettings.bodyTimeout(), settings.writeTimeout().plusSeconds(5)), udfs);
            LOG.info("Aerolog node {} serving HTTP on http://{}:{} (namespaces {}, Kafka {})", settings.nodeId(),
                    httpSettings.host(), http.port(), namespaces.keySet(), bootstrap);
            return new AerologNode(settings, kafka, bootstrap, namespaces, http, wire, peers, failures, registry, udfs);
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
            if (kafka != null) {
                kafka.close();
            }
            throw e;
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

    @Override
    public void close() {
        if (failures != null) {
            failures.close();
        }
        peers.close();
        if (wire != null) {
            wire.close();
        }
        http.close();
        udfs.close();
        List<NamespaceService> reversed = new ArrayList<>(namespaces.values());
        Collections.reverse(reversed);
        reversed.forEach(NamespaceService::close);
        if (kafka != null) {
            kafka.close();
        }
        registry.close();
        LOG.info("Aerolog node {} stopped", settings.nodeId());
    }
}
