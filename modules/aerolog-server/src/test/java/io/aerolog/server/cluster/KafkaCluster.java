package io.aerolog.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A real multi-broker Kafka cluster in the test JVM: brokers plus a separate KRaft controller. */
final class KafkaCluster implements AutoCloseable {
    private final KafkaClusterTestKit kit;

    private KafkaCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    static KafkaCluster start(int brokers) throws Exception {
        Path base = Files.createTempDirectory("kafka-cluster");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(brokers)
                .setBaseDirectory(base)
                .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", String.valueOf(Math.min(3, brokers)))
                .setConfigProp("transaction.state.log.replication.factor", String.valueOf(Math.min(3, brokers)))
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024))
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new KafkaCluster(kit);
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Stops every broker (the controller stays): clients of the cluster find no one to talk to. */
    void stopBrokers() throws Exception {
        for (var broker : kit.brokers().values()) {
            broker.shutdown();
        }
        for (var broker : kit.brokers().values()) {
            broker.awaitShutdown();
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
