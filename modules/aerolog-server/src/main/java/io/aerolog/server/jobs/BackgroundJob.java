package io.aerolog.server.jobs;

import io.aerolog.core.Command;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.exp.Expressions;
import io.aerolog.protocol.Failures;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartitionSource;
import io.aerolog.server.scan.ScanSpec;
import io.aerolog.server.scan.SourceFactory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background scan or query on this node, as Aerospike's {@code ops_bg_query_job} and {@code
 * udf_bg_query_job} run: over the partitions this node masters, each record that matches (set, index
 * filter, filter expression) becomes one command appended to the namespace's log (the job's operations or
 * UDF call, {@link JobAction}), applied by its partition like any write. The command carries the filter
 * expression and, for a query, the index condition ({@link IndexCondition}), so the engine checks both again on
 * the record as it is when the command is applied: a record that no longer matches is not touched. It counts
 * as the server's does: one the index condition alone turned away as not found (not counted), one the job's
 * filter (or the pair) turned away in {@code recs-filtered-bins}.
 *
 * <p>Threading and bounds: it runs in steps on the jobs' executor, never on an event loop or a stream thread;
 * at most {@link #WINDOW} of its commands are in flight (a step ends when the window is full and the next is
 * submitted when a command completes), it sends at most {@code recordsPerSecond} commands a second (a step
 * ends and the next is scheduled), and a step holds a thread at most {@value #STEP_NANOS} ns. An abort stops
 * it before its next command: commands already sent stay applied.
 *
 * <p>Partitions that move: the server keeps a partition reserved while its job scans it; here the store closes
 * when the partition moves. So the job remembers which Kafka partitions this node mastered when it started, and
 * a partition it cannot finish (its store closed in the middle of its scan, or it was mastered here at the start
 * and has moved by the time the job reaches it) cuts the job short: it goes on with the partitions it can serve,
 * logs one WARN a partition, and ends {@code done(abandoned-unknown)} rather than {@code done(ok)}, since nobody
 * may have processed the rest of that partition. A partition gained after the start is processed when reached.
 */
public final class BackgroundJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJob.class);
    /** Commands of one job in flight at once. */
    public static final int WINDOW = 64;
    static final long STEP_NANOS = 20_000_000L;

    /** How a job ended, as the server's {@code result_str} names it. */
    public enum Status {
        ACTIVE("active(ok)"), DONE("done(ok)"), ABORTED("done(user-aborted)"),
        /** Failed, or cut short by a partition that moved: some of its records may not have been processed. */
        FAILED("done(abandoned-unknown)");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final long trid;
    private final NamespaceService ns;
    private final ScanSpec spec;
    private final SourceFactory sources;
    private final JobAction action;
    private final Value recheck;
    private final int recordsPerSecond;
    private final String from;
    private final ScheduledExecutorService executor;
    private final Runnable onFinish;
    private final List<List<PartitionPart>> groups = new ArrayList<>();
    private final List<Integer> kafkaPartitions = new ArrayList<>();
    private final BitSet masteredAtStart = new BitSet();
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean aborted;
    private volatile boolean scanned;
    private volatile boolean failedRun;
    private int partitionsCutShort;
    private Candidate pending;
    private volatile Status status = Status.ACTIVE;
    private volatile long finishMillis;
    private int group;
    private int partitionsDone;
    private PartitionSource source;
    private int sourcePartition;
    private ReadOnlyKeyValueStore<Bytes, byte[]> sourceStore;

    BackgroundJob(long trid, NamespaceService ns, ScanSpec spec, SourceFactory sources, JobAction action,
                  Value recheck, int recordsPerSecond, String from, ScheduledExecutorService executor,
                  Runnable onFinish) {
        this.trid = trid;
        this.ns = ns;
        this.spec = spec;
        this.sources = sources;
        this.action = action;
        this.recheck = recheck;
        this.recordsPerSecond = recordsPerSecond;
        this.from = from;
        this.executor = executor;
        this.onFinish = onFinish;
        spec.byKafkaPartition(ns.config().partitions()).forEach((k, parts) -> {
            kafkaPartitions.add(k);
            groups.add(parts);
            if (ns.router().mastersHere(k)) {
                masteredAtStart.set(k);
            }
        });
    }

    public long trid() {
        return trid;
    }

    public Status status() {
        return status;
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    public long filtered() {
        return filtered.get();
    }

    void start() {
        wake();
    }

    /** Stops the job before its next command; false when it had ended already. */
    boolean abort() {
        if (status != Status.ACTIVE) {
            return false;
        }
        aborted = true;
        wake();
        return true;
    }

    private void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::step);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                end(Status.FAILED);
            }
        }
    }

    private synchronized void step() {
        scheduled.set(false);
        if (status != Status.ACTIVE) {
            return;
        }
        long stepEnd = System.nanoTime() + STEP_NANOS;
        try {
            while (!aborted) {
                if (inflight.get() >= WINDOW) {
                    return; // a completion wakes the job
                }
                Candidate c = pending;
                pending = null;
                if (c == null) {
                    if (scanned) {
                        break;
                    }
                    if (source == null) {
                        if (!openNext()) {
                            return; // the partition's log is being applied here: readable() wakes the job
                        }
                        continue;
                    }
                    try {
                        c = source.next();
                    } catch (InvalidStateStoreException e) {
                        closeSource();
                        cutShort(sourcePartition, "moved away in the middle of its scan");
                        continue;
                    }
                    if (c == null) {
                        closeSource();
                        if (!stillServed()) {
                            cutShort(sourcePartition, "moved away in the middle of its scan");
                        }
                        continue;
                    }
                    if (spec.filter() != null
                            && !Expressions.matches(spec.filter(), c.record(), c.digest(), startMillis)) {
                        filtered.incrementAndGet();
                        continue;
                    }
                }
                long wait = throttle();
                if (wait > 0) {
                    pending = c;
                    scheduleIn(wait);
                    return;
                }
                send(c);
                if (System.nanoTime() > stepEnd) {
                    wake();
                    return;
                }
            }
            closeSource();
            if (inflight.get() == 0) {
                end(failedRun ? Status.FAILED : aborted ? Status.ABORTED
                        : partitionsCutShort > 0 ? Status.FAILED : Status.DONE);
            }
        } catch (RuntimeException e) {
            LOG.warn("background job {} of namespace {} failed", trid, spec.namespace(), e);
            closeSource();
            aborted = true;
            failedRun = true;
            if (inflight.get() == 0) {
                end(Status.FAILED);
            }
        }
    }

    private void scheduleIn(long nanos) {
        if (scheduled.compareAndSet(false, true)) {
            executor.schedule(this::step, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Opens the next partition mastered here (when none is left the job has scanned everything); false when that
     * partition just started here and is still applying its log: the job goes on when it has. One mastered here
     * at the start that another node (or none) masters now, or whose store closes as it opens, cuts the job short.
     */
    private boolean openNext() {
        if (group == groups.size()) {
            scanned = true;
            return true;
        }
        int k = kafkaPartitions.get(group);
        Route route = ns.router().write(k);
        if (route instanceof Route.Active active && !active.caughtUp()) {
            active.readable().orTimeout(ns.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> wake());
            return false;
        }
        List<PartitionPart> parts = groups.get(group++);
        partitionsDone = group;
        if (!(route instanceof Route.Active active)) {
            if (masteredAtStart.get(k)) {
                cutShort(k, "was mastered here when the job started and has moved since");
            } // else another node masters it and runs the job there
            return true;
        }
        sourcePartition = k;
        sourceStore = active.store();
        try {
            source = sources.open(active, parts, startMillis);
        } catch (InvalidStateStoreException e) {
            source = null;
            cutShort(k, "moved away as the job reached it");
        }
        return true;
    }

    private void send(Candidate c) {
        Command command = action.commandFor(spec.namespace(), c.digest(), c.record());
        sent.incrementAndGet();
        if (command == null) {
            failed.incrementAndGet();
            return;
        }
        boolean ownFilter = command.filter() != null;
        if (recheck != null) {
            command = command.withFilter(IndexCondition.and(recheck, command.filter()));
        }
        inflight.incrementAndGet();
        ns.log().write(command, ns.writeTimeout()).whenComplete((w, error) -> {
            ResultCode code = error != null ? Failures.of(error, true).resultCode() : w.resultCode();
            switch (code) {
                case OK -> succeeded.incrementAndGet();
                case KEY_NOT_FOUND_ERROR -> { } // the record went between the scan and the command, as the server counts it
                case FILTERED_OUT -> {
                    if (ownFilter) {
                        filtered.incrementAndGet();
                    } // else the index condition alone: no longer a match, as the server's not-found
                }
                default -> failed.incrementAndGet();
            }
            inflight.decrementAndGet();
            wake();
        });
    }

    /** Nanoseconds to wait before the next command under the records-per-second throttle (0: go on). */
    private long throttle() {
        if (recordsPerSecond <= 0) {
            return 0;
        }
        long due = startNanos + sent.get() * 1_000_000_000L / recordsPerSecond;
        return Math.max(0, due - System.nanoTime());
    }

    /**
     * Whether the store the job has just read to its end is still the partition's store here: one that closed
     * (the partition moved) may have ended the iteration early, and the router forgets a store before it closes.
     */
    private boolean stillServed() {
        return ns.router().write(sourcePartition) instanceof Route.Active active && active.store() == sourceStore;
    }

    /** Marks the job cut short by Kafka partition {@code k}, which it could not finish here. */
    private void cutShort(int k, String why) {
        partitionsCutShort++;
        LOG.warn("background job {} of namespace {}: Kafka partition {} {}; its records not reached yet are left"
                        + " unprocessed, and the job goes on with the others and ends done(abandoned-unknown)",
                Long.toUnsignedString(trid), spec.namespace(), k, why);
    }

    private void closeSource() {
        PartitionSource.closeQuietly(source);
        source = null;
    }

    private void end(Status how) {
        if (status != Status.ACTIVE) {
            return;
        }
        finishMillis = System.currentTimeMillis();
        status = how;
        onFinish.run();
    }

    /** This job as {@code query-show} writes it: the server's fields, colon-separated. */
    public String info() {
        long now = System.currentTimeMillis();
        boolean done = status != Status.ACTIVE;
        StringBuilder sb = new StringBuilder();
        sb.append("trid=").append(Long.toUnsignedString(trid)).append(":ns=").append(spec.namespace());
        if (!spec.set().isEmpty()) {
            sb.append(":set=").append(spec.set());
        }
        if (spec.index() != null) {
            sb.append(":sindex-bin=").append(spec.index().bin());
        }
        double progress = groups.isEmpty() ? 100.0 : (done ? 100.0 : partitionsDone * 100.0 / groups.size());
        sb.append(":rps=").append(recordsPerSecond)
                .append(":active-threads=").append(done ? 0 : 1)
                .append(":status=").append(status.text())
                .append(":job-progress=").append(String.format(java.util.Locale.ROOT, "%.2f", progress))
                .append(":run-time=").append((done ? finishMillis : now) - startMillis)
                .append(":time-since-done=").append(done ? now - finishMillis : 0)
                .append(":recs-throttled=").append(sent.get())
                .append(":recs-filtered-meta=0")
                .append(":recs-filtered-bins=").append(filtered.get())
                .append(":recs-succeeded=").append(succeeded.get())
                .append(":recs-failed=").append(failed.get())
                .append(":from=").append(from.replace(':', '+'))
                .append(":job-type=").append(action.jobType())
                .append(":net-io-bytes=30:socket-timeout=10000");
        action.describe(sb, inflight.get());
        return sb.toString();
    }
}
