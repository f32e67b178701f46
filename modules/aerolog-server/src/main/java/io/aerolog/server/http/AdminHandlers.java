package io.aerolog.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.protocol.ClusterView;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.PartitionOwners;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The node's own requests: the cluster's partition map ({@code /v1/cluster}), this node
 * ({@code /v1/info}), its health and its metrics.
 */
final class AdminHandlers {
    /**
     * What a node says of itself: cluster, node id, Kafka, HTTP and Aerospike addresses, and the TLS name of
     * its Aerospike port (null without TLS).
     */
    record NodeInfo(String cluster, String node, String kafka, String http, String aerospike, String aerospikeTlsName) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cluster", cluster);
            m.put("node", node);
            m.put("kafka", kafka);
            m.put("http", http);
            if (aerospike != null) {
                m.put("aerospike", aerospike);
            }
            if (aerospikeTlsName != null) {
                m.put("aerospikeTlsName", aerospikeTlsName);
            }
            return m;
        }
    }

    private final Namespaces namespaces;
    private final PrometheusMeterRegistry registry;
    private final Supplier<NodeInfo> info;

    AdminHandlers(Namespaces namespaces, PrometheusMeterRegistry registry, Supplier<NodeInfo> info) {
        this.namespaces = namespaces;
        this.registry = registry;
        this.info = info;
    }

    Reply cluster() {
        NodeInfo node = info.get();
        TreeSet<String> nodes = new TreeSet<>();
        Map<String, ClusterView.NamespaceView> views = new LinkedHashMap<>();
        for (NamespaceService ns : namespaces.all()) {
            PartitionOwners owners = ns.router().owners();
            nodes.addAll(owners.nodes());
            Map<Integer, ClusterView.Owners> map = new LinkedHashMap<>();
            owners.partitions().forEach((p, o) -> map.put(p, new ClusterView.Owners(o.active(), o.standbys())));
            views.put(ns.config().name(), new ClusterView.NamespaceView(ns.config().partitions(),
                    ns.config().replicationFactor(), ns.state().name(), owners.generation(), map));
        }
        return Reply.json(200, new ClusterView(node.cluster(), node.node(), node.http(), new java.util.ArrayList<>(nodes),
                views).toJson());
    }

    Reply info() {
        ObjectNode o = Reply.JSON.valueToTree(info.get().asMap());
        ArrayNode list = o.putArray("namespaces");
        for (NamespaceService ns : namespaces.all()) {
            list.add(Reply.JSON.valueToTree(ns.config()));
        }
        return Reply.json(200, o);
    }

    /**
     * UP (200) once every namespace runs and every partition served here has applied its log up to the end
     * it had when it started here (so a read right after UP sees every acknowledged write), else STARTING
     * (503) with each namespace's state, and the partitions still catching up. Cheap: answered on the I/O thread.
     */
    Reply health() {
        ObjectNode o = Reply.JSON.createObjectNode();
        boolean up = true;
        for (NamespaceService ns : namespaces.all()) {
            java.util.List<Integer> catchingUp = ns.router().catchingUp();
            boolean running = ns.state() == KafkaStreams.State.RUNNING;
            o.put(ns.config().name(), running && !catchingUp.isEmpty() ? "CATCHING_UP" : ns.state().name());
            if (!catchingUp.isEmpty()) {
                catchingUp.forEach(o.putArray(ns.config().name() + ".catchingUp")::add);
            }
            up &= running && catchingUp.isEmpty();
        }
        o.put("status", up ? "UP" : "STARTING");
        return Reply.json(up ? 200 : 503, o);
    }

    Reply metrics() {
        return new Reply(200, Map.of(), registry.scrape().getBytes(StandardCharsets.UTF_8),
                "text/plain; version=0.0.4; charset=utf-8");
    }
}
