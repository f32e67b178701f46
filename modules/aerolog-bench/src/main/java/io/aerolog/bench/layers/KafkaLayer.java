package io.aerolog.bench.layers;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor of appending a command: a scratch topic on the node's broker (created here, deleted on
 * close) and one producer shared by the threads, configured as the node's own writer (acks=all,
 * idempotent, no linger); each thread sends one record at a time and waits for its acknowledgement.
 */
final class KafkaLayer implements AutoCloseable {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final int valueSize;

    private KafkaLayer(Admin admin, String topic, KafkaProducer<byte[], byte[]> producer, int valueSize) {
        this.admin = admin;
        this.topic = topic;
        this.producer = producer;
        this.valueSize = valueSize;
    }

    /** Creates the topic (the broker's default replication) and a producer that has already written to each partition. */
    static KafkaLayer create(String bootstrap, int partitions, int valueSize)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Admin admin = Admin.create(a);
        String topic = "aerolog-bench-layers-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            for (int partition = 0; partition < partitions; partition++) { // leaders known, producer id granted
                producer.send(new ProducerRecord<>(topic, partition, new byte[20], new byte[valueSize]))
                        .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return new KafkaLayer(admin, topic, producer, valueSize);
        } catch (ExecutionException | InterruptedException | TimeoutException | RuntimeException e) {
            if (producer != null) {
                producer.close();
            }
            admin.close();
            throw e;
        }
    }

    /** A sender of records with random 20-byte keys and values, waiting for each acknowledgement. */
    ClosedLoop.Op sender(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] value = new byte[valueSize];
        rnd.nextBytes(value);
        return () -> {
            byte[] key = new byte[20];
            rnd.nextBytes(key);
            producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        };
    }

    @Override
    public void close() throws ExecutionException, InterruptedException, TimeoutException {
        try {
            producer.close();
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } finally {
            admin.close();
        }
    }
}
