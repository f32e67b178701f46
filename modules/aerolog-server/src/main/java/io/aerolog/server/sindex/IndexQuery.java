package io.aerolog.server.sindex;

import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import io.aerolog.core.codec.StoredHeader;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexValues;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.IndexFilter;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartitionSource;
import io.aerolog.server.scan.PartsById;
import io.aerolog.server.scan.LiveRecords;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The records of some Aerospike partitions of one Kafka partition that a secondary-index query selects, in the
 * order a query resumes in: index value, then digest. One iterator over the index's entries in the filter's
 * range (a consistent view of the index); each entry's record is read from the record store and checked again
 * (it may have changed since the entry was read, and a string's entry is a hash), and a record that several
 * entries of a collection index lead to is returned once, at its least matching value. A resumed partition
 * skips what is at or before its (value, digest).
 */
public final class IndexQuery implements PartitionSource {
    private final IndexDefinition index;
    private final IndexFilter filter;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> records;
    private final PartsById parts;
    private final LiveRecords live;
    private final long begin;
    private final long end;
    private final KeyValueIterator<Bytes, byte[]> entries;
    private final IndexBin indexBin;

    public IndexQuery(PartitionIndexes.Index index, IndexFilter filter, ReadOnlyKeyValueStore<Bytes, byte[]> entries,
                      ReadOnlyKeyValueStore<Bytes, byte[]> records, List<PartitionPart> parts, LiveRecords live) {
        this.index = index.definition();
        this.indexBin = new IndexBin(this.index);
        this.filter = filter;
        this.records = records;
        this.live = live;
        this.parts = new PartsById(parts);
        if (filter.equal() != null) {
            begin = IndexValues.hash(filter.equal());
            end = begin;
        } else {
            begin = filter.begin();
            end = filter.end();
        }
        this.entries = begin > end ? null : entries.range(Bytes.wrap(IndexKeys.from(index.id(), begin)),
                Bytes.wrap(IndexKeys.to(index.id(), end)));
    }

    /** The index of {@code definitionName} in {@code partition}: PARTITION_UNAVAILABLE-like when it moved, 203 while it builds. */
    public static PartitionIndexes.Index readable(PartitionIndexes partition, String definitionName) {
        PartitionIndexes.Index index = partition.find(definitionName);
        if (index == null || !index.built()) {
            throw new AerologException(ResultCode.INDEX_NOTREADABLE, "index " + definitionName + " is still being"
                    + " built in partition " + partition.partition() + "; query it once sindex/<ns>/" + definitionName
                    + " shows load_pct=100");
        }
        return index;
    }

    @Override
    public Candidate next() {
        if (entries == null) {
            return null;
        }
        while (entries.hasNext()) {
            Candidate c = IndexEntry.read(entries.next(), parts, records, live);
            if (c != null && matchesFirstAt(c.stored(), c.indexValue())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether the stored record still matches and {@code value} is its least matching value (so it is returned
     * once): read from its index bin alone, no record made.
     */
    private boolean matchesFirstAt(StoredHeader stored, long value) {
        Value bin = indexBin.of(stored);
        for (long v : IndexValues.ofBin(index, bin)) {
            if (v >= begin && v <= end) {
                return v == value && (filter.equal() == null
                        || IndexValues.holdsBin(index, bin, begin, end, filter.equal()));
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (entries != null) {
            entries.close();
        }
    }
}
