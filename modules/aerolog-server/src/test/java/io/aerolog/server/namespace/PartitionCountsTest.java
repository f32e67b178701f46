package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class PartitionCountsTest {
    static final int KAFKA_PARTITIONS = 8;
    static final int PARTITION = 3;

    static KeyValueStore<Bytes, byte[]> memoryStore(String name) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** The {@code i}-th key of set {@code set} that falls in {@link #PARTITION}. */
    static Key keyInPartition(String set, int i) {
        for (int n = i * 1000; ; n++) {
            Key key = Key.of("test", set, "k" + n);
            if (key.digest().kafkaPartition(KAFKA_PARTITIONS) == PARTITION) {
                return key;
            }
        }
    }

    static Record record(String set, int size) {
        return new Record(set, null, Map.of("b", Value.of("x".repeat(size))), 1, 0, 1);
    }

    /** Every set's {records, bytes} in {@code store}, recounted from scratch. */
    static Map<String, List<Long>> recount(KeyValueStore<Bytes, byte[]> store) {
        Map<String, long[]> sums = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long[] sum = sums.computeIfAbsent(AvroCodec.decodeRecord(kv.value).set(), s -> new long[2]);
                sum[0]++;
                sum[1] += kv.value.length;
            }
        }
        Map<String, List<Long>> out = new HashMap<>();
        sums.forEach((set, sum) -> out.put(set, List.of(sum[0], sum[1])));
        return out;
    }

    static Map<String, List<Long>> counted(PartitionCounts counts) {
        Map<String, List<Long>> out = new HashMap<>();
        counts.sets().forEach((set, c) -> {
            if (c.objects() != 0 || c.bytes() != 0) {
                out.put(set, List.of(c.objects(), c.bytes()));
            }
        });
        return out;
    }

    @Test
    void theSetIsReadFromTheStoredBytesWithoutDecodingAsDecodingReadsIt() {
        for (String set : List.of("", "users", "ü-ñ-日本", "s".repeat(Key.MAX_SET_NAME_BYTES))) {
            Record r = new Record(set, Value.of("k"), Map.of("a", Value.of(1L), "b", Value.of("two")), 3, 0, 5);
            assertThat(PartitionCounts.setOf(AvroCodec.encodeRecord(r))).isEqualTo(set);
        }
    }

    @Test
    void bytesThatAreNotARecordOfTheCurrentSchemaAreNotReadAsOne() {
        byte[] encoded = AvroCodec.encodeRecord(record("abc", 3));
        byte[] otherFingerprint = encoded.clone();
        otherFingerprint[5] ^= 1;
        assertThat(PartitionCounts.setOf(otherFingerprint)).as("an unknown writer schema cannot be decoded").isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(encoded, 11);
        assertThat(PartitionCounts.setOf(truncated)).isEmpty();
    }

    @Test
    void anOpenedStoreIsCountedSliceBySliceWithinTheBoundOfEachCall() {
        KeyValueStore<Bytes, byte[]> store = memoryStore("records");
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            Key key = keyInPartition(i % 3 == 0 ? "a" : "b", i);
            store.put(Bytes.wrap(key.digest().bytes()), AvroCodec.encodeRecord(record(key.set(), i % 50)));
        }
        NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
        PartitionCounts counts = statistics.opened(PARTITION, store);
        int calls = 0;
        long before = 0;
        while (!counts.countSome()) {
            calls++;
            long now = statistics.totals().objects();
            assertThat(now - before).as("one call reads its bound of records").isEqualTo(PartitionCounts.MAX_RECORDS_PER_CALL);
            before = now;
            assertThat(statistics.totals().counted()).isFalse();
        }
        assertThat(calls).isEqualTo(n / PartitionCounts.MAX_RECORDS_PER_CALL);
        assertThat(counted(counts)).isEqualTo(recount(store));
        assertThat(statistics.totals().objects()).isEqualTo(n);
        assertThat(statistics.totals().counted()).isTrue();
    }

    @Test
    void writesAndRemovalsWhileTheStoreIsCountedAreCountedOnce() {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            KeyValueStore<Bytes, byte[]> store = memoryStore("records-" + seed);
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                keys.add(keyInPartition(List.of("", "a", "b", "c").get(random.nextInt(4)), i));
            }
            for (Key key : keys.subList(0, 300)) {
                store.put(Bytes.wrap(key.digest().bytes()), AvroCodec.encodeRecord(record(key.set(), random.nextInt(40))));
            }
            NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
            PartitionCounts counts = new PartitionCounts(PARTITION, store, KAFKA_PARTITIONS, statistics,
                    1 + random.nextInt(20));
            boolean done = false;
            for (int step = 0; step < 1_500 || !done; step++) {
                if (random.nextInt(25) == 0) {
                    done = counts.countSome();
                    continue;
                }
                Key key = keys.get(random.nextInt(keys.size()));
                Bytes storeKey = Bytes.wrap(key.digest().bytes());
                byte[] stored = store.get(storeKey);
                Record before = stored == null ? null : AvroCodec.decodeRecord(stored);
                boolean fromCache = random.nextBoolean();
                if (before != null && random.nextInt(4) == 0) {
                    if (random.nextBoolean()) {
                        counts.removing(storeKey, before, fromCache ? null : stored);
                    } else {
                        counts.expiring(storeKey, before, stored);
                    }
                    store.delete(storeKey);
                } else {
                    Record after = record(key.set(), random.nextInt(40));
                    byte[] encoded = AvroCodec.encodeRecord(after);
                    counts.writing(storeKey, before, fromCache ? null : stored, after, encoded.length);
                    store.put(storeKey, encoded);
                }
            }
            assertThat(counted(counts)).as("seed " + seed).isEqualTo(recount(store));
        }
    }

    @Test
    void onlyTheRunsOfKeysThatFallInThePartitionAreRead() {
        int[] runs = PartitionCounts.runs(PARTITION, KAFKA_PARTITIONS);
        assertThat(runs).hasSize(2 * 256 / KAFKA_PARTITIONS);
        assertThat(runs[0]).isEqualTo(PARTITION << 8);
        assertThat(runs[1]).isEqualTo(PARTITION << 8 | 0xFF);
        assertThat(PartitionCounts.runs(5, 4096)).as("a partition of each Aerospike partition: 16 runs").hasSize(32);
        assertThat(PartitionCounts.runs(0, 1)).containsExactly(0, 0xFFFF);
        KeyValueStore<Bytes, byte[]> empty = memoryStore("records");
        assertThat(new NamespaceStatistics(KAFKA_PARTITIONS).opened(PARTITION, empty).countSome())
                .as("an empty store is counted in one call").isTrue();
    }

    @Test
    void setsAreListedInTheOrderFirstSeenAndStayListedWhenEmpty() {
        KeyValueStore<Bytes, byte[]> store = memoryStore("records");
        NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
        PartitionCounts counts = statistics.opened(PARTITION, store);
        while (!counts.countSome()) {
            assertThat(counts.counted()).isFalse();
        }
        Bytes z = Bytes.wrap(keyInPartition("zeta", 1).digest().bytes());
        Bytes a = Bytes.wrap(keyInPartition("alpha", 2).digest().bytes());
        Bytes none = Bytes.wrap(keyInPartition("", 3).digest().bytes());
        counts.writing(z, null, null, record("zeta", 5), 50);
        counts.writing(a, null, null, record("alpha", 5), 70);
        counts.writing(none, null, null, record("", 5), 30);
        counts.removing(z, record("zeta", 5), new byte[50]);

        NamespaceStatistics.Totals totals = statistics.totals();
        assertThat(totals.sets()).containsExactly(new NamespaceStatistics.SetTotals("zeta", 0, 0),
                new NamespaceStatistics.SetTotals("alpha", 1, 70));
        assertThat(totals.objects()).as("records without a set count in the namespace").isEqualTo(2);
        assertThat(totals.bytes()).isEqualTo(100);
        assertThat(totals.set("alpha").objects()).isEqualTo(1);
        assertThat(totals.set("absent")).isNull();

        statistics.closed(PARTITION, counts);
        assertThat(statistics.totals().objects()).as("a partition that left no longer counts").isZero();
    }

    @Test
    void setsPastAerospikesLimitCountInTheNamespaceOnly() {
        NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
        PartitionCounts counts = statistics.opened(PARTITION, memoryStore("records"));
        while (!counts.countSome()) {
            assertThat(counts.counted()).isFalse();
        }
        Bytes key = Bytes.wrap(keyInPartition("s", 1).digest().bytes());
        for (int i = 0; i < NamespaceStatistics.MAX_SETS + 10; i++) {
            counts.writing(key, null, null, record("set" + i, 1), 10);
        }
        NamespaceStatistics.Totals totals = statistics.totals();
        assertThat(totals.sets()).hasSize(NamespaceStatistics.MAX_SETS);
        assertThat(totals.objects()).isEqualTo(NamespaceStatistics.MAX_SETS + 10);
        assertThat(totals.set("set" + (NamespaceStatistics.MAX_SETS + 5))).isNull();
    }

    @Test
    void expiriesAreCountedForTheNamespace() {
        NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
        PartitionCounts counts = statistics.opened(PARTITION, memoryStore("records"));
        Bytes key = Bytes.wrap(keyInPartition("s", 1).digest().bytes());
        counts.expiring(key, record("s", 1), new byte[20]);
        counts.expiring(key, record("s", 1), new byte[20]);
        assertThat(statistics.totals().expired()).isEqualTo(2);
    }
}
