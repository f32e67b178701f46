package io.aerolog.server.sindex;

import io.aerolog.core.AerologException;
import io.aerolog.core.Control;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.server.namespace.NamespaceService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates and drops secondary indexes of a namespace, for every door (info commands, HTTP): the catalog first
 * (so every node lists it), then a control command in every partition's log; each completes once every
 * partition applied it. An index's build goes on after its creation answers. Refusals as Aerospike's server
 * gives them: INDEX_FOUND (200) for a name taken by another definition or a bin, type and context already
 * indexed under another name, INDEX_MAXCOUNT (206) past {@value #MAX_INDEXES} indexes.
 */
public final class IndexAdmin {
    /** Aerospike's limit of secondary indexes per namespace (MAX_N_SINDEXES). */
    public static final int MAX_INDEXES = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private IndexAdmin() {
    }

    /** Creates {@code index}; the same definition again completes at once. */
    public static CompletableFuture<Void> create(NamespaceService ns, IndexDefinition index) {
        List<IndexDefinition> existing = ns.catalog().list();
        for (IndexDefinition d : existing) {
            if (d.name().equals(index.name())) {
                if (d.equals(index)) {
                    return CompletableFuture.completedFuture(null);
                }
                throw new AerologException(ResultCode.INDEX_FOUND, "'indexname' already exists with different definition");
            }
            if (d.sameValues(index)) {
                throw new AerologException(ResultCode.INDEX_FOUND, "this bin, type and context are already indexed by '"
                        + d.name() + "'");
            }
        }
        if (existing.size() >= MAX_INDEXES) {
            throw new AerologException(ResultCode.INDEX_MAXCOUNT, "already at sindex definition limit");
        }
        return ns.catalog().put(index).thenCompose(v -> ns.control(Control.createIndex(index), TIMEOUT));
    }

    /** Drops the index named {@code name}; one that does not exist completes at once (as the server answers ok). */
    public static CompletableFuture<Void> drop(NamespaceService ns, String name) {
        IndexDefinition index = ns.catalog().get(name);
        if (index == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ns.control(Control.dropIndex(index), TIMEOUT).thenCompose(v -> ns.catalog().remove(name));
    }

    /** Truncates {@code set} (every set when empty) before {@code beforeMillis}; completes once every partition did. */
    public static CompletableFuture<Void> truncate(NamespaceService ns, String set, long beforeMillis) {
        return ns.control(Control.truncate(set, beforeMillis), TIMEOUT);
    }
}
