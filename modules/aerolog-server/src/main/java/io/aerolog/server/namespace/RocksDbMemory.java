package io.aerolog.server.namespace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.aerolog.core.NamespaceConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the memory of every RocksDB store of the process by one budget ({@link #MEMORY_BYTES_CONFIG}),
 * shared by block cache, index and filter blocks and memtables. Kafka Streams' default gives each store
 * its own 50 MB cache and up to three 16 MB memtables, so a node's memory grew with its partitions
 * (8 partitions: up to ~800 MB beside the heap) rather than with what the operator allowed.
 * This is the bounded-memory setup of Kafka Streams' memory management guide, with one change: each store's
 * memtable is sized so that all of them together hold at most half the memtable budget
 * ({@link #writeBufferBytes}; the records store, which takes nearly every write, gets five shares). RocksDB's
 * write-buffer manager makes the store being written flush when the budget is full, and a store that is not written never flushes: with Kafka Streams' 16 MB memtables the idle
 * stores of one namespace held the whole budget, and every few writes to a busy namespace flushed a tiny
 * memtable (one store wrote 10,935 SST files, and writes ran at a fifth of their rate).
 */
public final class RocksDbMemory implements RocksDBConfigSetter {
    /** The Streams config entry carrying the budget in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "aerolog.rocksdb.memory.bytes";
    /**
     * The Streams config entry carrying one share of memtable in bytes ({@link #writeBufferBytes}): each store's
     * memtable is one share, the records store's {@link #RECORDS_SHARES}; 0 or absent keeps Streams' own.
     */
    public static final String WRITE_BUFFER_BYTES_CONFIG = "aerolog.rocksdb.write.buffer.bytes";
    /** Kafka Streams' own memtable size, the most a store is given. */
    static final long MAX_WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    /** The least share a store is given: below it, flushes would cost more than the memory saved. */
    static final long MIN_WRITE_BUFFER_BYTES = 128L * 1024;
    /**
     * Shares of the records store, which takes nearly every write (the expiry index, index entries and metadata
     * take few): with a share like the others', a YCSB update-heavy load flushed and compacted it 5 times as often.
     */
    static final int RECORDS_SHARES = 5;
    /** Shares of one partition's stores: the records store's and one for each other store. */
    static final int SHARES_PER_PARTITION = RECORDS_SHARES + NamespaceTopology.STORES_PER_PARTITION - 1;
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
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbMemory.class);

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
        Object writeBuffer = configs.get(WRITE_BUFFER_BYTES_CONFIG);
        long writeBufferBytes = writeBuffer == null ? 0 : Long.parseLong(writeBuffer.toString());
        if (writeBufferBytes > 0) {
            options.setWriteBufferSize(memtableBytes(storeName, writeBufferBytes));
        }
        options.setMemtableWholeKeyFiltering(true);
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
        options.setTableFormatConfig(table);
    }

    /**
     * One share of memtable for a node whose RocksDB budget is {@code budget} bytes and whose namespaces are
     * {@code namespaces}: the memtable budget divided among every store the node may open (each partition of each
     * namespace stored in RocksDB, {@link #SHARES_PER_PARTITION} shares each) so that all of them together fill at
     * most half of it, at least {@link #MIN_WRITE_BUFFER_BYTES}; 0 without a budget. Warns when the budget is too
     * small for that many stores.
     */
    public static long writeBufferBytes(long budget, List<NamespaceConfig> namespaces) {
        int partitions = namespaces.stream()
                .filter(n -> n.storage() != NamespaceConfig.Storage.MEMORY).mapToInt(NamespaceConfig::partitions).sum();
        if (budget <= 0 || partitions == 0) {
            return 0;
        }
        long shares = 2L * SHARES_PER_PARTITION * partitions;
        long share = (long) (budget * MEMTABLE_SHARE) / shares;
        if (share < MIN_WRITE_BUFFER_BYTES) {
            long neededMb = (long) Math.ceil(MIN_WRITE_BUFFER_BYTES * (double) shares / MEMTABLE_SHARE / (1 << 20));
            LOG.warn("rocksdbMemoryMb {} is small for {} partitions stored in RocksDB: idle stores may hold the "
                    + "memtable budget and make busy ones flush often; set it to at least {}",
                    budget >> 20, partitions, neededMb);
        }
        return Math.max(MIN_WRITE_BUFFER_BYTES, share);
    }

    /** The memtable size of the store {@code storeName} given one {@code share}: at most Streams' own. */
    static long memtableBytes(String storeName, long share) {
        long shares = NamespaceTopology.STORE.equals(storeName) ? RECORDS_SHARES : 1;
        return Math.min(MAX_WRITE_BUFFER_BYTES, share * shares);
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
