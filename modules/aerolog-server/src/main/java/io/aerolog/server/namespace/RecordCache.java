package io.aerolog.server.namespace;

import io.aerolog.core.Record;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * Decoded records of one active partition, so that a hot key is read (and written) without a RocksDB
 * get and an Avro decode. Readers fill it. The partition's processor is the only writer of its store and
 * writes through this cache ({@link #written}, {@link #deleted}); readers add what they read from the store
 * ({@link #offer}) only if no write happened since they began. Writes and additions hold the cache's
 * lock, and a write counts itself last, so a reader that sees the new count sees the write's maps;
 * lookups take no lock. A reader can therefore never
 * put back a record older than the store's, and a read that begins after a write was answered sees it. Bounded by two generations of at
 * most {@code capacity} records each: when the young one fills it becomes the old one and the old one
 * is dropped; a hit in the old generation moves the record to the young one.
 */
final class RecordCache {
    private final int capacity;
    private volatile long writes;
    private volatile ConcurrentHashMap<Bytes, Record> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<Bytes, Record> old = new ConcurrentHashMap<>();

    RecordCache(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** A count of the writes so far; take it before reading the store, and give it to {@link #offer}. */
    long writes() {
        return writes;
    }

    /** The cached record of {@code key}, or null. Lock-free unless the record moves to the young generation. */
    Record get(Bytes key) {
        long before = writes;
        Record r = young.get(key);
        if (r != null) {
            return r;
        }
        r = old.get(key);
        if (r != null) {
            offer(key, r, before);
        }
        return r;
    }

    /** Adds a record read (from the store or the old generation) after {@code writesBefore}, unless a write came since. */
    synchronized void offer(Bytes key, Record record, long writesBefore) {
        if (writes == writesBefore) {
            youngWithRoom().put(key, record);
        }
    }

    /**
     * The processor wrote {@code record} to the store under {@code key} (after the store's put). A cached
     * key takes the new record; an uncached one stays uncached, so a stream of inserts (a bulk load) does
     * not fill the cache with records nobody reads.
     */
    synchronized void written(Bytes key, Record record) {
        boolean cached = old.remove(key) != null | young.containsKey(key);
        if (cached) {
            youngWithRoom().put(key, record);
        }
        writes++;
    }

    /** The processor deleted {@code key} from the store (after the store's delete). */
    synchronized void deleted(Bytes key) {
        young.remove(key);
        old.remove(key);
        writes++;
    }

    int size() {
        return young.size() + old.size();
    }

    /** The young generation, first made the old one (and the old one dropped) when full. Called holding the lock. */
    private ConcurrentHashMap<Bytes, Record> youngWithRoom() {
        if (young.size() >= capacity) {
            old = young;
            young = new ConcurrentHashMap<>();
        }
        return young;
    }
}
