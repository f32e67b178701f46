package io.aerolog.server.cluster;

import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real multi-broker Kafka cluster in the test JVM: a dedicated KRaft controller plus brokers, each a
 * {@link KafkaRaftServer} on its own ports and log directory, as the embedded default runs one.
 */
final class KafkaCluster implements AutoCloseable {
    private final KafkaRaftServer controller;
    private final List<KafkaRaftServer> brokers;
    private final String bootstrapServers;

    private KafkaCluster(KafkaRaftServer controller, List<KafkaRaftServer> brokers, String bootstrapServers) {
        this.controller = controller;
        this.brokers = brokers;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaCluster start(int brokerCount) throws Exception {
        Path base = Files.createTempDirectory("kafka-cluster");
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = EmbeddedKafka.freePort();
        String voters = "0@127.0.0.1:" + controllerPort;
        Properties c = common(voters, base.resolve("controller"));
        c.put("process.roles", "controller");
        c.put("node.id", "0");
        c.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        KafkaRaftServer controller = startServer(c, 0, clusterId);
        List<KafkaRaftServer> brokers = new ArrayList<>();
        StringJoiner bootstrap = new StringJoiner(",");
        int replication = Math.min(3, brokerCount);
        for (int i = 1; i <= brokerCount; i++) {
            int port = EmbeddedKafka.freePort();
            Properties b = common(voters, base.resolve("broker-" + i));
            b.put("process.roles", "broker");
            b.put("node.id", Integer.toString(i));
            b.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
            b.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            b.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            b.put("inter.broker.listener.name", "PLAINTEXT");
            b.put("offsets.topic.replication.factor", Integer.toString(replication));
            b.put("offsets.topic.num.partitions", "4");
            b.put("transaction.state.log.replication.factor", Integer.toString(replication));
            b.put("transaction.state.log.min.isr", "1");
            b.put("transaction.state.log.num.partitions", "4");
            b.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
            b.put("share.coordinator.state.topic.min.isr", "1");
            b.put("group.initial.rebalance.delay.ms", "0");
            b.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            b.put("auto.create.topics.enable", "false");
            b.put("group.min.session.timeout.ms", "1000");
            b.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
            b.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
            brokers.add(startServer(b, i, clusterId));
            bootstrap.add("127.0.0.1:" + port);
        }
        return new KafkaCluster(controller, brokers, bootstrap.toString());
    }

    private static Properties common(String voters, Path dir) {
        Properties p = new Properties();
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
        return p;
    }

    private static KafkaRaftServer startServer(Properties p, int nodeId, String clusterId) throws Exception {
        String logDir = p.getProperty("log.dirs");
        Files.createDirectories(Path.of(logDir));
        new Formatter()
                .setPrintStream(System.out)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir)
                .setHasDynamicQuorum(false)
                .run();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        return server;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops every broker (the controller stays): clients of the cluster find no one to talk to. */
    void stopBrokers() {
        brokers.forEach(KafkaRaftServer::shutdown);
        brokers.forEach(KafkaRaftServer::awaitShutdown);
    }

    @Override
    public void close() {
        for (KafkaRaftServer b : brokers) {
            b.shutdown();
        }
        for (KafkaRaftServer b : brokers) {
            b.awaitShutdown();
        }
        controller.shutdown();
        controller.awaitShutdown();
    }
}
