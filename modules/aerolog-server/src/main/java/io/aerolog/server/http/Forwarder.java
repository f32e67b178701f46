package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.security.PeerHttp;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends a request this node does not serve to the node that does, once, without blocking: the forwarded
 * request is marked, and a node that receives a marked request it cannot serve answers
 * PARTITION_UNAVAILABLE instead of forwarding again, so requests never loop while ownership moves.
 *
 * <p>With access control on, the forwarded request is signed for the user it is served for, which the
 * route's service runs under ({@link #actingFor}): {@link #send} must be called in the thread that runs
 * the service, as the handlers do. A send made elsewhere goes signed for no user, and the owner refuses
 * it (ROLE_VIOLATION) rather than serve it for nobody. With TLS on HTTP, it goes over HTTPS.
 */
final class Forwarder implements AutoCloseable {
    private static final List<String> PASSED_BACK = List.of("Content-Type", RestApi.CONSISTENCY_TOKEN_HEADER,
            RestApi.MAP_GENERATION_HEADER, RestApi.SERVED_BY_HEADER, RestApi.RESULT_CODE_HEADER);

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aerolog-forwarder");
        t.setDaemon(true);
        return t;
    });
    /** The user the current thread serves a request for, while it serves it. */
    private static final ThreadLocal<String> ACTING_FOR = new ThreadLocal<>();

    private final HttpClient http;
    private final Duration timeout;
    private final PeerHttp peers;

    Forwarder(Duration timeout) {
        this(timeout, PeerHttp.PLAIN);
    }

    Forwarder(Duration timeout, PeerHttp peers) {
        this.timeout = timeout;
        this.peers = peers;
        this.http = peers.client().connectTimeout(Duration.ofSeconds(2)).executor(executor).build();
    }

    /** What a service call answers; may throw what the service throws. */
    interface Call<T> {
        T call() throws Exception;
    }

    /** Runs {@code call} (a route's service) as serving {@code user}, whose forwarded requests go signed for it. */
    static <T> T actingFor(String user, Call<T> call) throws Exception {
        String before = ACTING_FOR.get();
        ACTING_FOR.set(user);
        try {
            return call.call();
        } finally {
            if (before == null) {
                ACTING_FOR.remove();
            } else {
                ACTING_FOR.set(before);
            }
        }
    }

    /** The user the current thread serves a request for (null when none), to send for it from another thread. */
    static String actingUser() {
        return ACTING_FOR.get();
    }

    /**
     * Sends {@code method} {@code path?query} with {@code body} (empty for none) to {@code node}, marked
     * forwarded, and completes with its answer as it came. Fails with PARTITION_UNAVAILABLE when the node
     * cannot be reached, TIMEOUT when it does not answer in time (in doubt for a write).
     */
    CompletableFuture<Reply> send(String node, String method, String path, String query, byte[] body, boolean write) {
        String pathAndQuery = path + (query == null || query.isEmpty() ? "" : "?" + query);
        URI uri = peers.uri(node, pathAndQuery);
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri).timeout(timeout)
                .header(RestApi.FORWARDED_HEADER, "true").header("Content-Type", "application/json")
                .method(method, body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        java.net.http.HttpRequest request = peers.authorize(builder, ACTING_FOR.get(), method, pathAndQuery).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null) {
                throw failure(node, Failures.unwrap(error), write);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : PASSED_BACK) {
                response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
            }
            return new Reply(response.statusCode(), headers, response.body(), headers.get("Content-Type"));
        });
    }

    private AerologException failure(String node, Throwable e, boolean write) {
        if (e instanceof ConnectException) {
            return new AerologException(ResultCode.PARTITION_UNAVAILABLE, "the owner " + node
                    + " of this key does not answer; retry shortly (ownership moves within seconds)");
        }
        if (e instanceof HttpTimeoutException) {
            return new AerologException(ResultCode.TIMEOUT, "the owner " + node + " did not answer within "
                    + timeout.toMillis() + " ms" + (write ? "; the write is in doubt" : ""), write, e);
        }
        // the request may have reached the owner: a write is in doubt, and is not one to retry blindly
        return new AerologException(write ? ResultCode.SERVER_ERROR : ResultCode.PARTITION_UNAVAILABLE,
                "forwarding to the owner " + node + " failed: " + e + (write ? "; the write is in doubt" : ""), write, e);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
