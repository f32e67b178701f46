package io.aerolog.server.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) inside this process: the
 * embedded default, so that one command runs Aerolog with nothing to install. The log directory is
 * formatted once; a restart on the same directory keeps every topic and offset.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker with its logs under {@code dir}, listening on 127.0.0.1:{@code port} (0 picks a
     * free port) and its controller on {@code controllerPort} (0 picks one). Blocks until it is up.
     */
    public static EmbeddedKafka start(Path dir, int port, int controllerPort) {
        try {
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? freePort() : port;
            int ctlPort = controllerPort == 0 ? freePort() : controllerPort;
            String logDir = dir.resolve("logs").toAbsolutePath().toString();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + ctlPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctlPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logDir);
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            p.put("num.partitions", "1");
            // a dead node's open transaction is aborted soon after its timeout (transactionTimeoutMs), not 10 s later
            p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
            p.put("group.min.session.timeout.ms", "1000");
            // After kill -9 the restarted broker cannot register until its controller (this process too) has
            // fenced the dead incarnation, one broker session after it came up: Kafka's 9 s made a restart wait
            // 9-11 s for nothing (nothing else can hold node 1's data directory). As ops/cluster's brokers do.
            p.put("broker.session.timeout.ms", "4000");
            p.put("broker.heartbeat.interval.ms", "1000");
            p.put("auto.create.topics.enable", "false");
            p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
            KafkaConfig config = KafkaConfig.fromProps(p);
            if (!Files.exists(Path.of(logDir, "meta.properties"))) {
                new Formatter()
                        .setPrintStream(System.out)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir))
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(logDir)
                        .setHasDynamicQuorum(false)
                        .run();
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            LOG.info("embedded Kafka broker listening on {} with logs in {}", bootstrap, logDir);
            return new EmbeddedKafka(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
