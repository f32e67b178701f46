package io.aerolog.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aerolog.client.AerologClient;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routing and retries against a scripted node (a real HTTP server in this JVM): the paths a single
 * real node cannot show, such as forwarded answers, a dead owner and PARTITION_UNAVAILABLE.
 */
class RoutingTest {
    private HttpServer server;
    private final Deque<String[]> script = new ArrayDeque<>();
    private final AtomicInteger clusterReads = new AtomicInteger();
    private volatile Function<Integer, String> clusterMap;

    /** Each scripted answer: status, body, served-by header (or null). */
    private void answer(int status, String body, String servedBy) {
        script.add(new String[] {Integer.toString(status), body, servedBy});
    }

    private String self() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String map(String owner, long generation) {
        return "{\"cluster\":\"c\",\"http\":\"" + owner + "\",\"namespaces\":{\"test\":{\"partitions\":1,"
                + "\"generation\":" + generation + ",\"partitionMap\":{\"0\":{\"active\":\"" + owner + "\",\"standbys\":[]}}}}}";
    }

    private AerologClient start() throws IOException {
        return start(1);
    }

    /** Starts the scripted node and connects; its map has {@code generation} at connect, 1 afterwards. */
    private AerologClient start(long generation) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        clusterMap = n -> map(self(), n == 1 ? generation : 1);
        // a generous connect timeout: these tests are about routing, and a loaded machine may be slow to answer
        return AerologClient.connect(ClientPolicy.DEFAULT.withTendIntervalMs(0).withConnectTimeoutMs(10_000),
                "http://" + self());
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String status;
        String body;
        String servedBy;
        if (ex.getRequestURI().getPath().equals("/v1/cluster")) {
            status = "200";
            body = clusterMap.apply(clusterReads.incrementAndGet());
            servedBy = null;
        } else {
            String[] next = script.poll();
            status = next == null ? "500" : next[0];
            body = next == null ? "{\"resultCode\":1,\"message\":\"unscripted\"}" : next[1];
            servedBy = next == null ? null : next[2];
        }
        ex.getRequestBody().readAllBytes();
        if (servedBy != null) {
            ex.getResponseHeaders().add(io.aerolog.protocol.RestApi.SERVED_BY_HEADER, servedBy);
            ex.getResponseHeaders().add(io.aerolog.protocol.RestApi.MAP_GENERATION_HEADER, "1");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(Integer.parseInt(status), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aForwardedAnswerCountsAsAMissAndRefreshesTheMap() throws Exception {
        try (AerologClient client = start()) {
            answer(200, "{\"bins\":{\"a\":1},\"generation\":1,\"ttl\":-1}", self());
            answer(200, "{\"bins\":{\"a\":1},\"generation\":1,\"ttl\":-1}", "10.0.0.9:8080");
            answer(200, "{\"bins\":{\"a\":1},\"generation\":1,\"ttl\":-1}", self());
            Key key = Key.of("test", "s", "k");
            client.get(null, key);
            assertThat(client.stats().forwarded()).isZero();
            client.get(null, key);
            assertThat(client.stats().forwarded()).isEqualTo(1);
            awaitRefreshes(client, 2);
            client.get(null, key);
            assertThat(client.stats().forwarded()).isEqualTo(1);
        }
    }

    @Test
    void anotherMapGenerationRefreshesTheMap() throws Exception {
        try (AerologClient client = start(7)) {
            // scripted answers carry generation 1; the map at connect said 7
            answer(200, "{\"generation\":1,\"ttl\":-1,\"consistencyToken\":\"0:1\"}", self());
            client.put(null, Key.of("test", "s", "k"), Bin.of("a", 1L));
            awaitRefreshes(client, 2);
            assertThat(client.stats().forwarded()).as("served by the node asked: not a miss").isZero();
        }
    }

    @Test
    void aWriteIsRetriedAfterPartitionUnavailable() throws Exception {
        try (AerologClient client = start()) {
            answer(503, "{\"resultCode\":11,\"name\":\"PARTITION_UNAVAILABLE\",\"message\":\"moved\",\"inDoubt\":false}", null);
            answer(200, "{\"generation\":3,\"ttl\":-1,\"consistencyToken\":\"0:9\"}", self());
            assertThat(client.put(null, Key.of("test", "s", "k"), Bin.of("a", 1L)).generation()).isEqualTo(3);
            assertThat(client.stats().retries()).isEqualTo(1);
            assertThat(client.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void aWriteThatMayHaveAppliedIsNeverRetried() throws Exception {
        try (AerologClient client = start()) {
            answer(500, "", null);
            AerologException e = catchThrowableOfType(AerologException.class,
                    () -> client.put(null, Key.of("test", "s", "k"), Bin.of("a", 1L)));
            assertThat(e.resultCode()).isEqualTo(ResultCode.SERVER_ERROR);
            assertThat(e.inDoubt()).isTrue();
            assertThat(client.stats().requests()).isEqualTo(1);

            answer(503, "{\"resultCode\":14,\"name\":\"KEY_BUSY\",\"message\":\"busy\",\"inDoubt\":false}", null);
            AerologException busy = catchThrowableOfType(AerologException.class,
                    () -> client.put(null, Key.of("test", "s", "k"), Bin.of("a", 1L)));
            assertThat(busy.resultCode()).isEqualTo(ResultCode.KEY_BUSY);
            assertThat(client.stats().retries()).isZero();
        }
    }

    @Test
    void aReadIsRetriedOnTheNewOwnerWhenTheOldOneIsGone() throws Exception {
        try (AerologClient client = start()) {
            int dead = freedPort();
            clusterMap = n -> map(self(), 2);
            // the map at connect pointed at a node that is gone
            String stale = "127.0.0.1:" + dead;
            ((HttpAerologClient) client).useMap(
                    ClusterMap.parse(RestRequests.parse(map(stale, 1).getBytes(StandardCharsets.UTF_8), stale), stale));
            answer(200, "{\"bins\":{\"a\":1},\"generation\":1,\"ttl\":-1}", self());
            assertThat(client.get(null, Key.of("test", "s", "k")).getLong("a")).isEqualTo(1);
            assertThat(client.stats().retries()).isEqualTo(1);
            assertThat(client.nodes()).containsExactly(self());
        }
    }

    /**
     * A port nothing listens on, taken while the scripted node holds its own: a port freed before the node started
     * could be the very one the node was given, and a read sent there would need no retry.
     */
    private static int freedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aReadGivesUpAfterMaxRetries() throws Exception {
        try (AerologClient client = start()) {
            for (int i = 0; i < 3; i++) {
                answer(503, "{\"resultCode\":11,\"message\":\"moved\"}", null);
            }
            AerologException e = catchThrowableOfType(AerologException.class, () -> client.get(null, Key.of("test", "s", "k")));
            assertThat(e.resultCode()).isEqualTo(ResultCode.PARTITION_UNAVAILABLE);
            assertThat(e.getMessage()).contains("after 3 attempts");
            assertThat(client.stats().retries()).isEqualTo(2);
        }
    }

    /** Points the client's map, and every map it reads later, at {@code node}. */
    private void routeTo(AerologClient client, String node) throws Exception {
        clusterMap = n -> map(node, 1);
        ((HttpAerologClient) client).useMap(
                ClusterMap.parse(RestRequests.parse(map(node, 1).getBytes(StandardCharsets.UTF_8), node), node));
    }

    private static AerologException failure(boolean blocking, Callable<?> sync,
                                            Supplier<CompletableFuture<?>> async) {
        if (blocking) {
            return catchThrowableOfType(AerologException.class, sync::call);
        }
        Throwable t = catchThrowableOfType(ExecutionException.class,
                () -> async.get().get(10, TimeUnit.SECONDS)).getCause();
        assertThat(t).isInstanceOf(AerologException.class);
        return (AerologException) t;
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aWriteToANodeThatRefusesIsRetriedAndNotInDoubt(boolean blocking) throws Exception {
        try (AerologClient client = start()) {
            routeTo(client, "127.0.0.1:" + freedPort());
            Key key = Key.of("test", "s", "k");
            AerologException e = failure(blocking, () -> client.put(null, key, Bin.of("a", 1L)),
                    () -> client.putAsync(null, key, Bin.of("a", 1L)));
            assertThat(e.resultCode()).isEqualTo(ResultCode.SERVER_ERROR);
            assertThat(e.inDoubt()).isFalse();
            assertThat(e.getMessage()).contains("connection refused").contains("after 3 attempts")
                    .doesNotContain("may have been applied");
            assertThat(client.stats().retries()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aWriteToANodeThatNeverAnswersTimesOutInDoubtAndIsNotRetried(boolean blocking) throws Exception {
        try (SilentNode silent = new SilentNode(); AerologClient client = start()) {
            routeTo(client, silent.address());
            Key key = Key.of("test", "s", "k");
            WritePolicy write = WritePolicy.DEFAULT.withTotalTimeoutMs(300);
            long start = System.nanoTime();
            AerologException e = failure(blocking, () -> client.put(write, key, Bin.of("a", 1L)),
                    () -> client.putAsync(write, key, Bin.of("a", 1L)));
            assertThat(e.resultCode()).isEqualTo(ResultCode.TIMEOUT);
            assertThat(e.inDoubt()).isTrue();
            assertThat(e.getMessage()).contains("may have been applied");
            assertThat(client.stats().requests()).isEqualTo(1);
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);

            Policy read = Policy.DEFAULT.withTotalTimeoutMs(300);
            AerologException r = failure(blocking, () -> client.get(read, key), () -> client.getAsync(read, key));
            assertThat(r.resultCode()).isEqualTo(ResultCode.TIMEOUT);
            assertThat(r.inDoubt()).isFalse();
        }
    }

    private static void awaitRefreshes(AerologClient client, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (client.stats().mapRefreshes() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.stats().mapRefreshes()).isGreaterThanOrEqualTo(n);
    }
}
