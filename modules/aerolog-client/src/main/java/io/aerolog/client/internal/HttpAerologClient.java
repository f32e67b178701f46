package io.aerolog.client.internal;

import io.aerolog.client.AerologClient;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.BatchRecord;
import io.aerolog.client.BatchResult;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.ClientStats;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.client.WriteResult;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.RestApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client over HTTP/1.1, with a partition map for routing: the composition of a {@link Transport}
 * ({@link ApacheTransport}: Apache HttpClient 5 with pools of keep-alive connections), the
 * {@link ClusterTender} that keeps the map, {@link Calls} that route and retry each call, and the
 * {@link BatchReader}. Each operation is one method taking a {@link Calls.Mode}: a blocking method runs
 * it in {@link Calls.Mode#BLOCKING} (a read is sent and its answer read in the calling thread) and waits,
 * an async one returns the future of {@link Calls.Mode#ASYNC}.
 */
public final class HttpAerologClient implements AerologClient {
    private final ClientPolicy policy;
    private final ExecutorService executor;
    private final Transport transport;
    private final ScheduledExecutorService timer;
    private final ClusterTender tender;
    private final Calls calls;
    private final BatchReader batches;
    private final BatchOperator operates;

    private HttpAerologClient(ClientPolicy policy, String scheme, List<String> seeds) {
        this.policy = policy;
        this.executor = Executors.newCachedThreadPool(daemon("aerolog-client"));
        this.transport = new ApacheTransport(scheme, policy.connectTimeoutMs(),
                ApacheTransport.DEFAULT_MAX_CONNECTIONS_PER_NODE, executor);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("aerolog-tend"));
        long fetchTimeout = TimeUnit.MILLISECONDS.toNanos(Math.max(policy.connectTimeoutMs(),
                policy.readPolicyDefault().totalTimeoutMs()));
        ClusterTender t;
        try {
            t = new ClusterTender(transport, seeds, scheme, fetchTimeout, timer, policy.tendIntervalMs());
        } catch (RuntimeException e) {
            timer.shutdownNow();
            transport.close();
            executor.shutdown();
            throw e;
        }
        this.tender = t;
        this.calls = new Calls(transport, tender, executor);
        this.batches = new BatchReader(calls, tender);
        this.operates = new BatchOperator(calls, tender);
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
        return new HttpAerologClient(policy, scheme, List.copyOf(seeds));
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

    /** For tests: routes by {@code map} from now on. */
    void useMap(ClusterMap map) {
        tender.use(map);
    }

    private Policy read(Policy p) {
        return p == null ? policy.readPolicyDefault() : p;
    }

    private WritePolicy write(WritePolicy p) {
        return p == null ? policy.writePolicyDefault() : p;
    }

    private <T> CompletableFuture<T> start(Calls.Call<T> call) {
        return calls.start(call);
    }

    private static <T> T await(CompletableFuture<T> f, boolean write) {
        return Calls.await(f, write);
    }

    // ---- put

    @Override
    public WriteResult put(WritePolicy policy, Key key, Bin... bins) {
        return await(put(policy, key, bins, Calls.Mode.BLOCKING), true);
    }

    @Override
    public CompletableFuture<WriteResult> putAsync(WritePolicy policy, Key key, Bin... bins) {
        return put(policy, key, bins, Calls.Mode.ASYNC);
    }

    private CompletableFuture<WriteResult> put(WritePolicy policy, Key key, Bin[] bins, Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        byte[] body = RestRequests.binsBody(Objects.requireNonNull(bins, "bins"));
        String path = RestRequests.writeParams(RestRequests.keyPath(RestApi.KVS, key), p.record()).toString();
        return start(new Calls.Call<>(key, true, p.base(), "PUT", path, body,
                (b, node) -> RestRequests.writeResult(RestRequests.parse(b, node), node), Calls.rethrow(), mode));
    }

    // ---- get

    @Override
    public ClientRecord get(Policy policy, Key key) {
        return await(get(policy, key, null, Calls.Mode.BLOCKING), false);
    }

    @Override
    public CompletableFuture<ClientRecord> getAsync(Policy policy, Key key) {
        return get(policy, key, null, Calls.Mode.ASYNC);
    }

    @Override
    public ClientRecord get(Policy policy, Key key, String... binNames) {
        return await(get(policy, key, binNames, Calls.Mode.BLOCKING), false);
    }

    @Override
    public CompletableFuture<ClientRecord> getAsync(Policy policy, Key key, String... binNames) {
        return get(policy, key, binNames, Calls.Mode.ASYNC);
    }

    private CompletableFuture<ClientRecord> get(Policy policy, Key key, String[] binNames, Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        Policy p = read(policy);
        RestRequests.Query q = RestRequests.keyPath(RestApi.KVS, key);
        if (binNames != null) {
            q.add("recordBins", RestRequests.binList(binNames));
        }
        return start(new Calls.Call<>(key, false, p, "GET", RestRequests.readParams(q, p).toString(), null,
                (b, node) -> RestRequests.record(RestRequests.parse(b, node), key.toString()), Calls.notFoundAs(null),
                mode));
    }

    // ---- exists

    @Override
    public boolean exists(Policy policy, Key key) {
        return await(exists(policy, key, Calls.Mode.BLOCKING), false);
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(Policy policy, Key key) {
        return exists(policy, key, Calls.Mode.ASYNC);
    }

    private CompletableFuture<Boolean> exists(Policy policy, Key key, Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        Policy p = read(policy);
        String path = RestRequests.readParams(RestRequests.keyPath(RestApi.KVS, key), p).toString();
        return start(new Calls.Call<>(key, false, p, "HEAD", path, null, (b, node) -> Boolean.TRUE, e -> {
            if (e.resultCode() != ResultCode.KEY_NOT_FOUND_ERROR) {
                throw e;
            }
            // a HEAD answer has no body: a 404 is also what an unknown namespace gets
            ClusterMap m = tender.map();
            if (m.namespace(key.namespace()) == null) {
                throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + key.namespace()
                        + "' is not in the cluster map; known namespaces: " + m.namespaceNames());
            }
            return Boolean.FALSE;
        }, mode));
    }

    // ---- delete

    @Override
    public boolean delete(WritePolicy policy, Key key) {
        return await(delete(policy, key, Calls.Mode.BLOCKING), true);
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(WritePolicy policy, Key key) {
        return delete(policy, key, Calls.Mode.ASYNC);
    }

    private CompletableFuture<Boolean> delete(WritePolicy policy, Key key, Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        String path = RestRequests.writeParams(RestRequests.keyPath(RestApi.KVS, key), p.record()).toString();
        return start(new Calls.Call<>(key, true, p.base(), "DELETE", path, null, (b, node) -> Boolean.TRUE,
                Calls.notFoundAs(Boolean.FALSE), mode));
    }

    // ---- touch and operate

    @Override
    public WriteResult touch(WritePolicy policy, Key key) {
        return await(touch(policy, key, Calls.Mode.BLOCKING), true);
    }

    @Override
    public CompletableFuture<WriteResult> touchAsync(WritePolicy policy, Key key) {
        return touch(policy, key, Calls.Mode.ASYNC);
    }

    private CompletableFuture<WriteResult> touch(WritePolicy policy, Key key, Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        WritePolicy p = write(policy);
        String path = RestRequests.writeParams(RestRequests.keyPath(RestApi.OPERATE, key), p.record()).toString();
        return start(new Calls.Call<>(key, true, p.base(), "POST", path,
                RestRequests.operateBody(new Operation[] {Operation.touch()}),
                (b, node) -> RestRequests.writeResult(RestRequests.parse(b, node), node), Calls.rethrow(), mode));
    }

    @Override
    public ClientRecord operate(WritePolicy policy, Key key, Operation... operations) {
        return await(operate(policy, key, operations, Calls.Mode.BLOCKING), true);
    }

    @Override
    public CompletableFuture<ClientRecord> operateAsync(WritePolicy policy, Key key, Operation... operations) {
        return operate(policy, key, operations, Calls.Mode.ASYNC);
    }

    private CompletableFuture<ClientRecord> operate(WritePolicy policy, Key key, Operation[] operations,
                                                    Calls.Mode mode) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operations, "operations");
        WritePolicy p = write(policy);
        boolean writes = false;
        for (Operation op : operations) {
            writes |= Objects.requireNonNull(op, "operation").type().isWrite();
        }
        String path = RestRequests.writeParams(RestRequests.keyPath(RestApi.OPERATE, key), p.record()).toString();
        return start(new Calls.Call<>(key, writes, p.base(), "POST", path, RestRequests.operateBody(operations),
                (b, node) -> RestRequests.record(RestRequests.parse(b, node), key.toString()), Calls.rethrow(), mode));
    }

    // ---- batch

    @Override
    public ClientRecord[] get(BatchPolicy policy, Key[] keys) {
        return await(batch(policy, keys, null), false);
    }

    @Override
    public CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys) {
        return batch(policy, keys, null);
    }

    @Override
    public ClientRecord[] get(BatchPolicy policy, Key[] keys, String... binNames) {
        return await(batch(policy, keys, Objects.requireNonNull(binNames, "binNames")), false);
    }

    @Override
    public CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys, String... binNames) {
        return batch(policy, keys, Objects.requireNonNull(binNames, "binNames"));
    }

    /** The requests to different nodes go out at once, also for a caller that blocks. */
    private CompletableFuture<ClientRecord[]> batch(BatchPolicy policy, Key[] keys, String[] binNames) {
        Objects.requireNonNull(keys, "keys");
        BatchPolicy bp = policy == null ? this.policy.batchPolicyDefault() : policy;
        return batches.read(bp, keys, binNames);
    }

    @Override
    public List<BatchResult> operate(BatchPolicy policy, List<? extends BatchRecord> records) {
        return await(operateAsync(policy, records), true);
    }

    /** The requests to different nodes go out at once, also for a caller that blocks. */
    @Override
    public CompletableFuture<List<BatchResult>> operateAsync(BatchPolicy policy, List<? extends BatchRecord> records) {
        Objects.requireNonNull(records, "records");
        BatchPolicy bp = policy == null ? this.policy.batchPolicyDefault() : policy;
        try {
            return operates.operate(bp, records);
        } catch (AerologException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- cluster

    @Override
    public ClientStats stats() {
        return new ClientStats(calls.requests(), calls.forwarded(), calls.retries(), tender.refreshes());
    }

    @Override
    public List<String> nodes() {
        return tender.map().nodes();
    }

    @Override
    public void close() {
        calls.close();
        tender.close();
        timer.shutdownNow();
        transport.close();
        executor.shutdown();
    }
}
