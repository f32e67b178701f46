package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.protocol.Topics;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead node's open transaction is aborted on a real broker even when the node's own admin client fails the
 * calls (as Kafka's did for a while after a broker restarted): the abort is tried again with a new client.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeftTransactionsIT {
    private static final String APPLICATION = "aerolog.local.test";

    private static final String CHANGELOG = NamespaceTopology.changelog(APPLICATION, NamespaceTopology.STORE);

    @TempDir
    Path dir;
    private EmbeddedKafka kafka;
    private final Properties adminProps = new Properties();

    @BeforeEach
    void startBrokerWithTheNamespacesTransactionalTopics() throws Exception {
        kafka = EmbeddedKafka.start(dir, 0, 0);
        adminProps.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(CHANGELOG, 2, (short) 1),
                    new NewTopic(Topics.changes("test"), 2, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    private KafkaProducer<byte[], byte[]> transactionOpenOnPartition(String transactionalId, int partition)
            throws Exception {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000), new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(CHANGELOG, partition, new byte[] {1}, new byte[] {2})).get();
        return producer;
    }

    @Test
    void aTransactionLeftOpenIsFencedThroughANewAdminClientWhenTheNodesOwnFails() throws Exception {
        try (KafkaProducer<byte[], byte[]> left = transactionOpenOnPartition(APPLICATION + "-5e1b-dead-1", 1)) {
            Admin failing = Admin.create(adminProps);
            failing.close(); // every call on it now fails
            AtomicInteger created = new AtomicInteger();
            List<String> fenced = LeftTransactions.abort(failing, () -> {
                created.incrementAndGet();
                return Admin.create(adminProps);
            }, APPLICATION, "test", "node-2", Set.of(1)).toCompletableFuture().get(60, TimeUnit.SECONDS);

            assertThat(created).as("a new admin client was made for the second try").hasValue(1);
            assertThat(fenced).containsExactly(APPLICATION + "-5e1b-dead-1");
            assertThatThrownBy(left::commitTransaction).as("the dead node's producer is fenced")
                    .isInstanceOf(KafkaException.class);
        }
    }

    @Test
    void aTransactionOnAnotherNodesPartitionIsLeftAlone() throws Exception {
        try (Admin admin = Admin.create(adminProps);
             KafkaProducer<byte[], byte[]> live = transactionOpenOnPartition(APPLICATION + "-7c2a-live-1", 0)) {
            List<String> fenced = LeftTransactions.abort(admin, () -> {
                throw new AssertionError("no second try when the first succeeds");
            }, APPLICATION, "test", "node-2", Set.of(1)).toCompletableFuture().get(60, TimeUnit.SECONDS);

            assertThat(fenced).isEmpty();
            live.commitTransaction();
        }
    }
}
