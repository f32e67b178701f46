package io.aerolog.server.namespace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Who serves each Kafka partition of a namespace: the node (advertised HTTP address) with the active
 * task, and those with standby replicas. {@code generation} is a fingerprint of the whole map: equal
 * maps have equal generations on every node, and it changes whenever the map changes.
 */
public record PartitionOwners(Map<Integer, Owner> partitions, long generation) {
    /** The serving nodes of one partition. */
    public record Owner(String active, List<String> standbys) {
        public Owner {
            standbys = List.copyOf(standbys);
        }
    }

    public static PartitionOwners of(Map<Integer, Owner> partitions) {
        TreeMap<Integer, Owner> sorted = new TreeMap<>(partitions);
        CRC32 crc = new CRC32();
        sorted.forEach((p, o) -> crc.update((p + "=" + o.active() + "/" + String.join(",", o.standbys().stream()
                .sorted().toList()) + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new PartitionOwners(java.util.Collections.unmodifiableMap(sorted), crc.getValue());
    }

    /** The active node of {@code partition}, or null when none is known (e.g. during a rebalance). */
    public String activeOf(int partition) {
        Owner o = partitions.get(partition);
        return o == null ? null : o.active();
    }

    /** True when {@code node} holds {@code partition}, actively or as a standby. */
    public boolean holds(String node, int partition) {
        Owner o = partitions.get(partition);
        return o != null && (node.equals(o.active()) || o.standbys().contains(node));
    }

    /** Every node that serves some partition. */
    public List<String> nodes() {
        java.util.TreeSet<String> nodes = new java.util.TreeSet<>();
        partitions.values().forEach(o -> {
            if (o.active() != null) {
                nodes.add(o.active());
            }
            nodes.addAll(o.standbys());
        });
        return List.copyOf(nodes);
    }
}
