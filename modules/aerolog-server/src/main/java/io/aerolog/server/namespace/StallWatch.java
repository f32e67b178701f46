package io.aerolog.server.namespace;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that this process stood still (SIGSTOP, a long GC pause, a starved machine) for long enough that the
 * namespace's group may have handed its partitions to other nodes, which then answered writes that the stores
 * here have not applied. Until its stream threads hear of that, this node still holds the tasks and would answer
 * reads from those stores; so after such a stall every partition served here catches up again (applies its log
 * up to the end it has now) before its next read.
 *
 * <p>It ticks every 100 ms on a thread of its own; a gap between ticks longer than the threshold is a stall.
 */
final class StallWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);
    private static final long TICK_MILLIS = 100;

    private final String namespace;
    private final long thresholdNanos;
    private final Runnable onStall;
    private final ScheduledExecutorService ticker;
    private long last = -1;

    /** {@code onStall}: run, on the watch's thread, after every gap longer than {@code threshold}. */
    StallWatch(String namespace, Duration threshold, Runnable onStall) {
        this.namespace = namespace;
        this.thresholdNanos = threshold.toNanos();
        this.onStall = onStall;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aerolog-" + namespace + "-stall-watch");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> tick(System.nanoTime()), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One tick at {@code nowNanos}; true when the gap since the last one was a stall. */
    boolean tick(long nowNanos) {
        long gap = last < 0 ? 0 : nowNanos - last;
        last = nowNanos;
        if (gap <= thresholdNanos) {
            return false;
        }
        LOG.warn("this process stood still for {} ms: the partitions of namespace {} served here catch up with their "
                + "log again before their next read", TimeUnit.NANOSECONDS.toMillis(gap), namespace);
        try {
            onStall.run();
        } catch (RuntimeException e) {
            LOG.warn("catching up after a stall failed", e);
        }
        return true;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
