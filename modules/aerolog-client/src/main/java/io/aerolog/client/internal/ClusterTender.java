package io.aerolog.client.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.RestApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the client's partition map: read from a seed at connect, read again from any node that answers
 * when a call finds it stale (one refresh at a time, the others wait for it), and every tend interval.
 */
final class ClusterTender implements AutoCloseable {
    private final Transport transport;
    private final List<String> seeds;
    private final long fetchTimeoutNanos;
    private final ScheduledExecutorService timer;
    private final AtomicReference<CompletableFuture<ClusterMap>> refreshing = new AtomicReference<>();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile ClusterMap map;
    private volatile boolean closed;

    /** Reads the map from the first seed that answers; fails naming every seed when none does. */
    ClusterTender(Transport transport, List<String> seeds, String scheme, long fetchTimeoutNanos,
                  ScheduledExecutorService timer, long tendIntervalMs) {
        this.transport = transport;
        this.seeds = List.copyOf(seeds);
        this.fetchTimeoutNanos = fetchTimeoutNanos;
        this.timer = timer;
        List<String> failures = new ArrayList<>();
        for (String seed : this.seeds) {
            try {
                map = fetch(seed).get();
                break;
            } catch (ExecutionException e) {
                failures.add(scheme + "://" + seed + " (" + describe(Failures.unwrap(e)) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AerologException(ResultCode.SERVER_ERROR, "interrupted while connecting", false, e);
            }
        }
        if (map == null) {
            throw new AerologException(ResultCode.SERVER_ERROR, "could not read the cluster map (GET " + RestApi.CLUSTER
                    + ") from any seed: " + String.join("; ", failures)
                    + ". Check the seed URLs and that an Aerolog node runs there.");
        }
        if (timer != null && tendIntervalMs > 0) {
            timer.scheduleWithFixedDelay(() -> {
                if (!closed) {
                    refresh();
                }
            }, tendIntervalMs, tendIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The current map. */
    ClusterMap map() {
        return map;
    }

    /** For tests: replaces the current map. */
    void use(ClusterMap m) {
        map = m;
    }

    /** How many maps were read so far. */
    long refreshes() {
        return refreshes.get();
    }

    /** The refresh under way, or null. */
    CompletableFuture<ClusterMap> pending() {
        return refreshing.get();
    }

    private CompletableFuture<ClusterMap> fetch(String node) {
        return transport.send(node, "GET", RestApi.CLUSTER, null, fetchTimeoutNanos, false).thenApply(r -> {
            if (r.status() != 200) {
                throw new AerologException(ResultCode.SERVER_ERROR, "GET " + RestApi.CLUSTER + " answered HTTP " + r.status()
                        + ": " + JsonValues.abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
            }
            ClusterMap m = ClusterMap.parse(RestRequests.parse(r.body(), node), node);
            refreshes.incrementAndGet();
            return m;
        });
    }

    /** Reads the map again from a node that answers (those of the map, then the seeds); one refresh at a time. */
    CompletableFuture<ClusterMap> refresh() {
        CompletableFuture<ClusterMap> mine = new CompletableFuture<>();
        CompletableFuture<ClusterMap> running = refreshing.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        Set<String> candidates = new LinkedHashSet<>(map.nodes());
        candidates.addAll(seeds);
        fetchFirst(new ArrayList<>(candidates), 0).whenComplete((m, e) -> {
            if (m != null) {
                map = m;
            }
            refreshing.set(null);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(m);
            }
        });
        return mine;
    }

    private CompletableFuture<ClusterMap> fetchFirst(List<String> nodes, int i) {
        return fetch(nodes.get(i)).handle((m, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(m);
            }
            if (i + 1 < nodes.size() && !closed) {
                return fetchFirst(nodes, i + 1);
            }
            return CompletableFuture.<ClusterMap>failedFuture(Failures.unwrap(e));
        }).thenCompose(f -> f);
    }

    static String describe(Throwable t) {
        if (t instanceof Transport.Failure) {
            return t.getMessage();
        }
        if (t instanceof AerologException ae) {
            return ae.resultCode() + ": " + ae.getMessage();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public void close() {
        closed = true;
    }
}
