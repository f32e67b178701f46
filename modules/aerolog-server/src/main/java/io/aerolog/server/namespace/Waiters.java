package io.aerolog.server.namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node waits for from its namespace's command processors: the answers of its writes, by
 * request id, and log positions (a read's consistency token, a partition catching up after it moved
 * here), by partition and offset. The processor completes both as it applies each command, in the
 * stream thread: whoever waits continues on an executor of its own, never on that thread.
 */
final class Waiters {
    private final ConcurrentHashMap<String, CompletableFuture<AppliedWrite>> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Partition> partitions = new ConcurrentHashMap<>();

    /** A partition's applied offset and the futures waiting for offsets not yet applied. */
    private static final class Partition {
        final AtomicLong applied = new AtomicLong(-1);
        final ConcurrentSkipListMap<Long, List<CompletableFuture<Void>>> waits = new ConcurrentSkipListMap<>();
    }

    private Partition partition(int p) {
        return partitions.computeIfAbsent(p, k -> new Partition());
    }

    /** Records that the command at {@code offset} of {@code partition} has been applied here. */
    void applied(int partition, long offset) {
        Partition p = partition(partition);
        p.applied.accumulateAndGet(offset, Math::max);
        if (p.waits.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> due = new ArrayList<>();
        synchronized (p) {
            Map<Long, List<CompletableFuture<Void>>> head = p.waits.headMap(offset, true);
            head.values().forEach(due::addAll);
            head.clear();
        }
        due.forEach(f -> f.complete(null));
    }

    /**
     * Forgets what was applied of {@code partition}: its task starts again here, on a store that may hold less
     * than this node applied before (a task closed dirty, e.g. fenced, restores to its last commit and applies
     * the rest again). Waits stay registered and complete as the commands are applied again.
     */
    void restarted(int partition) {
        partition(partition).applied.set(-1);
    }

    /** The last offset of {@code partition} applied here by its current task, or -1. */
    long appliedOffset(int partition) {
        Partition p = partitions.get(partition);
        return p == null ? -1 : p.applied.get();
    }

    /**
     * Completes once the command at {@code offset} of {@code partition} has been applied here (at once
     * when it already has). The caller bounds the wait (e.g. {@code orTimeout}); a future it drops is
     * dropped here when the offset is applied.
     */
    CompletableFuture<Void> whenApplied(int partition, long offset) {
        Partition p = partition(partition);
        if (p.applied.get() >= offset) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (p) {
            p.waits.computeIfAbsent(offset, o -> new ArrayList<>(1)).add(f);
        }
        // applied may have moved between the check and the registration
        if (p.applied.get() >= offset) {
            applied(partition, p.applied.get());
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                synchronized (p) {
                    List<CompletableFuture<Void>> list = p.waits.get(offset);
                    if (list != null) {
                        list.remove(f);
                        if (list.isEmpty()) {
                            p.waits.remove(offset);
                        }
                    }
                }
            }
        });
        return f;
    }

    /** How many offset waits are registered, for tests and metrics. */
    int offsetWaits() {
        int n = 0;
        for (Partition p : partitions.values()) {
            synchronized (p) {
                for (List<CompletableFuture<Void>> l : p.waits.values()) {
                    n += l.size();
                }
            }
        }
        return n;
    }

    CompletableFuture<AppliedWrite> register(String requestId) {
        CompletableFuture<AppliedWrite> future = new CompletableFuture<>();
        pending.put(requestId, future);
        future.whenComplete((r, e) -> pending.remove(requestId));
        return future;
    }

    void complete(String requestId, AppliedWrite result) {
        if (requestId == null) {
            return;
        }
        CompletableFuture<AppliedWrite> future = pending.remove(requestId);
        if (future != null) {
            future.complete(result);
        }
    }

    /** How many writes of this node wait for their answer. */
    int pendingWrites() {
        return pending.size();
    }
}
