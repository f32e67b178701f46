package io.aerolog.server.namespace;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.server.store.DigestWalk;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The records of one partition whose active task runs on this node, and their stored bytes, per set.
 *
 * <p>Design note. A store that opens here (a start, a restore, a rebalance) already holds records, so its
 * processor counts them in key order, a bounded number at a time ({@link #countSome}: once when it opens,
 * then from a punctuator of the stream thread), each call resuming after the last key it counted. Meanwhile
 * every write and removal the processor applies to a key at or before that cursor adjusts the counts here,
 * and one to a key after it is left to the count, which sees the store as it then is: so the counts are exact
 * once the count reaches the end, without holding back the partition's commands. Only the runs of the key
 * space whose digests belong to this Kafka partition are read (32 runs for 8 partitions), each with a bounded
 * range (an in-memory store copies the keys of a range). Bytes are the stored (encoded) size of each record.
 *
 * <p>One writer, the partition's stream thread; readers on any thread see each counter's latest value.
 */
final class PartitionCounts {
    /** How often an uncounted store counts some more. */
    static final Duration COUNT_EVERY = Duration.ofMillis(50);
    /** The most records and ranges one {@link #countSome} call reads. */
    static final int MAX_RECORDS_PER_CALL = 2_000;
    static final int MAX_RANGES_PER_CALL = 64;
    private static final int SLICES = 1 << 16;

    /** One set's counters: written by the partition's stream thread only. */
    static final class SetCounts {
        private volatile long objects;
        private volatile long bytes;

        long objects() {
            return objects;
        }

        long bytes() {
            return bytes;
        }

        private void add(long n, long size) {
            objects = objects + n;
            bytes = bytes + size;
        }
    }

    private final NamespaceStatistics namespace;
    private final KeyValueStore<Bytes, byte[]> store;
    private final ConcurrentHashMap<String, SetCounts> sets = new ConcurrentHashMap<>();
    /** Records of sets past the namespace's limit of sets told apart. */
    private final SetCounts untracked = new SetCounts();
    /**
     * The runs of the key space this partition's digests fall in: {@code [first, last]} pairs of two-byte key
     * prefixes, in key order.
     */
    private final int[] runs;
    /** The run being counted; {@code runs.length / 2} once all are. Stream thread only. */
    private int run;
    /** The last key counted (inclusive), or null before the first. Stream thread only. */
    private byte[] cursor;
    private volatile boolean counted;

    private final int maxRecordsPerCall;

    PartitionCounts(int partition, KeyValueStore<Bytes, byte[]> store, int kafkaPartitions,
                    NamespaceStatistics namespace) {
        this(partition, store, kafkaPartitions, namespace, MAX_RECORDS_PER_CALL);
    }

    /** Counts that read at most {@code maxRecordsPerCall} records per {@link #countSome} call. */
    PartitionCounts(int partition, KeyValueStore<Bytes, byte[]> store, int kafkaPartitions,
                    NamespaceStatistics namespace, int maxRecordsPerCall) {
        this.store = store;
        this.namespace = namespace;
        this.runs = runs(partition, kafkaPartitions);
        this.maxRecordsPerCall = maxRecordsPerCall;
    }

    /** The runs of two-byte key prefixes whose digests fall in Kafka partition {@code partition}. */
    static int[] runs(int partition, int kafkaPartitions) {
        java.util.List<Integer> bounds = new java.util.ArrayList<>();
        int start = -1;
        for (int slice = 0; slice <= SLICES; slice++) {
            boolean held = slice < SLICES && holds(slice, partition, kafkaPartitions);
            if (held && start < 0) {
                start = slice;
            } else if (!held && start >= 0) {
                bounds.add(start);
                bounds.add(slice - 1);
                start = -1;
            }
        }
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Counts up to {@value #MAX_RECORDS_PER_CALL} more records of the store, reading at most
     * {@value #MAX_RANGES_PER_CALL} ranges; true once every record the store held is counted.
     */
    boolean countSome() {
        int records = 0;
        int ranges = 0;
        while (run < runs.length / 2 && records < maxRecordsPerCall && ranges < MAX_RANGES_PER_CALL) {
            byte[] first = bound(runs[2 * run], (byte) 0);
            byte[] last = bound(runs[2 * run + 1], (byte) -1);
            byte[] from = cursor == null || Arrays.compareUnsigned(cursor, first) < 0 ? first
                    : DigestWalk.after(cursor);
            ranges++;
            boolean more = false;
            if (from != null && Arrays.compareUnsigned(from, last) <= 0) {
                try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(last))) {
                    while (it.hasNext()) {
                        if (records == maxRecordsPerCall) {
                            more = true;
                            break;
                        }
                        KeyValue<Bytes, byte[]> kv = it.next();
                        add(setOf(kv.value), 1, kv.value.length);
                        cursor = kv.key.get();
                        records++;
                    }
                }
            }
            if (!more) {
                cursor = last;
                run++;
            }
        }
        if (run == runs.length / 2) {
            counted = true;
        }
        return counted;
    }

    /**
     * The processor is about to replace {@code before} (null when absent; {@code beforeBytes} its stored
     * bytes, or null when it came from the record cache, and the store still holds them) with {@code after},
     * stored in {@code afterBytes} bytes.
     */
    void writing(Bytes key, Record before, byte[] beforeBytes, Record after, int afterBytes) {
        if (!countedAlready(key.get())) {
            return;
        }
        if (before != null) {
            add(before.set(), -1, -sizeOf(key, beforeBytes));
        }
        add(after.set(), 1, afterBytes);
    }

    /** The processor is about to remove {@code before} ({@code beforeBytes} as for {@link #writing}). */
    void removing(Bytes key, Record before, byte[] beforeBytes) {
        if (before != null && countedAlready(key.get())) {
            add(before.set(), -1, -sizeOf(key, beforeBytes));
        }
    }

    /** The record removal punctuator is about to remove {@code before}, which expired, stored in {@code beforeBytes}. */
    void expiring(Bytes key, Record before, byte[] beforeBytes) {
        removing(key, before, beforeBytes);
        namespace.expired(1);
    }

    /** Whether every slice of the store has been counted since it opened here. */
    boolean counted() {
        return counted;
    }

    Map<String, SetCounts> sets() {
        return sets;
    }

    long untrackedObjects() {
        return untracked.objects();
    }

    long untrackedBytes() {
        return untracked.bytes();
    }

    private void add(String set, long n, long bytes) {
        SetCounts counts = namespace.tracks(set) ? sets.computeIfAbsent(set, s -> new SetCounts()) : untracked;
        counts.add(n, bytes);
    }

    private boolean countedAlready(byte[] digest) {
        return counted || cursor != null && Arrays.compareUnsigned(digest, cursor) <= 0;
    }

    /** Whether digests whose first two bytes are {@code slice} fall in Kafka partition {@code partition}. */
    private static boolean holds(int slice, int partition, int kafkaPartitions) {
        int partitionId = ((slice >>> 8) | (slice & 0xFF) << 8) & (Digest.PARTITIONS - 1);
        return partitionId % kafkaPartitions == partition;
    }

    private static byte[] bound(int slice, byte fill) {
        byte[] key = new byte[Digest.SIZE];
        Arrays.fill(key, fill);
        key[0] = (byte) (slice >>> 8);
        key[1] = (byte) slice;
        return key;
    }

    /** The stored size of the record under {@code key}, read again when the processor had it from the cache. */
    private int sizeOf(Bytes key, byte[] stored) {
        if (stored == null) {
            stored = store.get(key);
        }
        return stored == null ? 0 : stored.length;
    }

    /** The set of a stored record; "" for one no read could decode either (counted in the namespace, in no set). */
    static String setOf(byte[] stored) {
        try {
            return AvroCodec.decodeRecordSet(stored);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
