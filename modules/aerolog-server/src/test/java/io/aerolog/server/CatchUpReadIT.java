package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerolog.protocol.Topics;
import io.aerolog.server.namespace.PartitionRouter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14's read-back: a partition that opens on a node claims it in the partition map at once and makes its
 * reads wait until it has applied its log. A read that gives up waiting (its own timeout) must leave the
 * partition to catch up for the next reads: once it has, Aerospike's client reads every record of it, instead
 * of meeting PARTITION_UNAVAILABLE from the node that claims it, for good.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CatchUpReadIT {
    private static final int PARTITION = 0;

    @Test
    void aReadThatTimesOutWhileItsPartitionCatchesUpLeavesThePartitionReadable() throws Exception {
        try (TestNode node = TestNode.start()) {
            int partitions = node.node.namespace("test").config().partitions();
            String written = keyIn(partitions, "k");
            String later = keyIn(partitions, "w");
            assertThat(node.post("/v1/kvs/test/r/" + written, "{\"n\":1}").status()).isEqualTo(201);

            // another writer's transaction left open at the end of the partition's log: a task that opens the
            // partition waits for it, so the partition catches up for as long as the test wants
            try (KafkaProducer<byte[], byte[]> other = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "catch-up-it",
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 180_000), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                other.initTransactions();
                other.beginTransaction();
                other.send(new ProducerRecord<>(Topics.commands("test"), PARTITION, new byte[] {1}, new byte[] {1}))
                        .get(30, TimeUnit.SECONDS);
                node.stop();
                // not TestNode.restart: it waits until no partition is catching up, which is what this test holds
                node.node = AerologNode.start(node.config);
                var ns = node.node.namespace("test");
                PartitionRouter router = ns.router();
                long opened = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!(ns.state() == KafkaStreams.State.RUNNING && router.mastersHere(PARTITION))
                        && System.nanoTime() < opened) {
                    Thread.sleep(20);
                }
                assertThat(router.mastersHere(PARTITION)).as("claimed in replicas from the start").isTrue();
                assertThat(router.catchingUp()).contains(PARTITION);

                try (AerospikeClient client = client(node)) {
                    Policy impatient = new Policy();
                    impatient.totalTimeout = 300;
                    impatient.maxRetries = 0;
                    assertThatThrownBy(() -> client.get(impatient, new Key("test", "r", written)))
                            .isInstanceOf(AerospikeException.class);
                    // the node answers a read only when its wait ends; waits end in the order of their deadlines,
                    // so once this one is refused the impatient read's timeout has fired on the node
                    Policy patient = new Policy();
                    patient.totalTimeout = 2_000;
                    patient.maxRetries = 0;
                    assertThatThrownBy(() -> client.get(patient, new Key("test", "r", written)))
                            .isInstanceOf(AerospikeException.class)
                            .satisfies(e -> assertThat(((AerospikeException) e).getResultCode())
                                    .isIn(com.aerospike.client.ResultCode.PARTITION_UNAVAILABLE,
                                            com.aerospike.client.ResultCode.TIMEOUT));
                    assertThat(router.catchingUp()).as("the timed-out reads left the partition catching up")
                            .contains(PARTITION);

                    other.abortTransaction();
                    WritePolicy wp = new WritePolicy();
                    wp.totalTimeout = 15_000;
                    client.put(wp, new Key("test", "r", later), new Bin("n", 2));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!router.catchingUp().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(router.catchingUp()).as("caught up once the log moved past the transaction").isEmpty();
            }

            try (AerospikeClient fresh = client(node)) {
                Policy p = new Policy();
                p.totalTimeout = 5_000;
                Record record = fresh.get(p, new Key("test", "r", written));
                assertThat(record).as("the record written before the restart reads back").isNotNull();
                assertThat(record.getLong("n")).isEqualTo(1);
                assertThat(fresh.get(p, new Key("test", "r", later)).getLong("n")).isEqualTo(2);
            }
        }
    }

    private static AerospikeClient client(TestNode node) {
        ClientPolicy cp = new ClientPolicy();
        cp.timeout = 10_000;
        return new AerospikeClient(cp, new Host("127.0.0.1", node.config.aerospike.port));
    }

    /** A user key of set {@code r} whose record is in Kafka partition {@link #PARTITION}. */
    private static String keyIn(int partitions, String prefix) {
        for (int i = 0; ; i++) {
            String k = prefix + i;
            if (io.aerolog.core.Key.of("test", "r", k).digest().kafkaPartition(partitions) == PARTITION) {
                return k;
            }
        }
    }
}
