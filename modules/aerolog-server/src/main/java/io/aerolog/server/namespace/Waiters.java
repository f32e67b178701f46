package io.aerolog.server.namespace;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The writes of this node waiting for their command to be applied, by request id. */
final class Waiters {
    private final ConcurrentHashMap<String, CompletableFuture<WriteResult>> pending = new ConcurrentHashMap<>();

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

    int size() {
        return pending.size();
    }
}
