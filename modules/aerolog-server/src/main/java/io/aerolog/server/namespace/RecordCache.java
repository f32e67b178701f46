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
 * put back a record older than the store's, and a read that begins after a write was answered sees it.
 * Bounded by two generations of at most {@code capacityBytes} of records each (by {@link #heapBytes}, an
 * estimate of a decoded record's heap): when the young one fills it becomes the old one and the old one
 * is dropped; a hit in the old generation moves the record to the young one. A bound in bytes rather
 * than records keeps the heap in hand whatever the records' size.
 */
final class RecordCache {
    /**
     * Test seam: called where a reader and the writer may interleave (between a write's maps and its count, and
     * before a reader promotes a record of the old generation), so a test can run the steps in an order of its
     * choosing. {@link #NONE} in production.
     */
    interface Interleaving {
        Interleaving NONE = point -> { };

        /** Where the steps are. */
        enum Point { WRITE_BETWEEN_MAPS_AND_COUNT, PROMOTING_FROM_OLD }

        void at(Point point);
    }

    private final long capacityBytes;
    private final Interleaving interleaving;
    private volatile long writes;
    private volatile ConcurrentHashMap<Bytes, Record> young;
    private volatile ConcurrentHashMap<Bytes, Record> old = new ConcurrentHashMap<>();
    /** The young generation's records by {@link #heapBytes}; changed holding the lock. */
    private long youngBytes;

    RecordCache(long capacityBytes) {
        this(capacityBytes, Interleaving.NONE);
    }

    RecordCache(long capacityBytes, Interleaving interleaving) {
        this.capacityBytes = Math.max(1, capacityBytes);
        this.interleaving = interleaving;
        this.young = new ConcurrentHashMap<>();
    }

    /**
     * About the heap a decoded record takes: its stored size twice (Java strings, boxes and object
     * headers around the bytes), a map entry per bin and the record's own objects. Measured: 100,000
     * cached records of 10 string bins of 100 characters took 2.6 KB each; this says 2.9 KB.
     */
    static long heapBytes(Record record) {
        return 2L * record.estimatedSize() + 64L * record.bins().size() + 200;
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
            interleaving.at(Interleaving.Point.PROMOTING_FROM_OLD);
            offer(key, r, before);
        }
        return r;
    }

    /** Adds a record read (from the store or the old generation) after {@code writesBefore}, unless a write came since. */
    synchronized void offer(Bytes key, Record record, long writesBefore) {
        if (writes == writesBefore) {
            putYoung(key, record);
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
            putYoung(key, record);
        }
        interleaving.at(Interleaving.Point.WRITE_BETWEEN_MAPS_AND_COUNT);
        writes++;
    }

    /** The processor deleted {@code key} from the store (after the store's delete). */
    synchronized void deleted(Bytes key) {
        removeYoung(key);
        old.remove(key);
        interleaving.at(Interleaving.Point.WRITE_BETWEEN_MAPS_AND_COUNT);
        writes++;
    }

    int size() {
        return young.size() + old.size();
    }

    /**
     * Puts a record in the young generation, which first becomes the old one (and the old one is
     * dropped) when the record would overfill it. Called holding the lock.
     */
    private void putYoung(Bytes key, Record record) {
        long bytes = heapBytes(record);
        if (bytes > capacityBytes) { // never cached; nor may an older version stay
            removeYoung(key);
            return;
        }
        if (youngBytes + bytes > capacityBytes) {
            old = young;
            young = new ConcurrentHashMap<>(old.size()); // sized as the last one filled, so it never rehashes
            youngBytes = 0;
        }
        Record was = young.put(key, record);
        youngBytes += bytes - (was == null ? 0 : heapBytes(was));
    }

    /** Takes {@code key} out of the young generation and its bytes off the count. Called holding the lock. */
    private void removeYoung(Bytes key) {
        Record was = young.remove(key);
        if (was != null) {
            youngBytes -= heapBytes(was);
        }
    }
}
