package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Control;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.Failures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Appends a control command to every partition of a namespace and completes once every partition has applied
 * it, wherever it is mastered: a partition mastered here is awaited on this node's log; one mastered elsewhere
 * is asked over its owner's HTTP API with a read that carries the command's consistency token (the owner
 * answers once it has applied it; the control command's key holds no record, so the answer is "not found").
 * A partition that is moving is asked again until the deadline.
 */
final class ControlBroadcast {
    private final NamespaceService ns;
    private final HttpClient http;

    ControlBroadcast(NamespaceService ns) {
        this.ns = ns;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    CompletableFuture<Void> apply(Control control, Duration timeout) {
        long time = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (int k = 0; k < ns.config().partitions(); k++) {
            Command command = Command.control(ns.config().name(), k, control, time);
            applied.add(ns.log().append(command).thenCompose(token -> appliedAt(token, deadline)));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> appliedAt(ConsistencyToken token, long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return CompletableFuture.failedFuture(new AerologException(ResultCode.TIMEOUT, "partition "
                    + token.partition() + " has not applied the command in time; it applies it when it can", true, null));
        }
        Route route = ns.router().write(token.partition());
        CompletableFuture<Void> attempt;
        if (route instanceof Route.Active) {
            attempt = ns.log().reached(token, Duration.ofMillis(left));
        } else if (route instanceof Route.Remote remote) {
            attempt = askOwner(remote.node(), token, left);
        } else {
            attempt = CompletableFuture.failedFuture(new AerologException(ResultCode.PARTITION_UNAVAILABLE, "moving"));
        }
        return attempt.exceptionallyCompose(e -> {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof AerologException a && a.resultCode() == ResultCode.PARAMETER_ERROR) {
                return CompletableFuture.failedFuture(cause);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                    .thenCompose(v -> appliedAt(token, deadline));
        });
    }

    private CompletableFuture<Void> askOwner(String node, ConsistencyToken token, long timeoutMs) {
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(Control.key(ns.config().name(), token.partition())
                .digest().bytes());
        URI uri = URI.create("http://" + node + "/v1/kvs/" + ns.config().name() + "/"
                + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "?keytype=DIGEST&consistencyToken="
                + token.partition() + ":" + token.offset());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMs)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 404 || response.statusCode() == 200) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.failedFuture(new AerologException(ResultCode.PARTITION_UNAVAILABLE, "the owner of"
                    + " partition " + token.partition() + " answered " + response.statusCode()));
        });
    }
}
