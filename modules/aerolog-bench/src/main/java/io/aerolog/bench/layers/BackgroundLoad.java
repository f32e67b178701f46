package io.aerolog.bench.layers;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Load behind a measurement: Kafka-native writes at a steady rate from a thread of its own (each sent
 * on schedule, none waited for), upserting a fixed range of keys the measurement does not read.
 */
final class BackgroundLoad implements AutoCloseable {
    static final int KEYS = 10_000;

    private final KafkaProducer<Digest, Command> producer;
    private final Thread thread;
    private final AtomicLong acked = new AtomicLong();
    private volatile boolean stop;
    private long sent;
    private long startedAt;
    private long stoppedAt;

    private BackgroundLoad(String bootstrap, String namespace, String set, double perSecond, long seed, Errors errors) {
        producer = KafkaNative.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
        String[][] pool = new String[64][];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = KafkaNative.values(rnd, 10, 100);
        }
        long period = (long) (1e9 / perSecond);
        String tag = "bg" + Long.toString(seed, 36) + "-";
        thread = new Thread(() -> {
            long next = System.nanoTime();
            startedAt = next;
            long n = 0;
            while (!stop) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                producer.send(KafkaNative.write(Key.of(namespace, set, tag + (n % KEYS)), pool[(int) (n % pool.length)]),
                        (meta, e) -> {
                            if (e != null) {
                                errors.add("background write: " + e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                n++;
                next += period;
            }
            sent = n;
            stoppedAt = System.nanoTime();
        }, "layers-background");
        thread.setDaemon(true);
    }

    /** Starts writing {@code perSecond} records a second to set {@code set} of {@code namespace}. */
    static BackgroundLoad start(String bootstrap, String namespace, String set, double perSecond, long seed,
                                Errors errors) {
        BackgroundLoad load = new BackgroundLoad(bootstrap, namespace, set, perSecond, seed, errors);
        load.thread.start();
        return load;
    }

    /** Stops, waits for every write's acknowledgement, and returns the rate actually sent (writes a second). */
    double stop() throws InterruptedException {
        stop = true;
        thread.join();
        producer.flush();
        double seconds = (stoppedAt - startedAt) / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }

    long acked() {
        return acked.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop) {
            stop();
        }
        producer.close();
    }
}
