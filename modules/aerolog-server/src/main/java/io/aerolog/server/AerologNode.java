package io.aerolog.server;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.http.HttpApi;
import io.aerolog.server.kafka.EmbeddedKafka;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.NodeSettings;
import io.aerolog.server.wire.PeerDirectory;
import io.aerolog.server.wire.WireServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Aerolog node: Kafka (external, or a broker inside the process), the stream processing of each
 * namespace, and the HTTP API. {@link #close()} stops them in reverse order.
 */
public final class AerologNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AerologNode.class);

    private final NodeConfig config;
    private final EmbeddedKafka kafka;
    private final Map<String, NamespaceService> namespaces;
    private final HttpApi http;
    private final WireServer wire;
    private final PeerDirectory peers;
    private final PrometheusMeterRegistry registry;

    private AerologNode(NodeConfig config, EmbeddedKafka kafka, Map<String, NamespaceService> namespaces,
                        HttpApi http, WireServer wire, PeerDirectory peers, PrometheusMeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.namespaces = namespaces;
        this.http = http;
        this.wire = wire;
        this.peers = peers;
        this.registry = registry;
    }

    /** Starts a node; returns once HTTP listens (namespaces may still be restoring: see /health). */
    public static AerologNode start(NodeConfig config) {
        List<NamespaceConfig> nsConfigs = config.namespaceConfigs();
        if (nsConfigs.isEmpty()) {
            throw new IllegalArgumentException("the configuration has no namespace");
        }
        Path dataDir = Path.of(config.dataDir);
        EmbeddedKafka kafka = null;
        String bootstrap = config.kafka.bootstrapServers;
        if (bootstrap == null || bootstrap.isBlank()) {
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), config.kafka.embeddedPort,
                    config.kafka.embeddedControllerPort);
            bootstrap = kafka.bootstrapServers();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        int httpPort = config.http.port == 0 ? EmbeddedKafka.freePort() : config.http.port;
        String advertisedHost = config.http.advertisedHost != null ? config.http.advertisedHost
                : config.http.host.equals("0.0.0.0") ? "127.0.0.1" : config.http.host;
        NodeSettings settings = new NodeSettings(config.cluster, config.nodeId, bootstrap,
                dataDir.resolve("streams").resolve(config.nodeId), advertisedHost + ":" + httpPort,
                Duration.ofMillis(config.writeTimeoutMs), Duration.ofMillis(config.expiryScanIntervalMs),
                config.streamThreads, Duration.ofMillis(config.sessionTimeoutMs),
                Duration.ofMillis(config.commitIntervalMs), Duration.ofMillis(config.writeLingerMs),
                config.rocksdbMemoryMb * 1024L * 1024L, config.recordCacheMb * 1024L * 1024L);
        Map<String, NamespaceService> namespaces = new LinkedHashMap<>();
        WireServer wire = null;
        PeerDirectory peers = null;
        try {
            for (NamespaceConfig ns : nsConfigs) {
                namespaces.put(ns.name(), NamespaceService.start(ns, settings, registry));
            }
            Map<String, Object> clusterInfo = new LinkedHashMap<>(Map.of("cluster", config.cluster,
                    "node", config.nodeId, "kafka", bootstrap, "http", settings.advertisedHttp()));
            if (config.aerospike.port >= 0) {
                peers = new PeerDirectory(namespaces.values(), settings.advertisedHttp());
                int aerospikePort = config.aerospike.port == 0 ? EmbeddedKafka.freePort() : config.aerospike.port;
                wire = WireServer.start(namespaces, config.aerospike.host, aerospikePort, advertisedHost,
                        config.nodeId, config.aerospike.threads, peers, registry);
                clusterInfo.put("aerospike", advertisedHost + ":" + wire.port());
            }
            HttpApi http = HttpApi.start(namespaces, registry, () -> new LinkedHashMap<>(clusterInfo),
                    config.http.host, httpPort, config.http.workerThreads,
                    Duration.ofMillis(config.writeTimeoutMs).plusSeconds(5));
            LOG.info("Aerolog node {} serving HTTP on http://{}:{} (namespaces {}, Kafka {})", config.nodeId,
                    config.http.host, http.port(), namespaces.keySet(), bootstrap);
            return new AerologNode(config, kafka, namespaces, http, wire, peers, registry);
        } catch (RuntimeException e) {
            if (wire != null) {
                wire.close();
            }
            if (peers != null) {
                peers.close();
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
        return namespaces.isEmpty() ? null : kafka != null ? kafka.bootstrapServers() : config.kafka.bootstrapServers;
    }

    public NamespaceService namespace(String name) {
        return namespaces.get(name);
    }

    /** Waits until every namespace's stream processing runs (its stores restored). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (namespaces.values().stream().allMatch(ns -> ns.state() == KafkaStreams.State.RUNNING)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        if (wire != null) {
            peers.close();
            wire.close();
        }
        http.close();
        List<NamespaceService> reversed = new ArrayList<>(namespaces.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(NamespaceService::close);
        if (kafka != null) {
            kafka.close();
        }
        registry.close();
        LOG.info("Aerolog node {} stopped", config.nodeId);
    }
}
