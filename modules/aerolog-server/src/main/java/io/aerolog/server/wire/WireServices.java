package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.udf.UdfModules;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of the wire listener shares: the namespaces, the info commands, the metrics,
 * the byte budget of requests in flight, the pool that serves batch reads off the event loops, the scans'
 * pool and bound, the listener's limits, and the cluster's UDF modules (null where the node serves none).
 */
record WireServices(Map<String, NamespaceService> namespaces, InfoCommands info, WireMetrics metrics,
                    InflightBudget budget, ExecutorService batchReads, ScanPool scans, Limits limits, UdfModules udfs) {

    /**
     * A connection's limits: requests decoded and waiting behind the one being served (past this it stops
     * reading), and the largest request an inflated compressed frame may be.
     */
    record Limits(int maxWaitingRequests, int maxFrameBytes) {
    }

    NamespaceService namespace(String name) {
        NamespaceService ns = name == null ? null : namespaces.get(name);
        if (ns == null) {
            throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + name
                    + "' is not configured on this node (it has " + namespaces.keySet() + ")");
        }
        return ns;
    }

    /** How long a request of {@code ns} may wait: the node's write timeout, or the client's total timeout when shorter. */
    static Duration timeout(NamespaceService ns, Request r) {
        Duration node = ns.writeTimeout();
        return r.timeoutMillis() > 0 && r.timeoutMillis() < node.toMillis() ? Duration.ofMillis(r.timeoutMillis()) : node;
    }
}
