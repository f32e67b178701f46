package io.aerolog.cli.load;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs a {@link Workload} through Aerospike's Java client: each thread issues blocking gets and puts,
 * paced to its share of the target rate; a latency is measured from when the operation was due (so a
 * node that falls behind a target rate shows it, rather than the generator waiting politely), or from
 * when it was sent when there is no target. Live counters feed the progress line once a second.
 */
final class LoadRun {
    /** Latencies are recorded from 1 µs to this many, 3 significant digits. */
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** What the progress line shows each second. */
    record Tick(long elapsedMillis, long operations, long errors, double perSecond) {
    }

    private final AerospikeClient client;
    private final Workload w;
    private final Recorder reads = new Recorder(1, MAX_LATENCY_MICROS, 3);
    private final Recorder writes = new Recorder(1, MAX_LATENCY_MICROS, 3);
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder notFound = new LongAdder();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();

    LoadRun(AerospikeClient client, Workload workload) {
        this.client = client;
        this.w = workload;
    }

    LoadResult run(Consumer<Tick> progress) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(w.durationMillis());
        CountDownLatch finished = new CountDownLatch(w.threads());
        for (int t = 0; t < w.threads(); t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    work(id, start, end);
                } finally {
                    finished.countDown();
                }
            }, "aerolog-load-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        long lastOps = 0;
        long lastNanos = start;
        while (!finished.await(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long ops = done.sum();
            progress.accept(new Tick(TimeUnit.NANOSECONDS.toMillis(now - start), ops, failed.sum(),
                    (ops - lastOps) * 1e9 / Math.max(1, now - lastNanos)));
            lastOps = ops;
            lastNanos = now;
        }
        long elapsed = System.nanoTime() - start;
        Histogram r = reads.getIntervalHistogram();
        Histogram wr = writes.getIntervalHistogram();
        Map<Integer, Long> byCode = new TreeMap<>();
        errors.forEach((code, n) -> byCode.put(code, n.sum()));
        progress.accept(new Tick(TimeUnit.NANOSECONDS.toMillis(elapsed), done.sum(), failed.sum(),
                done.sum() * 1e9 / Math.max(1, elapsed)));
        return new LoadResult(r, wr, notFound.sum(), byCode, elapsed);
    }

    private void work(int id, long start, long end) {
        SplittableRandom random = new SplittableRandom(w.seed() * 31 + id);
        long intervalNanos = w.ratePerSecond() == 0 ? 0 : Math.max(1, 1_000_000_000L * w.threads() / w.ratePerSecond());
        long due = start + (intervalNanos == 0 ? 0 : random.nextLong(intervalNanos));
        Policy readPolicy = new Policy(client.getReadPolicyDefault());
        WritePolicy writePolicy = new WritePolicy(client.getWritePolicyDefault());
        String[] names = new String[w.bins()];
        for (int b = 0; b < names.length; b++) {
            names[b] = "b" + b;
        }
        char[] chars = new char[w.binSize()];
        while (true) {
            long now = System.nanoTime();
            if (now >= end || (intervalNanos > 0 && due >= end)) {
                return;
            }
            if (intervalNanos > 0 && due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            long from = intervalNanos > 0 ? due : now;
            Key key = new Key(w.namespace(), w.set(), random.nextLong(w.records()));
            boolean read = random.nextInt(100) < w.readPercent();
            try {
                if (read) {
                    if (client.get(readPolicy, key) == null) {
                        notFound.increment();
                    }
                } else {
                    Bin[] bins = new Bin[names.length];
                    for (int b = 0; b < bins.length; b++) {
                        for (int c = 0; c < chars.length; c++) {
                            chars[c] = (char) ('a' + random.nextInt(26));
                        }
                        bins[b] = new Bin(names[b], new String(chars));
                    }
                    client.put(writePolicy, key, bins);
                }
                long micros = Math.max(1, Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - from) / 1000));
                (read ? reads : writes).recordValue(micros);
                done.increment();
            } catch (AerospikeException e) {
                int code = e.getResultCode() == ResultCode.OK ? ResultCode.CLIENT_ERROR : e.getResultCode();
                errors.computeIfAbsent(code, c -> new LongAdder()).increment();
                failed.increment();
            }
            if (intervalNanos > 0) {
                due += intervalNanos;
            }
        }
    }
}
