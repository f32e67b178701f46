package io.aerolog.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.security.PeerHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's other nodes as Aerospike peers. Nodes know each other by their HTTP addresses (Kafka
 * Streams' metadata); each node's {@code /v1/info} tells its Aerospike node name and service address.
 * Refreshed every second in the background, so that an info request is answered from memory. Peers are
 * asked over HTTPS when HTTP has TLS, and with the node's signature when access control is on.
 */
public final class PeerDirectory implements Supplier<List<Peer>>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDirectory.class);

    private final Collection<NamespaceService> namespaces;
    private final String selfHttp;
    private final PeerHttp peerHttp;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Peer> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aerolog-peer-directory");
        t.setDaemon(true);
        return t;
    });
    private volatile List<Peer> peers = List.of();

    public PeerDirectory(Collection<NamespaceService> namespaces, String selfHttp) {
        this(namespaces, selfHttp, PeerHttp.PLAIN);
    }

    public PeerDirectory(Collection<NamespaceService> namespaces, String selfHttp, PeerHttp peerHttp) {
        this.namespaces = namespaces;
        this.selfHttp = selfHttp;
        this.peerHttp = peerHttp;
        this.http = peerHttp.client().connectTimeout(Duration.ofSeconds(1)).build();
        refresher.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public List<Peer> get() {
        return peers;
    }

    /** The other nodes known now: their advertised HTTP address and their node id. */
    public Map<String, String> nodeIdsByHttp() {
        Map<String, String> out = new java.util.HashMap<>();
        known.forEach((http, peer) -> out.put(http, peer.nodeName()));
        return out;
    }

    private void refresh() {
        try {
            Set<String> hosts = new TreeSet<>();
            for (NamespaceService ns : namespaces) {
                hosts.addAll(ns.router().owners().nodes());
            }
            hosts.remove(selfHttp);
            known.keySet().retainAll(hosts);
            for (String host : hosts) {
                if (!known.containsKey(host)) {
                    Peer peer = ask(host);
                    if (peer != null) {
                        known.put(host, peer);
                    }
                }
            }
            List<Peer> now = new ArrayList<>(known.values());
            now.sort(Comparator.comparing(Peer::nodeName));
            peers = List.copyOf(now);
        } catch (RuntimeException e) {
            LOG.debug("peer refresh failed: {}", e.toString());
        }
    }

    private Peer ask(String host) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(peerHttp.uri(host, "/v1/info"))
                    .timeout(Duration.ofSeconds(2));
            HttpResponse<String> response = http.send(peerHttp.authorize(request, null, "GET", "/v1/info").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode info = mapper.readTree(response.body());
            JsonNode service = info.path("aerospike");
            if (response.statusCode() != 200 || !service.isTextual()) {
                return null;
            }
            String address = service.asText();
            int colon = address.lastIndexOf(':');
            JsonNode tlsName = info.path("aerospikeTlsName");
            return new Peer(info.path("node").asText(), address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)), tlsName.isTextual() ? tlsName.asText() : null);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("cannot ask {} for its Aerospike address: {}", host, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
