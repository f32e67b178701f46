package io.aerolog.server.scan;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.sindex.GeoQuery;
import io.aerolog.server.sindex.IndexQuery;
import io.aerolog.server.sindex.PartitionIndexes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** What a scan or query reads in each partition: the record store for a scan, a secondary index for a query. */
public final class Sources {
    private Sources() {
    }

    /**
     * The source of {@code spec} in each partition, reading every bin of each record (a background job or an
     * aggregation hands whole records on). A query needs an index of its bin, value type, collection type and
     * context (in its set, or in no set): INDEX_NOTFOUND (201) otherwise.
     */
    public static SourceFactory of(NamespaceService ns, ScanSpec spec) {
        return of(ns, spec, Reads.ALL);
    }

    /**
     * The source of a scan or query that answers with records: as {@link #of}, but reading of each record only
     * the bins it returns and the bin its index holds (the query checks each record against its filter again);
     * every bin when a filter expression may read any.
     */
    public static SourceFactory returning(NamespaceService ns, ScanSpec spec) {
        return of(ns, spec, Reads.RETURNED);
    }

    /**
     * The source of a scan or query whose reply copies each record's bins from its stored bytes
     * ({@link Candidate#stored}): as {@link #of}, but reading of each record only what the source itself needs
     * (its header, and the bin its index holds), or every bin when a filter expression may read any.
     */
    public static SourceFactory copying(NamespaceService ns, ScanSpec spec) {
        return of(ns, spec, Reads.HEADERS);
    }

    /** What a source reads of each record: every bin, the bins its reply returns, or its header alone. */
    enum Reads { ALL, RETURNED, HEADERS }

    private static SourceFactory of(NamespaceService ns, ScanSpec spec, Reads reads) {
        int n = ns.config().partitions();
        if (spec.index() == null) {
            BinSelection bins = read(spec, null, reads);
            return (active, parts, now) -> new RecordScan(active.store(), parts, active.partition(), n,
                    new LiveRecords(spec.set(), now, active.truncation(), bins));
        }
        IndexDefinition definition = find(ns, spec);
        BinSelection bins = read(spec, definition.bin(), reads);
        return (active, parts, now) -> {
            PartitionIndexes partition = ns.indexes().of(active.partition());
            if (partition == null) {
                throw new InvalidStateStoreException("partition " + active.partition() + " moved");
            }
            PartitionIndexes.Index index = IndexQuery.readable(partition, definition.name());
            LiveRecords live = new LiveRecords(spec.set(), now, active.truncation(), bins);
            if (spec.index().geo() != null) {
                return new GeoQuery(index, spec.index().geo(), partition.entries(), active.store(), parts, live);
            }
            return new IndexQuery(index, spec.index(), partition.entries(), active.store(), parts, live);
        };
    }

    /**
     * The bins a scan or query reads of each record: every bin when a filter expression may read any; else
     * {@code indexBin} (null for a scan) and, unless its reply copies them from the stored bytes, the bins it returns.
     */
    static BinSelection read(ScanSpec spec, String indexBin, Reads reads) {
        if (reads == Reads.ALL || spec.filter() != null
                || reads == Reads.RETURNED && spec.bins() == null && !spec.noBins()) {
            return BinSelection.ALL;
        }
        Set<String> names = new HashSet<>(reads == Reads.HEADERS || spec.noBins() ? List.of() : spec.bins());
        if (indexBin != null) {
            names.add(indexBin);
        }
        return BinSelection.of(names);
    }

    static IndexDefinition find(NamespaceService ns, ScanSpec spec) {
        IndexFilter f = spec.index();
        for (IndexDefinition d : ns.catalog().list()) {
            if (d.bin().equals(f.bin()) && d.type() == f.type() && d.collection() == f.collection()
                    && Arrays.equals(d.context(), f.context() == null || f.context().length == 0 ? null : f.context())
                    && (d.set().isEmpty() || d.set().equals(spec.set()))) {
                return d;
            }
        }
        throw new AerologException(ResultCode.INDEX_NOTFOUND, "no secondary index of namespace " + spec.namespace()
                + " on bin '" + f.bin() + "' (" + f.type() + ", " + f.collection() + ") serves this query");
    }
}
