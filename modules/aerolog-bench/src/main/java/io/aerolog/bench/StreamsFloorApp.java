package io.aerolog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The bare Kafka Streams application under Aerolog's ingest, on an input and an output topic of its
 * own: per record a get and a put on a logged RocksDB store and one record forwarded, exactly-once
 * v2. It runs until closed and counts the records its processors applied, so a caller can feed it
 * while it runs (a steady state) or produce everything first and time it to the end (a drain).
 */
public final class StreamsFloorApp implements AutoCloseable {
    /** Where it runs and how it is shaped: the node's defaults are 8 partitions, 2 threads, 500 ms commits. */
    public record Settings(String bootstrap, int partitions, int streamThreads, int commitIntervalMs) {
    }

    private final Settings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String input = "floor-" + run + "-in";
    private final String output = "floor-" + run + "-out";
    private final AtomicLong applied = new AtomicLong();
    private final Admin admin;
    private final Path state;
    private KafkaStreams streams;

    private StreamsFloorApp(Settings settings, Admin admin, Path state) {
        this.settings = settings;
        this.admin = admin;
        this.state = state;
    }

    /**
     * Creates the application's topics and waits until each partition has a leader and each input partition
     * took a write; it is not started yet.
     */
    public static StreamsFloorApp create(Settings settings) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        StreamsFloorApp app = new StreamsFloorApp(settings, Admin.create(p), Files.createTempDirectory("streams-floor"));
        try {
            app.admin.createTopics(List.of(new NewTopic(app.input, settings.partitions(), (short) 1),
                    new NewTopic(app.output, settings.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(app.admin, List.of(app.input, app.output));
            app.probeInput();
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** The topic the application reads. */
    public String input() {
        return input;
    }

    /** Records the application's processors applied since it started. */
    public long applied() {
        return applied.get();
    }

    /** Starts the application; it reads its input from the earliest offset. */
    public void start() {
        streams = new KafkaStreams(topology(), properties());
        streams.start();
    }

    /** Stops the application and deletes its state directory and topics. */
    @Override
    public void close() throws Exception {
        try {
            if (streams != null) {
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
            }
            admin.deleteTopics(List.of(input, output)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw e;
            }
        } finally {
            admin.close(Duration.ofSeconds(10));
            deleteTree(state);
        }
    }

    /** Waits until every partition of {@code topics} has a leader: a send before that is retried for long. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after 30 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Writes one probe (an empty value, which the application skips) to each input partition and waits for
     * it: until the broker serves a fresh partition, an idempotent producer's first batches answer
     * NOT_LEADER_OR_FOLLOWER and their retries can loop on OUT_OF_ORDER_SEQUENCE_NUMBER for good. The probe
     * producer is not idempotent, so its retries cannot.
     */
    private void probeInput() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int partition = 0; partition < settings.partitions(); partition++) {
                sent.add(producer.send(new ProducerRecord<>(input, partition, new byte[20], new byte[0])));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-floor-" + run);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return p;
    }

    private Topology topology() {
        Topology t = new Topology();
        t.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
        t.addProcessor("apply", () -> new ApplyProcessor(applied), "in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("records"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingEnabled(Map.of()), "apply");
        t.addSink("out", output, new ByteArraySerializer(), new ByteArraySerializer(), "apply");
        return t;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Get, put, forward: the store and topic work of Aerolog's command processor, without Aerolog; probes skipped. */
    private static final class ApplyProcessor implements Processor<byte[], byte[], byte[], byte[]> {
        private final AtomicLong applied;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        ApplyProcessor(AtomicLong applied) {
            this.applied = applied;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore("records");
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.value().length == 0) {
                return;
            }
            Bytes key = Bytes.wrap(record.key());
            store.get(key);
            store.put(key, record.value());
            context.forward(record);
            applied.incrementAndGet();
        }
    }
}
