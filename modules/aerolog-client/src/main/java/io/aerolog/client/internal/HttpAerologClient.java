package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.client.AerologClient;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.ClientStats;
import io.aerolog.client.Policy;
import io.aerolog.client.Replica;
import io.aerolog.client.WritePolicy;
import io.aerolog.client.WriteResult;
import io.aerolog.client.json.JsonValues;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client over HTTP/1.1, with a partition map for routing. Requests go through a {@link Transport}
 * ({@link ApacheTransport}: Apache HttpClient 5 with pools of keep-alive connections); a blocking read
 * is sent and its answer read in the calling thread, everything else goes through non-blocking I/O.
 *
 * <p>Design. Every call is a {@link Call}: a route (key and replica), a request, what a 2xx answer
 * means, and what an error means for this call (e.g. KEY_NOT_FOUND is null for get). Each attempt asks
 * the current {@link ClusterMap} for the node, sends with the time left of the total timeout, and
 * checks the routing headers of the answer ({@value #SERVED_BY_HEADER}: another node served it, a
 * miss; {@value #MAP_GENERATION_HEADER}: the map changed). A stale map, PARTITION_UNAVAILABLE or an
 * unreachable node starts one refresh of the map (single flight); a retry waits for it, so it is sent
 * with the new map. Retrying never risks applying a write twice: a write is retried only when it
 * certainly was not applied (no connection, or PARTITION_UNAVAILABLE, which a node answers before
 * appending). Nothing blocks a thread but the blocking API's own wait.
 */
public final class HttpAerologClient implements AerologClient {
    static final String MAP_GENERATION_HEADER = "X-Aerolog-Map-Generation";
    static final String SERVED_BY_HEADER = "X-Aerolog-Served-By";

    private final ClientPolicy policy;
    private final String scheme;
    private final List<String> seeds;
    private final ExecutorService executor;
    private final Transport transport;
    private final ScheduledExecutorService tender;
    private final AtomicReference<CompletableFuture<ClusterMap>> refreshing = new AtomicReference<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong mapRefreshes = new AtomicLong();
    private volatile ClusterMap map;
    private volatile boolean closed;

    private HttpAerologClient(ClientPolicy policy, String scheme, List<String> seeds) {
        this.policy = policy;
        this.scheme = scheme;
        this.seeds = seeds;
        this.executor = Executors.newCachedThreadPool(daemon("aerolog-client"));
        this.transport = new ApacheTransport(scheme, policy.connectTimeoutMs(),
                ApacheTransport.DEFAULT_MAX_CONNECTIONS_PER_NODE, executor);
        this.tender = policy.tendIntervalMs() > 0 ? Executors.newSingleThreadScheduledExecutor(daemon("aerolog-tend")) : null;
    }

    /** See {@link AerologClient#connect}. */
    public static AerologClient connect(ClientPolicy policy, String... seedUrls) {
        Objects.requireNonNull(policy, "policy");
        if (seedUrls == null || seedUrls.length == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "connect needs at least one seed URL, e.g. http://127.0.0.1:8080");
        }
        String scheme = null;
        Set<String> seeds = new LinkedHashSet<>();
        for (String seed : seedUrls) {
            URI uri = seedUri(seed);
            if (scheme != null && !scheme.equals(uri.getScheme())) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "seeds mix http and https: " + String.join(", ", seedUrls));
            }
            scheme = uri.getScheme();
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            seeds.add(uri.getHost() + ":" + port);
        }
        HttpAerologClient client = new HttpAerologClient(policy, scheme, List.copyOf(seeds));
        List<String> failures = new ArrayList<>();
        for (String seed : client.seeds) {
            try {
                client.map = client.fetchMap(seed).get();
                break;
            } catch (ExecutionException e) {
                failures.add(client.scheme + "://" + seed + " (" + describe(unwrap(e)) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw new AerologException(ResultCode.SERVER_ERROR, "interrupted while connecting", false, e);
            }
        }
        if (client.map == null) {
            client.close();
            throw new AerologException(ResultCode.SERVER_ERROR, "could not read the cluster map (GET /v1/cluster) from any seed: "
                    + String.join("; ", failures) + ". Check the seed URLs and that an Aerolog node runs there.");
        }
        if (client.tender != null) {
            client.tender.scheduleWithFixedDelay(client::tend, policy.tendIntervalMs(), policy.tendIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        return client;
    }

    private static URI seedUri(String seed) {
        if (seed == null || seed.isBlank()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a seed URL is empty; give one like http://127.0.0.1:8080");
        }
        String text = seed.strip().contains("://") ? seed.strip() : "http://" + seed.strip();
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "seed '" + seed
                    + "' is not a node URL like http://127.0.0.1:8080 (" + e.getReason() + ")");
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- the map

    private CompletableFuture<ClusterMap> fetchMap(String node) {
        long timeout = TimeUnit.MILLISECONDS.toNanos(Math.max(policy.connectTimeoutMs(),
                policy.readPolicyDefault().totalTimeoutMs()));
        return transport.send(node, "GET", "/v1/cluster", null, timeout, false).thenApply(r -> {
            if (r.status() != 200) {
                throw new AerologException(ResultCode.SERVER_ERROR, "GET /v1/cluster answered HTTP " + r.status()
                        + ": " + JsonValues.abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
            }
            ClusterMap m = ClusterMap.parse(Wire.parse(r.body(), node), node);
            mapRefreshes.incrementAndGet();
            return m;
        });
    }

    /** Reads the map again from a node that answers (those of the map, then the seeds); one refresh at a time. */
    CompletableFuture<ClusterMap> refresh() {
        CompletableFuture<ClusterMap> mine = new CompletableFuture<>();
        CompletableFuture<ClusterMap> running = refreshing.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        Set<String> candidates = new LinkedHashSet<>(map.nodes());
        candidates.addAll(seeds);
        fetchFirst(new ArrayList<>(candidates), 0).whenComplete((m, e) -> {
            if (m != null) {
                map = m;
            }
            refreshing.set(null);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(m);
            }
        });
        return mine;
    }

    private CompletableFuture<ClusterMap> fetchFirst(List<String> nodes, int i) {
        return fetchMap(nodes.get(i)).handle((m, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(m);
            }
            if (i + 1 < nodes.size() && !closed) {
                return fetchFirst(nodes, i + 1);
            }
            return CompletableFuture.<ClusterMap>failedFuture(unwrap(e));
        }).thenCompose(f -> f);
    }

    private void tend() {
        if (!closed) {
            refresh();
        }
    }

    // ---- calls

    /** What a call does with a 2xx answer. */
    private interface OnOk<T> {
        T apply(byte[] body, String node);
    }

    /** What a call makes of a refusal: a value (e.g. null for a missing record), or the exception rethrown. */
    private interface OnError<T> {
        T apply(AerologException e);
    }

    private final class Call<T> {
        final Key key;
        final boolean write;
        final Policy policy;
        final String method;
        final String path;
        final byte[] body;
        final OnOk<T> onOk;
        final OnError<T> onError;
        final long deadline;
        final int spread = ThreadLocalRandom.current().nextInt(1 << 16);
        final boolean blocking = BLOCKING.get();
        final CompletableFuture<T> result = new CompletableFuture<>();
        int attempt;

        Call(Key key, boolean write, Policy policy, String method, String path, byte[] body, OnOk<T> onOk,
             OnError<T> onError) {
            this.key = key;
            this.write = write;
            this.policy = policy;
            this.method = method;
            this.path = path;
            this.body = body;
            this.onOk = onOk;
            this.onError = onError;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(policy.totalTimeoutMs());
        }

        Replica replica() {
            return write ? Replica.MASTER : policy.replica();
        }
    }

    private <T> CompletableFuture<T> start(Call<T> call) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Aerolog client is closed"));
        }
        attempt(call);
        return call.result;
    }

    private <T> void attempt(Call<T> c) {
        long left = c.deadline - System.nanoTime();
        if (closed) {
            c.result.completeExceptionally(new IllegalStateException("the Aerolog client is closed"));
            return;
        }
        if (left <= 0) {
            c.result.completeExceptionally(new AerologException(ResultCode.TIMEOUT, "no answer within the total timeout of "
                    + c.policy.totalTimeoutMs() + " ms (" + (c.attempt) + " attempts)", false, null));
            return;
        }
        ClusterMap m = map;
        String node = m.route(c.key, c.replica(), c.attempt, c.spread);
        requests.incrementAndGet();
        // a blocking send may find its pooled connection closed only by sending on it: reads only
        boolean inThisThread = c.blocking && !c.write;
        transport.send(node, c.method, c.path, c.body, left, inThisThread).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    onFailure(c, node, unwrap(error));
                } else {
                    onAnswer(c, node, response);
                }
            } catch (Throwable t) {
                c.result.completeExceptionally(t);
            }
        });
    }

    /**
     * A request without an answer. A timeout is TIMEOUT, anything else SERVER_ERROR (and the node may
     * be gone: the map is refreshed); either is in doubt for a write that may have been sent, and only
     * a write that certainly was not sent is retried.
     */
    private <T> void onFailure(Call<T> c, String node, Throwable cause) {
        Transport.Kind kind = cause instanceof Transport.Failure f ? f.kind() : Transport.Kind.BROKEN;
        boolean inDoubt = c.write && kind.maybeSent();
        String doubt = inDoubt ? "; the write may have been applied" : "";
        AerologException e;
        if (kind.timedOut()) {
            String what = kind.maybeSent() ? "node " + node + " did not answer" : "no connection to node " + node + " was ready";
            e = new AerologException(ResultCode.TIMEOUT, what + " within the total timeout of " + c.policy.totalTimeoutMs()
                    + " ms" + doubt, inDoubt, cause);
        } else {
            e = new AerologException(ResultCode.SERVER_ERROR, "could not reach node " + node + ": " + describe(cause)
                    + doubt, inDoubt, cause);
            refresh();
        }
        retryOrFail(c, e, !c.write || !kind.maybeSent());
    }

    private <T> void onAnswer(Call<T> c, String node, Answer r) {
        checkRouting(c, node, r);
        int status = r.status();
        AerologException e;
        if (status / 100 == 2) {
            try {
                c.result.complete(c.onOk.apply(r.body(), node));
                return;
            } catch (AerologException refused) {
                e = refused;
            }
        } else {
            e = Wire.error(status, r.body(), node, c.write);
        }
        boolean unavailable = e.resultCode() == ResultCode.PARTITION_UNAVAILABLE;
        if (unavailable) {
            refresh();
        }
        if (unavailable || (!c.write && status == 503)) {
            retryOrFail(c, e, true);
            return;
        }
        try {
            c.result.complete(c.onError.apply(e));
        } catch (RuntimeException refused) {
            c.result.completeExceptionally(refused);
        }
    }

    /** Counts a forwarded answer and refreshes the map when the answer shows it is stale. */
    private void checkRouting(Call<?> c, String node, Answer r) {
        boolean stale = false;
        if (r.servedBy() != null && !r.servedBy().equals(node)) {
            forwarded.incrementAndGet();
            stale = true;
        }
        if (r.mapGeneration() != null && c.key != null) {
            ClusterMap.NamespaceMap ns = map.namespace(c.key.namespace());
            try {
                long g = Long.parseLong(r.mapGeneration().trim());
                stale |= ns != null && ns.generation() != ClusterMap.UNKNOWN_GENERATION && ns.generation() != g;
            } catch (NumberFormatException ignored) {
                // a header we cannot read tells nothing
            }
        }
        if (stale) {
            refresh();
        }
    }

    /** Retries when allowed and there are attempts and time left, else fails the call with {@code e}. */
    private <T> void retryOrFail(Call<T> c, AerologException e, boolean retryable) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(c.deadline - System.nanoTime());
        if (!retryable || closed || c.attempt >= c.policy.maxRetries() || leftMs <= c.policy.sleepBetweenRetriesMs()) {
            c.result.completeExceptionally(c.attempt == 0 ? e : new AerologException(e.resultCode(), e.getMessage()
                    + " (after " + (c.attempt + 1) + " attempts)", e.inDoubt(), e.getCause()));
            return;
        }
        retries.incrementAndGet();
        c.attempt++;
        CompletableFuture<ClusterMap> pending = refreshing.get();
        CompletableFuture<Object> mapReady = pending == null ? CompletableFuture.completedFuture(null)
                : pending.handle((m, x) -> (Object) null).completeOnTimeout(null, leftMs, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> pause = c.policy.sleepBetweenRetriesMs() == 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(c.policy.sleepBetweenRetriesMs(), TimeUnit.MILLISECONDS, executor));
        pause.thenCombine(mapReady, (a, b) -> null).whenComplete((x, err) -> attempt(c));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        if (t instanceof Transport.Failure) {
            return t.getMessage();
        }
        if (t instanceof AerologException ae) {
            return ae.resultCode() + ": " + ae.getMessage();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Reads made by the blocking methods send in the calling thread (see {@link Transport#send}). */
    private static final ThreadLocal<Boolean> BLOCKING = ThreadLocal.withInitial(() -> false);

    private <T> T blocking(java.util.function.Supplier<CompletableFuture<T>> call, boolean write) {
        BLOCKING.set(true);
        CompletableFuture<T> f;
        try {
            f = call.get();
        } finally {
            BLOCKING.set(false);
        }
        return await(f, write);
    }

    /** Waits for a call's answer, rethrowing its failure with this thread's stack. */
    private static <T> T await(CompletableFuture<T> f, boolean write) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof AerologException ae) {
                throw new AerologException(ae.resultCode(), ae.getMessage(), ae.inDoubt(), ae);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new AerologException(ResultCode.SERVER_ERROR, describe(cause), write, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerologException(ResultCode.TIMEOUT, "interrupted while waiting for the answer", write, e);
        }
    }

    private Policy read(Policy p) {
        return p == null ? policy.readPolicyDefault() : p;
    }

    private WritePolicy write(WritePolicy p) {
        return p == null ? policy.writePolicyDefault() : p;
    }

    private static <T> OnError<T> rethrow() {
        return e -> {
            throw e;
        };
    }

    private static Wire.Query readParams(Wire.Query q, Policy p) {
        q.add("consistencyToken", p.consistencyToken());
        if (p.replica() != Replica.MASTER) {
            q.add("replica", p.replica().name());
        }
        return q;
    }

    // ---- put

    @Override
    public WriteResult put(WritePolicy policy, Key key, Bin... bins) {
        return blocking(() -> putAsync(policy, key, bins), true);
    }

    @Override
    public CompletableFuture<WriteResult> putAsync(WritePolicy policy, Key key, Bin... bins) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        byte[] body = Wire.binsBody(Objects.requireNonNull(bins, "bins"));
        String path = Wire.writeParams(Wire.keyPath("/v1/kvs", key), p.record()).toString();
        return start(new Call<>(key, true, p.base(), "PUT", path, body,
                (b, node) -> Wire.writeResult(Wire.parse(b, node)), rethrow()));
    }

    // ---- get

    @Override
    public ClientRecord get(Policy policy, Key key) {
        return blocking(() -> getAsync(policy, key), false);
    }

    @Override
    public CompletableFuture<ClientRecord> getAsync(Policy policy, Key key) {
        return getAsync(policy, key, (String[]) null);
    }

    @Override
    public ClientRecord get(Policy policy, Key key, String... binNames) {
        return blocking(() -> getAsync(policy, key, binNames), false);
    }

    @Override
    public CompletableFuture<ClientRecord> getAsync(Policy policy, Key key, String... binNames) {
        Objects.requireNonNull(key, "key");
        Policy p = read(policy);
        Wire.Query q = Wire.keyPath("/v1/kvs", key);
        if (binNames != null) {
            q.add("recordBins", Wire.binList(binNames));
        }
        return start(new Call<>(key, false, p, "GET", readParams(q, p).toString(), null,
                (b, node) -> Wire.record(Wire.parse(b, node), key.toString()), notFoundAs(null)));
    }

    private static <T> OnError<T> notFoundAs(T value) {
        return e -> {
            if (e.resultCode() == ResultCode.KEY_NOT_FOUND_ERROR) {
                return value;
            }
            throw e;
        };
    }

    // ---- exists

    @Override
    public boolean exists(Policy policy, Key key) {
        return blocking(() -> existsAsync(policy, key), false);
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(Policy policy, Key key) {
        Objects.requireNonNull(key, "key");
        Policy p = read(policy);
        String path = readParams(Wire.keyPath("/v1/kvs", key), p).toString();
        return start(new Call<>(key, false, p, "HEAD", path, null, (b, node) -> Boolean.TRUE, e -> {
            if (e.resultCode() != ResultCode.KEY_NOT_FOUND_ERROR) {
                throw e;
            }
            // a HEAD answer has no body: a 404 is also what an unknown namespace gets
            if (map.namespace(key.namespace()) == null) {
                throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + key.namespace()
                        + "' is not in the cluster map; known namespaces: " + map.namespaceNames());
            }
            return Boolean.FALSE;
        }));
    }

    // ---- delete

    @Override
    public boolean delete(WritePolicy policy, Key key) {
        return blocking(() -> deleteAsync(policy, key), true);
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(WritePolicy policy, Key key) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        String path = Wire.writeParams(Wire.keyPath("/v1/kvs", key), p.record()).toString();
        return start(new Call<>(key, true, p.base(), "DELETE", path, null, (b, node) -> Boolean.TRUE,
                notFoundAs(Boolean.FALSE)));
    }

    // ---- touch and operate

    @Override
    public WriteResult touch(WritePolicy policy, Key key) {
        return blocking(() -> touchAsync(policy, key), true);
    }

    @Override
    public CompletableFuture<WriteResult> touchAsync(WritePolicy policy, Key key) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        String path = Wire.writeParams(Wire.keyPath("/v1/operate", key), p.record()).toString();
        return start(new Call<>(key, true, p.base(), "POST", path, Wire.operateBody(new Operation[] {Operation.touch()}),
                (b, node) -> Wire.writeResult(Wire.parse(b, node)), rethrow()));
    }

    @Override
    public ClientRecord operate(WritePolicy policy, Key key, Operation... operations) {
        return blocking(() -> operateAsync(policy, key, operations), true);
    }

    @Override
    public CompletableFuture<ClientRecord> operateAsync(WritePolicy policy, Key key, Operation... operations) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operations, "operations");
        WritePolicy p = write(policy);
        boolean writes = false;
        for (Operation op : operations) {
            writes |= Objects.requireNonNull(op, "operation").type().isWrite();
        }
        String path = Wire.writeParams(Wire.keyPath("/v1/operate", key), p.record()).toString();
        return start(new Call<>(key, writes, p.base(), "POST", path, Wire.operateBody(operations),
                (b, node) -> Wire.record(Wire.parse(b, node), key.toString()), rethrow()));
    }

    // ---- batch

    @Override
    public ClientRecord[] get(BatchPolicy policy, Key[] keys) {
        return blocking(() -> getAsync(policy, keys), false);
    }

    @Override
    public CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys) {
        return batch(policy, keys, null);
    }

    @Override
    public ClientRecord[] get(BatchPolicy policy, Key[] keys, String... binNames) {
        return blocking(() -> getAsync(policy, keys, binNames), false);
    }

    @Override
    public CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys, String... binNames) {
        return batch(policy, keys, Objects.requireNonNull(binNames, "binNames"));
    }

    /**
     * Groups the keys by the node that owns them, sends a request per group (and per
     * {@link BatchPolicy#maxKeysPerRequest()} keys) in parallel, and fills one array. A group whose
     * node answers a key PARTITION_UNAVAILABLE is retried whole, routed by its first key.
     */
    private CompletableFuture<ClientRecord[]> batch(BatchPolicy policy, Key[] keys, String[] binNames) {
        Objects.requireNonNull(keys, "keys");
        BatchPolicy bp = policy == null ? this.policy.batchPolicyDefault() : policy;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.PARAMETER_ERROR,
                        "keys[" + i + "] is null"));
            }
        }
        ClientRecord[] out = new ClientRecord[keys.length];
        if (keys.length == 0) {
            return CompletableFuture.completedFuture(out);
        }
        ClusterMap m = map;
        int spread = ThreadLocalRandom.current().nextInt(1 << 16);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(m.route(keys[i], bp.base().replica(), 0, spread), n -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        String path = readParams(new Wire.Query("/v1/batch"), bp.base()).toString();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += bp.maxKeysPerRequest()) {
                int[] indexes = group.subList(from, Math.min(group.size(), from + bp.maxKeysPerRequest()))
                        .stream().mapToInt(Integer::intValue).toArray();
                parts.add(start(new Call<Void>(keys[indexes[0]], false, bp.base(), "POST", path,
                        Wire.batchBody(keys, indexes, binNames), (b, node) -> {
                            fillBatch(Wire.parse(b, node), keys, indexes, out, node);
                            return null;
                        }, rethrow())));
            }
        }
        CompletableFuture<ClientRecord[]> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(parts.size());
        for (CompletableFuture<Void> part : parts) {
            part.whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(unwrap(e));
                } else if (left.decrementAndGet() == 0) {
                    result.complete(out);
                }
            });
        }
        return result;
    }

    private static void fillBatch(JsonNode answer, Key[] keys, int[] indexes, ClientRecord[] out, String node) {
        if (!answer.isArray() || answer.size() != indexes.length) {
            throw new AerologException(ResultCode.PARSE_ERROR, "node " + node + " answered a batch of " + indexes.length
                    + " keys with " + (answer.isArray() ? answer.size() + " results" : "no array"));
        }
        for (int j = 0; j < indexes.length; j++) {
            JsonNode item = answer.get(j);
            int number = item.path("resultCode").asInt(ResultCode.SERVER_ERROR.code());
            ResultCode code = ResultCode.of(number);
            Key key = keys[indexes[j]];
            if (code == ResultCode.OK) {
                out[indexes[j]] = Wire.record(item.get("record"), key.toString());
            } else if (code == ResultCode.KEY_NOT_FOUND_ERROR) {
                out[indexes[j]] = null;
            } else {
                throw new AerologException(code, "batch read of " + key + ": "
                        + item.path("message").asText(code.name()), false, null);
            }
        }
    }

    // ---- cluster

    @Override
    public ClientStats stats() {
        return new ClientStats(requests.get(), forwarded.get(), retries.get(), mapRefreshes.get());
    }

    @Override
    public List<String> nodes() {
        return map.nodes();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tender != null) {
            tender.shutdownNow();
        }
        transport.close();
        executor.shutdown();
    }
}
