package io.aerolog.server.namespace;

import io.aerolog.server.scan.TruncateTimes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The record stores of the partitions whose active task runs on this node, as their processors see
 * them, so that a read goes straight to the store. Interactive Queries v1 reach the same store object,
 * but look up the thread's tasks on every get, which cost a read path a seventh of its CPU.
 *
 * <p>A partition that has just started here (a restart, a rebalance) may not have applied the commands
 * its previous owner answered before the store's last commit; its reads wait for {@link Served#caughtUp()}:
 * the processor has applied the log up to the end it had when the task started.
 */
final class ActiveStores {
    /**
     * An open store, the cache of its hot records, which its processor keeps in step with it, when it caught
     * up, and the partition's truncates (which of the stored records are gone).
     */
    record Served(int partition, KeyValueStore<Bytes, byte[]> store, RecordCache cache, CompletableFuture<Void> caughtUp,
                  Supplier<TruncateTimes> truncation) {
        /** A partition never truncated. */
        Served(int partition, KeyValueStore<Bytes, byte[]> store, RecordCache cache, CompletableFuture<Void> caughtUp) {
            this(partition, store, cache, caughtUp, () -> TruncateTimes.NONE);
        }
    }

    private final ConcurrentHashMap<Integer, Served> stores = new ConcurrentHashMap<>();
    private final long cachePerPartition;
    private final IntFunction<CompletableFuture<Void>> catchUp;

    /**
     * {@code cachePerPartition}: bytes of records each partition's cache holds per generation (0: no cache);
     * {@code catchUp}: when a partition that opens here has applied its log up to the end it has now.
     */
    ActiveStores(long cachePerPartition, IntFunction<CompletableFuture<Void>> catchUp) {
        this.cachePerPartition = cachePerPartition;
        this.catchUp = catchUp;
    }

    /**
     * Called when the partition's task starts processing (its store is restored and open); returns the
     * cache the processor writes through, or null when caching is off. A new task starts a new cache.
     */
    RecordCache opened(int partition, KeyValueStore<Bytes, byte[]> store, Supplier<TruncateTimes> truncation) {
        RecordCache cache = cachePerPartition > 0 ? new RecordCache(cachePerPartition) : null;
        stores.put(partition, new Served(partition, store, cache, catchUp.apply(partition), truncation));
        return cache;
    }

    /** Called when the partition's task stops here (closed, suspended or moved), before its store closes. */
    void closed(int partition, KeyValueStore<Bytes, byte[]> store) {
        stores.computeIfPresent(partition, (p, served) -> {
            if (served.store() != store) {
                return served;
            }
            served.caughtUp().cancel(false);
            return null;
        });
    }

    /**
     * Makes every partition served here catch up again, as when it opened: its next reads wait until it has
     * applied its log up to the end it has now. Reads already waiting keep waiting for the earlier end.
     */
    void catchUpAgain() {
        stores.replaceAll((p, served) -> new Served(p, served.store(), served.cache(), catchUp.apply(p),
                served.truncation()));
    }

    /** The partitions whose active task runs here but has not yet applied its log up to the end it had at start. */
    java.util.List<Integer> catchingUp() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        stores.forEach((p, served) -> {
            if (!served.caughtUp().isDone()) {
                out.add(p);
            }
        });
        java.util.Collections.sort(out);
        return out;
    }

    /** The open store of {@code partition} and its cache, or null when its active task does not run here. */
    Served of(int partition) {
        return stores.get(partition);
    }
}
