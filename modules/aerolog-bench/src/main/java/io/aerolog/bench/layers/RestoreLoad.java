package io.aerolog.bench.layers;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Loads records as fast as Kafka-native ingest goes: asynchronous sends (acks=all, batched by linger
 * and batch size, back-pressured by the producer's buffer), failures counted in the callback, then
 * waits until the node's {@code aerolog_commands_applied_total} shows every record applied. The load
 * rate is records over the time from the first send to the last record applied.
 */
@picocli.CommandLine.Command(name = "load", mixinStandardHelpOptions = true,
        description = "Loads records Kafka-native and waits until the node applied them all.")
final class RestoreLoad implements Callable<Integer> {
    @Mixin
    KafkaNativeTarget at = new KafkaNativeTarget();
    @Option(names = "--set", description = "(default: ${DEFAULT-VALUE})")
    String set = "restore";
    @Option(names = "--records", description = "Records r0, r1, ... to load (default: ${DEFAULT-VALUE}).")
    long records = 1_000_000;
    @Option(names = "--bins", description = "Bins per record (default: ${DEFAULT-VALUE}).")
    int bins = 10;
    @Option(names = "--value-size", description = "Characters of each bin's string (default: ${DEFAULT-VALUE}).")
    int valueSize = 100;
    @Option(names = "--linger-ms", description = "Producer linger (default: ${DEFAULT-VALUE}).")
    int lingerMs = 20;
    @Option(names = "--batch-kib", description = "Producer batch size in KiB (default: ${DEFAULT-VALUE}).")
    int batchKiB = 256;
    @Option(names = "--stall", description = "Seconds without progress after which the load fails (default: ${DEFAULT-VALUE}).")
    int stallSeconds = 120;
    @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
    long seed = 42;
    @Option(names = "--results", required = true, description = "File the figures are appended to.")
    Path results;

    @Override
    public Integer call() throws Exception {
        Node node = new Node(at.url);
        String bootstrap = at.bootstrap(node.info());
        double baseline = node.applied(at.namespace);
        String[][] pool = new String[256][];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = KafkaNative.values(rnd, bins, valueSize);
        }
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long progressAt = start;
        try (KafkaProducer<Digest, Command> producer = KafkaNative.producer(bootstrap, Map.of(
                ProducerConfig.LINGER_MS_CONFIG, lingerMs, ProducerConfig.BATCH_SIZE_CONFIG, batchKiB * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024))) {
            for (long i = 0; i < records; i++) {
                producer.send(KafkaNative.write(Key.of(at.namespace, set, LastKeys.key(i)), pool[(int) (i % pool.length)]),
                        (meta, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        });
                if (System.nanoTime() - progressAt > 5_000_000_000L) {
                    progressAt = System.nanoTime();
                    System.err.printf("load: %d of %d sent%n", i + 1, records);
                }
            }
            producer.flush();
        }
        long sent = System.nanoTime();
        long expected = records - failed.get();
        double done = 0;
        double last = -1;
        long lastProgress = System.nanoTime();
        long lastLog = lastProgress;
        while ((done = node.applied(at.namespace) - baseline) < expected) {
            long now = System.nanoTime();
            if (done > last) {
                last = done;
                lastProgress = now;
            }
            if (now - lastProgress > stallSeconds * 1_000_000_000L) {
                System.err.printf("load: only %.0f of %d applied, none for %d s%n", done, expected, stallSeconds);
                return 1;
            }
            if (now - lastLog > 5_000_000_000L) {
                lastLog = now;
                System.err.printf("load: %.0f of %d applied%n", done, expected);
            }
            Thread.sleep(100);
        }
        long applied = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", records);
        figures.put("load_errors", failed.get());
        figures.put("load_sent_s", (sent - start) / 1e9);
        figures.put("load_applied_s", (applied - start) / 1e9);
        figures.put("load_rate", records / ((applied - start) / 1e9));
        Results.append(results, figures);
        System.err.printf("load: %d records sent in %.1f s, applied in %.1f s (%.0f/s); %d failed%s%n", records,
                (sent - start) / 1e9, (applied - start) / 1e9, records / ((applied - start) / 1e9), failed.get(),
                firstFailure.get() == null ? "" : " (first: " + firstFailure.get() + ")");
        return failed.get() == 0 ? 0 : 1;
    }
}
