package io.aerolog.server.wire;

import io.aerolog.core.Digest;
import io.aerolog.core.PartitionMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What a node tells of the cluster, in the shapes of Aerospike's service list and partition map
 * (service_list.c, partition.c): its name and service address, its peers and their generation, which of
 * the 4,096 Aerospike partitions of each namespace it masters (those whose Kafka partition's active task
 * runs here), a generation that moves whenever that does, and the cluster's size, key and principal.
 * Lock-free: generations move by compare-and-set of what earlier answers saw.
 */
final class ClusterInfo {
    /** What earlier answers saw, so generations move only when what they count changes; replaced whole. */
    private record Seen(Map<String, byte[]> bitmaps, int partitionGeneration, List<Peer> peers, int peersGeneration) {
    }

    private final Map<String, InfoNamespace> namespaces;
    private final String nodeName;
    private final String service;
    private final int port;
    private final Supplier<List<Peer>> peers;
    private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(Map.of(), 0, List.of(), 1));

    ClusterInfo(Map<String, InfoNamespace> namespaces, String nodeName, String host, int port,
                Supplier<List<Peer>> peers) {
        this.namespaces = namespaces;
        this.nodeName = nodeName;
        this.service = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.port = port;
        this.peers = peers;
    }

    String nodeName() {
        return nodeName;
    }

    /** This node's service address, {@code host:port}. */
    String service() {
        return service;
    }

    /** The cluster's name, which clients may check ({@code ClientPolicy.clusterName}). */
    String clusterName() {
        return namespaces.values().iterator().next().cluster();
    }

    /** -1 until every namespace has run once (its stores restored), then a number that moves with ownership. */
    int partitionGeneration() {
        if (!namespaces.values().stream().allMatch(InfoNamespace::hasRun)) {
            return -1;
        }
        while (true) {
            Seen before = seen.get();
            Map<String, byte[]> now = new HashMap<>();
            int generation = before.partitionGeneration();
            for (Map.Entry<String, InfoNamespace> ns : namespaces.entrySet()) {
                byte[] bits = bitmap(ns.getValue());
                now.put(ns.getKey(), bits);
                byte[] was = before.bitmaps().get(ns.getKey());
                if (was == null || !Arrays.equals(was, bits)) {
                    generation++;
                }
            }
            Seen after = new Seen(Map.copyOf(now), generation, before.peers(), before.peersGeneration());
            if (seen.compareAndSet(before, after)) {
                return generation;
            }
        }
    }

    /** Whether every namespace's stream processing runs now (none restoring or rebalancing). */
    boolean allRunning() {
        return namespaces.values().stream().allMatch(InfoNamespace::running);
    }

    /** One bit per Aerospike partition, high bit first, set where this node serves the partition's writes. */
    static byte[] bitmap(InfoNamespace ns) {
        int kafkaPartitions = ns.config().partitions();
        boolean[] served = new boolean[kafkaPartitions];
        for (int k = 0; k < kafkaPartitions; k++) {
            served[k] = ns.mastersHere(k);
        }
        byte[] bits = new byte[Digest.PARTITIONS / 8];
        for (int p = 0; p < Digest.PARTITIONS; p++) {
            if (served[PartitionMap.kafkaPartition(p, kafkaPartitions)]) {
                bits[p >> 3] |= (byte) (0x80 >>> (p & 7));
            }
        }
        return bits;
    }

    /**
     * {@code replicas} ({@code ns:regime,1,map;...}), {@code replicas-all} ({@code ns:1,map;...}) or
     * {@code replicas-master} ({@code ns:map;...}): one column, the partitions this node masters.
     */
    void replicas(InfoText out, boolean regime, boolean count) {
        for (Map.Entry<String, InfoNamespace> ns : namespaces.entrySet()) {
            out.text(ns.getKey()).text(':');
            if (regime) {
                out.text("0,");
            }
            if (count) {
                out.text("1,");
            }
            out.text(Base64.getEncoder().encodeToString(bitmap(ns.getValue()))).text(';');
        }
        out.chomp();
    }

    /** The peers and their generation, which moves whenever the list of peers does. */
    private Seen peers() {
        while (true) {
            Seen before = seen.get();
            List<Peer> now = peers.get();
            if (now.equals(before.peers())) {
                return before;
            }
            Seen after = new Seen(before.bitmaps(), before.partitionGeneration(), now, before.peersGeneration() + 1);
            if (seen.compareAndSet(before, after)) {
                return after;
            }
        }
    }

    int peersGeneration() {
        return peers().peersGeneration();
    }

    /**
     * {@code peers-clear-std} and the like: {@code generation,default-port,[[node,tls-name,[host:port]],...]};
     * {@code none}: with no peers (the kind of port this node does not have), {@code tlsNames}:
     * with the name each peer's certificate carries.
     */
    void peersList(InfoText out, boolean none, boolean tlsNames) {
        Seen known = peers();
        out.text(known.peersGeneration()).text(',').text(port).text(",[");
        List<Peer> list = none ? List.of() : known.peers();
        for (int i = 0; i < list.size(); i++) {
            Peer peer = list.get(i);
            if (i > 0) {
                out.text(',');
            }
            String tlsName = tlsNames && peer.tlsName() != null ? peer.tlsName() : "";
            out.text('[').text(peer.nodeName()).text(',').text(tlsName).text(",[").text(address(peer)).text("]]");
        }
        out.text(']');
    }

    /** {@code services}: the peers' service addresses, {@code host:port;host:port}. */
    void services(InfoText out) {
        for (Peer peer : peers().peers()) {
            out.text(address(peer)).text(';');
        }
        out.chomp(';');
    }

    /** The nodes in the cluster: this one and its peers. */
    int clusterSize() {
        return peers().peers().size() + 1;
    }

    /**
     * The cluster's key: equal on nodes that see the same members, and different for other members (Aerospike
     * draws a new random key at every cluster change; this is a hash of the members' names).
     */
    long clusterKey() {
        long h = 0xcbf29ce484222325L;
        for (String member : members()) {
            for (byte b : (member + "\n").getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xFF)) * 0x100000001b3L;
            }
        }
        return h == 0 ? 1 : h;
    }

    /** The member every node names the principal: the greatest node name (Aerospike: the greatest node id). */
    String principal() {
        List<String> members = members();
        return members.get(members.size() - 1);
    }

    private List<String> members() {
        List<String> members = new ArrayList<>();
        members.add(nodeName);
        peers().peers().forEach(p -> members.add(p.nodeName()));
        members.sort(null);
        return members;
    }

    private static String address(Peer peer) {
        String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
        return host + ":" + peer.port();
    }
}
