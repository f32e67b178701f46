package io.aerolog.server.wire;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of requests the wire listener holds at once, over all connections: each frame reserves its
 * size from the moment its header arrives until it is answered. A connection whose next frame does not
 * fit stops reading (its bytes wait in the kernel, then in the client) and is resumed when others'
 * answers free enough, so a flood of large requests costs the node a bounded heap, never an
 * OutOfMemoryError.
 */
final class InflightBudget {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentLinkedQueue<Runnable> parked = new ConcurrentLinkedQueue<>();

    InflightBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reserves {@code bytes}; false when they do not fit now (the caller parks with {@link #whenFree}). */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            // a frame larger than the whole budget still passes alone, so it can be answered
            if (now + bytes > maxBytes && now > 0) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back {@code bytes} and resumes the connections that waited for room. */
    void release(long bytes) {
        used.addAndGet(-bytes);
        Runnable r;
        while ((r = parked.poll()) != null) {
            r.run();
        }
    }

    /** Runs {@code resume} after the next release (on the releasing thread: it must only hand off). */
    void whenFree(Runnable resume) {
        parked.add(resume);
        if (used.get() == 0) {
            release(0);
        }
    }

    long used() {
        return used.get();
    }

    long max() {
        return maxBytes;
    }
}
