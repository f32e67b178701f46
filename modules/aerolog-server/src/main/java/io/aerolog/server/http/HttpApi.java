package io.aerolog.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.client.json.JsonValues;
import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.server.namespace.ConsistencyToken;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.PartitionOwners;
import io.aerolog.server.namespace.WriteResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of a node: the paths, verbs, parameters and bodies of Aerospike's REST gateway
 * ({@code /v1/kvs}, {@code /v1/operate}, {@code /v1/batch}, {@code /v1/cluster}, {@code /v1/info}),
 * plus {@code /health} and {@code /metrics}. Every error answers with a status fitting its Aerospike
 * result code and a body {@code {resultCode, name, message, inDoubt}}.
 */
public final class HttpApi implements AutoCloseable {
    /** The most keys one batch request may carry. */
    public static final int MAX_BATCH_KEYS = 5000;
    static final String TOKEN_HEADER = "X-Aerolog-Consistency-Token";
    static final String MAP_GENERATION_HEADER = "X-Aerolog-Map-Generation";
    static final String SERVED_BY_HEADER = "X-Aerolog-Served-By";
    private static final HttpString MAP_GENERATION = new HttpString(MAP_GENERATION_HEADER);
    /** On every error answer, so that HEAD answers (which have no body) tell KEY_NOT_FOUND from others. */
    static final String RESULT_CODE_HEADER = "X-Aerolog-Result-Code";
    private static final HttpString RESULT_CODE = new HttpString(RESULT_CODE_HEADER);
    private static final HttpString SERVED_BY = new HttpString(SERVED_BY_HEADER);

    /** Which copy of a partition may serve a read, as Aerospike names the policies. */
    enum Replica {
        /** The active task only (the default). */
        MASTER,
        /** The active task, else a standby when no active is known. */
        SEQUENCE,
        /** Any copy, this node's first. */
        ANY
    }
    private static final HttpString TOKEN = new HttpString(TOKEN_HEADER);
    private static final AttachmentKey<Key> PATH_KEY = AttachmentKey.create(Key.class);
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Map<String, NamespaceService> namespaces;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Map<String, Object>> clusterInfo;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RoutingHandler routes;
    private final GracefulShutdownHandler graceful;
    private final Undertow server;
    private final int port;
    private final Forwarder forwarder;

    private HttpApi(Map<String, NamespaceService> namespaces, PrometheusMeterRegistry registry,
                    Supplier<Map<String, Object>> clusterInfo, String host, int port, int workerThreads,
                    java.time.Duration forwardTimeout) {
        this.namespaces = namespaces;
        this.forwarder = new Forwarder(forwardTimeout);
        this.registry = registry;
        this.clusterInfo = clusterInfo;
        RoutingHandler routes = Handlers.routing()
                .get("/v1/kvs/{ns}/{set}/{key}", read("kvs.get", this::getRecord))
                .get("/v1/kvs/{ns}/{key}", read("kvs.get", this::getRecord))
                .add(Methods.HEAD, "/v1/kvs/{ns}/{set}/{key}", read("kvs.exists", this::exists))
                .add(Methods.HEAD, "/v1/kvs/{ns}/{key}", read("kvs.exists", this::exists))
                .post("/v1/kvs/{ns}/{set}/{key}", blocking("kvs.post", ex -> putBins(ex, RecordExistsAction.CREATE_ONLY)))
                .post("/v1/kvs/{ns}/{key}", blocking("kvs.post", ex -> putBins(ex, RecordExistsAction.CREATE_ONLY)))
                .put("/v1/kvs/{ns}/{set}/{key}", blocking("kvs.put", ex -> putBins(ex, RecordExistsAction.REPLACE_ONLY)))
                .put("/v1/kvs/{ns}/{key}", blocking("kvs.put", ex -> putBins(ex, RecordExistsAction.REPLACE_ONLY)))
                .add(Methods.PATCH, "/v1/kvs/{ns}/{set}/{key}", blocking("kvs.patch", ex -> putBins(ex, RecordExistsAction.UPDATE_ONLY)))
                .add(Methods.PATCH, "/v1/kvs/{ns}/{key}", blocking("kvs.patch", ex -> putBins(ex, RecordExistsAction.UPDATE_ONLY)))
                .delete("/v1/kvs/{ns}/{set}/{key}", blocking("kvs.delete", this::deleteRecord))
                .delete("/v1/kvs/{ns}/{key}", blocking("kvs.delete", this::deleteRecord))
                .post("/v1/operate/{ns}/{set}/{key}", blocking("operate", this::operate))
                .post("/v1/operate/{ns}/{key}", blocking("operate", this::operate))
                .post("/v1/batch", blocking("batch", this::batch))
                .get("/v1/cluster", blocking("cluster", this::cluster))
                .get("/v1/info", blocking("info", this::info))
                .get("/health", blocking(this::health))
                .get("/metrics", blocking(this::metrics))
                .setFallbackHandler(ex -> sendError(ex, 404, ResultCode.PARAMETER_ERROR,
                        "no such path: " + ex.getRequestPath() + " (see /v1/kvs, /v1/operate, /v1/batch, /v1/cluster, /v1/info)", false))
                .setInvalidMethodHandler(ex -> sendError(ex, 405, ResultCode.PARAMETER_ERROR,
                        ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath(), false));
        this.routes = routes;
        this.graceful = new GracefulShutdownHandler(ex -> guarded(ex, this.routes));
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setWorkerThreads(workerThreads)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024 * 1024)
                .setHandler(graceful)
                .build();
        this.server.start();
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts the API on {@code host:port} (0 picks a free port). */
    public static HttpApi start(Map<String, NamespaceService> namespaces, PrometheusMeterRegistry registry,
                                Supplier<Map<String, Object>> clusterInfo, String host, int port, int workerThreads,
                                java.time.Duration forwardTimeout) {
        return new HttpApi(namespaces, registry, clusterInfo, host, port, workerThreads, forwardTimeout);
    }

    public int port() {
        return port;
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
    }

    // ---- plumbing

    private interface Handler {
        void handle(HttpServerExchange ex) throws Exception;
    }

    private HttpHandler timed(String route, Handler handler) {
        Map<Integer, Timer> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
        return ex -> {
            long start = System.nanoTime();
            try {
                handler.handle(ex);
            } finally {
                byStatus.computeIfAbsent(ex.getStatusCode(), status -> Timer.builder("aerolog.http.requests")
                        .tag("route", route).tag("status", Integer.toString(status)).register(registry))
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    /** Runs {@code handler} in a worker thread, where it may block (forward, wait for a write, read a body). */
    private HttpHandler blocking(String route, Handler handler) {
        return blocking(timed(route, handler));
    }

    private HttpHandler blocking(HttpHandler handler) {
        return new BlockingHandler(ex -> guarded(ex, handler));
    }

    /**
     * A read that this node's active store answers at once (no consistency token to wait for, nothing
     * to forward) is served in the I/O thread that parsed it: a RocksDB get costs microseconds, a hand-off
     * to a worker thread more. Any other read goes to a worker.
     */
    private HttpHandler read(String route, Handler handler) {
        HttpHandler served = timed(route, handler);
        HttpHandler worker = blocking(served);
        return ex -> {
            if (answerableNow(ex)) {
                served.handleRequest(ex);
            } else {
                worker.handleRequest(ex);
            }
        };
    }

    private boolean answerableNow(HttpServerExchange ex) {
        if (!ex.isInIoThread()) {
            return false;
        }
        try {
            if (token(ex) != null) {
                return false;
            }
            Key key = pathKey(ex);
            NamespaceService ns = namespace(key.namespace());
            int partition = key.digest().kafkaPartition(ns.config().partitions());
            return ns.servesActive(partition) && target(ns.owners(), partition, ns.self(), replica(ex)) == null;
        } catch (RuntimeException e) {
            return false; // the worker reports what is wrong with the request
        }
    }

    /** A read of one record: at once in an I/O thread, else waiting for the request's consistency token. */
    private static Optional<Record> readRecord(HttpServerExchange ex, NamespaceService ns, Key key, Replica replica)
            throws InterruptedException {
        return ex.isInIoThread() ? ns.getNow(key, replica == Replica.MASTER)
                : ns.get(key, token(ex), replica == Replica.MASTER);
    }

    private void guarded(HttpServerExchange ex, HttpHandler handler) {
        try {
            handler.handleRequest(ex);
        } catch (AerologException e) {
            sendError(ex, StatusCodes.of(e.resultCode()), e.resultCode(), e.getMessage(), e.inDoubt());
        } catch (JsonProcessingException e) {
            sendError(ex, 400, ResultCode.PARAMETER_ERROR, "the body is not valid JSON: " + e.getOriginalMessage(), false);
        } catch (Exception e) {
            LOG.error("request {} {} failed", ex.getRequestMethod(), ex.getRequestPath(), e);
            sendError(ex, 500, ResultCode.SERVER_ERROR, "internal error: " + e, false);
        }
    }

    private void sendJson(HttpServerExchange ex, int status, JsonNode body) throws IOException {
        if (ex.isResponseStarted()) {
            return;
        }
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(ByteBuffer.wrap(mapper.writeValueAsBytes(body)));
    }

    private void sendError(HttpServerExchange ex, int status, ResultCode code, String message, boolean inDoubt) {
        if (ex.isResponseStarted()) {
            return;
        }
        ex.getResponseHeaders().put(RESULT_CODE, Integer.toString(code.code()));
        ObjectNode body = mapper.createObjectNode();
        body.put("resultCode", code.code());
        body.put("name", code.name());
        body.put("message", message);
        body.put("inDoubt", inDoubt);
        try {
            ex.setStatusCode(status);
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            if (ex.getRequestMethod().equals(Methods.HEAD)) {
                ex.endExchange();
            } else {
                ex.getResponseSender().send(ByteBuffer.wrap(mapper.writeValueAsBytes(body)));
            }
        } catch (IOException e) {
            ex.endExchange();
        }
    }

    private static String param(HttpServerExchange ex, String name) {
        Deque<String> values = ex.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private NamespaceService namespace(String name) {
        NamespaceService ns = namespaces.get(name);
        if (ns == null) {
            throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + name
                    + "' is not configured on this node; known namespaces: " + namespaces.keySet());
        }
        return ns;
    }

    /** The key of the request's path; kept on the exchange, so that its digest is computed once per request. */
    private Key pathKey(HttpServerExchange ex) {
        Key known = ex.getAttachment(PATH_KEY);
        if (known != null) {
            return known;
        }
        String ns = param(ex, "ns");
        namespace(ns);
        String set = Optional.ofNullable(param(ex, "set")).orElse("");
        Key key = key(ns, set, param(ex, "key"), param(ex, "keytype"));
        ex.putAttachment(PATH_KEY, key);
        return key;
    }

    static Key key(String ns, String set, String userKey, String keytype) {
        String type = keytype == null ? "STRING" : keytype.toUpperCase(Locale.ROOT);
        switch (type) {
            case "STRING":
                return Key.of(ns, set, userKey);
            case "INTEGER":
                try {
                    return Key.of(ns, set, Long.parseLong(userKey));
                } catch (NumberFormatException e) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "key '" + userKey
                            + "' is not a 64-bit integer, as keytype=INTEGER requires");
                }
            case "BYTES":
                return Key.of(ns, set, JsonValues.decodeBase64(userKey, "key"));
            case "DIGEST":
                byte[] digest = JsonValues.decodeBase64(userKey, "key");
                if (digest.length != Digest.SIZE) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "a DIGEST key is the base64 of 20 bytes, got "
                            + digest.length + " bytes");
                }
                return Key.ofDigest(ns, set, Digest.of(digest));
            default:
                throw new AerologException(ResultCode.PARAMETER_ERROR, "keytype '" + keytype
                        + "' is not one of STRING, INTEGER, BYTES, DIGEST");
        }
    }

    private static byte[] rawBody(HttpServerExchange ex, int limit) throws IOException {
        InputStream in = ex.getInputStream();
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new AerologException(ResultCode.RECORD_TOO_BIG, "the request body is over " + limit
                    + " bytes, more than the namespace's record size limit allows");
        }
        return bytes;
    }

    private JsonNode json(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the request needs a JSON body");
        }
        return mapper.readTree(bytes);
    }

    private JsonNode body(HttpServerExchange ex, int limit) throws IOException {
        return json(rawBody(ex, limit));
    }

    /**
     * Serves the request here, or forwards it once to the node that serves the key's partition.
     * Returns true when it was forwarded (and answered).
     */
    private boolean forwarded(HttpServerExchange ex, NamespaceService ns, Key key, Replica replica, boolean write,
                              byte[] body) throws InterruptedException {
        PartitionOwners owners = ns.owners();
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        String target = target(owners, partition, ns.self(), write ? Replica.MASTER : replica);
        if (target == null && !ns.self().equals(owners.activeOf(partition)) && param(ex, "maxLag") != null) {
            long maxLag = intParam(ex, "maxLag", 0);
            long lag = ns.standbyLag(partition);
            if (lag > maxLag) {
                target = owners.activeOf(partition);
                if (target == null) {
                    throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "the standby of partition " + partition
                            + " here lags " + lag + " records (maxLag " + maxLag + ") and no active owner is known");
                }
            }
        }
        if (target == null) {
            ex.getResponseHeaders().put(MAP_GENERATION, Long.toString(owners.generation()));
            ex.getResponseHeaders().put(SERVED_BY, ns.self());
            return false;
        }
        if (Forwarder.isForwarded(ex)) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition + " of namespace "
                    + ns.config().name() + " moved while the request was forwarded; retry shortly");
        }
        forwarder.forward(ex, target, body, write);
        return true;
    }

    /** The JSON body of a write this node owns, or null when the write was forwarded to its owner. */
    private JsonNode ownedWriteBody(HttpServerExchange ex, NamespaceService ns, Key key) throws Exception {
        byte[] raw = rawBody(ex, bodyLimit(ns));
        return forwarded(ex, ns, key, Replica.MASTER, true, raw) ? null : json(raw);
    }

    /** The node that must serve {@code partition}, or null for this one. */
    private static String target(PartitionOwners owners, int partition, String self, Replica replica) {
        String active = owners.activeOf(partition);
        boolean held = owners.holds(self, partition);
        String other = active;
        if (other == null) {
            PartitionOwners.Owner o = owners.partitions().get(partition);
            other = o == null || o.standbys().isEmpty() ? null : o.standbys().get(0);
        }
        boolean local = switch (replica) {
            case MASTER -> self.equals(active);
            case SEQUENCE -> self.equals(active) || (active == null && held);
            case ANY -> held;
        };
        if (local) {
            return null;
        }
        String target = replica == Replica.MASTER ? active : other;
        if (target == null || target.equals(self)) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                    + " has no " + (replica == Replica.MASTER ? "active owner" : "serving node")
                    + " now (a node joined or left); retry shortly");
        }
        return target;
    }

    /** The read's replica policy; a read carrying a consistency token is for the active owner. */
    private static Replica replica(HttpServerExchange ex) {
        Replica replica = enumParam(ex, "replica", Replica.class, Replica.MASTER);
        return token(ex) != null ? Replica.MASTER : replica;
    }

    private static int bodyLimit(NamespaceService ns) {
        return ns.config().maxRecordSize() * 2 + 64 * 1024;
    }

    private WritePolicy writePolicy(HttpServerExchange ex, RecordExistsAction defaultAction) {
        RecordExistsAction action = enumParam(ex, "recordExistsAction", RecordExistsAction.class, defaultAction);
        GenerationPolicy genPolicy = enumParam(ex, "generationPolicy", GenerationPolicy.class, GenerationPolicy.NONE);
        int generation = intParam(ex, "generation", 0);
        if (genPolicy != GenerationPolicy.NONE && param(ex, "generation") == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "generationPolicy " + genPolicy
                    + " needs the expected generation in the parameter 'generation'");
        }
        int expiration = intParam(ex, "expiration", 0);
        boolean sendKey = boolParam(ex, "sendKey");
        boolean durableDelete = boolParam(ex, "durableDelete");
        return new WritePolicy(action, genPolicy, generation, expiration, durableDelete, sendKey);
    }

    private static <E extends Enum<E>> E enumParam(HttpServerExchange ex, String name, Class<E> type, E dflt) {
        String v = param(ex, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + v + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int intParam(HttpServerExchange ex, String name, int dflt) {
        String v = param(ex, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + v + "' is not an integer");
        }
    }

    private static boolean boolParam(HttpServerExchange ex, String name) {
        String v = param(ex, name);
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + v + "' is not true or false");
    }

    private static List<String> binNames(HttpServerExchange ex) {
        Deque<String> values = ex.getQueryParameters().get("recordBins");
        if (values == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String v : values) {
            for (String name : v.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static ConsistencyToken token(HttpServerExchange ex) {
        String text = param(ex, "consistencyToken");
        if (text == null) {
            text = ex.getRequestHeaders().getFirst(TOKEN);
        }
        return text == null ? null : ConsistencyToken.parse(text);
    }

    private static WriteResult await(NamespaceService ns, Command command) throws InterruptedException {
        try {
            return ns.write(command).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof AerologException ae) {
                throw ae;
            }
            throw new AerologException(ResultCode.SERVER_ERROR, "write failed: " + cause, true, cause);
        }
    }

    private ObjectNode recordJson(Record record, List<String> bins, long now) {
        ObjectNode o = mapper.createObjectNode();
        Map<String, Value> selected = record.bins();
        if (bins != null) {
            selected = new LinkedHashMap<>();
            for (String b : bins) {
                Value v = record.bins().get(b);
                if (v != null) {
                    selected.put(b, v);
                }
            }
        }
        o.set("bins", JsonValues.binsToJson(selected, mapper));
        o.put("generation", record.generation());
        o.put("ttl", record.ttlSecondsAt(now));
        return o;
    }

    // ---- key-value

    private void getRecord(HttpServerExchange ex) throws IOException, InterruptedException {
        Key key = pathKey(ex);
        NamespaceService ns = namespace(key.namespace());
        Replica replica = replica(ex);
        if (forwarded(ex, ns, key, replica, false, null)) {
            return;
        }
        Optional<Record> record = readRecord(ex, ns, key, replica);
        if (record.isEmpty()) {
            throw new AerologException(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + key);
        }
        sendJson(ex, 200, recordJson(record.get(), binNames(ex), System.currentTimeMillis()));
    }

    private void exists(HttpServerExchange ex) throws InterruptedException {
        Key key = pathKey(ex);
        NamespaceService ns = namespace(key.namespace());
        Replica replica = replica(ex);
        if (forwarded(ex, ns, key, replica, false, null)) {
            return;
        }
        boolean found = readRecord(ex, ns, key, replica).isPresent();
        if (!found) {
            ex.getResponseHeaders().put(RESULT_CODE, Integer.toString(ResultCode.KEY_NOT_FOUND_ERROR.code()));
        }
        ex.setStatusCode(found ? 200 : 404);
        ex.endExchange();
    }

    private void putBins(HttpServerExchange ex, RecordExistsAction defaultAction) throws Exception {
        Key key = pathKey(ex);
        NamespaceService ns = namespace(key.namespace());
        JsonNode body = ownedWriteBody(ex, ns, key);
        if (body == null) {
            return;
        }
        if (!body.isObject() || body.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "the body must be a JSON object of bins, e.g. {\"name\": \"Ada\", \"visits\": 1}");
        }
        List<Operation> ops = new ArrayList<>();
        body.fields().forEachRemaining(f -> ops.add(Operation.write(f.getKey(), JsonValues.fromJson(f.getValue(),
                "bin '" + f.getKey() + "'"))));
        WritePolicy policy = writePolicy(ex, defaultAction);
        WriteResult result = await(ns, new Command(null, null, key, ops, policy, 0));
        answerWrite(ex, result, policy.recordExistsAction() == RecordExistsAction.CREATE_ONLY ? 201 : 200, null);
    }

    private void deleteRecord(HttpServerExchange ex) throws Exception {
        Key key = pathKey(ex);
        NamespaceService ns = namespace(key.namespace());
        if (forwarded(ex, ns, key, Replica.MASTER, true, null)) {
            return;
        }
        WritePolicy policy = writePolicy(ex, RecordExistsAction.UPDATE);
        WriteResult result = await(ns, new Command(null, null, key, List.of(Operation.delete()), policy, 0));
        answerWrite(ex, result, 200, null);
    }

    private void answerWrite(HttpServerExchange ex, WriteResult result, int status, ObjectNode extra)
            throws IOException {
        if (!result.isOk()) {
            throw new AerologException(result.resultCode(), result.message());
        }
        ObjectNode o = extra == null ? mapper.createObjectNode() : extra;
        o.put("generation", result.generation());
        o.put("ttl", result.ttlSeconds());
        o.put("consistencyToken", result.token().toString());
        ex.getResponseHeaders().put(TOKEN, result.token().toString());
        sendJson(ex, status, o);
    }

    // ---- operate

    private void operate(HttpServerExchange ex) throws Exception {
        Key key = pathKey(ex);
        NamespaceService ns = namespace(key.namespace());
        JsonNode body = ownedWriteBody(ex, ns, key);
        if (body == null) {
            return;
        }
        JsonNode list = body.isObject() && body.has("opsList") ? body.get("opsList") : body;
        if (!list.isArray() || list.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body must be a non-empty JSON array of "
                    + "operations, e.g. [{\"operation\": \"ADD\", \"opValues\": {\"bin\": \"count\", \"incr\": 1}}]");
        }
        List<Operation> ops = new ArrayList<>();
        int i = 0;
        for (JsonNode op : list) {
            ops.add(Operations.fromJson(op, "operation " + i++));
        }
        WritePolicy policy = writePolicy(ex, RecordExistsAction.UPDATE);
        WriteResult result = await(ns, new Command(null, null, key, ops, policy, 0));
        ObjectNode o = mapper.createObjectNode();
        o.set("bins", JsonValues.binsToJson(result.reads(), mapper));
        answerWrite(ex, result, 200, o);
    }

    // ---- batch

    private void batch(HttpServerExchange ex) throws Exception {
        JsonNode body = body(ex, 16 * 1024 * 1024);
        JsonNode items = body.isObject() && body.has("batchRecords") ? body.get("batchRecords") : body;
        if (!items.isArray()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body must be a JSON array of batch reads, "
                    + "e.g. [{\"key\": {\"namespace\": \"test\", \"setName\": \"s\", \"userKey\": \"k1\"}, \"readAllBins\": true}]");
        }
        if (items.size() > MAX_BATCH_KEYS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a batch reads at most " + MAX_BATCH_KEYS
                    + " keys, got " + items.size() + ": split it");
        }
        ConsistencyToken token = token(ex);
        Replica replica = replica(ex);
        long now = System.currentTimeMillis();
        ArrayNode out = mapper.createArrayNode();
        Map<String, List<Integer>> remote = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode item : items) {
            String where = "batch item " + i++;
            JsonNode k = item.get("key");
            if (k == null || !k.isObject()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + " needs a \"key\" object");
            }
            String ns = text(k, "namespace", where);
            String set = k.has("setName") ? k.get("setName").asText() : k.has("set") ? k.get("set").asText() : "";
            JsonNode userKey = k.get("userKey");
            if (userKey == null || userKey.isNull()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": key needs a \"userKey\"");
            }
            String keytype = k.has("keytype") ? k.get("keytype").asText()
                    : userKey.isIntegralNumber() ? "INTEGER" : "STRING";
            Key key = key(ns, set, userKey.asText(), keytype);
            List<String> bins = null;
            if (item.has("binNames") && !(item.has("readAllBins") && item.get("readAllBins").asBoolean())) {
                bins = new ArrayList<>();
                for (JsonNode b : item.get("binNames")) {
                    bins.add(b.asText());
                }
            }
            ObjectNode result = mapper.createObjectNode();
            result.set("key", k);
            out.add(result);
            try {
                NamespaceService service = namespace(ns);
                int partition = key.digest().kafkaPartition(service.config().partitions());
                String target = target(service.owners(), partition, service.self(), replica);
                if (target != null) {
                    if (Forwarder.isForwarded(ex)) {
                        throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                                + " moved while the batch was forwarded; retry shortly");
                    }
                    remote.computeIfAbsent(target, n -> new ArrayList<>()).add(i - 1);
                    continue;
                }
                ConsistencyToken t = token != null && token.partition() == partition ? token : null;
                Optional<Record> record = service.get(key, t, replica == Replica.MASTER);
                if (record.isPresent()) {
                    result.put("resultCode", ResultCode.OK.code());
                    result.set("record", recordJson(record.get(), bins, now));
                } else {
                    result.put("resultCode", ResultCode.KEY_NOT_FOUND_ERROR.code());
                    result.putNull("record");
                }
            } catch (AerologException e) {
                result.put("resultCode", e.resultCode().code());
                result.put("message", e.getMessage());
                result.putNull("record");
            }
        }
        for (Map.Entry<String, List<Integer>> group : remote.entrySet()) {
            ArrayNode sub = mapper.createArrayNode();
            group.getValue().forEach(index -> sub.add(items.get(index)));
            JsonNode answers;
            try {
                answers = mapper.readTree(forwarder.batch(group.getKey(), ex.getQueryString(),
                        mapper.writeValueAsBytes(sub)));
            } catch (AerologException e) {
                for (int index : group.getValue()) {
                    ObjectNode result = (ObjectNode) out.get(index);
                    result.put("resultCode", e.resultCode().code());
                    result.put("message", e.getMessage());
                    result.putNull("record");
                }
                continue;
            }
            for (int j = 0; j < group.getValue().size(); j++) {
                out.set(group.getValue().get(j), answers.get(j));
            }
        }
        sendJson(ex, 200, out);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": key needs a \"" + field + "\" string");
        }
        return v.textValue();
    }

    // ---- cluster, info, health, metrics

    private void cluster(HttpServerExchange ex) throws IOException {
        ObjectNode o = mapper.valueToTree(clusterInfo.get());
        java.util.TreeSet<String> nodes = new java.util.TreeSet<>();
        ObjectNode nsNode = mapper.createObjectNode();
        for (NamespaceService ns : namespaces.values()) {
            PartitionOwners owners = ns.owners();
            nodes.addAll(owners.nodes());
            ObjectNode n = nsNode.putObject(ns.config().name());
            n.put("partitions", ns.config().partitions());
            n.put("replicationFactor", ns.config().replicationFactor());
            n.put("state", ns.state().name());
            n.put("generation", owners.generation());
            ObjectNode map = n.putObject("partitionMap");
            owners.partitions().forEach((p, owner) -> {
                ObjectNode entry = map.putObject(Integer.toString(p));
                if (owner.active() == null) {
                    entry.putNull("active");
                } else {
                    entry.put("active", owner.active());
                }
                ArrayNode standbys = entry.putArray("standbys");
                owner.standbys().forEach(standbys::add);
            });
        }
        ArrayNode nodeList = o.putArray("nodes");
        nodes.forEach(nodeList::add);
        o.set("namespaces", nsNode);
        sendJson(ex, 200, o);
    }

    private void info(HttpServerExchange ex) throws IOException {
        ObjectNode o = mapper.valueToTree(clusterInfo.get());
        ArrayNode list = o.putArray("namespaces");
        for (NamespaceService ns : namespaces.values()) {
            list.add(mapper.valueToTree(ns.config()));
        }
        sendJson(ex, 200, o);
    }

    private void health(HttpServerExchange ex) throws IOException {
        ObjectNode o = mapper.createObjectNode();
        boolean up = true;
        for (NamespaceService ns : namespaces.values()) {
            o.put(ns.config().name(), ns.state().name());
            up &= ns.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
        }
        o.put("status", up ? "UP" : "STARTING");
        sendJson(ex, up ? 200 : 503, o);
    }

    private void metrics(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        ex.getResponseSender().send(registry.scrape());
    }
}
