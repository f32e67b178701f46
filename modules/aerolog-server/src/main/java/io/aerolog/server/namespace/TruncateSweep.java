package io.aerolog.server.namespace;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.server.scan.TruncateTimes;
import io.aerolog.server.store.DigestWalk;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Removes from a partition's record store the records its truncates hid, a bounded slice per call, in digest
 * order, resuming from a cursor kept in the partition's meta store (so a restart, a restore or a standby that
 * takes over goes on where the last committed slice ended). A truncate only records its time; the records it
 * hides are already absent for every reader ({@link TruncateTimes}), so removing them changes no answer and
 * may wait for punctuation. A new truncate during a sweep starts it again from the first key, since it may hide
 * records the sweep has passed.
 */
final class TruncateSweep {
    /** What removing one record keeps in step: counts, cache, expiry and secondary indexes, then the store. */
    @FunctionalInterface
    interface Removal {
        void remove(Bytes key, Record record, byte[] stored);
    }

    static final Bytes CURSOR = Bytes.wrap("truncate-sweep".getBytes(StandardCharsets.UTF_8));

    private final KeyValueStore<Bytes, byte[]> records;
    private final KeyValueStore<Bytes, byte[]> meta;
    private final Removal removal;

    TruncateSweep(KeyValueStore<Bytes, byte[]> records, KeyValueStore<Bytes, byte[]> meta, Removal removal) {
        this.records = records;
        this.meta = meta;
        this.removal = removal;
    }

    /** Whether a sweep is under way (a truncate was applied and its records are not all removed yet). */
    boolean pending() {
        return meta.get(CURSOR) != null;
    }

    /** Starts a sweep from the first key (a truncate was applied). */
    void start() {
        meta.put(CURSOR, DigestWalk.first());
    }

    /**
     * Reads up to {@code maxRecords} stored records from the cursor and removes those {@code times} hides;
     * returns how many it removed, and ends the sweep when it reached the last key.
     */
    int sweepSome(TruncateTimes times, int maxRecords) {
        byte[] from = meta.get(CURSOR);
        if (from == null) {
            return 0;
        }
        DigestWalk.Slice slice = DigestWalk.from(records, from, maxRecords);
        int removed = 0;
        for (KeyValue<Bytes, byte[]> kv : slice.records()) {
            if (kv.key.get().length != Digest.SIZE || times.of(PartitionCounts.setOf(kv.value)) == Long.MIN_VALUE) {
                continue;
            }
            Record record = AvroCodec.decodeRecord(kv.value);
            if (times.hides(record)) {
                removal.remove(kv.key, record, kv.value);
                removed++;
            }
        }
        if (slice.done()) {
            meta.delete(CURSOR);
        } else {
            meta.put(CURSOR, slice.next());
        }
        return removed;
    }
}
