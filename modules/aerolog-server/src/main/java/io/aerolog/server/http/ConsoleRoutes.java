package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.server.console.ConsoleAssets;
import io.aerolog.server.console.NodeSummary;
import io.aerolog.server.namespace.NamespaceService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The web console: its static files under {@code /console/} and the JSON its charts poll,
 * {@code GET /v1/console/metrics}: this node's {@link NodeSummary} and, unless {@code scope=node}, every
 * other node's, asked of each in parallel (a node that does not answer within a second is listed with the
 * error, which is how the page shows a node down).
 *
 * <p>Threading and bounds: summaries are computed on one thread of the console's own, with at most
 * {@value #QUEUE} requests waiting (past that DEVICE_OVERLOAD), never on an I/O thread; peers are asked
 * without blocking, at most {@value #MAX_PEERS} of them, each answer at most {@value #MAX_PEER_BODY} bytes.
 */
final class ConsoleRoutes implements AutoCloseable {
    /** The path the console's charts poll. */
    static final String METRICS = "/v1/console/metrics";
    static final int QUEUE = 32;
    static final int MAX_PEERS = 64;
    static final int MAX_PEER_BODY = 1 << 20;
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(1);

    private final ConsoleAssets assets = ConsoleAssets.load();
    private final Namespaces namespaces;
    private final MeterRegistry registry;
    private final Supplier<AdminHandlers.NodeInfo> info;
    private final AdminHandlers admin;
    private final ThreadPoolExecutor summaries = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "aerolog-console");
                t.setDaemon(true);
                return t;
            });
    private final ExecutorService peerThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "aerolog-console-peers");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient peers = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PEER_TIMEOUT).executor(peerThreads).build();

    ConsoleRoutes(Namespaces namespaces, MeterRegistry registry, Supplier<AdminHandlers.NodeInfo> info,
                  AdminHandlers admin) {
        this.namespaces = namespaces;
        this.registry = registry;
        this.info = info;
        this.admin = admin;
    }

    /** {@code /console}: to the console's page, so that its relative links resolve. */
    Reply redirect() {
        return Reply.empty(308, Map.of("Location", "/console/"));
    }

    /** A file of the console ({@code file} empty for its page); 404 for any other name. */
    Reply asset(HttpRequest request) {
        String name = request.param("file");
        ConsoleAssets.Asset asset = assets.get(name == null || name.isEmpty() ? "index.html" : name);
        if (asset == null) {
            return Reply.error(new AerologException(ResultCode.PARAMETER_ERROR, "the console has no file '" + name
                    + "'; open /console/")).withStatus(404);
        }
        return new Reply(200, Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
                asset.body(), asset.contentType());
    }

    /** This node's summary, and the others' unless {@code scope=node}. */
    CompletableFuture<Reply> metrics(HttpRequest request) {
        boolean nodeOnly = "node".equals(request.param("scope"));
        CompletableFuture<ObjectNode> self;
        try {
            self = CompletableFuture.supplyAsync(this::self, summaries);
        } catch (RejectedExecutionException e) {
            throw new AerologException(ResultCode.DEVICE_OVERLOAD, "too many console requests wait; retry in a second");
        }
        if (nodeOnly) {
            return self.thenApply(o -> Reply.json(200, o));
        }
        return self.thenCompose(mine -> {
            List<CompletableFuture<JsonNode>> others = new ArrayList<>();
            for (String peer : peers(mine.path("http").asText())) {
                others.add(ask(peer));
            }
            return CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).thenApply(v -> {
                ObjectNode o = Reply.JSON.createObjectNode();
                o.put("time", mine.path("time").asLong());
                o.put("self", mine.path("http").asText());
                ArrayNode nodes = o.putArray("nodes");
                nodes.add(mine);
                others.forEach(f -> nodes.add(f.join()));
                return Reply.json(200, o);
            });
        });
    }

    private ObjectNode self() {
        AdminHandlers.NodeInfo node = info.get();
        String health = admin.health().status() == 200 ? "UP" : "STARTING";
        return NodeSummary.of(node.node(), node.http(), health, System.currentTimeMillis(), registry, namespaces.all());
    }

    /** The other nodes serving this node's namespaces, as Kafka Streams' metadata names them. */
    private List<String> peers(String self) {
        TreeSet<String> all = new TreeSet<>();
        for (NamespaceService ns : namespaces.all()) {
            all.addAll(ns.router().owners().nodes());
        }
        all.remove(self);
        return all.stream().limit(MAX_PEERS).toList();
    }

    /** A peer's own summary, or {@code {http, health: "UNREACHABLE", error}}; never fails. */
    private CompletableFuture<JsonNode> ask(String peer) {
        java.net.http.HttpRequest request;
        try {
            request = java.net.http.HttpRequest.newBuilder(URI.create("http://" + peer + METRICS + "?scope=node"))
                    .timeout(PEER_TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unreachable(peer, e));
        }
        return peers.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (var in = response.body()) {
                byte[] body = in.readNBytes(MAX_PEER_BODY + 1);
                if (response.statusCode() != 200 || body.length > MAX_PEER_BODY) {
                    throw new IOException("answered " + response.statusCode() + " with " + body.length + " bytes");
                }
                return (JsonNode) Reply.JSON.readTree(body);
            } catch (IOException e) {
                return unreachable(peer, e);
            }
        }).orTimeout(2 * PEER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> unreachable(peer, Failures.unwrap(e)));
    }

    private static JsonNode unreachable(String peer, Throwable e) {
        ObjectNode o = Reply.JSON.createObjectNode();
        o.put("http", peer);
        o.put("health", "UNREACHABLE");
        o.put("error", String.valueOf(e.getMessage() != null ? e.getMessage() : e));
        return o;
    }

    @Override
    public void close() {
        summaries.shutdownNow();
        peerThreads.shutdownNow();
    }
}
