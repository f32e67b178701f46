package io.aerolog.bench;

import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor under Aerolog's Kafka-native ingest: how many records per second a bare Kafka Streams
 * application applies on the same broker and machine when it does the same shape of work as
 * Aerolog's command processor and nothing else: per record, a get and a put on a logged RocksDB
 * store and one record forwarded to an output topic, exactly-once v2, the same partitions, stream
 * threads and commit interval. Records are produced fire-and-forget first (so the input rate is
 * not what is measured); the clock runs from the application's start until it has applied them all.
 * What Aerolog adds on top (Avro decoding and encoding, the record engine, waiters, metrics) is the
 * difference between this figure and Aerolog's own ingest. The application is {@link StreamsFloorApp};
 * {@code ops/aerolog ingest-bench --floor} feeds the same application while it runs, for a steady state
 * without its start-up.
 */
@Command(name = "streams-floor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures a bare Kafka Streams get+put+forward application (EOS v2) on a broker.")
public final class StreamsFloorBench implements Callable<Integer> {
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap = "127.0.0.1:9092";
    @Option(names = "--records", description = "Records to apply (default: ${DEFAULT-VALUE}).")
    int records = 200_000;
    @Option(names = "--keys", description = "Distinct keys the records update (default: ${DEFAULT-VALUE}).")
    int keys = 100_000;
    @Option(names = "--value-bytes", description = "Bytes per value (default: ${DEFAULT-VALUE}).")
    int valueBytes = 1_100;
    @Option(names = "--partitions", description = "Partitions of the input and output topics (default: ${DEFAULT-VALUE}).")
    int partitions = 8;
    @Option(names = "--stream-threads", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int streamThreads = 2;
    @Option(names = "--commit-interval-ms", description = "Kafka Streams commit interval (default: ${DEFAULT-VALUE}).")
    int commitIntervalMs = 500;
    @Option(names = "--timeout", description = "Seconds before the run gives up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 600;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamsFloorBench()).execute(args));
    }

    /** Result of one run: records applied and the seconds it took. */
    public record Result(long records, double seconds) {
        public double perSecond() {
            return records / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        Result r = run();
        System.out.println(row(r));
        return 0;
    }

    /** A Markdown row: application | records | seconds | applied/s. */
    public String row(Result r) {
        return String.format(java.util.Locale.ROOT, "| bare Kafka Streams get+put+forward (EOS v2, %d partitions, %d threads, "
                + "commit %d ms) | %,d | %.1f | %,.0f |", partitions, streamThreads, commitIntervalMs, r.records(),
                r.seconds(), r.perSecond());
    }

    /** Creates the topics, produces the records, runs the application until it applied them all, cleans up. */
    public Result run() throws Exception {
        if (valueBytes < 1) {
            throw new IllegalArgumentException("--value-bytes must be at least 1: an empty value is the application's probe");
        }
        try (StreamsFloorApp app = StreamsFloorApp.create(new StreamsFloorApp.Settings(bootstrap, partitions,
                streamThreads, commitIntervalMs))) {
            produce(app.input());
            long start = System.nanoTime();
            app.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (app.applied() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + app.applied() + " of " + records
                            + " records applied in " + timeoutSeconds + " s");
                }
                Thread.sleep(5);
            }
            return new Result(records, (System.nanoTime() - start) / 1e9);
        }
    }

    private void produce(String topic) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // the input needs no exactly-once: without idempotence a retried batch on a fresh topic cannot loop
        // on OUT_OF_ORDER_SEQUENCE_NUMBER, as it did once after NOT_LEADER_OR_FOLLOWER
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        SplittableRandom random = new SplittableRandom(42);
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                byte[] key = new byte[20];
                long k = random.nextInt(keys);
                for (int b = 0; b < 8; b++) {
                    key[b] = (byte) (k >>> (8 * b));
                }
                byte[] value = new byte[valueBytes];
                random.nextBytes(value);
                producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the input could not be written: " + failed.get(), failed.get());
        }
    }
}
