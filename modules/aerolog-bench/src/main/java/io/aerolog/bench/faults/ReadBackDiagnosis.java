package io.aerolog.bench.faults;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.InfoPolicy;
import com.aerospike.client.policy.Policy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why acknowledged records could not be read back: for each Kafka partition of an unreadable key, which node the
 * reading client's partition map names and that node's partition generation as the client last saw it, what each
 * node claims in {@code replicas} with its {@code partition-generation} now, which node Kafka Streams' metadata
 * on each node names active, and whether a fresh client (a map built now) reads the key. Tells a stale client
 * map (nobody's claim moved it) from a node that claims what it refuses.
 */
final class ReadBackDiagnosis {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadBackDiagnosis() {
    }

    /** One line per Kafka partition among {@code keys} (at most one key each), for the report's details. */
    static List<String> explain(AerospikeClient client, Target target, String namespace, int kafkaPartitions,
                                List<Key> keys) {
        Map<Integer, Key> byPartition = new LinkedHashMap<>();
        for (Key key : keys) {
            byPartition.putIfAbsent(Partition.getPartitionId(key.digest) % kafkaPartitions, key);
        }
        List<String> lines = new ArrayList<>();
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String n : target.nodes()) {
            views.put(n, clusterView(target.http(n)));
        }
        Map<String, String[]> claims = new LinkedHashMap<>();
        InfoPolicy ip = new InfoPolicy();
        ip.timeout = 5_000;
        for (Node node : client.getNodes()) {
            try {
                Map<String, String> info = Info.request(ip, node, "partition-generation", "replicas");
                claims.put(node.getName(), new String[] {info.get("partition-generation"), info.get("replicas")});
            } catch (AerospikeException e) {
                claims.put(node.getName(), new String[] {"?", e.getMessage()});
            }
        }
        ClientPolicy fresh = new ClientPolicy();
        fresh.timeout = 10_000;
        try (AerospikeClient second = new AerospikeClient(fresh, target.aerospikeHosts())) {
            byPartition.forEach((k, key) -> lines.add(line(client, second, namespace, k, key, claims, views)));
        } catch (AerospikeException e) {
            lines.add("diagnosis: a fresh client could not connect: " + e.getMessage());
        }
        return lines;
    }

    private static String line(AerospikeClient client, AerospikeClient fresh, String namespace, int k, Key key,
                               Map<String, String[]> claims, Map<String, JsonNode> views) {
        int pid = Partition.getPartitionId(key.digest);
        StringBuilder s = new StringBuilder("diagnosis of partition ").append(k).append(" (key ").append(key.userKey)
                .append(", Aerospike partition ").append(pid).append("): the reading client maps ");
        Partitions parts = client.getCluster().partitionMap.get(namespace);
        Node mapped = parts == null ? null : parts.replicas[0].get(pid);
        s.append(mapped == null ? "nobody" : mapped.getName() + (mapped.isActive() ? "" : " (inactive)") + " at gen "
                + mapped.getPartitionGeneration());
        s.append("; replicas claims now:");
        claims.forEach((name, c) -> s.append(' ').append(name).append(claims(c[1], namespace, pid) ? "=yes" : "=no")
                .append("@gen ").append(c[0]));
        s.append("; streams metadata's active:");
        views.forEach((name, v) -> {
            JsonNode ns = v.path("namespaces").path(namespace);
            s.append(' ').append(name).append(" says ").append(ns.path("partitionMap").path(String.valueOf(k))
                    .path("active").asText("none")).append(" (").append(ns.path("state").asText("?")).append(')');
        });
        Policy p = new Policy();
        p.totalTimeout = 5_000;
        try {
            fresh.get(p, key);
            s.append("; a fresh client reads it");
        } catch (AerospikeException e) {
            s.append("; a fresh client fails too: ").append(e.getMessage());
        }
        return s.toString();
    }

    /** Whether {@code replicas} ({@code ns:regime,count,bitmap;...}) sets the bit of {@code pid} for {@code namespace}. */
    private static boolean claims(String replicas, String namespace, int pid) {
        if (replicas == null) {
            return false;
        }
        for (String part : replicas.split(";")) {
            if (part.startsWith(namespace + ":")) {
                String[] fields = part.substring(namespace.length() + 1).split(",");
                try {
                    byte[] bits = Base64.getDecoder().decode(fields[fields.length - 1]);
                    return (bits[pid >> 3] & (0x80 >>> (pid & 7))) != 0;
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static JsonNode clusterView(URI http) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/v1/cluster"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
