package io.aerolog.server.sindex;

import io.aerolog.core.Value;
import io.aerolog.core.geo.GeoShape;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexValues;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartitionSource;
import io.aerolog.server.scan.PartsById;
import io.aerolog.server.scan.LiveRecords;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The records of some Aerospike partitions of one Kafka partition that a geo2dsphere query selects, as Aerospike
 * serves one: the index's entries in each of the query's S2 cell ranges (a region's covering, or a point's cell
 * and its ancestors), ascending, one range after the other (each range's iterator is opened when the query is, so
 * all read the index as it was then); each candidate's GeoJSON is then tested exactly
 * (a point within the region, a region containing the point). A record is returned once, at its least index
 * value inside the ranges, and a resumed partition skips what is at or before its (value, digest), so paging
 * loses and repeats nothing.
 */
public final class GeoQuery implements PartitionSource {
    private final IndexDefinition index;
    private final IndexBin indexBin;
    private final GeoShape query;
    private final List<GeoShape.CellRange> ranges;
    private final List<KeyValueIterator<Bytes, byte[]>> iterators = new ArrayList<>();
    private final ReadOnlyKeyValueStore<Bytes, byte[]> records;
    private final PartsById parts;
    private final LiveRecords live;
    private int next;

    public GeoQuery(PartitionIndexes.Index index, GeoShape query, ReadOnlyKeyValueStore<Bytes, byte[]> entries,
                    ReadOnlyKeyValueStore<Bytes, byte[]> records, List<PartitionPart> parts, LiveRecords live) {
        this.index = index.definition();
        this.indexBin = new IndexBin(this.index);
        this.query = query;
        this.ranges = query.queryRanges();
        this.records = records;
        this.live = live;
        this.parts = new PartsById(parts);
        try {
            for (GeoShape.CellRange r : ranges) {
                iterators.add(entries.range(Bytes.wrap(IndexKeys.from(index.id(), r.min())),
                        Bytes.wrap(IndexKeys.to(index.id(), r.max()))));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Candidate next() {
        while (next < iterators.size()) {
            Candidate c = nextIn(iterators.get(next));
            if (c != null) {
                return c;
            }
            next++;
        }
        return null;
    }

    private Candidate nextIn(KeyValueIterator<Bytes, byte[]> it) {
        while (it.hasNext()) {
            Candidate c = IndexEntry.read(it.next(), parts, records, live);
            if (c == null) {
                continue;
            }
            Value bin = indexBin.of(c.stored());
            if (leastValueInRanges(bin) == c.indexValue() && matches(bin)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The least of the index values of the record whose index bin is {@code bin} that falls in one of the query's
     * ranges (so it is returned once).
     */
    private long leastValueInRanges(Value bin) {
        for (long v : IndexValues.ofBin(index, bin)) {
            for (GeoShape.CellRange r : ranges) {
                if (v >= r.min() && v <= r.max()) {
                    return v;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private boolean matches(Value bin) {
        for (GeoShape candidate : IndexValues.geoShapesOfBin(index, bin)) {
            if (query.matches(candidate)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (KeyValueIterator<Bytes, byte[]> it : iterators) {
            it.close();
        }
        iterators.clear();
    }
}
