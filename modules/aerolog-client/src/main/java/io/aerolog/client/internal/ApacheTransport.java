package io.aerolog.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link Transport} over Apache HttpClient 5, HTTP/1.1 with pooled keep-alive connections: the
 * classic (blocking) client for blocking sends, which write and read in the calling thread with no
 * hand-off at all, and the async client for the others. It replaced the JDK's
 * {@code java.net.http.HttpClient}, which spent most of a blocking read's CPU in its own futures and
 * thread hand-offs even when called with {@code send} (see docs/DESIGN.md).
 *
 * <p>Closed connections. The async client's I/O threads watch its idle pooled connections and drop one
 * as soon as the node closes it (a node that stops closes them all). The classic client only finds out
 * by sending on it, which fails as {@link Kind#BROKEN}: it then closes all its idle connections, since
 * the node has most likely restarted, and the caller may send again. Hence blocking sends only for
 * requests that may be sent again.
 *
 * <p>Neither client retries or follows redirects: whether a request may be sent again is the caller's
 * decision, and a write is resent only when it certainly was not sent.
 *
 * <p>Timeouts. A blocking send waits at most the timeout for a pooled connection, for a new one to
 * open (or the policy's connect timeout if shorter), and between bytes of the answer. An async send
 * has a deadline of its own, because the async client checks its timeouts only about once a second
 * (its I/O reactor's select interval), and how long a request has waited for a pooled connection only
 * when another is released. A guard in the async client's chain, just before the request is written,
 * and the deadline race for the request: the deadline, when it wins, knows the request was not sent;
 * when it loses, the request may have been.
 *
 * <p>Async answers are handed to the given executor, so that no continuation of the caller (a blocking
 * retry among them) runs on an I/O thread.
 */
final class ApacheTransport implements Transport {
    /** Connections per node and client, so that many threads calling at once do not queue for one. */
    static final int DEFAULT_MAX_CONNECTIONS_PER_NODE = 256;

    private static final ContentType JSON = ContentType.APPLICATION_JSON;
    private static final String GUARD = "aerolog-guard";
    private static final String STATE = "aerolog.send-state";
    private static final int WAITING = 0;
    private static final int SENDING = 1;
    private static final int EXPIRED = 2;

    private final String scheme;
    private final int connectTimeoutMs;
    private final Executor executor;
    private final PoolingHttpClientConnectionManager classicPool;
    private final CloseableHttpClient classic;
    private final CloseableHttpAsyncClient async;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Map<String, HttpHost> hosts = new ConcurrentHashMap<>();

    /**
     * @param scheme                http or https
     * @param connectTimeoutMs      longest wait to open one connection
     * @param maxConnectionsPerNode pooled connections per node, for each of the two clients
     * @param executor              where answers of non-blocking sends complete
     */
    ApacheTransport(String scheme, int connectTimeoutMs, int maxConnectionsPerNode, Executor executor) {
        this.scheme = scheme;
        this.connectTimeoutMs = connectTimeoutMs;
        this.executor = executor;
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs)).build();
        this.classicPool = PoolingHttpClientConnectionManagerBuilder.create()
                .useSystemProperties()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(maxConnectionsPerNode)
                .setMaxConnTotal(Integer.MAX_VALUE)
                .setDefaultConnectionConfig(connections)
                .build();
        this.classic = HttpClients.custom()
                .setConnectionManager(classicPool)
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableContentCompression().disableConnectionState()
                .build();
        this.async = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .useSystemProperties()
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnPerRoute(maxConnectionsPerNode)
                        .setMaxConnTotal(Integer.MAX_VALUE)
                        .setDefaultConnectionConfig(connections)
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                        .build())
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), GUARD, guard())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableContentCompression().disableConnectionState()
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "aerolog-client-deadline");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        async.start();
    }

    /** Lets a connected request be written only if its deadline has not passed first. */
    private static AsyncExecChainHandler guard() {
        return (request, entity, scope, chain, callback) -> {
            if (scope.clientContext.getAttribute(STATE) instanceof AtomicInteger state
                    && !state.compareAndSet(WAITING, SENDING)) {
                throw new IOException("the deadline passed before the request was written");
            }
            chain.proceed(request, entity, scope, callback);
        };
    }

    @Override
    public CompletableFuture<Answer> send(String node, String method, String path, byte[] body, long timeoutNanos,
                                          boolean blocking) {
        HttpHost host;
        try {
            host = hosts.computeIfAbsent(node, this::host);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new Failure(Kind.NOT_CONNECTED, e.getMessage(), e));
        }
        long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
        return blocking ? sendClassic(host, method, path, body, ms) : sendAsync(host, method, path, body, ms);
    }

    private HttpHost host(String node) {
        try {
            return HttpHost.create(scheme + "://" + node);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a node address (host:port): " + node, e);
        }
    }

    private CompletableFuture<Answer> sendClassic(HttpHost host, String method, String path, byte[] body, long ms) {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, host, path);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, JSON));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(classicConfig(ms));
        try {
            return CompletableFuture.completedFuture(classic.execute(host, request, context, ApacheTransport::answer));
        } catch (IOException | RuntimeException e) {
            Failure f = failure(e);
            if (f.kind() == Kind.BROKEN) {
                // most often a node that restarted: its other idle connections are closed too
                classicPool.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
            return CompletableFuture.failedFuture(f);
        }
    }

    /**
     * The per-request connect timeout is deprecated in favour of one per route, but it is the only
     * way to keep a request to a node that does not accept within the time left.
     */
    @SuppressWarnings("deprecation")
    private RequestConfig classicConfig(long ms) {
        Timeout timeout = Timeout.ofMilliseconds(ms);
        return RequestConfig.custom().setConnectionRequestTimeout(timeout).setResponseTimeout(timeout)
                .setConnectTimeout(Timeout.ofMilliseconds(Math.min(ms, connectTimeoutMs))).build();
    }

    private static Answer answer(ClassicHttpResponse r) throws IOException {
        byte[] body = r.getEntity() == null ? null : EntityUtils.toByteArray(r.getEntity());
        return answer(r, body);
    }

    private static Answer answer(HttpResponse r, byte[] body) {
        return new Answer(r.getCode(), body, header(r, io.aerolog.protocol.RestApi.SERVED_BY_HEADER),
                header(r, io.aerolog.protocol.RestApi.MAP_GENERATION_HEADER));
    }

    private static String header(HttpResponse r, String name) {
        Header h = r.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private CompletableFuture<Answer> sendAsync(HttpHost host, String method, String path, byte[] body, long ms) {
        SimpleHttpRequest request = new SimpleHttpRequest(method, host, path);
        if (body != null) {
            request.setBody(body, JSON);
        }
        Timeout timeout = Timeout.ofMilliseconds(ms);
        request.setConfig(RequestConfig.custom().setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build());
        AtomicInteger state = new AtomicInteger(WAITING);
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(STATE, state);
        Outcome outcome = new Outcome();
        Future<SimpleHttpResponse> exchange;
        try {
            exchange = async.execute(request, context, new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse r) {
                    outcome.answer(answer(r, r.getBodyBytes()));
                }

                @Override
                public void failed(Exception e) {
                    outcome.fail(failure(e));
                }

                @Override
                public void cancelled() {
                    outcome.fail(new Failure(Kind.BROKEN, "cancelled: the client is closing", null));
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(e));
        }
        try {
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                outcome.fail(state.compareAndSet(WAITING, EXPIRED)
                        ? new Failure(Kind.NOT_SENT_IN_TIME, "no connection was ready within the timeout", null)
                        : new Failure(Kind.NO_ANSWER, "timed out", null));
                exchange.cancel(true);
            }, ms, TimeUnit.MILLISECONDS);
            outcome.result.whenComplete((a, e) -> deadline.cancel(false));
        } catch (RejectedExecutionException closing) {
            exchange.cancel(true);
        }
        return outcome.result;
    }

    /**
     * The end of an async send: the first of the answer, a failure and the deadline decides, and the
     * future completes on the executor.
     */
    private final class Outcome {
        final CompletableFuture<Answer> result = new CompletableFuture<>();
        private final AtomicBoolean decided = new AtomicBoolean();

        void answer(Answer a) {
            if (decided.compareAndSet(false, true)) {
                handOff(() -> result.complete(a));
            }
        }

        void fail(Failure f) {
            if (decided.compareAndSet(false, true)) {
                handOff(() -> result.completeExceptionally(f));
            }
        }

        private void handOff(Runnable completion) {
            try {
                executor.execute(completion);
            } catch (RejectedExecutionException closing) {
                completion.run();
            }
        }
    }

    /** What a library exception means for a retry; see {@link Kind}. */
    static Failure failure(Throwable e) {
        if (e instanceof Failure f) {
            return f;
        }
        if (e instanceof ConnectionRequestTimeoutException || e instanceof TimeoutException) {
            return new Failure(Kind.NOT_SENT_IN_TIME, "no pooled connection free within the timeout", e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new Failure(Kind.NOT_CONNECTED, "connect timed out", e);
        }
        if (e instanceof ConnectException) {
            return new Failure(Kind.NOT_CONNECTED, "connection refused", e);
        }
        if (e instanceof RequestNotExecutedException) {
            // the async client's word that the connection closed before the request was written
            return new Failure(Kind.NOT_CONNECTED, "the connection closed before the request was sent", e);
        }
        if (e instanceof UnknownHostException) {
            return new Failure(Kind.NOT_CONNECTED, "unknown host " + e.getMessage(), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new Failure(Kind.NO_ANSWER, "timed out", e);
        }
        String m = e.getMessage();
        return new Failure(Kind.BROKEN, e.getClass().getSimpleName() + (m == null ? "" : ": " + m), e);
    }

    @Override
    public void close() {
        async.close(CloseMode.IMMEDIATE);
        classic.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }
}
