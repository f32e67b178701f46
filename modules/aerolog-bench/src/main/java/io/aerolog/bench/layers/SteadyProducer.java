package io.aerolog.bench.layers;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends commands as fast as a producer goes, from a thread of its own, until stopped: the producer's
 * buffer is the only brake. Counts the sends the broker acknowledged and those that failed, so a
 * caller can read the produce rate of any window while it runs.
 */
final class SteadyProducer implements AutoCloseable {
    private final KafkaProducer<Digest, Command> producer;
    private final LongFunction<ProducerRecord<Digest, Command>> records;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    /** Starts sending {@code records.apply(0)}, {@code records.apply(1)}, ... through {@code producer}, which it closes. */
    SteadyProducer(KafkaProducer<Digest, Command> producer, LongFunction<ProducerRecord<Digest, Command>> records) {
        this.producer = producer;
        this.records = records;
        this.thread = new Thread(this::send, "steady-producer");
        thread.setDaemon(true);
        thread.start();
    }

    private void send() {
        for (long i = 0; !stopping; i++) {
            try {
                producer.send(records.apply(i), (meta, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            }
        }
    }

    /** Sends the broker acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Sends that failed so far. */
    long failed() {
        return failed.get();
    }

    /** The first failure, or null. */
    Exception firstFailure() {
        return firstFailure.get();
    }

    /** Stops sending, waits for what was sent to be acknowledged or to fail, and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(60_000);
        producer.close(java.time.Duration.ofSeconds(60));
    }
}
