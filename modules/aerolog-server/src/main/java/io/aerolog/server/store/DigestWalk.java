package io.aerolog.server.store;

import io.aerolog.core.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A bounded walk over a partition's records store (keyed by 20-byte digest) in digest order, resumed from a cursor
 * between calls: the work a stream thread does a slice at a time (removing what a truncate hid, building an index
 * over the records already stored), so that no call holds the partition's commands up for long. Also the first
 * and last digests, and the digest right after one, that key ranges over digests are made of.
 */
public final class DigestWalk {
    /**
     * The records one call visited, in digest order, and where the next call starts: the digest right after the
     * last one visited, or null when no stored record is left past it (the walk is done).
     */
    public record Slice(List<KeyValue<Bytes, byte[]>> records, byte[] next) {
        public boolean done() {
            return next == null;
        }

        /** The key of the last record visited; null when none was. */
        public byte[] last() {
            return records.isEmpty() ? null : records.get(records.size() - 1).key.get();
        }
    }

    private DigestWalk() {
    }

    /** The lowest digest: 20 zero bytes. */
    public static byte[] first() {
        return new byte[Digest.SIZE];
    }

    /** The highest digest: 20 bytes 0xFF. */
    public static byte[] last() {
        byte[] last = new byte[Digest.SIZE];
        Arrays.fill(last, (byte) -1);
        return last;
    }

    /** The digest right after {@code digest} in key order; null when it is the {@link #last()}. */
    public static byte[] after(byte[] digest) {
        byte[] next = digest.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (++next[i] != 0) {
                return next;
            }
        }
        return null;
    }

    /**
     * Up to {@code maxRecords} stored records of {@code store} from digest {@code from} (inclusive) in key order,
     * and where the next slice starts (null when the walk reached the last stored record).
     *
     * @throws IllegalArgumentException when {@code maxRecords} is below 1 (a walk that could never end)
     */
    public static Slice from(KeyValueStore<Bytes, byte[]> store, byte[] from, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("a slice of " + maxRecords + " records");
        }
        List<KeyValue<Bytes, byte[]>> slice = new ArrayList<>(Math.min(maxRecords, 1024));
        boolean more;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(last()))) {
            while (it.hasNext() && slice.size() < maxRecords) {
                slice.add(it.next());
            }
            more = it.hasNext();
        }
        byte[] next = more ? after(slice.get(slice.size() - 1).key.get()) : null;
        return new Slice(List.copyOf(slice), next);
    }
}
