package io.aerolog.server.namespace;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.protocol.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace's topics: the command log (kept forever), the changes and the dead letters, each with the
 * namespace's partitions and replication, and messages large enough for its largest records.
 */
final class NamespaceTopics {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceTopics.class);

    private NamespaceTopics() {
    }

    /** Creates the namespace's topics where missing and checks that the existing ones have its partitions. */
    static void ensure(NamespaceConfig config, NodeSettings node) {
        Properties p = node.kafkaClient();
        try (Admin admin = Admin.create(p)) {
            short rf = (short) config.replicationFactor();
            String minIsr = String.valueOf(Math.max(1, config.replicationFactor() - 1));
            String maxBytes = String.valueOf(NamespaceTopology.maxMessageBytes(config));
            List<NewTopic> topics = new java.util.ArrayList<>(List.of(
                    new NewTopic(Topics.commands(config.name()), config.partitions(), rf).configs(Map.of(
                            "retention.ms", "-1", "min.insync.replicas", minIsr, "max.message.bytes", maxBytes)),
                    new NewTopic(Topics.rejected(config.name()), config.partitions(), rf).configs(Map.of(
                            "min.insync.replicas", minIsr, "max.message.bytes", maxBytes))));
            if (config.changesFeed()) {
                topics.add(new NewTopic(Topics.changes(config.name()), config.partitions(), rf).configs(Map.of(
                        "min.insync.replicas", minIsr, "max.message.bytes", maxBytes)));
            }
            try {
                admin.createTopics(List.of(new NewTopic(Topics.indexes(config.name()), 1, rf).configs(Map.of(
                        "cleanup.policy", "compact", "min.insync.replicas", minIsr)))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {} with {} partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = describe(admin, topics.stream().map(NewTopic::name).toList());
            for (TopicDescription d : described.values()) {
                if (d.partitions().size() != config.partitions()) {
                    throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                            + " partitions but namespace " + config.name() + " is configured with "
                            + config.partitions() + ": keep the namespace's partitions as they were created");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics of namespace " + config.name() + " on "
                    + node.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** Describes topics, waiting out the moment after creation when the broker does not know them yet. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
