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
        List<NamespaceConfig> oneNamespace = List.of(NamespaceConfig.defaults("test").withPartitions(1));
        long sized = RocksDbMemory.writeBufferBytes(budget, oneNamespace);
        assertThat(sized).as("3 MB of memtables shared by 4 stores, half of it for idle ones")
                .isEqualTo(3L * 1024 * 1024 / 8);
        assertThat(flushesOfBusyStore(dir.resolve("sized"), budget, sized))
                .as("memtables flushed when full: about 1 MB / 384 KB").isBetween(1, 6);
        // the control: Kafka Streams' 16 MB memtables let the idle stores hold the budget
        assertThat(flushesOfBusyStore(dir.resolve("streams"), budget, RocksDbMemory.MAX_WRITE_BUFFER_BYTES))
                .as("a flush every few writes").isGreaterThan(200);
    }

    @Test
    void theMemtableShareHasAFloorAndACeiling() {
        long gb = 1024L * 1024 * 1024;
        assertThat(RocksDbMemory.writeBufferBytes(8 * gb, List.of(NamespaceConfig.defaults("a"))))
                .isEqualTo(RocksDbMemory.MAX_WRITE_BUFFER_BYTES);
        assertThat(RocksDbMemory.writeBufferBytes(64L * 1024 * 1024,
                List.of(NamespaceConfig.defaults("a").withPartitions(4096))))
                .isEqualTo(RocksDbMemory.MIN_WRITE_BUFFER_BYTES);
        assertThat(RocksDbMemory.writeBufferBytes(0, List.of(NamespaceConfig.defaults("a")))).isZero();
        NamespaceConfig memory = new NamespaceConfig("m", 8, 1, 0, NamespaceConfig.Storage.MEMORY,
                NamespaceConfig.DEFAULT_MAX_RECORD_SIZE, true);
        assertThat(RocksDbMemory.writeBufferBytes(gb, List.of(memory))).as("no RocksDB store").isZero();
        assertThat(RocksDbMemory.writeBufferBytes(256L * 1024 * 1024, List.of(NamespaceConfig.defaults("a"), memory)))
                .as("the default budget and namespace: 64 MB over 32 stores, halved").isEqualTo(1024 * 1024);
    }

    /**
     * Opens four stores sharing {@code budget}, fills three with 80% of a memtable each (at most their share of the budget) and leaves them
     * idle, then writes 1 MB to the fourth with compactions off, and answers how many files its flushes wrote.
     */
    private static int flushesOfBusyStore(Path dir, long budget, long writeBufferBytes) throws Exception {
        byte[] value = "v".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> configs = Map.of(RocksDbMemory.MEMORY_BYTES_CONFIG, budget,
                RocksDbMemory.WRITE_BUFFER_BYTES_CONFIG, writeBufferBytes);
        List<Options> options = new ArrayList<>();
        List<RocksDB> dbs = new ArrayList<>();
        Files.createDirectories(dir);
        try {
            for (int i = 0; i < 4; i++) {
                Options o = options().setDisableAutoCompactions(true);
                new RocksDbMemory().setConfig("records", o, configs);
                options.add(o);
                dbs.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
            }
            long idleBytes = Math.min(writeBufferBytes * 8 / 10, budget / 4 / 3);
            for (RocksDB idle : dbs.subList(0, 3)) {
                for (int i = 0; i < idleBytes / value.length; i++) {
                    idle.put(key(i), value);
                }
            }
            RocksDB busy = dbs.get(3);
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
