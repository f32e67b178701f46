package io.aerolog.server.wire;

import io.aerolog.core.Digest;
import io.aerolog.core.PartitionMap;
import io.aerolog.server.namespace.NamespaceService;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
     * of 4.9 or later), so it is announced although scans answer UNSUPPORTED_FEATURE; "batch-any" tells
     * clients to send batches in the newer form, with writes, deletes and operations per key.
     */
    static final String FEATURES = "pscans;float;peers;batch-any;batch-index;replicas;cdt-list;cdt-map;blob-bits";

    private final Map<String, NamespaceService> namespaces;
    private final String nodeName;
    private final String service;
    private final int port;
    private final Supplier<List<Peer>> peers;
    /** Whether the Aerospike port speaks TLS: the service and peers are then announced as TLS ones only. */
    private final boolean tls;
    /** The largest info request answered, in bytes, and the most names one may ask. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int MAX_NAMES = 256;
    /** The largest answer built; names past it answer an error instead of their value. */
    static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;

    /** What earlier answers saw, so generations move only when what they count changes; replaced whole. */
    private record Seen(Map<String, byte[]> bitmaps, int partitionGeneration, boolean started, List<Peer> peers,
                        int peersGeneration) {
    }

    private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(Map.of(), 0, false, List.of(), 1));

    InfoCommands(Map<String, NamespaceService> namespaces, String nodeName, String host, int port,
                 Supplier<List<Peer>> peers) {
        this(namespaces, nodeName, host, port, peers, false);
    }

    InfoCommands(Map<String, NamespaceService> namespaces, String nodeName, String host, int port,
                 Supplier<List<Peer>> peers, boolean tls) {
        this.namespaces = namespaces;
        this.nodeName = nodeName;
        this.service = host + ":" + port;
        this.port = port;
        this.peers = peers;
        this.tls = tls;
    }

    /**
     * Answers every name of {@code request} (one per line); an empty request gets the node's summary.
     * Lock-free: any number of connections ask at once. Bounded: a request over {@value #MAX_REQUEST_BYTES}
     * bytes or {@value #MAX_NAMES} names, and names past {@value #MAX_ANSWER_CHARS} characters of answer,
     * are answered with an error instead.
     */
    String answer(String request) {
        if (request.length() > MAX_REQUEST_BYTES) {
            return "ERROR:4:the info request is over " + MAX_REQUEST_BYTES + " bytes\n";
        }
        StringBuilder out = new StringBuilder();
        String[] names = request.isBlank() ? new String[] {"node", "build", "version", "edition", "features"}
                : request.split("\n", MAX_NAMES + 1);
        int n = 0;
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (++n > MAX_NAMES) {
                out.append("ERROR:4:at most ").append(MAX_NAMES).append(" names per info request\n");
                break;
            }
            if (out.length() > MAX_ANSWER_CHARS) {
                out.append(name).append("\tERROR:4:the answer is over ").append(MAX_ANSWER_CHARS)
                        .append(" characters: ask fewer names at once\n");
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
            case "peers-generation" -> Integer.toString(peers().peersGeneration());
            // a port is either clear or TLS: the other kind's service and peers are empty
            case "peers-clear-std", "peers-clear-alt" -> tls ? peers().peersGeneration() + "," + port + ",[]"
                    : peersList();
            case "peers-tls-std", "peers-tls-alt" -> tls ? peersList() : peers().peersGeneration() + "," + port + ",[]";
            case "service", "service-clear-std", "service-clear-alt" -> tls ? "" : service;
            case "service-tls-std", "service-tls-alt" -> tls ? service : "";
            case "services", "services-alumni" -> "";
            case "statistics" -> "cluster_size=" + (peers().peers().size() + 1);
            default -> name.startsWith("namespace/") ? namespaceInfo(name.substring("namespace/".length()))
                    : "ERROR::unrecognized command";
        };
    }

    /** -1 until every namespace has run once (its stores restored), then a number that moves with ownership. */
    private int partitionGeneration() {
        while (true) {
            Seen before = seen.get();
            boolean started = before.started()
                    || namespaces.values().stream().allMatch(ns -> ns.state() == KafkaStreams.State.RUNNING);
            if (!started) {
                return -1;
            }
            Map<String, byte[]> now = new HashMap<>();
            int generation = before.partitionGeneration();
            for (Map.Entry<String, NamespaceService> ns : namespaces.entrySet()) {
                byte[] bits = bitmap(ns.getValue());
                now.put(ns.getKey(), bits);
                byte[] was = before.bitmaps().get(ns.getKey());
                if (was == null || !Arrays.equals(was, bits)) {
                    generation++;
                }
            }
            Seen after = new Seen(Map.copyOf(now), generation, true, before.peers(), before.peersGeneration());
            if (seen.compareAndSet(before, after)) {
                return generation;
            }
        }
    }

    /** One bit per Aerospike partition, high bit first, set where this node serves the partition's writes. */
    static byte[] bitmap(NamespaceService ns) {
        int kafkaPartitions = ns.config().partitions();
        boolean[] served = new boolean[kafkaPartitions];
        for (int k = 0; k < kafkaPartitions; k++) {
            served[k] = ns.router().mastersHere(k);
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

    /** The peers and their generation, which moves whenever the list of peers does. */
    private Seen peers() {
        while (true) {
            Seen before = seen.get();
            List<Peer> now = peers.get();
            if (now.equals(before.peers())) {
                return before;
            }
            Seen after = new Seen(before.bitmaps(), before.partitionGeneration(), before.started(), now,
                    before.peersGeneration() + 1);
            if (seen.compareAndSet(before, after)) {
                return after;
            }
        }
    }

    private String peersList() {
        Seen known = peers();
        List<Peer> list = known.peers();
        StringBuilder out = new StringBuilder().append(known.peersGeneration()).append(',').append(port).append(",[");
        for (int i = 0; i < list.size(); i++) {
            Peer peer = list.get(i);
            if (i > 0) {
                out.append(',');
            }
            String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
            out.append('[').append(peer.nodeName()).append(',')
                    .append(tls && peer.tlsName() != null ? peer.tlsName() : "").append(",[").append(host).append(':')
                    .append(peer.port()).append("]]");
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
