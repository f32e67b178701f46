package io.aerolog.server.namespace;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes of this node waiting for their command to be applied, by request id, and the last
 * command offset this node has applied in each partition (for reads that carry a consistency token).
 */
final class Waiters {
    private final ConcurrentHashMap<String, CompletableFuture<WriteResult>> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> applied = new ConcurrentHashMap<>();

    /** Records that the command at {@code offset} of {@code partition} has been applied here. */
    void applied(int partition, long offset) {
        applied.merge(partition, offset, Math::max);
    }

    /** The last offset of {@code partition} applied here since this node started, or -1. */
    long appliedOffset(int partition) {
        return applied.getOrDefault(partition, -1L);
    }

    CompletableFuture<WriteResult> register(String requestId) {
        CompletableFuture<WriteResult> future = new CompletableFuture<>();
        pending.put(requestId, future);
        future.whenComplete((r, e) -> pending.remove(requestId));
        return future;
    }

    void complete(String requestId, WriteResult result) {
        if (requestId == null) {
            return;
        }
        CompletableFuture<WriteResult> future = pending.remove(requestId);
        if (future != null) {
            future.complete(result);
        }
    }
}
