package io.aerolog.bench.layers;

import io.aerolog.bench.LatencyLog;
import io.aerolog.bench.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs one operation in a closed loop on a number of threads, all released at once: first for the
 * warm-up (not recorded), then for the measured time (at least one call per thread), every call timed
 * with {@link System#nanoTime()}. Throughput is calls over the measured time, until the last thread's
 * last call ended.
 */
final class ClosedLoop {
    /** A thread gives up after this many failed calls in a row, so a dead peer does not spin. */
    static final int MAX_CONSECUTIVE_FAILURES = 100;

    /** One thread's operation; a call that throws is an error (its time is recorded all the same). */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    private ClosedLoop() {
    }

    /** {@code perThread} makes each thread's operation, on that thread, before the release. */
    static Stats.OpResult run(String name, int threads, Duration warmup, Duration measured, IntFunction<Op> perThread,
                              Errors errors) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] release = new long[1];
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<LatencyLog> logs = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            LatencyLog log = new LatencyLog(64 * 1024);
            logs.add(log);
            workers.add(new Thread(() -> {
                Op op;
                try {
                    op = perThread.apply(id);
                } finally {
                    ready.countDown();
                }
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long warmEnd = release[0] + warmup.toNanos();
                long end = warmEnd + measured.toNanos();
                int failedInARow = 0;
                while (System.nanoTime() < warmEnd && failedInARow < MAX_CONSECUTIVE_FAILURES) {
                    failedInARow = call(op, name, null, failedInARow, errors);
                }
                do { // at least one measured call, should a warm-up call have outlasted the measured time
                    int before = failedInARow;
                    failedInARow = call(op, name, log, failedInARow, errors);
                    if (failedInARow > before) {
                        failures.incrementAndGet();
                    }
                } while (System.nanoTime() < end && failedInARow < MAX_CONSECUTIVE_FAILURES);
                if (failedInARow >= MAX_CONSECUTIVE_FAILURES) {
                    errors.add(name + ": a thread stopped after " + MAX_CONSECUTIVE_FAILURES + " failures in a row");
                }
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            }, "layers-" + id));
        }
        workers.forEach(Thread::start);
        ready.await();
        release[0] = System.nanoTime();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = lastEnd.get() - (release[0] + warmup.toNanos());
        return Stats.summarize(name, LatencyLog.mergeSorted(logs), elapsed, failures.get());
    }

    /** One timed call; returns the new count of failures in a row. {@code log} null: warm-up, not recorded. */
    private static int call(Op op, String name, LatencyLog log, int failedInARow, Errors errors) {
        long start = System.nanoTime();
        try {
            op.run();
            if (log != null) {
                log.record(System.nanoTime() - start);
            }
            return 0;
        } catch (Exception e) {
            if (log != null) {
                log.record(System.nanoTime() - start);
            }
            errors.add(name + ": " + e);
            return failedInARow + 1;
        }
    }
}
