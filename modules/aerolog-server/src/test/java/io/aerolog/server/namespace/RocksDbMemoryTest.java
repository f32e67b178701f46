package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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
