package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads scans and queries run on, and the bound on how many run at once on the node. A connection
 * serves its requests in order, so it runs at most one scan at a time; past {@value #MAX_SCANS} on the node a
 * new one is refused with FAIL_FORBIDDEN (22), as the server refuses a query past its query-threads-limit.
 * The queue of steps is bounded by that count times the pool's threads (each scan has at most one step queued
 * per lane, and as many lanes as threads). It also holds the node's background jobs, which run on threads of
 * their own and end with it.
 */
final class ScanPool implements AutoCloseable {
    static final int MAX_SCANS = 32;

    private final ExecutorService threads;
    private final int max;
    private final int lanes;
    private final AtomicInteger running = new AtomicInteger();
    private final io.aerolog.server.jobs.BackgroundJobs jobs;

    ScanPool(int threads, int max, io.aerolog.server.jobs.BackgroundJobs jobs) {
        this.jobs = jobs;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "aerolog-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.max = max;
        this.lanes = threads;
    }

    /** How many Kafka partitions one scan or query reads at once: one per thread of the pool. */
    int lanes() {
        return lanes;
    }

    /** Takes a place for a scan; FAIL_FORBIDDEN when the node runs its most already. */
    void acquire() {
        if (running.incrementAndGet() > max) {
            running.decrementAndGet();
            throw new AerologException(ResultCode.FAIL_FORBIDDEN, "the node runs " + max
                    + " scans and queries already; retry when one ends");
        }
    }

    void release() {
        running.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    ExecutorService executor() {
        return threads;
    }

    /** The node's background scans and queries. */
    io.aerolog.server.jobs.BackgroundJobs jobs() {
        return jobs;
    }

    @Override
    public void close() {
        jobs.close();
        threads.shutdownNow();
    }
}
