package io.aerolog.server.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback: a peer that refuses is declared dead only once it was seen listening. */
class FailureDetectorTest {
    private static final Duration PROBE = Duration.ofMillis(20);

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void await(List<String> dead, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dead.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aPeerThatNeverListenedIsNotDeclaredDead() throws Exception {
        String address = "127.0.0.1:" + closedPort();
        List<String> dead = new CopyOnWriteArrayList<>();
        try (FailureDetector detector = new FailureDetector(() -> Map.of(address, "node-2"),
                (node, at) -> dead.add(node), PROBE, 2)) {
            Thread.sleep(400);
        }
        assertThat(dead).as("a starting node joins its groups before it listens").isEmpty();
    }

    @Test
    void aPeerThatListenedAndNowRefusesIsDeclaredDeadOnceUntilItListensAgain() throws Exception {
        List<String> dead = new CopyOnWriteArrayList<>();
        ServerSocket peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = peer.getLocalPort();
        String address = "127.0.0.1:" + port;
        try (FailureDetector detector = new FailureDetector(() -> Map.of(address, "node-2"),
                (node, at) -> dead.add(node + "@" + at), PROBE, 2)) {
            Thread.sleep(200);
            assertThat(dead).isEmpty();
            peer.close();
            await(dead, 1);
            assertThat(dead).containsExactly("node-2@" + address);
            Thread.sleep(200);
            assertThat(dead).as("declared once").hasSize(1);
            try (ServerSocket back = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                Thread.sleep(200);
            }
            await(dead, 2);
            assertThat(dead).as("seen listening again, then gone again").hasSize(2);
        }
    }
}
