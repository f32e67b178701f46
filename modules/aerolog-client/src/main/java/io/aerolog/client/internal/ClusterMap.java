package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.client.Replica;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.PartitionMap;
import io.aerolog.core.ResultCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reading of {@code GET /v1/cluster}: the nodes, and per namespace its partition count, map
 * generation and, per Kafka partition, the active node and the standbys. Immutable.
 *
 * <p>Accepts both shapes of a partition's entry: {@code "host:port"} (the active only) and
 * {@code {"active": "host:port", "standbys": [...]}}; a namespace without {@code generation} has
 * generation {@link #UNKNOWN_GENERATION}.
 */
final class ClusterMap {
    static final long UNKNOWN_GENERATION = Long.MIN_VALUE;

    /** A namespace's map: the active and the standbys of each partition (null/empty when none). */
    record NamespaceMap(int partitions, String state, long generation, String[] active, List<List<String>> standbys) {
        /** The copies of a partition, active first; empty when the map names none. */
        List<String> replicas(int partition) {
            List<String> out = new ArrayList<>(1 + standbys.get(partition).size());
            if (active[partition] != null) {
                out.add(active[partition]);
            }
            for (String s : standbys.get(partition)) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    private final String cluster;
    private final String self;
    private final List<String> nodes;
    private final Map<String, NamespaceMap> namespaces;

    private ClusterMap(String cluster, String self, List<String> nodes, Map<String, NamespaceMap> namespaces) {
        this.cluster = cluster;
        this.self = self;
        this.nodes = nodes;
        this.namespaces = namespaces;
    }

    /** Parses a cluster answer; {@code from} (host:port) names the node asked, for messages and as a node. */
    static ClusterMap parse(JsonNode body, String from) {
        if (body == null || !body.isObject() || !body.path("namespaces").isObject()) {
            throw new AerologException(ResultCode.PARSE_ERROR, from + " answered /v1/cluster without \"namespaces\":"
                    + " is it an Aerolog node?");
        }
        String self = body.hasNonNull("http") ? body.get("http").asText() : from;
        Set<String> nodes = new LinkedHashSet<>();
        nodes.add(self);
        for (JsonNode n : body.path("nodes")) {
            nodes.add(n.asText());
        }
        Map<String, NamespaceMap> namespaces = new LinkedHashMap<>();
        var fields = body.get("namespaces").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            JsonNode ns = f.getValue();
            int partitions = ns.path("partitions").asInt(-1);
            if (!PartitionMap.isValidPartitionCount(partitions)) {
                throw new AerologException(ResultCode.PARSE_ERROR, from + ": namespace '" + f.getKey()
                        + "' has " + ns.path("partitions") + " partitions, not a power of two up to 4096");
            }
            String[] active = new String[partitions];
            List<List<String>> standbys = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                standbys.add(List.of());
            }
            var owners = ns.path("partitionMap").fields();
            while (owners.hasNext()) {
                var o = owners.next();
                int p;
                try {
                    p = Integer.parseInt(o.getKey());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (p < 0 || p >= partitions) {
                    continue;
                }
                JsonNode entry = o.getValue();
                if (entry.isTextual()) {
                    active[p] = entry.textValue();
                } else if (entry.isObject()) {
                    active[p] = entry.hasNonNull("active") ? entry.get("active").asText() : null;
                    List<String> s = new ArrayList<>();
                    for (JsonNode sb : entry.path("standbys")) {
                        s.add(sb.asText());
                    }
                    standbys.set(p, List.copyOf(s));
                }
                if (active[p] != null) {
                    nodes.add(active[p]);
                }
                nodes.addAll(standbys.get(p));
            }
            long generation = ns.has("generation") && ns.get("generation").canConvertToLong()
                    ? ns.get("generation").asLong() : UNKNOWN_GENERATION;
            namespaces.put(f.getKey(), new NamespaceMap(partitions, ns.path("state").asText(null), generation, active,
                    Collections.unmodifiableList(standbys)));
        }
        return new ClusterMap(body.path("cluster").asText(null), self, List.copyOf(nodes),
                Collections.unmodifiableMap(namespaces));
    }

    String cluster() {
        return cluster;
    }

    /** The node that answered this map, by its advertised HTTP address. */
    String self() {
        return self;
    }

    /** Every node the map names, the one that answered first. */
    List<String> nodes() {
        return nodes;
    }

    NamespaceMap namespace(String name) {
        return namespaces.get(name);
    }

    Set<String> namespaceNames() {
        return namespaces.keySet();
    }

    /**
     * The node to send attempt {@code attempt} (0 first) of a request on {@code key} to. Writes and
     * {@link Replica#MASTER} reads go to the active; {@link Replica#SEQUENCE} walks active then
     * standbys over the attempts; {@link Replica#ANY} spreads over all copies by {@code spread}.
     * Falls back to the nodes of the map in turn when the namespace or the partition has no owner,
     * so that the node answers (or forwards) itself.
     */
    String route(Key key, Replica replica, int attempt, int spread) {
        NamespaceMap ns = namespaces.get(key.namespace());
        if (ns != null) {
            int partition = key.digest().kafkaPartition(ns.partitions());
            List<String> copies = ns.replicas(partition);
            if (!copies.isEmpty()) {
                return switch (replica) {
                    case MASTER -> ns.active()[partition] != null ? ns.active()[partition] : copies.get(attempt % copies.size());
                    case SEQUENCE -> copies.get(attempt % copies.size());
                    case ANY -> copies.get(Math.floorMod(spread + attempt, copies.size()));
                };
            }
        }
        return nodes.get(Math.floorMod(attempt + spread, nodes.size()));
    }
}
