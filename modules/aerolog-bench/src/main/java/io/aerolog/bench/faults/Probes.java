package io.aerolog.bench.faults;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether each Kafka partition takes writes, moment by moment: one thread per partition writes a key of that
 * partition every {@link #PACE_MS} ms (each write bounded by {@link #TIMEOUT_MS} ms, never retried) and keeps
 * the send and acknowledgement time of every success. A partition is writable again after a fault from the
 * acknowledgement of the first probe sent after it; the longest gap between acknowledgements also shows a
 * partition that went away a second time (a restarted node taking its partitions back).
 */
final class Probes implements AutoCloseable {
    static final int PACE_MS = 50;
    static final int TIMEOUT_MS = 500;

    private final ProbeLog log;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    Probes(AerospikeClient client, String namespace, String set, int partitions) {
        threads = Executors.newFixedThreadPool(partitions, r -> {
            Thread t = new Thread(r, "faults-probe");
            t.setDaemon(true);
            return t;
        });
        log = new ProbeLog(partitions);
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            Key key = new Key(namespace, set, Keys.forPartition(namespace, set, "probe-", p, partitions));
            threads.submit(() -> probe(client, key, partition));
        }
    }

    private void probe(AerospikeClient client, Key key, int partition) {
        WritePolicy wp = new WritePolicy();
        wp.totalTimeout = TIMEOUT_MS;
        wp.socketTimeout = TIMEOUT_MS;
        wp.maxRetries = 0;
        for (long n = 0; running.get(); n++) {
            long sent = System.nanoTime();
            try {
                client.put(wp, key, new Bin("n", n));
                log.success(partition, sent, System.nanoTime());
                sleep(PACE_MS);
            } catch (AerospikeException e) {
                sleep(Math.max(0, PACE_MS - (System.nanoTime() - sent) / 1_000_000));
            }
        }
    }

    /** Waits until every partition acknowledged a probe sent at or after {@code since}; returns when. */
    long awaitAllWritable(long since, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long t = log.allWritableAfter(since);
            if (t >= 0) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions " + log.notWritableSince(since) + " took no write within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    List<Integer> notWritableSince(long since) {
        return log.notWritableSince(since);
    }

    long longestGap(long from, long to) {
        return log.longestGap(from, to);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
