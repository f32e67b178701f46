package io.aerolog.cli.backup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces a stream of records or bytes to at most {@code perSecond} on average since the start: the caller
 * that runs ahead waits until it is due. Zero is no limit.
 */
final class Throttle {
    private final long perSecond;
    private final long startNanos = System.nanoTime();
    private long done;

    Throttle(long perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts {@code n} more and waits until they are due. */
    void acquire(long n) {
        if (perSecond <= 0) {
            return;
        }
        done += n;
        long due = startNanos + (long) (done * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(10)));
        }
    }
}
