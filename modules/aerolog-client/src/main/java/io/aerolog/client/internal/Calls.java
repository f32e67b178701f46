package io.aerolog.client.internal;

import io.aerolog.client.Policy;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.Replica;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs calls to the cluster with routing and retries. Every call is a {@link Call}: a route (key and
 * replica), a request, what a 2xx answer means, and what an error means for this call (e.g. KEY_NOT_FOUND
 * is null for get), and whether the caller waits for it in its own thread.
 *
 * <p>Design. Each attempt asks the tender's current {@link ClusterMap} for the node, sends with the time
 * left of the total timeout, and checks the routing headers of the answer (another node served it, or
 * the map changed: the map is stale). A stale map, PARTITION_UNAVAILABLE or an unreachable node starts
 * one refresh of the map; a retry waits for it, so it is sent with the new map. Retrying never risks
 * applying a write twice: a write is retried only when it certainly was not applied (no connection, or
 * PARTITION_UNAVAILABLE, which a node answers before appending). Nothing blocks a thread but a blocking
 * call's own wait.
 */
final class Calls {
    /** What a call does with a 2xx answer. */
    interface OnOk<T> {
        T apply(byte[] body, String node);
    }

    /** What a call makes of a refusal: a value (e.g. null for a missing record), or the exception rethrown. */
    interface OnError<T> {
        T apply(AerologException e);
    }

    /** How the caller waits: in its own thread (a blocking method) or through the future. */
    enum Mode { BLOCKING, ASYNC }

    /** One call: what to send, where, and what its answers mean. */
    static final class Call<T> {
        final Key key;
        final boolean write;
        final Policy policy;
        final String method;
        final String path;
        final byte[] body;
        final OnOk<T> onOk;
        final OnError<T> onError;
        final Mode mode;
        final long deadline;
        final int spread = ThreadLocalRandom.current().nextInt(1 << 16);
        final CompletableFuture<T> result = new CompletableFuture<>();
        int attempt;

        Call(Key key, boolean write, Policy policy, String method, String path, byte[] body, OnOk<T> onOk,
             OnError<T> onError, Mode mode) {
            this.key = key;
            this.write = write;
            this.policy = policy;
            this.method = method;
            this.path = path;
            this.body = body;
            this.onOk = onOk;
            this.onError = onError;
            this.mode = mode;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(policy.totalTimeoutMs());
        }

        Replica replica() {
            return write ? Replica.MASTER : policy.replica();
        }
    }

    private final Transport transport;
    private final ClusterTender tender;
    private final Executor executor;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean closed;

    Calls(Transport transport, ClusterTender tender, Executor executor) {
        this.transport = transport;
        this.tender = tender;
        this.executor = executor;
    }

    static <T> OnError<T> rethrow() {
        return e -> {
            throw e;
        };
    }

    static <T> OnError<T> notFoundAs(T value) {
        return e -> {
            if (e.resultCode() == ResultCode.KEY_NOT_FOUND_ERROR) {
                return value;
            }
            throw e;
        };
    }

    long requests() {
        return requests.get();
    }

    long forwarded() {
        return forwarded.get();
    }

    long retries() {
        return retries.get();
    }

    /** Starts {@code call}; its future completes with the answer or the failure. */
    <T> CompletableFuture<T> start(Call<T> call) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Aerolog client is closed"));
        }
        attempt(call);
        return call.result;
    }

    /** Runs {@code call} and waits for it in this thread, rethrowing its failure with this thread's stack. */
    <T> T run(Call<T> call) {
        return await(start(call), call.write);
    }

    private <T> void attempt(Call<T> c) {
        long left = c.deadline - System.nanoTime();
        if (closed) {
            c.result.completeExceptionally(new IllegalStateException("the Aerolog client is closed"));
            return;
        }
        if (left <= 0) {
            c.result.completeExceptionally(new AerologException(ResultCode.TIMEOUT, "no answer within the total timeout of "
                    + c.policy.totalTimeoutMs() + " ms (" + (c.attempt) + " attempts)", false, null));
            return;
        }
        String node = tender.map().route(c.key, c.replica(), c.attempt, c.spread);
        requests.incrementAndGet();
        // a blocking send may find its pooled connection closed only by sending on it: reads only
        boolean inThisThread = c.mode == Mode.BLOCKING && !c.write;
        transport.send(node, c.method, c.path, c.body, left, inThisThread).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    onFailure(c, node, Failures.unwrap(error));
                } else {
                    onAnswer(c, node, response);
                }
            } catch (Throwable t) {
                c.result.completeExceptionally(t);
            }
        });
    }

    /**
     * A request without an answer. A timeout is TIMEOUT, anything else SERVER_ERROR (and the node may
     * be gone: the map is refreshed); either is in doubt for a write that may have been sent, and only
     * a write that certainly was not sent is retried.
     */
    private <T> void onFailure(Call<T> c, String node, Throwable cause) {
        Transport.Kind kind = cause instanceof Transport.Failure f ? f.kind() : Transport.Kind.BROKEN;
        boolean inDoubt = c.write && kind.maybeSent();
        String doubt = inDoubt ? "; the write may have been applied" : "";
        AerologException e;
        if (kind.timedOut()) {
            String what = kind.maybeSent() ? "node " + node + " did not answer" : "no connection to node " + node + " was ready";
            e = new AerologException(ResultCode.TIMEOUT, what + " within the total timeout of " + c.policy.totalTimeoutMs()
                    + " ms" + doubt, inDoubt, cause);
        } else {
            e = new AerologException(ResultCode.SERVER_ERROR, "could not reach node " + node + ": "
                    + ClusterTender.describe(cause) + doubt, inDoubt, cause);
            tender.refresh();
        }
        retryOrFail(c, e, !c.write || !kind.maybeSent());
    }

    private <T> void onAnswer(Call<T> c, String node, Answer r) {
        checkRouting(c, node, r);
        int status = r.status();
        AerologException e;
        if (status / 100 == 2) {
            try {
                c.result.complete(c.onOk.apply(r.body(), node));
                return;
            } catch (AerologException refused) {
                e = refused;
            }
        } else {
            e = RestRequests.error(status, r.body(), node, c.write);
        }
        boolean unavailable = e.resultCode() == ResultCode.PARTITION_UNAVAILABLE;
        if (unavailable) {
            tender.refresh();
        }
        if (unavailable || (!c.write && status == 503)) {
            retryOrFail(c, e, true);
            return;
        }
        try {
            c.result.complete(c.onError.apply(e));
        } catch (RuntimeException refused) {
            c.result.completeExceptionally(refused);
        }
    }

    /** Counts a forwarded answer and refreshes the map when the answer shows it is stale. */
    private void checkRouting(Call<?> c, String node, Answer r) {
        boolean stale = false;
        if (r.servedBy() != null && !r.servedBy().equals(node)) {
            forwarded.incrementAndGet();
            stale = true;
        }
        if (r.mapGeneration() != null && c.key != null) {
            var ns = tender.map().namespace(c.key.namespace());
            try {
                long g = Long.parseLong(r.mapGeneration().trim());
                stale |= ns != null && ns.generation() != ClusterMap.UNKNOWN_GENERATION && ns.generation() != g;
            } catch (NumberFormatException ignored) {
                // a header we cannot read tells nothing
            }
        }
        if (stale) {
            tender.refresh();
        }
    }

    /** Retries when allowed and there are attempts and time left, else fails the call with {@code e}. */
    private <T> void retryOrFail(Call<T> c, AerologException e, boolean retryable) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(c.deadline - System.nanoTime());
        if (!retryable || closed || c.attempt >= c.policy.maxRetries() || leftMs <= c.policy.sleepBetweenRetriesMs()) {
            c.result.completeExceptionally(c.attempt == 0 ? e : new AerologException(e.resultCode(), e.getMessage()
                    + " (after " + (c.attempt + 1) + " attempts)", e.inDoubt(), e.getCause()));
            return;
        }
        retries.incrementAndGet();
        c.attempt++;
        CompletableFuture<ClusterMap> pending = tender.pending();
        CompletableFuture<Object> mapReady = pending == null ? CompletableFuture.completedFuture(null)
                : pending.handle((m, x) -> (Object) null).completeOnTimeout(null, leftMs, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> pause = c.policy.sleepBetweenRetriesMs() == 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(c.policy.sleepBetweenRetriesMs(), TimeUnit.MILLISECONDS, executor));
        pause.thenCombine(mapReady, (a, b) -> null).whenComplete((x, err) -> attempt(c));
    }

    /** Waits for a call's answer, rethrowing its failure with this thread's stack. */
    static <T> T await(CompletableFuture<T> f, boolean write) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof AerologException ae) {
                throw new AerologException(ae.resultCode(), ae.getMessage(), ae.inDoubt(), ae);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new AerologException(ResultCode.SERVER_ERROR, ClusterTender.describe(cause), write, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerologException(ResultCode.TIMEOUT, "interrupted while waiting for the answer", write, e);
        }
    }

    void close() {
        closed = true;
    }
}
