package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * Sends a request this node does not serve to the node that does, once: the forwarded request is
 * marked, and a node that receives a marked request it cannot serve answers PARTITION_UNAVAILABLE
 * instead of forwarding again, so requests never loop while ownership moves.
 */
final class Forwarder {
    static final String FORWARDED_HEADER = "X-Aerolog-Forwarded";
    private static final List<String> PASSED_BACK = List.of("Content-Type", HttpApi.TOKEN_HEADER,
            HttpApi.MAP_GENERATION_HEADER, HttpApi.SERVED_BY_HEADER, HttpApi.RESULT_CODE_HEADER);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    Forwarder(Duration timeout) {
        this.timeout = timeout;
    }

    static boolean isForwarded(HttpServerExchange ex) {
        return ex.getRequestHeaders().contains(FORWARDED_HEADER);
    }

    /** Sends a marked batch read of {@code items} (a JSON array) to {@code node}; returns its JSON answer. */
    byte[] batch(String node, String query, byte[] items) throws InterruptedException {
        URI uri = URI.create("http://" + node + "/v1/batch" + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED_HEADER, "true")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(items)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "batch read on " + node
                        + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "batch read on " + node + " failed: " + e);
        }
    }

    /** Forwards the exchange, with {@code body} as its body, to {@code node} and relays the answer. */
    void forward(HttpServerExchange ex, String node, byte[] body, boolean write) throws InterruptedException {
        String query = ex.getQueryString();
        URI uri = URI.create("http://" + node + ex.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(FORWARDED_HEADER, "true")
                .method(ex.getRequestMethod().toString(), body == null || body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HeaderValues type = ex.getRequestHeaders().get("Content-Type");
        if (type != null) {
            request.header("Content-Type", type.getFirst());
        }
        HeaderValues token = ex.getRequestHeaders().get(HttpApi.TOKEN_HEADER);
        if (token != null) {
            request.header(HttpApi.TOKEN_HEADER, token.getFirst());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "the owner " + node
                    + " of this key does not answer; retry shortly (ownership moves within seconds)");
        } catch (HttpTimeoutException e) {
            throw new AerologException(ResultCode.TIMEOUT, "the owner " + node + " did not answer within "
                    + timeout.toMillis() + " ms" + (write ? "; the write is in doubt" : ""), write, e);
        } catch (IOException e) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "forwarding to the owner " + node
                    + " failed: " + e.getMessage() + (write ? "; the write is in doubt" : ""), write, e);
        }
        ex.setStatusCode(response.statusCode());
        for (String name : PASSED_BACK) {
            response.headers().firstValue(name).ifPresent(v -> ex.getResponseHeaders().put(new HttpString(name), v));
        }
        if (response.body().length == 0) {
            ex.endExchange();
        } else {
            ex.getResponseSender().send(ByteBuffer.wrap(response.body()));
        }
    }
}
