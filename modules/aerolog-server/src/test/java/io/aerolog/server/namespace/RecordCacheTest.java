package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class RecordCacheTest {
    private static Bytes key(int i) {
        return Bytes.wrap(new byte[] {(byte) (i >> 8), (byte) i});
    }

    private static Record version(long v) {
        return new Record("s", null, Map.of("v", Value.of(v)), (int) v, 0, v);
    }

    /** The bytes that hold {@code n} of the records {@link #version} makes. */
    private static long records(int n) {
        return n * RecordCache.heapBytes(version(0));
    }

    private static Record ofChars(int chars) {
        return new Record("s", null, Map.of("s", Value.of("x".repeat(chars))), 1, 0, 1);
    }

    @Test
    void theBoundIsInBytesSoBiggerRecordsAreFewer() {
        long capacity = 10 * RecordCache.heapBytes(ofChars(100));
        RecordCache cache = new RecordCache(capacity);
        for (int i = 0; i < 200; i++) {
            cache.offer(key(i), ofChars(1000), cache.writes());
            assertThat(cache.size()).isLessThanOrEqualTo(2 * 10 * 100 / 1000 + 2);
        }
        RecordCache small = new RecordCache(capacity);
        for (int i = 0; i < 200; i++) {
            small.offer(key(i), ofChars(100), small.writes());
        }
        assertThat(small.size()).isBetween(11, 20);
        assertThat(RecordCache.heapBytes(ofChars(1000))).isGreaterThan(2000);
    }

    @Test
    void aRecordBiggerThanAGenerationIsNotCachedAndTakesItsOlderVersionOut() {
        RecordCache cache = new RecordCache(RecordCache.heapBytes(ofChars(100)));
        cache.offer(key(1), ofChars(100), cache.writes());
        assertThat(cache.get(key(1))).isEqualTo(ofChars(100));
        cache.written(key(1), ofChars(5000));
        assertThat(cache.get(key(1))).as("neither the new, too big, version nor the old one").isNull();
        cache.offer(key(2), ofChars(5000), cache.writes());
        assertThat(cache.size()).isZero();
    }

    @Test
    void aReaderDoesNotPutBackWhatAWriteReplacedWhileItRead() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(1), version(0), cache.writes());
        long before = cache.writes();
        cache.written(key(1), version(2));
        cache.offer(key(1), version(1), before);
        assertThat(cache.get(key(1))).isEqualTo(version(2));

        RecordCache uncached = new RecordCache(records(100));
        long earlier = uncached.writes();
        uncached.written(key(1), version(2));
        uncached.offer(key(1), version(1), earlier);
        assertThat(uncached.get(key(1))).isNull();
    }

    @Test
    void aReaderDoesNotPutBackWhatAWriteDeletedWhileItRead() {
        RecordCache cache = new RecordCache(records(100));
        cache.written(key(1), version(1));
        long before = cache.writes();
        cache.deleted(key(1));
        cache.offer(key(1), version(1), before);
        assertThat(cache.get(key(1))).isNull();
    }

    @Test
    void aReadWithNoWriteMeanwhileIsCached() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(7), version(3), cache.writes());
        assertThat(cache.get(key(7))).isEqualTo(version(3));
    }

    @Test
    void aWriteUpdatesACachedRecordButDoesNotCacheAnUncachedOne() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(1), version(1), cache.writes());
        cache.written(key(1), version(2));
        cache.written(key(2), version(3));
        assertThat(cache.get(key(1))).isEqualTo(version(2));
        assertThat(cache.get(key(2))).as("a write alone does not fill the cache").isNull();
    }

    @Test
    void twoGenerationsBoundTheSizeAndAHitInTheOldOneKeepsTheRecord() {
        RecordCache cache = new RecordCache(records(4));
        for (int i = 0; i < 4; i++) {
            cache.offer(key(i), version(i), cache.writes());
        }
        cache.offer(key(4), version(4), cache.writes());
        assertThat(cache.get(key(0))).as("in the old generation, moved to the young one").isEqualTo(version(0));
        cache.written(key(2), version(102));
        assertThat(cache.get(key(2))).as("a write to a record of the old generation").isEqualTo(version(102));
        for (int i = 5; i < 40; i++) {
            cache.offer(key(i), version(i), cache.writes());
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
        assertThat(cache.get(key(1))).as("dropped with an old generation").isNull();
        assertThat(cache.get(key(39))).isEqualTo(version(39));
    }

    /**
     * One writer (the processor) and readers racing on a few keys, as the store and the cache are
     * used: once the writer is done, every cached record is the store's last one.
     */
    @Test
    void underRacingReadersTheCacheNeverEndsOlderThanTheStore() throws Exception {
        for (int round = 0; round < 20; round++) {
            RecordCache cache = new RecordCache(records(3));
            Map<Bytes, Record> store = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread t = new Thread(() -> {
                    int i = 0;
                    while (writing.get()) {
                        Bytes k = key(i++ % 5);
                        if (cache.get(k) == null) {
                            long before = cache.writes();
                            Record fromStore = store.get(k);
                            if (fromStore != null) {
                                cache.offer(k, fromStore, before);
                            }
                        }
                    }
                });
                t.start();
                readers.add(t);
            }
            for (long v = 1; v <= 20_000; v++) {
                Bytes k = key((int) (v % 5));
                if (v % 7 == 0) {
                    store.remove(k);
                    cache.deleted(k);
                } else {
                    store.put(k, version(v));
                    cache.written(k, version(v));
                }
            }
            writing.set(false);
            for (Thread t : readers) {
                t.join();
            }
            for (int i = 0; i < 5; i++) {
                Record cached = cache.get(key(i));
                if (cached != null) {
                    assertThat(cached).as("round %d key %d", round, i).isEqualTo(store.get(key(i)));
                }
            }
        }
    }
}
