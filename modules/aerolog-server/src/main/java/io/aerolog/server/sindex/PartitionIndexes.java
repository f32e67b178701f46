package io.aerolog.server.sindex;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexValues;
import io.aerolog.server.scan.TruncateTimes;
import io.aerolog.server.store.DigestWalk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The secondary indexes of one partition and their entries, kept by its command processor in its stream
 * thread, in the same Kafka Streams transaction as the records: a write changes a record's entries
 * ({@link #written}), an INDEX_CREATE control command starts an index that is then built from the records
 * already stored, a bounded number per call ({@link #buildSome}, from a punctuator, resuming after the last
 * record key it indexed, so the partition's commands are never held up for long), and INDEX_DROP ends it at once
 * for readers and writers, its entries then removed a bounded number per call in the same way ({@link #maintainSome}:
 * an index of a million records has a million entries, too many to delete within one command's transaction).
 * A write during the build keeps its record's entries right whether the build has reached it or not (the
 * build writes a record's entries from its current value; writing them twice is harmless).
 *
 * <p>The definitions, ids, build cursors and truncate times (the one answer to "is this stored record gone because
 * of a truncate", {@link #truncation()}) live in the partition's meta store and the
 * entries in its index store ({@link IndexKeys}); both are logged like the records store, so standbys and
 * restores have them. Readers (queries, on other threads) see the definitions through a copy-on-write map.
 */
public final class PartitionIndexes {
    /** One index of the partition: its definition, id, whether it is built, and the record key its build reached. */
    public record Index(IndexDefinition definition, int id, boolean built, byte[] cursor) {
        /** How far its build has gone, 0 to 100 (records are spread evenly over the key space). */
        public int loadPercent() {
            if (built) {
                return 100;
            }
            if (cursor == null) {
                return 0;
            }
            return Math.min(99, ((cursor[0] & 0xFF) << 8 | cursor[1] & 0xFF) * 100 / 65536);
        }
    }

    private static final String INDEX_PREFIX = "i/";
    private static final String TRUNCATE_PREFIX = "t/";
    /** The ids of dropped indexes whose entries are still being removed (ids are never reused). */
    private static final String DROPPED_PREFIX = "d/";
    private static final Bytes NEXT_ID = key("next-id");

    private final int partition;
    private final KeyValueStore<Bytes, byte[]> meta;
    private final KeyValueStore<Bytes, byte[]> entries;
    private final KeyValueStore<Bytes, byte[]> records;
    private volatile Map<String, Index> indexes;
    private volatile TruncateTimes truncated;
    /** Dropped indexes' ids whose entries are left to remove, oldest first (stream thread only). */
    private final List<Integer> dropped = new ArrayList<>();
    /**
     * The last entry removed of the first dropped index, where the next slice starts (stream thread only; after a
     * restart the removal starts from the index's first entry again, which is then its first one left).
     */
    private byte[] droppedCursor;

    public PartitionIndexes(int partition, KeyValueStore<Bytes, byte[]> meta, KeyValueStore<Bytes, byte[]> entries,
                            KeyValueStore<Bytes, byte[]> records) {
        this.partition = partition;
        this.meta = meta;
        this.entries = entries;
        this.records = records;
        Map<String, Index> loaded = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = meta.range(key(INDEX_PREFIX), end(INDEX_PREFIX))) {
            while (it.hasNext()) {
                Index index = decode(it.next().value);
                loaded.put(index.definition().name(), index);
            }
        }
        this.indexes = Map.copyOf(loaded);
        this.truncated = truncateTimes(meta);
        try (KeyValueIterator<Bytes, byte[]> it = meta.range(key(DROPPED_PREFIX), end(DROPPED_PREFIX))) {
            while (it.hasNext()) {
                dropped.add(ByteBuffer.wrap(it.next().value).getInt());
            }
        }
    }

    /**
     * The truncate times kept in a partition's meta store: how a standby copy, which has no processor, learns
     * which of its records are gone.
     */
    public static TruncateTimes truncateTimes(ReadOnlyKeyValueStore<Bytes, byte[]> meta) {
        Map<String, Long> times = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = meta.range(key(TRUNCATE_PREFIX), end(TRUNCATE_PREFIX))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                String k = new String(kv.key.get(), StandardCharsets.UTF_8);
                times.put(k.substring(TRUNCATE_PREFIX.length()), ByteBuffer.wrap(kv.value).getLong());
            }
        }
        return TruncateTimes.of(times);
    }

    public int partition() {
        return partition;
    }

    // ---- readers (any thread)

    public Index find(String name) {
        return indexes.get(name);
    }

    public Collection<Index> indexes() {
        return indexes.values();
    }

    /** The index entries (read-only): what queries iterate. */
    public ReadOnlyKeyValueStore<Bytes, byte[]> entries() {
        return entries;
    }

    /** The truncate time of each set ("" for the whole namespace) this partition applied. */
    public Map<String, Long> truncateTimes() {
        return truncated.bySet();
    }

    /** The truncates this partition applied: which of its stored records are gone. */
    public TruncateTimes truncation() {
        return truncated;
    }

    // ---- the stream thread

    /** Keeps every index's entries of the record of {@code digest} right after a write or delete. */
    public void written(byte[] digest, Record before, Record after) {
        for (Index index : indexes.values()) {
            long[] old = IndexValues.of(index.definition(), before);
            long[] now = IndexValues.of(index.definition(), after);
            if (Arrays.equals(old, now)) {
                continue;
            }
            for (long v : old) {
                if (Arrays.binarySearch(now, v) < 0) {
                    entries.delete(Bytes.wrap(IndexKeys.key(index.id(), v, digest)));
                }
            }
            for (long v : now) {
                if (Arrays.binarySearch(old, v) < 0) {
                    entries.put(Bytes.wrap(IndexKeys.key(index.id(), v, digest)), IndexKeys.EMPTY);
                }
            }
        }
    }

    /**
     * Starts {@code definition} (INDEX_CREATE): a new index is built from the stored records from now on; the
     * same definition again changes nothing; another definition under the name replaces the index.
     */
    public void create(IndexDefinition definition) {
        Index existing = indexes.get(definition.name());
        if (existing != null) {
            if (existing.definition().equals(definition)) {
                return;
            }
            drop(existing.definition());
        }
        byte[] next = meta.get(NEXT_ID);
        int id = next == null ? 1 : ByteBuffer.wrap(next).getInt();
        meta.put(NEXT_ID, ByteBuffer.allocate(4).putInt(id + 1).array());
        save(new Index(definition, id, false, null));
    }

    /**
     * Ends the index of {@code definition}'s name (INDEX_DROP): its definition goes at once (queries no longer find
     * it, writes no longer keep its entries) and its entries are left for {@link #maintainSome} to remove.
     */
    public void drop(IndexDefinition definition) {
        Index index = indexes.get(definition.name());
        if (index == null) {
            return;
        }
        meta.delete(key(INDEX_PREFIX + definition.name()));
        meta.put(key(DROPPED_PREFIX + index.id()), ByteBuffer.allocate(4).putInt(index.id()).array());
        dropped.add(index.id());
        Map<String, Index> copy = new LinkedHashMap<>(indexes);
        copy.remove(definition.name());
        indexes = Map.copyOf(copy);
    }

    /** Whether a dropped index's entries are still being removed. */
    public boolean dropping() {
        return !dropped.isEmpty();
    }

    /**
     * One bounded step of the partition's index upkeep: up to {@code maxEntries} entries of the oldest dropped
     * index removed, or when none is left, up to that many records indexed for an index being built
     * ({@link #buildSome}); true once there is neither left to do.
     */
    public boolean maintainSome(int maxEntries) {
        if (dropped.isEmpty()) {
            return buildSome(maxEntries);
        }
        int id = dropped.get(0);
        // past the entries removed already, whose deletions an iterator from the first key would step over again
        byte[] from = droppedCursor == null ? IndexKeys.from(id, Long.MIN_VALUE)
                : Arrays.copyOf(droppedCursor, droppedCursor.length + 1);
        List<Bytes> slice = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = entries.range(Bytes.wrap(from),
                Bytes.wrap(IndexKeys.to(id, Long.MAX_VALUE)))) {
            while (slice.size() < maxEntries && it.hasNext()) {
                slice.add(it.next().key);
            }
        }
        slice.forEach(entries::delete);
        if (slice.size() < maxEntries) {
            meta.delete(key(DROPPED_PREFIX + id));
            dropped.remove(0);
            droppedCursor = null;
        } else {
            droppedCursor = slice.get(slice.size() - 1).get();
        }
        return dropped.isEmpty() && !building();
    }

    /**
     * Records that the partition truncated {@code set} ("" for the namespace) before {@code beforeMillis}: the
     * later of the time it had and this one; from now on the records it hides are absent ({@link TruncateTimes}).
     */
    public void truncated(String set, long beforeMillis) {
        TruncateTimes now = truncated.with(set, beforeMillis);
        if (now == truncated) {
            return;
        }
        meta.put(key(TRUNCATE_PREFIX + set), ByteBuffer.allocate(8).putLong(beforeMillis).array());
        truncated = now;
    }

    /** Whether an index is still being built. */
    public boolean building() {
        return indexes.values().stream().anyMatch(i -> !i.built());
    }

    /**
     * Indexes up to {@code maxRecords} more stored records for the first index still being built, resuming
     * after the last record key it indexed; true once no index is left to build.
     */
    public boolean buildSome(int maxRecords) {
        Index index = indexes.values().stream().filter(i -> !i.built()).findFirst().orElse(null);
        if (index == null) {
            return true;
        }
        byte[] from = index.cursor() == null ? DigestWalk.first() : DigestWalk.after(index.cursor());
        byte[] cursor = null;
        boolean more = false;
        if (from != null) {
            DigestWalk.Slice slice = DigestWalk.from(records, from, maxRecords);
            for (KeyValue<Bytes, byte[]> kv : slice.records()) {
                byte[] digest = kv.key.get();
                if (digest.length == Digest.SIZE) {
                    for (long v : IndexValues.of(index.definition(), AvroCodec.decodeRecord(kv.value))) {
                        entries.put(Bytes.wrap(IndexKeys.key(index.id(), v, digest)), IndexKeys.EMPTY);
                    }
                }
            }
            more = !slice.done();
            cursor = slice.last();
        }
        save(new Index(index.definition(), index.id(), !more, more ? cursor : null));
        return !more && !building();
    }

    private void save(Index index) {
        meta.put(key(INDEX_PREFIX + index.definition().name()), encode(index));
        Map<String, Index> copy = new LinkedHashMap<>(indexes);
        copy.put(index.definition().name(), index);
        indexes = Map.copyOf(copy);
    }

    /** Past every key that starts with {@code prefix} (names are UTF-8, which never has a 0xFF byte). */
    private static Bytes end(String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = Arrays.copyOf(p, p.length + 1);
        end[p.length] = (byte) 0xFF;
        return Bytes.wrap(end);
    }

    private static Bytes key(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] encode(Index index) {
        byte[] definition = AvroCodec.encodeIndex(index.definition());
        byte[] cursor = index.cursor() == null ? new byte[0] : index.cursor();
        return ByteBuffer.allocate(4 + 1 + 1 + cursor.length + definition.length).putInt(index.id())
                .put((byte) (index.built() ? 1 : 0)).put((byte) cursor.length).put(cursor).put(definition).array();
    }

    private static Index decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int id = b.getInt();
        boolean built = b.get() == 1;
        byte[] cursor = new byte[b.get() & 0xFF];
        b.get(cursor);
        byte[] definition = new byte[b.remaining()];
        b.get(definition);
        return new Index(AvroCodec.decodeIndex(definition), id, built, cursor.length == 0 ? null : cursor);
    }
}
