package io.aerolog.bench.layers;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends commands as fast as a producer goes (or at a given rate), from a thread of its own, until
 * stopped: unpaced, the producer's buffer is the only brake. Counts the sends the broker acknowledged and those that failed, so a
 * caller can read the produce rate of any window while it runs.
 */
final class SteadyProducer implements AutoCloseable {
    private final Producer<Digest, Command> producer;
    private final LongFunction<ProducerRecord<Digest, Command>> records;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final long nanosPerSend;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Starts sending {@code records.apply(0)}, {@code records.apply(1)}, ... through {@code producer}, which it
     * closes, at {@code perSecond} sends a second, or as fast as it goes when that is 0.
     */
    SteadyProducer(Producer<Digest, Command> producer, LongFunction<ProducerRecord<Digest, Command>> records,
                   long perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a rate of " + perSecond + " sends a second");
        }
        this.producer = producer;
        this.records = records;
        this.nanosPerSend = perSecond == 0 ? 0 : Math.max(1, 1_000_000_000L / perSecond);
        this.thread = new Thread(this::send, "steady-producer");
        thread.setDaemon(true);
        thread.start();
    }

    private void send() {
        long start = System.nanoTime();
        for (long i = 0; !stopping; i++) {
            if (nanosPerSend > 0) {
                long wait = start + i * nanosPerSend - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
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
