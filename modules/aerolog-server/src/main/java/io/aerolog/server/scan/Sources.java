package io.aerolog.server.scan;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.server.namespace.NamespaceService;

/** What a scan or query reads in each partition: the record store for a scan, a secondary index for a query. */
public final class Sources {
    private Sources() {
    }

    public static SourceFactory of(NamespaceService ns, ScanSpec spec) {
        int n = ns.config().partitions();
        if (spec.index() == null) {
            return (active, parts, now) -> new RecordScan(active.store(), parts, active.partition(), n, spec.set(), now,
                    TruncateTimes.NONE);
        }
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "secondary-index queries are not served yet");
    }
}
