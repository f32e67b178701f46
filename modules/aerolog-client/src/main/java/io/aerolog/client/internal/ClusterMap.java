package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.core.Key;
import io.aerolog.protocol.ClusterView;
import io.aerolog.protocol.Replica;
import java.util.List;
import java.util.Set;

/**
 * One reading of the cluster's partition map ({@link ClusterView}), and where it sends each request.
 * Immutable.
 */
final class ClusterMap {
    static final long UNKNOWN_GENERATION = ClusterView.UNKNOWN_GENERATION;

    private final ClusterView view;

    private ClusterMap(ClusterView view) {
        this.view = view;
    }

    /** Parses a cluster answer; {@code from} (host:port) names the node asked. */
    static ClusterMap parse(JsonNode body, String from) {
        return new ClusterMap(ClusterView.parse(body, from));
    }

    String cluster() {
        return view.cluster();
    }

    /** The node that answered this map, by its advertised HTTP address. */
    String self() {
        return view.http();
    }

    /** Every node the map names, the one that answered first. */
    List<String> nodes() {
        return view.nodes();
    }

    ClusterView.NamespaceView namespace(String name) {
        return view.namespace(name);
    }

    Set<String> namespaceNames() {
        return view.namespaces().keySet();
    }

    /**
     * The node to send attempt {@code attempt} (0 first) of a request on {@code key} to. Writes and
     * {@link Replica#MASTER} reads go to the active; {@link Replica#SEQUENCE} walks active then
     * standbys over the attempts; {@link Replica#ANY} spreads over all copies by {@code spread}.
     * Falls back to the nodes of the map in turn when the namespace or the partition has no owner,
     * so that the node answers (or forwards) itself.
     */
    String route(Key key, Replica replica, int attempt, int spread) {
        ClusterView.NamespaceView ns = view.namespace(key.namespace());
        if (ns != null) {
            int partition = key.digest().kafkaPartition(ns.partitions());
            List<String> copies = ns.replicas(partition);
            if (!copies.isEmpty()) {
                String active = ns.activeOf(partition);
                return switch (replica) {
                    case MASTER -> active != null ? active : copies.get(attempt % copies.size());
                    case SEQUENCE -> copies.get(attempt % copies.size());
                    case ANY -> copies.get(Math.floorMod(spread + attempt, copies.size()));
                };
            }
        }
        List<String> nodes = view.nodes();
        return nodes.get(Math.floorMod(attempt + spread, nodes.size()));
    }
}
