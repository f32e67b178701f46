package io.aerolog.server.failover;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices at once when a peer node's process is gone and hands its partitions to the others, without
 * waiting for Kafka's session timeout.
 *
 * <p>Design note. Every {@code interval} it opens a TCP connection to each peer's HTTP port. A refused
 * connection is a certain sign that no process listens there (a killed or crashed node: the kernel answers
 * for it); after {@code misses} refusals in a row the peer's static members are removed from the namespaces'
 * consumer groups ({@code onDead}), which starts the rebalance that moves its partitions to their standbys.
 * A connection that only times out (a paused process, a lost network) is no proof: those wait for the
 * session timeout, which stays long enough not to evict a node stalled by a full GC or a busy machine. A
 * node that restarts and joins again gets its partitions back through the group's assignment.
 *
 * <p>Only a peer seen listening before is declared dead when it refuses: a node joins its groups (and so
 * appears as a peer) before its HTTP listener is up, and evicting a starting node would fence its live
 * transactions and move its partitions away again. A node that dies before it ever listened is left to the
 * session timeout; one that leaves the peers and comes back must be seen listening again.
 */
public final class FailureDetector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailureDetector.class);

    private final Supplier<Map<String, String>> peers;
    private final BiConsumer<String, String> onDead;
    private final Duration interval;
    private final int misses;
    private final Map<String, Integer> refused = new HashMap<>();
    private final Map<String, Boolean> declared = new HashMap<>();
    private final Set<String> listened = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aerolog-failure-detector");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@code peers}: the other nodes' HTTP addresses (host:port) and their node ids; {@code onDead}: called
     * once with the node id and HTTP address of a peer found dead (until it answers again).
     */
    public FailureDetector(Supplier<Map<String, String>> peers, BiConsumer<String, String> onDead, Duration interval, int misses) {
        this.peers = peers;
        this.onDead = onDead;
        this.interval = interval;
        this.misses = misses;
        timer.scheduleWithFixedDelay(this::probeAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeAll() {
        try {
            Map<String, String> now = peers.get();
            refused.keySet().retainAll(now.keySet());
            declared.keySet().retainAll(now.keySet());
            listened.retainAll(now.keySet());
            now.forEach(this::probe);
        } catch (RuntimeException e) {
            LOG.debug("failure probes failed: {}", e.toString());
        }
    }

    private void probe(String address, String nodeId) {
        int colon = address.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    (int) Math.max(50, interval.toMillis()));
            refused.remove(address);
            declared.remove(address);
            listened.add(address);
        } catch (ConnectException e) {
            if (!listened.contains(address)) {
                return;
            }
            int n = refused.merge(address, 1, Integer::sum);
            if (n >= misses && declared.putIfAbsent(address, Boolean.TRUE) == null) {
                LOG.warn("node {} at {} refuses connections ({} probes {} ms apart): moving its partitions to the others",
                        nodeId, address, n, interval.toMillis());
                onDead.accept(nodeId, address);
            }
        } catch (IOException | RuntimeException e) {
            // a timeout or another failure proves nothing: the session timeout decides
            refused.remove(address);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
