package io.aerolog.server.jobs;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.scan.ScanSpec;
import io.aerolog.server.scan.SourceFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background scans and queries of this node, as Aerospike's query manager keeps them: at most {@code
 * maxActive} run at once (the node's {@code maxBackgroundJobs}; past it a new one is refused with FAIL_FORBIDDEN
 * (22), as the server refuses one past its {@code query-threads-limit}), a job's id (the client's task id) is
 * unique among those kept (PARAMETER_ERROR otherwise), and the last {@code maxDone} finished jobs are kept for {@code query-show} (the server's
 * {@code query-max-done}). Jobs run on a small pool of their own, never on an event loop or a stream thread.
 */
public final class BackgroundJobs implements AutoCloseable {
    /** Jobs running at once per node, by default. */
    public static final int DEFAULT_MAX_ACTIVE = 8;
    /** Finished jobs kept for {@code query-show} (the server's query-max-done default). */
    public static final int MAX_DONE = 100;
    /** The server's background-query-max-rps default: a job's records per second, also when it asks none. */
    public static final int MAX_RPS = 10_000;

    private final int maxActive;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<Long, BackgroundJob> active = new LinkedHashMap<>();
    private final Deque<BackgroundJob> done = new ArrayDeque<>();

    public BackgroundJobs(int maxActive) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("at least one background job, not " + maxActive);
        }
        this.maxActive = maxActive;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "aerolog-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts a job of {@code spec} applying {@code action} to each match, under id {@code trid} (0: one is chosen),
     * at {@code recordsPerSecond} (0: {@value #MAX_RPS}); answers the job.
     *
     * @throws AerologException PARAMETER_ERROR for an rps over {@value #MAX_RPS} or an id in use, FAIL_FORBIDDEN
     *                          past the bound on running jobs, UNSUPPORTED_FEATURE for an index condition that
     *                          could not be checked again at apply ({@link IndexCondition})
     */
    public BackgroundJob start(long trid, NamespaceService ns, ScanSpec spec, SourceFactory sources, JobAction action,
                               int recordsPerSecond, String from) {
        if (recordsPerSecond < 0 || recordsPerSecond > MAX_RPS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "records-per-second " + recordsPerSecond
                    + " exceeds background-query-max-rps " + MAX_RPS);
        }
        int rps = recordsPerSecond == 0 ? MAX_RPS : recordsPerSecond;
        Value recheck = spec.index() == null ? null : IndexCondition.of(spec.index());
        BackgroundJob job;
        synchronized (this) {
            if (active.size() >= maxActive) {
                throw new AerologException(ResultCode.FAIL_FORBIDDEN, "the node runs " + maxActive
                        + " background jobs already; retry when one ends");
            }
            long id = trid != 0 ? trid : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            if (find(id) != null) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "a job with id " + Long.toUnsignedString(id)
                        + " is kept already");
            }
            BackgroundJob[] self = new BackgroundJob[1];
            job = new BackgroundJob(id, ns, spec, sources, action, recheck, rps, from, executor,
                    () -> finished(self[0]));
            self[0] = job;
            active.put(id, job);
        }
        job.start();
        return job;
    }

    private synchronized void finished(BackgroundJob job) {
        active.remove(job.trid());
        done.addLast(job);
        while (done.size() > MAX_DONE) {
            done.removeFirst();
        }
    }

    /** The job of {@code trid}, running or kept, or null. */
    public synchronized BackgroundJob find(long trid) {
        BackgroundJob job = active.get(trid);
        if (job != null) {
            return job;
        }
        for (BackgroundJob d : done) {
            if (d.trid() == trid) {
                return d;
            }
        }
        return null;
    }

    /** Every job, running ones first, newest first (as the server lists them). */
    public synchronized List<BackgroundJob> all() {
        List<BackgroundJob> out = new ArrayList<>(active.values());
        java.util.Collections.reverse(out);
        List<BackgroundJob> finished = new ArrayList<>(done);
        java.util.Collections.reverse(finished);
        out.addAll(finished);
        return out;
    }

    /** Aborts the running job of {@code trid}; false when none runs under it. */
    public boolean abort(long trid) {
        BackgroundJob job;
        synchronized (this) {
            job = active.get(trid);
        }
        return job != null && job.abort();
    }

    /** Aborts every running job; answers how many. */
    public int abortAll() {
        List<BackgroundJob> running;
        synchronized (this) {
            running = new ArrayList<>(active.values());
        }
        int n = 0;
        for (BackgroundJob job : running) {
            if (job.abort()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        abortAll();
        executor.shutdownNow();
    }
}
