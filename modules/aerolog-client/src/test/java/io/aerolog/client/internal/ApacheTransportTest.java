package io.aerolog.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport against real sockets, blocking and not: an answer with its routing headers, and each
 * kind of failure (what decides whether a write may be retried) from the situation that causes it.
 */
class ApacheTransportTest {
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(300);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<AutoCloseable> open = new ArrayList<>();

    private ApacheTransport transport(int maxConnectionsPerNode) {
        return transport(300, maxConnectionsPerNode);
    }

    private ApacheTransport transport(int connectTimeoutMs, int maxConnectionsPerNode) {
        ApacheTransport t = new ApacheTransport("http", connectTimeoutMs, maxConnectionsPerNode, executor);
        open.add(t);
        return t;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        executor.shutdownNow();
    }

    private String silentNode() throws IOException {
        SilentNode node = new SilentNode();
        open.add(node);
        return node.address();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static Transport.Failure failure(CompletableFuture<Answer> f) throws InterruptedException {
        try {
            Answer a = f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got HTTP " + a.status());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(Transport.Failure.class);
            return (Transport.Failure) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the send neither answered nor failed within 5 s", e);
        }
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void anAnswerCarriesStatusBodyAndRoutingHeaders(boolean blocking) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            String text = ex.getRequestMethod() + " " + ex.getRequestURI() + " " + new String(in, StandardCharsets.UTF_8)
                    + " " + ex.getRequestHeaders().getFirst("Content-Type");
            byte[] out = text.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add(io.aerolog.protocol.RestApi.SERVED_BY_HEADER, "n1:1");
            ex.getResponseHeaders().add(io.aerolog.protocol.RestApi.MAP_GENERATION_HEADER, "42");
            ex.sendResponseHeaders(ex.getRequestMethod().equals("HEAD") ? 404 : 201,
                    ex.getRequestMethod().equals("HEAD") ? -1 : out.length);
            ex.getResponseBody().write(ex.getRequestMethod().equals("HEAD") ? new byte[0] : out);
            ex.close();
        });
        server.start();
        try {
            String node = "127.0.0.1:" + server.getAddress().getPort();
            Transport t = transport(4);
            Answer put = t.send(node, "PUT", "/v1/kvs/test/a%2Fb?keytype=STRING", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    SHORT, blocking).get(5, TimeUnit.SECONDS);
            assertThat(put.status()).isEqualTo(201);
            assertThat(new String(put.body(), StandardCharsets.UTF_8))
                    .startsWith("PUT /v1/kvs/test/a%2Fb?keytype=STRING {\"a\":1} application/json");
            assertThat(put.servedBy()).isEqualTo("n1:1");
            assertThat(put.mapGeneration()).isEqualTo("42");

            Answer head = t.send(node, "HEAD", "/v1/kvs/test/x", null, SHORT, blocking).get(5, TimeUnit.SECONDS);
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.body()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aRefusedConnectionIsNotSent(boolean blocking) throws Exception {
        Transport.Failure f = failure(transport(4).send(closedPort(), "PUT", "/v1/kvs/test/k", new byte[] {'{', '}'},
                SHORT, blocking));
        assertThat(f.kind()).isEqualTo(Transport.Kind.NOT_CONNECTED);
        assertThat(f.getMessage()).isEqualTo("connection refused");
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aNodeThatNeverAnswersTimesOutAfterTheRequestWasSent(boolean blocking) throws Exception {
        long start = System.nanoTime();
        Transport.Failure f = failure(transport(4).send(silentNode(), "PUT", "/v1/kvs/test/k", new byte[] {'{', '}'},
                SHORT, blocking));
        assertThat(f.kind()).isEqualTo(Transport.Kind.NO_ANSWER);
        assertThat(System.nanoTime() - start).isBetween(SHORT, SHORT + TimeUnit.MILLISECONDS.toNanos(500));
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void waitingTooLongForAPooledConnectionIsNotSent(boolean blocking) throws Exception {
        String node = silentNode();
        Transport t = transport(1);
        CompletableFuture<Answer> holder = CompletableFuture.supplyAsync(
                () -> t.send(node, "GET", "/v1/kvs/test/k", null, TimeUnit.SECONDS.toNanos(3), blocking).join(), executor);
        Thread.sleep(200);
        long start = System.nanoTime();
        Transport.Failure f = failure(t.send(node, "PUT", "/v1/kvs/test/k", new byte[] {'{', '}'}, SHORT, blocking));
        assertThat(f.kind()).isEqualTo(Transport.Kind.NOT_SENT_IN_TIME);
        assertThat(System.nanoTime() - start).isBetween(SHORT, SHORT + TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(holder).isNotDone();
    }

    /** A listener that never accepts, its backlog full: the kernel drops further connection requests. */
    private String unacceptingNode() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(server);
        boolean full = false;
        for (int i = 0; i < 16 && !full; i++) {
            Socket s = new Socket();
            open.add(s);
            try {
                s.connect(server.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException e) {
                full = true;
            }
        }
        assumeThat(full).as("this system's TCP stack drops connections over the backlog").isTrue();
        return "127.0.0.1:" + server.getLocalPort();
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aConnectThatTimesOutIsNotSent(boolean blocking) throws Exception {
        Transport.Failure f = failure(transport(300, 4).send(unacceptingNode(), "PUT", "/v1/kvs/test/k",
                new byte[] {'{', '}'}, TimeUnit.SECONDS.toNanos(2), blocking));
        assertThat(f.kind()).isEqualTo(Transport.Kind.NOT_CONNECTED);
        assertThat(f.getMessage()).isEqualTo("connect timed out");
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = {true, false})
    void aConnectLongerThanTheTimeoutEndsWithTheTimeoutAndIsNotSent(boolean blocking) throws Exception {
        String node = unacceptingNode();
        long start = System.nanoTime();
        Transport.Failure f = failure(transport(5000, 4).send(node, "PUT", "/v1/kvs/test/k", new byte[] {'{', '}'},
                SHORT, blocking));
        assertThat(f.kind().maybeSent()).isFalse();
        assertThat(System.nanoTime() - start).isBetween(SHORT, SHORT + TimeUnit.MILLISECONDS.toNanos(500));
    }

    /** A node that answers one request per connection after 50 ms, keeping it alive, and closes it 100 ms later. */
    private String closingNode() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    open.add(s);
                    executor.execute(() -> {
                        try (s) {
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                                    StandardCharsets.ISO_8859_1));
                            long length = 0;
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                    length = Long.parseLong(line.substring(15).trim());
                                }
                            }
                            in.skip(length);
                            Thread.sleep(50);
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            Thread.sleep(100);
                        } catch (IOException | InterruptedException ignored) {
                            // the test is over
                        }
                    });
                }
            } catch (IOException closed) {
                // the node is closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Test
    void aConnectionTheNodeClosedIsNotUsedByANonBlockingSend() throws Exception {
        String node = closingNode();
        Transport t = transport(4);
        for (int i = 0; i < 3; i++) {
            assertThat(t.send(node, "PUT", "/v1/kvs/test/k", new byte[] {'{', '}'}, SHORT, false)
                    .get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            Thread.sleep(300);
        }
    }

    @Test
    void aBlockingSendOnAConnectionTheNodeClosedFailsOnceAndTheNextOpensANewOne() throws Exception {
        String node = closingNode();
        Transport t = transport(4);
        CompletableFuture<Answer> other = CompletableFuture.supplyAsync(
                () -> t.send(node, "GET", "/v1/kvs/test/k", null, SHORT, true).join(), executor);
        assertThat(t.send(node, "GET", "/v1/kvs/test/k", null, SHORT, true).get().status()).isEqualTo(200);
        assertThat(other.get().status()).as("two connections in the pool").isEqualTo(200);
        Thread.sleep(300);
        assertThat(failure(t.send(node, "GET", "/v1/kvs/test/k", null, SHORT, true)).kind())
                .isEqualTo(Transport.Kind.BROKEN);
        assertThat(t.send(node, "GET", "/v1/kvs/test/k", null, SHORT, true).get().status()).isEqualTo(200);
    }

    @Test
    void aConnectionClosedBeforeTheRequestWasWrittenIsNotSentButOneClosedAfterMayHaveBeen() {
        assertThat(ApacheTransport.failure(new RequestNotExecutedException()).kind()).isEqualTo(Transport.Kind.NOT_CONNECTED);
        assertThat(ApacheTransport.failure(new NoHttpResponseException("no answer")).kind()).isEqualTo(Transport.Kind.BROKEN);
        assertThat(ApacheTransport.failure(new ConnectionClosedException()).kind()).isEqualTo(Transport.Kind.BROKEN);
    }

    @Test
    void aSendAfterCloseFails() throws Exception {
        ApacheTransport t = transport(4);
        t.close();
        for (boolean blocking : new boolean[] {true, false}) {
            assertThat(failure(t.send(closedPort(), "GET", "/", null, SHORT, blocking)).kind())
                    .isEqualTo(Transport.Kind.BROKEN);
        }
    }
}
