package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.metrics.RequestLatency;
import io.aerolog.server.jobs.BackgroundJobs;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.security.PeerHttp;
import io.aerolog.server.security.SecurityService;
import io.aerolog.server.security.Tls;
import io.aerolog.server.udf.UdfModules;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * The HTTP API of a node: the paths, verbs, parameters and bodies of Aerospike's REST gateway
 * ({@code /v1/kvs}, {@code /v1/operate}, {@code /v1/batch}, {@code /v1/scan}, {@code /v1/query}, {@code /v1/index}, {@code /v1/truncate},
 * {@code /v1/cluster}, {@code /v1/info}), plus {@code /health}, {@code /metrics} and the web console
 * ({@code /console}, {@link ConsoleRoutes}). Every error answers with a status fitting its Aerospike result
 * code and a body {@code {resultCode, name, message, inDoubt}}.
 *
 * <p>Threading contract. No request holds a thread while it waits. Requests are parsed, their bodies
 * received (without blocking, {@code receiveFullBytes}) and served on Undertow's I/O threads: a read of a
 * copy that may answer is served at once; a write, a forward, a wait for a consistency token complete a
 * future, and the answer is built and sent back on the request's I/O thread. Only {@code /metrics} and
 * {@code /v1/cluster}, which build large answers, run on a worker. {@code /health} is answered on the I/O
 * thread, so it answers while writes wait.
 *
 * <p>Limits (see {@link Settings}): at most {@code maxConnections} connections (past it the listener stops
 * accepting), idle ones closed after {@code idleTimeout}; a request's body must arrive within
 * {@code bodyTimeout} and be at most the namespace's record limit (twice, plus 64 KiB); a browser page of
 * another origin cannot write (its {@code Origin} is not this node), and a listener on loopback answers
 * only requests addressed to a loopback name ({@code Host}), against DNS rebinding.
 *
 * <p>Security ({@link HttpSecurity}). With TLS the listener speaks HTTPS only. With access control, every
 * route but {@code /health} needs the credentials of a user of the cluster ({@link HttpAccess}), and what
 * the user may do is checked per route once its request is read ({@link HttpRules}); a request forwarded
 * to the node that serves it goes signed for its user.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** The largest body of a batch request. */
    private static final int MAX_BATCH_BODY = 16 * 1024 * 1024;

    /** How the listener runs and its limits. */
    public record Settings(String host, int port, int workerThreads, int maxConnections, Duration idleTimeout,
                           Duration bodyTimeout, Duration forwardTimeout) {
    }

    /**
     * The listener's security: TLS (null: plain HTTP), access control (null: off) and how this node calls
     * others (over HTTPS, signed).
     */
    public record HttpSecurity(Tls tls, SecurityService access, PeerHttp peers) {
        public static final HttpSecurity OFF = new HttpSecurity(null, null, PeerHttp.PLAIN);
    }

    private final GracefulShutdownHandler graceful;
    private final Undertow server;
    private final Forwarder forwarder;
    private final ConsoleRoutes console;
    private final KafkaPages pages;
    private final BackgroundJobs jobs;
    private final int port;

    private HttpServer(Map<String, NamespaceService> byName, PrometheusMeterRegistry registry,
                       Supplier<AdminHandlers.NodeInfo> info, Settings settings, HttpSecurity security,
                       UdfModules udfs, BackgroundJobs jobs) {
        this.jobs = jobs;
        Namespaces namespaces = new Namespaces(byName);
        this.forwarder = new Forwarder(settings.forwardTimeout(), security.peers());
        RecordHandlers records = new RecordHandlers(namespaces, forwarder);
        BatchHandler batches = new BatchHandler(namespaces, forwarder, udfs);
        AdminHandlers admin = new AdminHandlers(namespaces, registry, info);
        this.console = new ConsoleRoutes(namespaces, registry, info, admin);
        IndexHandlers indexes = new IndexHandlers(namespaces);
        this.pages = new KafkaPages();
        ScanHandler scans = new ScanHandler(namespaces, forwarder, pages);
        QueryHandler queries = new QueryHandler(namespaces, forwarder, pages);
        ExecuteHandler executes = new ExecuteHandler(namespaces, forwarder, jobs);
        Routes r = new Routes(registry, namespaces, settings.bodyTimeout(), security.access());
        RoutingHandler routes = Handlers.routing();
        for (String path : new String[] {"/{ns}/{set}/{key}", "/{ns}/{key}"}) {
            String kvs = RestApi.KVS + path;
            routes.get(kvs, r.serve("kvs.get", false, records::get))
                    .add(Methods.HEAD, kvs, r.serve("kvs.exists", false, records::exists))
                    .post(kvs, r.serve("kvs.post", true, (q, io) -> records.put(q, io, RecordExistsAction.CREATE_ONLY)))
                    .put(kvs, r.serve("kvs.put", true, (q, io) -> records.put(q, io, RecordExistsAction.REPLACE_ONLY)))
                    .add(Methods.PATCH, kvs, r.serve("kvs.patch", true,
                            (q, io) -> records.put(q, io, RecordExistsAction.UPDATE_ONLY)))
                    .delete(kvs, r.serve("kvs.delete", false, records::delete))
                    .post(RestApi.OPERATE + path, r.serve("operate", true, records::operate))
                    .post(RestApi.OPERATE_TYPED + path, r.serve("operate", true, records::operateTyped));
        }
        for (String execute : new String[] {RestApi.EXECUTE_SCAN, RestApi.EXECUTE_SCAN_TYPED}) {
            routes.post(execute + "/{ns}", r.serve("execute", true, executes::execute))
                    .post(execute + "/{ns}/{set}", r.serve("execute", true, executes::execute))
                    .get(execute + RestApi.EXECUTE_STATUS + "/{taskId}", r.serve("execute.status", false,
                            executes::status))
                    .delete(execute + RestApi.EXECUTE_STATUS + "/{taskId}", r.serve("execute.abort", false,
                            executes::abort));
        }
        routes.post(RestApi.BATCH, r.serve("batch", true, batches::serve))
                .get(RestApi.CLUSTER, r.onWorker("cluster", admin::cluster))
                .get(RestApi.INFO, r.serve("info", false, (q, io) -> CompletableFuture.completedFuture(admin.info())))
                .get("/health", r.serve("health", false, (q, io) -> CompletableFuture.completedFuture(admin.health())))
                .get("/metrics", r.onWorker("metrics", admin::metrics))
                .get("/console", r.serve("console", false, (q, io) -> CompletableFuture.completedFuture(console.redirect())))
                .get("/console/", r.serve("console", false, (q, io) -> CompletableFuture.completedFuture(console.asset(q))))
                .get("/console/{file}", r.serve("console", false,
                        (q, io) -> CompletableFuture.completedFuture(console.asset(q))))
                .get(ConsoleRoutes.METRICS, r.serve("console.metrics", false, (q, io) -> console.metrics(q)))
                .get(RestApi.INDEX, r.serve("index.list", false, indexes::list))
                .post(RestApi.INDEX, r.serve("index.create", true, indexes::create))
                .get(RestApi.INDEX + "/{ns}/{name}", r.serve("index.stats", false, indexes::stats))
                .delete(RestApi.INDEX + "/{ns}/{name}", r.serve("index.drop", false, indexes::drop))
                .get(RestApi.SCAN + "/{ns}", r.serve("scan", false, scans::scan))
                .get(RestApi.SCAN + "/{ns}/{set}", r.serve("scan", false, scans::scan))
                .post(RestApi.QUERY + "/{ns}", r.serve("query", true, queries::query))
                .post(RestApi.QUERY + "/{ns}/{set}", r.serve("query", true, queries::query))
                .post(RestApi.QUERY + "/{ns}/{begin}/{count}", r.serve("query", true, queries::query))
                .post(RestApi.QUERY + "/{ns}/{set}/{begin}/{count}", r.serve("query", true, queries::query))
                .delete(RestApi.TRUNCATE + "/{ns}", r.serve("truncate", false, indexes::truncate))
                .delete(RestApi.TRUNCATE + "/{ns}/{set}", r.serve("truncate", false, indexes::truncate))
                .setFallbackHandler(ex -> Routes.send(ex, Reply.error(new AerologException(ResultCode.PARAMETER_ERROR,
                        "no such path: " + ex.getRequestPath() + " (see /v1/kvs, /v1/operate, /v2/operate, /v1/batch,"
                                + " /v1/scan, /v1/query, /v1/execute/scan, /v1/index, /v1/truncate, /v1/cluster, /v1/info, /console)"))
                        .withStatus(404)))
                .setInvalidMethodHandler(ex -> Routes.send(ex, Reply.error(new AerologException(ResultCode.PARAMETER_ERROR,
                        ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath())).withStatus(405)));
        HttpHandler authenticated = security.access() == null ? routes : new HttpAccess(security.access(), routes);
        HttpHandler guarded = new SiteGuard(authenticated, loopback(settings.host()));
        this.graceful = new GracefulShutdownHandler(guarded);
        Undertow.Builder builder = Undertow.builder();
        if (security.tls() != null) {
            builder.addHttpsListener(settings.port(), settings.host(), security.tls().context());
            if (security.tls().clientAuth() != Tls.ClientAuth.NONE) {
                builder.setSocketOption(Options.SSL_CLIENT_AUTH_MODE, security.tls().clientAuth()
                        == Tls.ClientAuth.REQUIRED ? SslClientAuthMode.REQUIRED : SslClientAuthMode.REQUESTED);
            }
        } else {
            builder.addHttpListener(settings.port(), settings.host());
        }
        this.server = builder
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) MAX_BATCH_BODY)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) settings.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) settings.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) settings.bodyTimeout().toMillis())
                .setSocketOption(Options.CONNECTION_HIGH_WATER, settings.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, Math.max(1, settings.maxConnections() * 9 / 10))
                .setHandler(graceful)
                .build();
        this.server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts the API as {@code settings} say (port 0 picks a free port). */
    public static HttpServer start(Map<String, NamespaceService> namespaces, PrometheusMeterRegistry registry,
                                   Supplier<Map<String, String>> nodeInfo, Settings settings) {
        return start(namespaces, registry, nodeInfo, settings, HttpSecurity.OFF, null);
    }

    /**
     * Starts the API as {@code settings} say, with {@code security}, serving UDF calls of batches with the
     * cluster's modules {@code udfs} (null: refused).
     */
    public static HttpServer start(Map<String, NamespaceService> namespaces, PrometheusMeterRegistry registry,
                                   Supplier<Map<String, String>> nodeInfo, Settings settings, HttpSecurity security,
                                   UdfModules udfs) {
        return start(namespaces, registry, nodeInfo, settings, security, udfs,
                new BackgroundJobs(BackgroundJobs.DEFAULT_MAX_ACTIVE));
    }

    /** As above, running the background jobs of {@code /v1/execute} with the node's {@code jobs} (closed with it). */
    public static HttpServer start(Map<String, NamespaceService> namespaces, PrometheusMeterRegistry registry,
                                   Supplier<Map<String, String>> nodeInfo, Settings settings, HttpSecurity security,
                                   UdfModules udfs, BackgroundJobs jobs) {
        Supplier<AdminHandlers.NodeInfo> info = () -> {
            Map<String, String> m = nodeInfo.get();
            return new AdminHandlers.NodeInfo(m.get("cluster"), m.get("node"), m.get("kafka"), m.get("http"),
                    m.get("aerospike"), m.get("aerospikeTlsName"));
        };
        return new HttpServer(namespaces, registry, info, settings, security, udfs, jobs);
    }

    /** Sends {@code reply} on {@code ex} (its I/O thread), unless an answer has started. */
    static void send(HttpServerExchange ex, Reply reply) {
        Routes.send(ex, reply);
    }

    public int port() {
        return port;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // New requests answer 503 (the smart client retries them elsewhere); those under way finish.
        graceful.shutdown();
        try {
            graceful.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        pages.close();
        jobs.close();
        forwarder.close();
        console.close();
    }

    /** A request's service: its answer, now or later. */
    interface Service {
        CompletableFuture<Reply> serve(HttpRequest request, Executor io) throws Exception;
    }

    /** How every route is served: timed, its body received without blocking, its answer sent on its I/O thread. */
    private static final class Routes {
        private final PrometheusMeterRegistry registry;
        private final Namespaces namespaces;
        private final Duration bodyTimeout;
        private final SecurityService access;

        Routes(PrometheusMeterRegistry registry, Namespaces namespaces, Duration bodyTimeout, SecurityService access) {
            this.registry = registry;
            this.namespaces = namespaces;
            this.bodyTimeout = bodyTimeout;
            this.access = access;
        }

        HttpHandler serve(String route, boolean hasBody, Service service) {
            Map<Integer, Timer> timers = new ConcurrentHashMap<>();
            return ex -> {
                long start = System.nanoTime();
                ex.addExchangeCompleteListener((done, next) -> {
                    timers.computeIfAbsent(done.getStatusCode(), status -> RequestLatency.timer("aerolog.http.request.duration")
                            .description("from an HTTP request arriving to its answer sent, by route and status")
                            .tag("route", route).tag("status", Integer.toString(status)).register(registry))
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    next.proceed();
                });
                HttpRequest request;
                try {
                    request = HttpRequest.of(ex);
                } catch (RuntimeException e) {
                    send(ex, Reply.error(Failures.of(e, false)));
                    return;
                }
                if (!hasBody) {
                    run(ex, route, request, service);
                    return;
                }
                receive(ex, route, request, service);
            };
        }

        /** Receives the body (bounded by the namespace's limit, and by time) without blocking, then serves. */
        private void receive(HttpServerExchange ex, String route, HttpRequest request, Service service) {
            long limit = bodyLimit(request);
            ex.setMaxEntitySize(limit);
            var deadline = ex.getIoThread().executeAfter(() -> {
                if (!ex.isRequestComplete()) {
                    LOG.debug("closing {}: its request body did not arrive within {}", ex.getSourceAddress(), bodyTimeout);
                    ex.setPersistent(false);
                    send(ex, Reply.error(new AerologException(ResultCode.PARAMETER_ERROR, "the request body did not"
                            + " arrive whole within " + bodyTimeout.toSeconds() + " s (or its chunked encoding is"
                            + " malformed): send the whole body at once")));
                    try {
                        ex.getConnection().close();
                    } catch (java.io.IOException ignored) {
                        // closing anyway
                    }
                }
            }, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            ex.getRequestReceiver().setMaxBufferSize((int) limit);
            ex.getRequestReceiver().receiveFullBytes((done, bytes) -> {
                deadline.remove();
                run(done, route, request.withBody(bytes), service);
            }, (done, error) -> {
                deadline.remove();
                boolean tooBig = error instanceof io.undertow.server.RequestTooBigException
                        || error.getClass().getSimpleName().equals("RequestToLargeException")
                        || (error.getMessage() != null && error.getMessage().contains("UT000020"));
                send(done, Reply.error(tooBig ? new AerologException(ResultCode.RECORD_TOO_BIG, "the request body is over "
                        + limit + " bytes, more than the namespace's record size limit allows")
                        : new AerologException(ResultCode.PARAMETER_ERROR, "the request body could not be read: "
                        + error.getMessage())));
            });
        }

        /** The largest body a request may have: twice its namespace's record limit plus 64 KiB, or a batch's. */
        private long bodyLimit(HttpRequest request) {
            String ns = request.param("ns");
            if (ns == null) {
                return MAX_BATCH_BODY;
            }
            NamespaceService service = namespaces.byName().get(ns);
            return service == null ? 64 * 1024 : service.config().maxRecordSize() * 2L + 64 * 1024;
        }

        private void run(HttpServerExchange ex, String route, HttpRequest request, Service service) {
            Executor io = ex.getIoThread();
            CompletableFuture<Reply> reply;
            String user = ex.getAttachment(HttpAccess.USER);
            try {
                if (access != null) {
                    HttpRules.check(access, route, user, ex.getAttachment(HttpAccess.NODE) != null, request);
                }
                reply = Forwarder.actingFor(user, () -> service.serve(request, io));
            } catch (AerologException e) {
                HttpAccess.refuse(ex, e);
                return;
            } catch (Exception e) {
                reply = CompletableFuture.failedFuture(e);
            }
            if (reply.isDone()) {
                send(ex, reply);
                return;
            }
            CompletableFuture<Reply> later = reply;
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> later.whenComplete((r, e) -> io.execute(() -> send(ex, later))));
        }

        HttpHandler onWorker(String route, Supplier<Reply> answer) {
            HttpHandler served = serve(route, false, (q, io) -> CompletableFuture.completedFuture(answer.get()));
            return ex -> {
                if (ex.isInIoThread()) {
                    ex.dispatch(served);
                } else {
                    served.handleRequest(ex);
                }
            };
        }

        private static void send(HttpServerExchange ex, CompletableFuture<Reply> reply) {
            Reply r;
            try {
                r = reply.join();
            } catch (RuntimeException e) {
                AerologException failure = Failures.of(e, false);
                if (failure.resultCode() == ResultCode.SERVER_ERROR && !(Failures.unwrap(e) instanceof AerologException)) {
                    LOG.error("request {} {} failed", ex.getRequestMethod(), ex.getRequestPath(), Failures.unwrap(e));
                }
                r = Reply.error(failure);
            }
            send(ex, r);
        }

        static void send(HttpServerExchange ex, Reply r) {
            if (ex.isResponseStarted()) {
                return;
            }
            ex.setStatusCode(r.status());
            r.headers().forEach((name, value) -> ex.getResponseHeaders().put(new HttpString(name), value));
            if (r.contentType() != null) {
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, r.contentType());
            }
            if (r.body().length == 0 || ex.getRequestMethod().equals(Methods.HEAD)) {
                ex.endExchange();
            } else {
                ex.getResponseSender().send(ByteBuffer.wrap(r.body()));
            }
        }
    }

    /**
     * Refuses what a browser page of another site could make a local node do: a request that changes
     * something from a page whose {@code Origin} is not this node's, and (on a loopback listener) any
     * request addressed to a name that is not a loopback one, as DNS rebinding would make it.
     */
    private static final class SiteGuard implements HttpHandler {
        private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
        private final HttpHandler next;
        private final boolean loopback;

        SiteGuard(HttpHandler next, boolean loopback) {
            this.next = next;
            this.loopback = loopback;
        }

        @Override
        public void handleRequest(HttpServerExchange ex) throws Exception {
            String host = ex.getRequestHeaders().getFirst(Headers.HOST);
            String hostName = hostName(host);
            if (loopback && hostName != null && !isLoopbackName(hostName)) {
                Routes.send(ex, Reply.error(new AerologException(ResultCode.FAIL_FORBIDDEN, "this node listens on loopback"
                        + " and answers requests addressed to localhost, 127.0.0.1 or [::1] only, not '" + host + "'")));
                return;
            }
            HeaderValues origins = ex.getRequestHeaders().get(Headers.ORIGIN);
            if (origins != null && !SAFE.contains(ex.getRequestMethod().toString().toUpperCase(Locale.ROOT))) {
                String origin = origins.getFirst();
                if (!sameSite(origin, host)) {
                    Routes.send(ex, Reply.error(new AerologException(ResultCode.FAIL_FORBIDDEN, "a browser page of "
                            + origin + " may not write to this node (its Origin is not " + host + ")")));
                    return;
                }
            }
            next.handleRequest(ex);
        }

        private static boolean sameSite(String origin, String host) {
            try {
                URI uri = URI.create(origin);
                if (uri.getHost() == null || host == null) {
                    return false;
                }
                int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                String authority = uri.getHost() + ":" + port;
                String h = host.contains(":") && !host.endsWith("]") ? host : host + ":80";
                return authority.equalsIgnoreCase(h) || (isLoopbackName(uri.getHost()) && isLoopbackName(hostName(host))
                        && h.endsWith(":" + port));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static String hostName(String host) {
            if (host == null || host.isEmpty()) {
                return null;
            }
            if (host.startsWith("[")) {
                int end = host.indexOf(']');
                return end < 0 ? host : host.substring(1, end);
            }
            int colon = host.lastIndexOf(':');
            return colon < 0 ? host : host.substring(0, colon);
        }

        private static boolean isLoopbackName(String name) {
            if (name == null) {
                return false;
            }
            String n = name.toLowerCase(Locale.ROOT);
            return n.equals("localhost") || n.endsWith(".localhost") || n.equals("::1") || n.startsWith("127.");
        }
    }
}
