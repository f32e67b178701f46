package io.aerolog.bench.faults;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerolog.core.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load a fault happens under, through Aerospike's Java client: writers that put unique keys (each once,
 * never retried) and increment one counter per Kafka partition, recording every acknowledgement with its
 * time and every write left in doubt; and readers that read keys already acknowledged (half of them among the
 * last 200, the writes a crash is most likely to lose) and record each that reads as missing.
 */
final class Workload implements AutoCloseable {
    /** An acknowledged put: its user key and when it was sent and acknowledged ({@link System#nanoTime()}). */
    record Ack(String key, long sentNanos, long ackNanos) {
    }

    /** A read of an acknowledged key that found no record. */
    record MissingRead(String key, long ackNanos, long readNanos) {
    }

    private final AerospikeClient client;
    private final String namespace;
    private final String set;
    private final Key[] counters;
    private final AtomicLongArray counterAcked;
    private final AtomicLongArray counterDoubt;
    private final List<Ack> acked = new ArrayList<>();
    private final Set<String> doubtPuts = ConcurrentHashMap.newKeySet();
    private final List<MissingRead> missing = new ArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder reads = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    Workload(AerospikeClient client, String namespace, String set, int partitions, int writers, int readers) {
        this.client = client;
        this.namespace = namespace;
        this.set = set;
        this.counters = new Key[partitions];
        for (int p = 0; p < partitions; p++) {
            counters[p] = new Key(namespace, set, Keys.forPartition(namespace, set, "counter-", p, partitions));
        }
        this.counterAcked = new AtomicLongArray(partitions);
        this.counterDoubt = new AtomicLongArray(partitions);
        this.threads = Executors.newFixedThreadPool(writers + readers, r -> {
            Thread t = new Thread(r, "faults-load");
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.submit(() -> write(writer, writers));
        }
        for (int r = 0; r < readers; r++) {
            threads.submit(this::read);
        }
    }

    private void write(int writer, int writers) {
        WritePolicy wp = new WritePolicy();
        wp.totalTimeout = 5_000;
        wp.socketTimeout = 5_000;
        wp.maxRetries = 0;
        for (long n = 0; running.get(); n++) {
            String user = "w" + writer + "-" + n;
            long sent = System.nanoTime();
            try {
                client.put(wp, new Key(namespace, set, user), new Bin("v", n));
                long ack = System.nanoTime();
                synchronized (acked) {
                    acked.add(new Ack(user, sent, ack));
                }
            } catch (AerospikeException e) {
                if (e.getInDoubt()) {
                    doubtPuts.add(user);
                }
                failed(e);
            }
            int p = (int) ((n * writers + writer) % counters.length);
            try {
                client.add(wp, counters[p], new Bin("n", 1));
                counterAcked.incrementAndGet(p);
            } catch (AerospikeException e) {
                if (e.getInDoubt()) {
                    counterDoubt.incrementAndGet(p);
                }
                failed(e);
            }
        }
    }

    private void read() {
        Policy rp = new Policy();
        rp.totalTimeout = 5_000;
        rp.socketTimeout = 2_000;
        while (running.get()) {
            Ack a;
            synchronized (acked) {
                int n = acked.size();
                if (n == 0) {
                    a = null;
                } else {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    a = acked.get(r.nextBoolean() ? r.nextInt(n) : n - 1 - r.nextInt(Math.min(n, 200)));
                }
            }
            if (a == null) {
                sleep(10);
                continue;
            }
            try {
                Record rec = client.get(rp, new Key(namespace, set, a.key()));
                reads.increment();
                if (rec == null) {
                    synchronized (missing) {
                        missing.add(new MissingRead(a.key(), a.ackNanos(), System.nanoTime()));
                    }
                }
            } catch (AerospikeException e) {
                failed(e);
            }
        }
    }

    private void failed(AerospikeException e) {
        errors.computeIfAbsent(ResultCode.getResultString(e.getResultCode()) + (e.getInDoubt() ? " (in doubt)" : ""),
                k -> new LongAdder()).increment();
        sleep(10); // a node that refuses at once is not hammered
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long ackedCount() {
        synchronized (acked) {
            return acked.size();
        }
    }

    List<Ack> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    Set<String> doubtPuts() {
        return Set.copyOf(doubtPuts);
    }

    List<MissingRead> missing() {
        synchronized (missing) {
            return List.copyOf(missing);
        }
    }

    long reads() {
        return reads.sum();
    }

    Key[] counters() {
        return counters.clone();
    }

    /** Acknowledged and in-doubt increments of counter {@code p}. */
    long[] counter(int p) {
        return new long[] {counterAcked.get(p), counterDoubt.get(p)};
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new HashMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    String set() {
        return set;
    }

    static Digest digest(Key key) {
        return Digest.of(key.digest);
    }

    /** Stops the writers and readers and waits for their last calls (bounded by the client's timeouts). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
