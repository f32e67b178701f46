package io.aerolog.server.security;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's users and roles in Kafka: the compacted topic {@value #TOPIC} (one partition, so that
 * every node reads every change in one order), read from its start by a thread of this node into a
 * {@link SecurityState}, and written by this node's admin commands in Kafka transactions (a change of
 * several records applies whole or not at all). A write returns once this node has read it back, so that
 * the client that made it sees it on its next request.
 */
final class SecurityTopic implements AutoCloseable {
    static final String TOPIC = "aerolog.__security";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityTopic.class);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final Map<String, String> kafkaProperties;
    private final String bootstrap;
    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final SecurityTables tables = new SecurityTables();
    private final Object moved = new Object();
    private final Thread reader;
    private volatile SecurityState state = SecurityState.EMPTY;
    /** The next offset to read: everything before it is in {@link #state}. */
    private long position;
    private volatile boolean closed;

    private SecurityTopic(String bootstrap, Map<String, String> kafkaProperties, String cluster, String nodeId) {
        this.bootstrap = bootstrap;
        this.kafkaProperties = kafkaProperties;
        this.admin = Admin.create(properties(AdminClientConfig.CLIENT_ID_CONFIG, "aerolog-" + nodeId + "-security-admin"));
        Properties c = properties(ConsumerConfig.CLIENT_ID_CONFIG, "aerolog-" + nodeId + "-security-reader");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = properties(ProducerConfig.CLIENT_ID_CONFIG, "aerolog-" + nodeId + "-security-writer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aerolog." + cluster + ".security." + nodeId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.reader = new Thread(this::read, "aerolog-security-reader");
        reader.setDaemon(true);
    }

    /**
     * Creates the topic where missing ({@code replicationFactor} copies), starts reading it, and returns
     * once this node has read all of it, within {@code timeout}.
     */
    static SecurityTopic start(String bootstrap, Map<String, String> kafkaProperties, String cluster, String nodeId,
                               int replicationFactor, Duration timeout) {
        SecurityTopic topic = new SecurityTopic(bootstrap, kafkaProperties, cluster, nodeId);
        try {
            topic.ensure(replicationFactor, timeout);
            topic.consumer.assign(List.of(PARTITION));
            topic.consumer.seekToBeginning(List.of(PARTITION));
            topic.reader.start();
            topic.producer.initTransactions();
            topic.catchUp(timeout);
            return topic;
        } catch (RuntimeException e) {
            topic.close();
            throw e;
        }
    }

    private Properties properties(String clientIdKey, String clientId) {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(clientIdKey, clientId);
        return p;
    }

    private void ensure(int replicationFactor, Duration timeout) {
        NewTopic topic = new NewTopic(TOPIC, 1, (short) replicationFactor).configs(Map.of(
                "cleanup.policy", "compact", "min.insync.replicas", String.valueOf(Math.max(1, replicationFactor - 1))));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created topic {} (compacted, replication {}) for the cluster's users and roles", TOPIC,
                    replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + TOPIC + " on " + bootstrap + ": "
                        + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + TOPIC + " on " + bootstrap + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        }
    }

    /** The users and roles as this node has read them. */
    SecurityState state() {
        return state;
    }

    /** Records this node skipped because it could not read them. */
    long unreadable() {
        synchronized (moved) {
            return tables.unreadable();
        }
    }

    private void read() {
        while (!closed) {
            try {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                long next = consumer.position(PARTITION);
                synchronized (moved) {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        if (!tables.apply(r.key(), r.value())) {
                            LOG.warn("skipped record {} of {} at offset {}: not one of this node's security records",
                                    r.key(), TOPIC, r.offset());
                        }
                    }
                    if (!records.isEmpty()) {
                        state = tables.snapshot();
                    }
                    position = next;
                    moved.notifyAll();
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                if (closed) {
                    return;
                }
                LOG.warn("reading {} failed, retrying: {}", TOPIC, e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Returns once this node has read every record committed to the topic now (so that a check made next
     * sees changes other nodes made before); TIMEOUT when that takes longer than {@code timeout}.
     */
    void catchUp(Duration timeout) {
        long end;
        try {
            end = admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(PARTITION)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new AerologException(ResultCode.TIMEOUT, "cannot reach Kafka to read " + TOPIC + ": " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerologException(ResultCode.TIMEOUT, "interrupted", false, e);
        }
        await(end, timeout);
    }

    /** Waits until everything before {@code offset} has been read; TIMEOUT past {@code timeout}. */
    private void await(long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (moved) {
            while (position < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new AerologException(ResultCode.TIMEOUT, "this node has not read " + TOPIC + " up to offset "
                            + offset + " within " + timeout.toMillis() + " ms (it is at " + position + ")");
                }
                try {
                    moved.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AerologException(ResultCode.TIMEOUT, "interrupted", false, e);
                }
            }
        }
    }

    /**
     * Writes {@code entries} in one transaction and returns once this node has read them back; TIMEOUT (in
     * doubt) when that takes longer than {@code timeout}. Blocks: called on the node's admin thread only.
     */
    void write(List<SecurityRecords.Entry> entries, Duration timeout) {
        if (entries.isEmpty()) {
            return;
        }
        long last;
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (SecurityRecords.Entry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, 0, e.key(), e.value())));
            }
            producer.commitTransaction();
            last = -1;
            for (Future<RecordMetadata> f : sent) {
                last = Math.max(last, f.get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset());
            }
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the transaction is aborted by the broker at its timeout anyway
            }
            throw new AerologException(ResultCode.SERVER_ERROR, "the change could not be written to " + TOPIC + ": " + e,
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerologException(ResultCode.TIMEOUT, "interrupted", true, e);
        }
        await(last + 1, timeout);
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
