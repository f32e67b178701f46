package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.server.scan.TruncateTimes;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where one request on one partition is served, as {@link PartitionRouter} decided it for this request:
 * here by the active task (its store and cache), here by a standby copy (which lags by {@code lag}
 * changelog records), by another node, or nowhere now.
 */
public sealed interface Route permits Route.Local, Route.Remote, Route.Unavailable {
    int partition();

    /** A copy of the partition's store on this node. */
    sealed interface Local extends Route permits Active, Standby {
        /**
         * The record of {@code key} as this copy holds it (null when absent or removed by a truncate;
         * expiry is the caller's to judge), read at once without waiting.
         *
         * @throws AerologException PARTITION_UNAVAILABLE when the copy closed since it was routed to
         */
        Record get(Key key);

        /**
         * Completes when this copy may answer reads: at once for a standby. Each call gives the caller a
         * future of its own, which it may time out or cancel without touching what other reads wait for.
         */
        CompletableFuture<Void> readable();
    }

    /** The active task of the partition runs here. */
    record Active(int partition, ActiveStores.Served served) implements Local {
        @Override
        public Record get(Key key) {
            Bytes storeKey = Bytes.wrap(key.digest().bytes());
            RecordCache cache = served.cache();
            TruncateTimes truncation = truncation();
            try {
                if (cache == null) {
                    return truncation.visible(decode(served.store().get(storeKey)));
                }
                Record record = cache.get(storeKey);
                if (record == null) {
                    long writes = cache.writes();
                    record = decode(served.store().get(storeKey));
                    if (record != null) {
                        cache.offer(storeKey, record, writes);
                    }
                }
                return truncation.visible(record);
            } catch (InvalidStateStoreException e) {
                throw moved(partition, e);
            }
        }

        /** The truncates the partition applied: which of its stored records are gone (scans and queries ask). */
        public TruncateTimes truncation() {
            return served.truncation().get();
        }

        /** The partition's record store, read-only, for scans (its iterators see the store as it was when they opened). */
        public ReadOnlyKeyValueStore<Bytes, byte[]> store() {
            return served.store();
        }

        /** Whether the partition has applied the log up to the end it had when its task started here. */
        public boolean caughtUp() {
            return served.caughtUp().isDone() && !served.caughtUp().isCompletedExceptionally();
        }

        @Override
        public CompletableFuture<Void> readable() {
            // a copy: a reader's orTimeout must not complete the partition's own catch-up with its timeout,
            // which would leave the partition claimed in the partition map yet refusing every read
            return served.caughtUp().copy();
        }
    }

    /**
     * A standby copy of the partition is here, {@code lag} changelog records behind the active; {@code truncation}
     * is what its copy of the partition's meta store said of truncates when the request was routed.
     */
    record Standby(int partition, ReadOnlyKeyValueStore<Bytes, byte[]> store, long lag, TruncateTimes truncation)
            implements Local {
        @Override
        public Record get(Key key) {
            try {
                return truncation.visible(decode(store.get(Bytes.wrap(key.digest().bytes()))));
            } catch (InvalidStateStoreException e) {
                throw moved(partition, e);
            }
        }

        @Override
        public CompletableFuture<Void> readable() {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Another node serves the partition: {@code node} is its advertised HTTP address. */
    record Remote(int partition, String node) implements Route {
    }

    /** No node can serve the partition now (it moves, or restores); {@code reason} says why, for the caller. */
    record Unavailable(int partition, String reason) implements Route {
        /** The refusal a caller answers with. */
        public AerologException refusal() {
            return new AerologException(ResultCode.PARTITION_UNAVAILABLE, reason);
        }
    }

    private static Record decode(byte[] bytes) {
        return bytes == null ? null : AvroCodec.decodeRecord(bytes);
    }

    private static AerologException moved(int partition, InvalidStateStoreException e) {
        return new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                + " is not served by this node now (" + e.getMessage() + "); retry shortly");
    }
}
