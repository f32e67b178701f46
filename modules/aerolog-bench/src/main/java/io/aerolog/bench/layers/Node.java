package io.aerolog.bench.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmarks ask a running node over HTTP: where its Kafka is and how its namespaces are
 * partitioned ({@code /v1/info}), how many commands it has applied ({@code /metrics}), and whether a
 * key reads. One keep-alive connection, used by one caller at a time.
 */
public final class Node {
    public static final String APPLIED = "aerolog_commands_applied_total";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Node(String url) {
        this.base = url.replaceAll("/+$", "");
    }

    String base() {
        return base;
    }

    /**
     * The node's Kafka bootstrap servers, its namespaces' partition counts and the host:port of its
     * Aerospike wire protocol (null when it has none).
     */
    public record Info(String kafka, Map<String, Integer> partitions, String aerospike) {
        static Info parse(String json) throws IOException {
            JsonNode root = JSON.readTree(json);
            Map<String, Integer> partitions = new LinkedHashMap<>();
            for (JsonNode ns : root.path("namespaces")) {
                partitions.put(ns.path("name").asText(), ns.path("partitions").asInt());
            }
            return new Info(root.path("kafka").asText(null), partitions, root.path("aerospike").asText(null));
        }
    }

    public Info info() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/v1/info");
        if (r.statusCode() != 200) {
            throw new IOException("GET " + base + "/v1/info answered " + r.statusCode() + " " + r.body());
        }
        return Info.parse(r.body());
    }

    /** The namespace's commands applied so far, summed over result codes; /metrics answering 500 now and then is retried. */
    public double applied(String namespace) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = get("/metrics");
            if (r.statusCode() == 200) {
                return sumCounter(r.body(), APPLIED, namespace);
            }
            if (attempt == 10) {
                throw new IOException("GET " + base + "/metrics answered " + r.statusCode() + " " + attempt + " times");
            }
            Thread.sleep(100);
        }
    }

    /** The node JVM's garbage-collection pauses so far: how many, and their total seconds. */
    public record GcPauses(long count, double seconds) {
        /** Micrometer's {@code jvm_gc_pause_seconds} count and sum in a /metrics answer, over every collector and cause. */
        static GcPauses parse(String exposition) {
            return new GcPauses((long) sumSamples(exposition, "jvm_gc_pause_seconds_count", ""),
                    sumSamples(exposition, "jvm_gc_pause_seconds_sum", ""));
        }

        /** The pauses between {@code earlier} and this. */
        public GcPauses since(GcPauses earlier) {
            return new GcPauses(count - earlier.count, seconds - earlier.seconds);
        }

        /** Says how many pauses, how long each on average and in all, over {@code writes} writes. */
        public String describe(long writes) {
            if (count == 0) {
                return "no GC pause";
            }
            return String.format(java.util.Locale.ROOT, "%d GC pauses (one per %d writes), %.1f ms each on average, "
                    + "%.0f ms in all", count, writes / count, seconds * 1000 / count, seconds * 1000);
        }
    }

    /** The node's GC pauses so far, from Micrometer's {@code jvm_gc_pause_seconds} in /metrics. */
    GcPauses gcPauses() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new IOException("GET " + base + "/metrics answered " + r.statusCode());
        }
        return GcPauses.parse(r.body());
    }

    /** Sums a Prometheus counter's samples whose labels include {@code namespace="<namespace>"}. */
    public static double sumCounter(String exposition, String metric, String namespace) {
        return sumSamples(exposition, metric, "namespace=\"" + namespace + "\"");
    }

    /** Sums a Prometheus metric's samples whose labels include {@code label} (every sample when it is empty). */
    static double sumSamples(String exposition, String metric, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return sum;
    }

    /** The status of {@code GET path}; an IOException (no node listening yet) propagates. */
    int status(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** The path of a record, {@code /v1/kvs/{ns}/{set}/{key}}. */
    static String kvs(String namespace, String set, String key) {
        return "/v1/kvs/" + enc(namespace) + "/" + enc(set) + "/" + enc(key);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
