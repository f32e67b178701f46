package io.aerolog.server.udf;

import io.aerolog.core.udf.UdfModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's UDF modules, as Aerospike's system metadata holds them: a compacted topic
 * {@code aerolog.<cluster>.__udf} (one partition; key the module's file name, value its Lua source, a
 * tombstone when removed) that every node reads from the start when it starts and follows while it runs.
 * {@code udf-put} and {@code udf-remove} on any node append to it and answer once this node has read their
 * record back; every other node shows the change as soon as it reads it, which is what Aerospike's
 * {@code RegisterTask} polls {@code udf-list} on every node for.
 */
public final class UdfModules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdfModules.class);
    /** What Aerospike's server answers, in the FAILURE bin, for a call of a package it does not hold. */
    public static final String NOT_LOADED = "UDF: Execution Error 1";
    /** Bytes of a record of the topic: the largest module Aerospike registers, its name and headroom. */
    private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /** Most puts and removes waiting to be read back at once. */
    private static final int MAX_WAITERS = 1024;

    private final String topic;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, UdfModule> modules = new ConcurrentHashMap<>();
    private final Map<CompletableFuture<Void>, Long> waiters = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread follower;
    private volatile long nextOffset;
    private volatile boolean closed;

    private UdfModules(String topic, KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.producer = producer;
        this.consumer = consumer;
        this.follower = new Thread(this::follow, "aerolog-udf-modules");
        this.follower.setDaemon(true);
    }

    /** The topic of cluster {@code cluster}'s modules. */
    public static String topic(String cluster) {
        return "aerolog." + cluster + ".__udf";
    }

    /**
     * Creates the topic where missing ({@code replication} copies), reads it to its end and follows it;
     * returns once the modules registered before the start are known (at most {@code timeout}). {@code kafka}
     * holds the settings of every Kafka client of the node (bootstrap servers, and security when configured).
     */
    public static UdfModules start(Properties kafka, String cluster, String nodeId, int replication, Duration timeout) {
        String topic = topic(cluster);
        ensureTopic(kafka, topic, replication);
        Properties pp = new Properties();
        pp.putAll(kafka);
        pp.put(ProducerConfig.CLIENT_ID_CONFIG, "aerolog-" + nodeId + "-udf");
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        Properties cp = new Properties();
        cp.putAll(kafka);
        cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "aerolog-" + nodeId + "-udf");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_MESSAGE_BYTES * 2);
        UdfModules m = new UdfModules(topic, new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer()),
                new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        m.follower.start();
        try {
            m.caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.close();
            throw new IllegalStateException("interrupted while reading topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            m.close();
            throw new IllegalStateException("cannot read the UDF modules of topic " + topic + ": " + e, e);
        }
        return m;
    }

    private static void ensureTopic(Properties kafka, String topic, int replication) {
        Properties p = new Properties();
        p.putAll(kafka);
        try (Admin admin = Admin.create(p)) {
            NewTopic t = new NewTopic(topic, 1, (short) replication).configs(Map.of("cleanup.policy", "compact",
                    "min.insync.replicas", String.valueOf(Math.max(1, replication - 1)),
                    "max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)));
            admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            LOG.info("created topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + " in 30 s", e);
        }
    }

    /** The module of file {@code name}, if registered. */
    public Optional<UdfModule> get(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** Every registered module, by file name. */
    public List<UdfModule> list() {
        List<UdfModule> out = new ArrayList<>(modules.values());
        out.sort(Comparator.comparing(UdfModule::name));
        return out;
    }

    /** Registers {@code module} cluster-wide; completes once this node has read it back. */
    public CompletableFuture<Void> put(UdfModule module) {
        return append(module.name(), module.content());
    }

    /** Removes module {@code name} cluster-wide (registered or not); completes once this node has read it back. */
    public CompletableFuture<Void> remove(String name) {
        return append(name, null);
    }

    private CompletableFuture<Void> append(String name, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed || waiters.size() >= MAX_WAITERS) {
            done.completeExceptionally(new IllegalStateException(closed ? "closed" : "too many module changes at once"));
            return done;
        }
        try {
            producer.send(new ProducerRecord<>(topic, 0, name.getBytes(StandardCharsets.UTF_8), value), (meta, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                    return;
                }
                waiters.put(done, meta.offset());
                release();
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Completes the changes this node has read back. */
    private void release() {
        long next = nextOffset;
        waiters.forEach((f, offset) -> {
            if (offset < next && waiters.remove(f) != null) {
                f.complete(null);
            }
        });
    }

    private void follow() {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                nextOffset = consumer.position(partition);
                if (!caughtUp.isDone() && nextOffset >= end) {
                    LOG.info("read {} UDF modules from {}", modules.size(), topic);
                    caughtUp.complete(null);
                }
                release();
            }
        } catch (WakeupException e) {
            if (!closed) {
                caughtUp.completeExceptionally(e);
            }
        } catch (RuntimeException e) {
            LOG.error("stopped following the UDF modules of {}", topic, e);
            caughtUp.completeExceptionally(e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return;
        }
        String name = new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            modules.remove(name);
            return;
        }
        try {
            modules.put(name, UdfModule.of(name, r.value()));
        } catch (RuntimeException e) {
            LOG.warn("skipping UDF module {} at offset {} of {}: {}", name, r.offset(), topic, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        waiters.keySet().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
    }
}
