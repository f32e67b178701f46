package io.aerolog.server.namespace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process by one budget ({@link #MEMORY_BYTES_CONFIG}),
 * shared by block cache, index and filter blocks and memtables. Kafka Streams' default gives each store
 * its own 50 MB cache and up to three 16 MB memtables, so a node's memory grew with its partitions
 * (8 partitions: up to ~800 MB beside the heap) rather than with what the operator allowed.
 * This is the bounded-memory setup of Kafka Streams' memory management guide.
 */
public final class RocksDbMemory implements RocksDBConfigSetter {
    /** The Streams config entry carrying the budget in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "aerolog.rocksdb.memory.bytes";
    /** A quarter of the budget for memtables (counted within the cache), the rest for blocks. */
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double INDEX_FILTER_SHARE = 0.1;
    /**
     * A Bloom filter of whole keys in each memtable, this share of its size: a get of a key that is not
     * in a memtable skips its skip-list search (a profile of reads put that search at a tenth of a
     * node's CPU).
     */
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        long budget = configured == null ? 0 : Long.parseLong(configured.toString());
        if (budget <= 0) {
            return;
        }
        Shared shared = shared(budget);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setMemtableWholeKeyFiltering(true);
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
        options.setTableFormatConfig(table);
    }

    /**
     * Bytes held now in the cache of the stores configured with {@code budget} (blocks, index and filter
     * blocks, and memtables, which are charged to it), or 0 before any such store opened.
     */
    public static long usedBytes(long budget) {
        Shared shared = SHARED.get(budget);
        return shared == null ? 0 : shared.cache().getUsage();
    }

    /** The cache and memtable budget every store configured with {@code budget} bytes shares. */
    static Shared shared(long budget) {
        return SHARED.computeIfAbsent(budget, b -> {
            Cache cache = new LRUCache(b, -1, false, INDEX_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (b * MEMTABLE_SHARE), cache));
        });
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store of the process: they stay open
    }
}
