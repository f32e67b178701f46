package io.aerolog.bench.layers;

import io.aerolog.core.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The floor of a store read: a scratch RocksDB in this process, configured as Kafka Streams configures
 * a persistent key-value store by default (50 MB LRU block cache, 4 KB blocks, Bloom filter, 16 MB
 * write buffers x 3, no compression, universal compaction, no WAL), loaded with records keyed by
 * 20-byte digests, flushed and compacted, so reads meet the layout a node's store settles into.
 */
final class RocksDbLayer implements AutoCloseable {
    private static final int BATCH = 1000;

    private final Path dir;
    private final LRUCache cache;
    private final BloomFilter filter;
    private final Options options;
    private final RocksDB db;
    private final byte[][] keys;

    private RocksDbLayer(Path dir, LRUCache cache, BloomFilter filter, Options options, RocksDB db, byte[][] keys) {
        this.dir = dir;
        this.cache = cache;
        this.filter = filter;
        this.options = options;
        this.db = db;
        this.keys = keys;
    }

    /** Opens a DB in a new directory under {@code parent} and writes {@code records} values of {@code valueSize} bytes. */
    static RocksDbLayer load(Path parent, int records, int valueSize, long seed) throws IOException, RocksDBException {
        RocksDB.loadLibrary();
        Path dir = Files.createTempDirectory(parent, "aerolog-layers-rocksdb-");
        LRUCache cache = new LRUCache(50L * 1024 * 1024);
        BloomFilter filter = new BloomFilter();
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(4096)
                .setFilterPolicy(filter);
        Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
                .setWriteBufferSize(16L * 1024 * 1024).setMaxWriteBufferNumber(3)
                .setCompressionType(CompressionType.NO_COMPRESSION).setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setIncreaseParallelism(Math.max(Runtime.getRuntime().availableProcessors(), 2));
        RocksDB db = RocksDB.open(options, dir.toString());
        byte[][] keys = new byte[records][];
        SplittableRandom rnd = new SplittableRandom(seed);
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < records; i++) {
                keys[i] = Key.of("layers", "rocksdb", "k" + i).digest().bytes();
                byte[] value = new byte[valueSize];
                rnd.nextBytes(value);
                batch.put(keys[i], value);
                if (batch.count() == BATCH || i == records - 1) {
                    db.write(noWal, batch);
                    batch.close();
                    batch = new WriteBatch();
                }
            }
            batch.close();
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        }
        db.compactRange();
        return new RocksDbLayer(dir, cache, filter, options, db, keys);
    }

    /** A reader of random loaded keys; a key that reads as absent is an error. */
    ClosedLoop.Op reader(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return () -> {
            if (db.get(keys[rnd.nextInt(keys.length)]) == null) {
                throw new IllegalStateException("a loaded key read as absent");
            }
        };
    }

    /** Reads every key and value in key order with one iterator (the floor of a full scan); returns the count. */
    long iterateAll() {
        long n = 0;
        long bytes = 0;
        try (org.rocksdb.RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                bytes += it.key().length + it.value().length;
                n++;
            }
        }
        if (bytes == 0 && n > 0) {
            throw new IllegalStateException("nothing read");
        }
        return n;
    }

    /**
     * The floor of a secondary-index query that selects {@code n} records: one iterator reading {@code n}
     * consecutive entries from a random loaded key (the index's range), then gets of {@code n} random loaded keys
     * (each entry's record); answers the bytes read.
     */
    long query(int n, SplittableRandom rnd) {
        long bytes = 0;
        try (org.rocksdb.RocksIterator it = db.newIterator()) {
            it.seek(keys[rnd.nextInt(keys.length)]);
            for (int i = 0; i < n && it.isValid(); i++, it.next()) {
                bytes += it.key().length + it.value().length;
            }
        }
        try {
            for (int i = 0; i < n; i++) {
                byte[] value = db.get(keys[rnd.nextInt(keys.length)]);
                if (value == null) {
                    throw new IllegalStateException("a loaded key read as absent");
                }
                bytes += value.length;
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        db.close();
        options.close();
        filter.close();
        cache.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
