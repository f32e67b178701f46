package io.aerolog.server.scan;

import io.aerolog.core.Record;
import io.aerolog.core.codec.StoredHeader;
import java.util.Map;

/**
 * The truncate times a partition has applied, per set ("" for the whole namespace), and the one answer every
 * reader and the engine ask of a stored record: is it gone because of a truncate. As in Aerospike's server
 * ({@code as_truncate_record_is_truncated}), a record whose last-update time is strictly before its set's or its
 * namespace's truncate time is gone, whichever of the two is later; a record updated at the truncate time or
 * after is kept. A truncate only records its time (in O(1)); the records it hides are removed from the store
 * later, a bounded slice at a time, and until then this guard makes them absent for everyone.
 */
public final class TruncateTimes {
    /** No truncate applied: every record is kept. */
    public static final TruncateTimes NONE = new TruncateTimes(Map.of());

    private final Map<String, Long> times;
    private final long namespace;

    private TruncateTimes(Map<String, Long> times) {
        this.times = Map.copyOf(times);
        this.namespace = this.times.getOrDefault("", Long.MIN_VALUE);
    }

    /** The truncate times of {@code times} (epoch ms, by set; "" for the namespace). */
    public static TruncateTimes of(Map<String, Long> times) {
        return times.isEmpty() ? NONE : new TruncateTimes(times);
    }

    /** The truncate time per set ("" for the whole namespace), epoch ms. */
    public Map<String, Long> bySet() {
        return times;
    }

    /** Whether no truncate was applied. */
    public boolean none() {
        return times.isEmpty();
    }

    /** The time before which records of {@code set} are gone: the later of its set's and its namespace's. */
    public long of(String set) {
        Long forSet = set == null ? null : times.get(set);
        return forSet == null ? namespace : Math.max(namespace, forSet);
    }

    /** Whether {@code record} (stored, not null) is gone because of a truncate. */
    public boolean hides(Record record) {
        return !times.isEmpty() && record.lastUpdateMillis() < of(record.set());
    }

    /**
     * Whether the record stored with {@code header} is gone because of a truncate, as {@link #hides(Record)}: its
     * set is made only in a namespace that had a truncate.
     */
    public boolean hides(StoredHeader header) {
        return !times.isEmpty() && header.lastUpdateMillis() < of(header.set());
    }

    /** {@code record} when it is still there, null when it is absent or a truncate removed it. */
    public Record visible(Record record) {
        return record == null || hides(record) ? null : record;
    }

    /** These times with {@code set}'s raised to {@code beforeMillis} (a truncate never lowers a time). */
    public TruncateTimes with(String set, long beforeMillis) {
        Long was = times.get(set);
        if (was != null && was >= beforeMillis) {
            return this;
        }
        Map<String, Long> copy = new java.util.HashMap<>(times);
        copy.put(set, beforeMillis);
        return new TruncateTimes(copy);
    }

    @Override
    public String toString() {
        return "TruncateTimes" + times;
    }
}
