package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.aerolog.core.NamespaceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbMemoryTest {
    private static final long BUDGET = 8L * 1024 * 1024;

    @Test
    void storesShareOneCacheWithinTheBudget(@TempDir Path dir) throws Exception {
        RocksDB.loadLibrary();
        RocksDbMemory setter = new RocksDbMemory();
        byte[] value = "v".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (Options a = options(); Options b = options()) {
            setter.setConfig("records", a, Map.of(RocksDbMemory.MEMORY_BYTES_CONFIG, BUDGET));
            setter.setConfig("records", b, Map.of(RocksDbMemory.MEMORY_BYTES_CONFIG, String.valueOf(BUDGET)));
            RocksDbMemory.Shared shared = RocksDbMemory.shared(BUDGET);
            assertThat(shared.cache().getUsage()).isZero();
            try (RocksDB first = RocksDB.open(a, dir.resolve("a").toString());
                 RocksDB second = RocksDB.open(b, dir.resolve("b").toString());
                 FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (RocksDB db : new RocksDB[] {first, second}) {
                    for (int i = 0; i < 20_000; i++) {
                        db.put(key(i), value);
                    }
                    db.flush(flush);
                    for (int i = 0; i < 20_000; i++) {
                        assertThat(db.get(key(i))).hasSize(value.length);
                    }
                }
                // 40 MB of values read through one 8 MB cache: both stores filled it, neither went beyond it
                assertThat(shared.cache().getUsage()).isGreaterThan(BUDGET / 2).isLessThanOrEqualTo(BUDGET + BUDGET / 10);
                assertThat(a.writeBufferManager()).isSameAs(b.writeBufferManager()).isSameAs(shared.writeBuffers());
                assertThat(a.memtableWholeKeyFiltering()).as("a whole-key Bloom filter in each memtable").isTrue();
                assertThat(a.memtablePrefixBloomSizeRatio()).isPositive();
            }
        }
    }

    @Test
    void idleStoresDoNotMakeABusyStoreFlushAtEveryWrite(@TempDir Path dir) throws Exception {
        RocksDB.loadLibrary();
        long budget = 12L * 1024 * 1024;
        List<NamespaceConfig> two = List.of(NamespaceConfig.defaults("a").withPartitions(1),
                NamespaceConfig.defaults("b").withPartitions(1));
        long share = RocksDbMemory.writeBufferBytes(budget, two);
        assertThat(share).as("3 MB of memtables over 2 x 8 shares, halved: below the least share")
                .isEqualTo(RocksDbMemory.MIN_WRITE_BUFFER_BYTES);
        // namespace a's four stores idle and 80% full, namespace b's records store written
        assertThat(flushesOfBusyStore(dir.resolve("sized"), budget, share))
                .as("memtables flushed when full: about 1 MB / 640 KB").isBetween(1, 4);
        // the control: Kafka Streams' 16 MB memtables let the idle stores hold the budget
        assertThat(flushesOfBusyStore(dir.resolve("streams"), budget, RocksDbMemory.MAX_WRITE_BUFFER_BYTES))
                .as("a flush every few writes").isGreaterThan(200);
    }

    @Test
    void theRecordsStoreGetsFiveSharesWithinAFloorAndACeiling() {
        long gb = 1024L * 1024 * 1024;
        long mb = 1024L * 1024;
        long share = RocksDbMemory.writeBufferBytes(256 * mb, List.of(NamespaceConfig.defaults("a")));
        assertThat(share).as("the default budget and namespace: 64 MB over 8 partitions x 8 shares, halved")
                .isEqualTo(512 * 1024);
        assertThat(RocksDbMemory.memtableBytes("records", share)).isEqualTo(5 * 512 * 1024);
        assertThat(RocksDbMemory.memtableBytes("expiry", share)).isEqualTo(512 * 1024);
        assertThat(RocksDbMemory.memtableBytes("records", RocksDbMemory.writeBufferBytes(8 * gb,
                List.of(NamespaceConfig.defaults("a"))))).isEqualTo(RocksDbMemory.MAX_WRITE_BUFFER_BYTES);
        assertThat(RocksDbMemory.writeBufferBytes(64 * mb, List.of(NamespaceConfig.defaults("a").withPartitions(4096))))
                .isEqualTo(RocksDbMemory.MIN_WRITE_BUFFER_BYTES);
        assertThat(RocksDbMemory.writeBufferBytes(0, List.of(NamespaceConfig.defaults("a")))).isZero();
        NamespaceConfig memory = new NamespaceConfig("m", 8, 1, 0, NamespaceConfig.Storage.MEMORY,
                NamespaceConfig.DEFAULT_MAX_RECORD_SIZE, true);
        assertThat(RocksDbMemory.writeBufferBytes(gb, List.of(memory))).as("no RocksDB store").isZero();
        assertThat(RocksDbMemory.writeBufferBytes(256 * mb, List.of(NamespaceConfig.defaults("a"), memory)))
                .as("a memory namespace takes no share").isEqualTo(share);
    }

    /**
     * Opens one partition's four stores of two namespaces sharing {@code budget} ({@code share} each, five for
     * records stores), fills the first namespace's with 80% of a memtable each (at most their part of the budget)
     * and leaves them idle, then writes 1 MB to the second namespace's records store with compactions off, and
     * answers how many files its flushes wrote.
     */
    private static int flushesOfBusyStore(Path dir, long budget, long share) throws Exception {
        byte[] value = "v".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> configs = Map.of(RocksDbMemory.MEMORY_BYTES_CONFIG, budget,
                RocksDbMemory.WRITE_BUFFER_BYTES_CONFIG, share);
        String[] idle = {"records", "expiry", "sindex", "meta"};
        List<Options> options = new ArrayList<>();
        List<RocksDB> dbs = new ArrayList<>();
        Files.createDirectories(dir);
        try {
            for (int i = 0; i <= idle.length; i++) {
                String name = i < idle.length ? idle[i] : "records";
                Options o = options().setDisableAutoCompactions(true);
                new RocksDbMemory().setConfig(name, o, configs);
                options.add(o);
                dbs.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
                if (i < idle.length) {
                    long bytes = Math.min(o.writeBufferSize() * 8 / 10, budget / 4 / idle.length);
                    for (int k = 0; k < bytes / value.length; k++) {
                        dbs.get(i).put(key(k), value);
                    }
                }
            }
            RocksDB busy = dbs.get(idle.length);
            for (int i = 0; i < 1_000; i++) {
                busy.put(key(i), value);
                // as a node's writes come, slower than a flush: each write meets the flushes it started finished
                while (busy.getLongProperty("rocksdb.mem-table-flush-pending") > 0
                        || busy.getLongProperty("rocksdb.num-running-flushes") > 0) {
                    Thread.onSpinWait();
                }
            }
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                busy.flush(flush);
            }
            return Integer.parseInt(busy.getProperty("rocksdb.num-files-at-level0").trim());
        } finally {
            dbs.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    @Test
    void withoutABudgetTheStoreKeepsKafkaStreamsDefaults() {
        try (Options options = options()) {
            new RocksDbMemory().setConfig("records", options, Map.of());
            assertThat(options.writeBufferManager()).isNull();
            new RocksDbMemory().setConfig("records", options, Map.of(RocksDbMemory.MEMORY_BYTES_CONFIG, 0L));
            assertThat(options.writeBufferManager()).as("a budget of 0").isNull();
            assertThat(options.memtableWholeKeyFiltering()).isFalse();
        }
    }

    private static Options options() {
        return new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
