package io.aerolog.server.scan;

import io.aerolog.core.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of record-store keys that hold exactly the requested Aerospike partitions of one Kafka
 * partition, each resumed strictly after its digest.
 *
 * <p>The store of Kafka partition {@code k} is keyed by digest and holds only digests of Aerospike
 * partitions {@code p} with {@code p % N == k}. Aerospike's partition id is the digest's first byte and the
 * low four bits of its second, so partition {@code p} owns the sixteen two-byte prefixes {@code (p & 0xFF,
 * h << 4 | p >> 8)}, {@code h} 0..15, and its records in key order are its records in digest order (the order
 * Aerospike's index tree gives them). A run is a maximal stretch of this store's prefixes that are all
 * requested: prefixes of other Kafka partitions never occur in the store, so they do not break a run. A
 * request for every partition of the store is one run, read by one iterator (one consistent view); a resumed
 * partition starts a run just after its digest.
 */
final class KeyRuns {
    /** An inclusive range of 20-byte store keys. */
    record Run(byte[] from, byte[] to) {
    }

    private static final ConcurrentHashMap<Long, int[]> PREFIXES = new ConcurrentHashMap<>();

    private KeyRuns() {
    }

    /** The runs of {@code parts} (all of Kafka partition {@code kafkaPartition} of {@code kafkaPartitions}), in key order. */
    static List<Run> of(List<PartitionPart> parts, int kafkaPartition, int kafkaPartitions) {
        PartitionPart[] byId = new PartitionPart[Digest.PARTITIONS];
        for (PartitionPart part : parts) {
            if (part.id() % kafkaPartitions != kafkaPartition) {
                throw new IllegalArgumentException("partition " + part.id() + " is not in Kafka partition " + kafkaPartition);
            }
            byId[part.id()] = part;
        }
        List<Run> runs = new ArrayList<>();
        byte[] from = null;
        byte[] to = null;
        for (int prefix : prefixes(kafkaPartition, kafkaPartitions)) {
            PartitionPart part = byId[pidOf(prefix)];
            byte[] start = part == null ? null : startIn(prefix, part);
            if (start == null) {
                if (from != null) {
                    runs.add(new Run(from, to));
                    from = null;
                }
                continue;
            }
            boolean whole = Arrays.equals(start, bound(prefix, (byte) 0));
            if (from != null && !whole) {
                runs.add(new Run(from, to));
                from = null;
            }
            if (from == null) {
                from = start;
            }
            to = bound(prefix, (byte) -1);
        }
        if (from != null) {
            runs.add(new Run(from, to));
        }
        return runs;
    }

    /** Where {@code part} is read from in {@code prefix}: its first key, just after the resume digest, or null for none. */
    private static byte[] startIn(int prefix, PartitionPart part) {
        byte[] first = bound(prefix, (byte) 0);
        if (!part.resumed()) {
            return first;
        }
        byte[] after = part.afterDigest();
        int cursorPrefix = (after[0] & 0xFF) << 8 | after[1] & 0xFF;
        if (prefix < cursorPrefix) {
            return null;
        }
        if (prefix > cursorPrefix) {
            return first;
        }
        byte[] next = after.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (++next[i] != 0) {
                return i >= 2 ? next : null; // past the prefix's last key: nothing of it is left
            }
        }
        return null;
    }

    private static int pidOf(int prefix) {
        return (prefix >>> 8) | (prefix & 0x0F) << 8;
    }

    private static byte[] bound(int prefix, byte fill) {
        byte[] key = new byte[Digest.SIZE];
        Arrays.fill(key, fill);
        key[0] = (byte) (prefix >>> 8);
        key[1] = (byte) prefix;
        return key;
    }

    /** The two-byte prefixes whose digests fall in Kafka partition {@code k} of {@code n}, ascending. */
    static int[] prefixes(int k, int n) {
        return PREFIXES.computeIfAbsent((long) k << 32 | n, x -> {
            int[] out = new int[65536 / n];
            int i = 0;
            for (int prefix = 0; prefix < 65536; prefix++) {
                if (pidOf(prefix) % n == k) {
                    out[i++] = prefix;
                }
            }
            return out;
        });
    }
}
