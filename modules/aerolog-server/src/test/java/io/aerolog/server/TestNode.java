package io.aerolog.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real node for integration tests: a Kafka broker in this JVM, Kafka Streams over RocksDB, HTTP
 * on a free loopback port; plus a small HTTP client and a topic reader.
 */
final class TestNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final NodeConfig config;
    AerologNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestNode(NodeConfig config) {
        this.config = config;
    }

    /** A node on a fresh data dir with namespaces {@code test} and {@code small} (10 KiB records). */
    static TestNode start() throws Exception {
        return start(c -> { });
    }

    /** As {@link #start()}, with the configuration changed by {@code tune} before the node starts. */
    static TestNode start(java.util.function.Consumer<NodeConfig> tune) throws Exception {
        NodeConfig config = new NodeConfig();
        Path dir = Path.of("target", "it-data", UUID.randomUUID().toString());
        Files.createDirectories(dir);
        config.dataDir = dir.toString();
        config.http.port = EmbeddedKafka.freePort();
        config.aerospike.port = EmbeddedKafka.freePort();
        config.kafka.embeddedPort = EmbeddedKafka.freePort();
        config.kafka.embeddedControllerPort = EmbeddedKafka.freePort();
        config.expiryScanIntervalMs = 300;
        config.writeTimeoutMs = 15_000;
        config.streamThreads = 1;
        NodeConfig.Namespace small = new NodeConfig.Namespace();
        small.name = "small";
        small.partitions = 4;
        small.maxRecordSize = 10 * 1024;
        small.storage = "memory";
        config.namespaces.add(small);
        tune.accept(config);
        TestNode t = new TestNode(config);
        t.restart();
        return t;
    }

    /** Starts the node (again) on the same data dir and ports. */
    void restart() throws InterruptedException {
        node = AerologNode.start(config);
        if (!node.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("node did not reach RUNNING");
        }
    }

    void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The record of {@code key} as this node's active copy serves it now (empty when absent or expired). */
    java.util.Optional<io.aerolog.core.Record> readLocal(String namespace, io.aerolog.core.Key key) throws Exception {
        var ns = node.namespace(namespace);
        var route = ns.router().write(key.digest().kafkaPartition(ns.config().partitions()));
        if (!(route instanceof io.aerolog.server.namespace.Route.Local local)) {
            throw new IllegalStateException(key + " is not served by this node: " + route);
        }
        local.readable().get(30, java.util.concurrent.TimeUnit.SECONDS);
        io.aerolog.core.Record r = local.get(key);
        return r == null || r.isExpiredAt(System.currentTimeMillis()) ? java.util.Optional.empty()
                : java.util.Optional.of(r);
    }

    String bootstrap() {
        return "127.0.0.1:" + config.kafka.embeddedPort;
    }

    String url(String path) {
        return "http://127.0.0.1:" + config.http.port + path;
    }

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        int resultCode() {
            return body.get("resultCode").asInt();
        }
    }

    Response send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body() == null || r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Response(r.statusCode(), json, r.headers());
    }

    /** The node's /metrics text. */
    String metricsText() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url("/metrics"))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Response post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Response put(String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    Response patch(String path, String body) throws IOException, InterruptedException {
        return send("PATCH", path, body);
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    Response head(String path) throws IOException, InterruptedException {
        return send("HEAD", path, null);
    }

    /** Every committed record of {@code topic} from offset 0, read until {@code expected} are seen or 20 s pass. */
    List<ConsumerRecord<byte[], byte[]>> readTopic(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long quietUntil = 0;
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(out::add);
                if (out.size() >= expected) {
                    if (quietUntil == 0) {
                        quietUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
                    } else if (records.isEmpty() && System.nanoTime() > quietUntil) {
                        break;
                    }
                }
            }
        }
        return out;
    }
}
