package io.aerolog.server.wire;

import io.aerolog.core.Digest;
import io.aerolog.core.PartitionMap;
import io.aerolog.server.namespace.NamespaceService;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Aerospike's info protocol ("name\n" requests, "name\tvalue\n" answers) as far as clients use it to
 * find the cluster: this node's name, its features, which of the 4,096 Aerospike partitions of each
 * namespace it masters (those whose Kafka partition's active task runs here), a generation that
 * changes whenever that does, and its peers.
 */
final class InfoCommands {
    /**
     * What this node offers. Aerospike's client refuses a node without "pscans" (its test for a server
     * of 4.9 or later), so it is announced although scans answer UNSUPPORTED_FEATURE; "batch-any" is not,
     * so clients send batch reads in the batch-index form and no batch writes.
     */
    static final String FEATURES = "pscans;float;peers;batch-index;replicas";

    private final Map<String, NamespaceService> namespaces;
    private final String nodeName;
    private final String service;
    private final int port;
    private final Supplier<List<Peer>> peers;
    private final Map<String, byte[]> lastBitmaps = new HashMap<>();
    private int partitionGeneration;
    private boolean started;
    private List<Peer> lastPeers = List.of();
    private int peersGeneration = 1;

    InfoCommands(Map<String, NamespaceService> namespaces, String nodeName, String host, int port,
                 Supplier<List<Peer>> peers) {
        this.namespaces = namespaces;
        this.nodeName = nodeName;
        this.service = host + ":" + port;
        this.port = port;
        this.peers = peers;
    }

    /** Answers every name of {@code request} (one per line); an empty request gets the node's summary. */
    synchronized String answer(String request) {
        StringBuilder out = new StringBuilder();
        String[] names = request.isBlank() ? new String[] {"node", "build", "version", "edition", "features"}
                : request.split("\n");
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            out.append(name).append('\t').append(value(name)).append('\n');
        }
        return out.toString();
    }

    private String value(String name) {
        return switch (name) {
            case "node" -> nodeName;
            case "features" -> FEATURES;
            case "build" -> "8.0.0";
            case "version" -> "Aerolog 0.1.0 (Aerospike wire protocol)";
            case "edition" -> "Aerolog";
            case "cluster-name" -> "aerolog";
            case "namespaces" -> String.join(";", namespaces.keySet());
            case "partition-generation" -> Integer.toString(partitionGeneration());
            case "replicas", "replicas-all" -> replicas(name.equals("replicas"));
            case "peers-generation" -> Integer.toString(peersGeneration());
            case "peers-clear-std", "peers-clear-alt" -> peersList();
            case "peers-tls-std", "peers-tls-alt" -> "0," + port + ",[]";
            case "service", "service-clear-std", "service-clear-alt" -> service;
            case "services", "services-alumni", "service-tls-std", "service-tls-alt" -> "";
            case "statistics" -> "cluster_size=" + (lastPeers.size() + 1);
            default -> name.startsWith("namespace/") ? namespaceInfo(name.substring("namespace/".length()))
                    : "ERROR::unrecognized command";
        };
    }

    /** -1 until every namespace has run once (its stores restored), then a number that moves with ownership. */
    private int partitionGeneration() {
        if (!started) {
            started = namespaces.values().stream().allMatch(ns -> ns.state() == KafkaStreams.State.RUNNING);
            if (!started) {
                return -1;
            }
        }
        for (Map.Entry<String, NamespaceService> ns : namespaces.entrySet()) {
            byte[] now = bitmap(ns.getValue());
            byte[] before = lastBitmaps.put(ns.getKey(), now);
            if (before == null || !Arrays.equals(before, now)) {
                partitionGeneration++;
            }
        }
        return partitionGeneration;
    }

    /** One bit per Aerospike partition, high bit first, set where this node serves the partition's writes. */
    static byte[] bitmap(NamespaceService ns) {
        int kafkaPartitions = ns.config().partitions();
        boolean[] served = new boolean[kafkaPartitions];
        for (int k = 0; k < kafkaPartitions; k++) {
            served[k] = ns.servesActive(k);
        }
        byte[] bits = new byte[Digest.PARTITIONS / 8];
        for (int p = 0; p < Digest.PARTITIONS; p++) {
            if (served[PartitionMap.kafkaPartition(p, kafkaPartitions)]) {
                bits[p >> 3] |= (byte) (0x80 >>> (p & 7));
            }
        }
        return bits;
    }

    private String replicas(boolean withRegime) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, NamespaceService> ns : namespaces.entrySet()) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(ns.getKey()).append(':');
            if (withRegime) {
                out.append("0,");
            }
            out.append("1,").append(Base64.getEncoder().encodeToString(bitmap(ns.getValue())));
        }
        return out.toString();
    }

    private int peersGeneration() {
        List<Peer> now = peers.get();
        if (!now.equals(lastPeers)) {
            lastPeers = now;
            peersGeneration++;
        }
        return peersGeneration;
    }

    private String peersList() {
        int generation = peersGeneration();
        StringBuilder out = new StringBuilder().append(generation).append(',').append(port).append(",[");
        for (int i = 0; i < lastPeers.size(); i++) {
            Peer peer = lastPeers.get(i);
            if (i > 0) {
                out.append(',');
            }
            String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
            out.append('[').append(peer.nodeName()).append(",,[").append(host).append(':').append(peer.port())
                    .append("]]");
        }
        return out.append(']').toString();
    }

    private String namespaceInfo(String name) {
        NamespaceService ns = namespaces.get(name);
        if (ns == null) {
            return "ERROR::namespace not found";
        }
        return "replication-factor=" + ns.config().replicationFactor() + ";default-ttl=" + ns.config().defaultTtlSeconds()
                + ";partitions=" + ns.config().partitions() + ";storage-engine="
                + ns.config().storage().name().toLowerCase(java.util.Locale.ROOT)
                + ";max-record-size=" + ns.config().maxRecordSize();
    }
}
