package io.aerolog.server.scan;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.sindex.GeoQuery;
import io.aerolog.server.sindex.IndexQuery;
import io.aerolog.server.sindex.PartitionIndexes;
import java.util.Arrays;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** What a scan or query reads in each partition: the record store for a scan, a secondary index for a query. */
public final class Sources {
    private Sources() {
    }

    /**
     * The source of {@code spec} in each partition. A query needs an index of its bin, value type, collection
     * type and context (in its set, or in no set): INDEX_NOTFOUND (201) otherwise.
     */
    public static SourceFactory of(NamespaceService ns, ScanSpec spec) {
        int n = ns.config().partitions();
        if (spec.index() == null) {
            return (active, parts, now) -> new RecordScan(active.store(), parts, active.partition(), n, spec.set(), now,
                    active.truncation());
        }
        IndexDefinition definition = find(ns, spec);
        return (active, parts, now) -> {
            PartitionIndexes partition = ns.indexes().of(active.partition());
            if (partition == null) {
                throw new InvalidStateStoreException("partition " + active.partition() + " moved");
            }
            PartitionIndexes.Index index = IndexQuery.readable(partition, definition.name());
            if (spec.index().geo() != null) {
                return new GeoQuery(index, spec.index().geo(), partition.entries(), active.store(), parts, spec.set(),
                        now, active.truncation());
            }
            return new IndexQuery(index, spec.index(), partition.entries(), active.store(), parts, spec.set(), now,
                    active.truncation());
        };
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
