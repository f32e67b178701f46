package io.aerolog.server.namespace;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The records of a partition that carry an expiry, ordered by it: a store keyed by the void time
 * (8 bytes, big-endian) followed by the digest, so that removing expired records reads only those due
 * instead of every record of the partition. Kept by the command processor in the same transaction as
 * the records, so it is restored and replicated with them.
 */
final class ExpiryIndex {
    /** An entry of a record that expires at {@code voidTimeMillis}. */
    record Due(Digest digest, long voidTimeMillis) {
    }

    /** Marks that the index covers every record (stores written before the index existed get built once). */
    private static final Bytes BUILT = Bytes.wrap(new byte[0]);
    private static final byte[] PRESENT = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;

    ExpiryIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Indexes every record of {@code records} that expires, once per store. */
    void buildIfMissing(KeyValueStore<Bytes, byte[]> records, java.util.function.Function<byte[], Record> decode) {
        if (store.get(BUILT) != null) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> it = records.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long voidTime = decode.apply(kv.value).voidTimeMillis();
                if (voidTime != 0) {
                    store.put(entry(voidTime, kv.key.get()), PRESENT);
                }
            }
        }
        store.put(BUILT, PRESENT);
    }

    /** Follows a record from {@code before} to {@code after} (either null when absent). */
    void update(byte[] digest, Record before, Record after) {
        long was = before == null ? 0 : before.voidTimeMillis();
        long now = after == null ? 0 : after.voidTimeMillis();
        if (was == now) {
            return;
        }
        if (was != 0) {
            store.delete(entry(was, digest));
        }
        if (now != 0) {
            store.put(entry(now, digest), PRESENT);
        }
    }

    /** Up to {@code max} records due at {@code nowMillis}, earliest first. */
    List<Due> due(long nowMillis, int max) {
        List<Due> due = new ArrayList<>();
        byte[] last = new byte[Long.BYTES + Digest.SIZE];
        Arrays.fill(last, (byte) 0xFF);
        ByteBuffer.wrap(last).putLong(nowMillis);
        try (KeyValueIterator<Bytes, byte[]> it = store.range(entry(1, new byte[Digest.SIZE]), Bytes.wrap(last))) {
            while (it.hasNext() && due.size() < max) {
                ByteBuffer key = ByteBuffer.wrap(it.next().key.get());
                long voidTime = key.getLong();
                byte[] digest = new byte[Digest.SIZE];
                key.get(digest);
                due.add(new Due(Digest.of(digest), voidTime));
            }
        }
        return due;
    }

    void remove(Due due) {
        store.delete(entry(due.voidTimeMillis(), due.digest().bytes()));
    }

    private static Bytes entry(long voidTimeMillis, byte[] digest) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + Digest.SIZE).putLong(voidTimeMillis).put(digest).array());
    }
}
