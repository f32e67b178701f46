package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.PartitionMap;
import io.aerolog.core.ResultCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster's partition map as {@code GET /v1/cluster} answers it: the cluster's name, the node that
 * answered ({@code http}, its advertised address), every node, and per namespace its Kafka partitions,
 * replication factor, stream state, map generation and, per partition, the active node and the standbys.
 *
 * <pre>{"cluster": "local", "node": "node-1", "http": "127.0.0.1:8080", "nodes": ["127.0.0.1:8080"],
 *  "namespaces": {"test": {"partitions": 8, "replicationFactor": 1, "state": "RUNNING", "generation": 42,
 *    "partitionMap": {"0": {"active": "127.0.0.1:8080", "standbys": []}, ...}}}}</pre>
 */
public record ClusterView(String cluster, String node, String http, List<String> nodes,
                          Map<String, NamespaceView> namespaces) {
    /** Generation of a namespace whose map did not say one. */
    public static final long UNKNOWN_GENERATION = Long.MIN_VALUE;

    public ClusterView {
        nodes = List.copyOf(nodes);
        namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    }

    /** One namespace's map. */
    public record NamespaceView(int partitions, int replicationFactor, String state, long generation,
                                Map<Integer, Owners> partitionMap) {
        public NamespaceView {
            partitionMap = Collections.unmodifiableMap(new TreeMap<>(partitionMap));
        }

        /** The copies of a partition, active first; empty when the map names none. */
        public List<String> replicas(int partition) {
            Owners o = partitionMap.get(partition);
            if (o == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(1 + o.standbys().size());
            if (o.active() != null) {
                out.add(o.active());
            }
            for (String s : o.standbys()) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }

        /** The active node of {@code partition}, or null when the map names none. */
        public String activeOf(int partition) {
            Owners o = partitionMap.get(partition);
            return o == null ? null : o.active();
        }
    }

    /** The serving nodes of one partition: the active (null when none is known) and the standbys. */
    public record Owners(String active, List<String> standbys) {
        public Owners {
            standbys = List.copyOf(standbys);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("cluster", cluster);
        o.put("node", node);
        o.put("http", http);
        ArrayNode list = o.putArray("nodes");
        nodes.forEach(list::add);
        ObjectNode nsNode = o.putObject("namespaces");
        namespaces.forEach((name, ns) -> {
            ObjectNode n = nsNode.putObject(name);
            n.put("partitions", ns.partitions());
            n.put("replicationFactor", ns.replicationFactor());
            n.put("state", ns.state());
            n.put("generation", ns.generation());
            ObjectNode map = n.putObject("partitionMap");
            ns.partitionMap().forEach((p, owners) -> {
                ObjectNode entry = map.putObject(Integer.toString(p));
                if (owners.active() == null) {
                    entry.putNull("active");
                } else {
                    entry.put("active", owners.active());
                }
                ArrayNode standbys = entry.putArray("standbys");
                owners.standbys().forEach(standbys::add);
            });
        });
        return o;
    }

    /**
     * Reads a cluster answer; {@code from} (host:port) names the node asked, for messages and as the
     * answering node when the answer does not say. A partition's entry may also be a plain
     * {@code "host:port"} (the active only); partitions out of range are ignored; every node named
     * anywhere is among {@link #nodes()}, the answering node first.
     *
     * @throws AerologException PARSE_ERROR when the answer is not a cluster map
     */
    public static ClusterView parse(JsonNode body, String from) {
        if (body == null || !body.isObject() || !body.path("namespaces").isObject()) {
            throw new AerologException(ResultCode.PARSE_ERROR, from + " answered " + RestApi.CLUSTER
                    + " without \"namespaces\": is it an Aerolog node?");
        }
        String self = body.hasNonNull("http") ? body.get("http").asText() : from;
        Set<String> nodes = new LinkedHashSet<>();
        nodes.add(self);
        for (JsonNode n : body.path("nodes")) {
            nodes.add(n.asText());
        }
        Map<String, NamespaceView> namespaces = new LinkedHashMap<>();
        var fields = body.get("namespaces").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            JsonNode ns = f.getValue();
            int partitions = ns.path("partitions").asInt(-1);
            if (!PartitionMap.isValidPartitionCount(partitions)) {
                throw new AerologException(ResultCode.PARSE_ERROR, from + ": namespace '" + f.getKey()
                        + "' has " + ns.path("partitions") + " partitions, not a power of two up to 4096");
            }
            Map<Integer, Owners> map = new TreeMap<>();
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
                Owners owner = null;
                if (entry.isTextual()) {
                    owner = new Owners(entry.textValue(), List.of());
                } else if (entry.isObject()) {
                    List<String> s = new ArrayList<>();
                    for (JsonNode sb : entry.path("standbys")) {
                        s.add(sb.asText());
                    }
                    owner = new Owners(entry.hasNonNull("active") ? entry.get("active").asText() : null, s);
                }
                if (owner != null) {
                    map.put(p, owner);
                    if (owner.active() != null) {
                        nodes.add(owner.active());
                    }
                    nodes.addAll(owner.standbys());
                }
            }
            long generation = ns.has("generation") && ns.get("generation").canConvertToLong()
                    ? ns.get("generation").asLong() : UNKNOWN_GENERATION;
            namespaces.put(f.getKey(), new NamespaceView(partitions, ns.path("replicationFactor").asInt(1),
                    ns.path("state").asText(null), generation, map));
        }
        return new ClusterView(body.path("cluster").asText(null), body.path("node").asText(null), self,
                new ArrayList<>(nodes), namespaces);
    }

    public NamespaceView namespace(String name) {
        return namespaces.get(Objects.requireNonNull(name, "name"));
    }
}
