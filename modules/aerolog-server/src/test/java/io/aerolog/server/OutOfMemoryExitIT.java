package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node run with the launcher's JVM options ({@code ops/jvm.options}, as {@code ops/aerolog server},
 * {@code ops/cluster} and the container pass them) exits at once on an OutOfMemoryError, wherever it is thrown,
 * instead of living on half dead (issue 14, finding 3). The heap is exhausted the way an operator can: a record
 * cache larger than the heap ({@code recordCacheMb} 4096 on a 160 MB heap), filled by creating records of
 * 900 KB and reading each back. The node must be gone with the JVM's OutOfMemoryError exit status (3) and its log line.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class OutOfMemoryExitIT {
    private static final int OOM_EXIT_STATUS = 3;

    @Test
    void aNodeExitsOnOutOfMemoryError() throws Exception {
        Path dir = Path.of("target", "it-data", "oom-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        int http = EmbeddedKafka.freePort();
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, String.join("\n",
                "dataDir: " + dir,
                "http: {host: 127.0.0.1, port: " + http + "}",
                "aerospike: {port: -1}",
                "kafka: {embeddedPort: " + EmbeddedKafka.freePort() + ", embeddedControllerPort: "
                        + EmbeddedKafka.freePort() + "}",
                "streamThreads: 1",
                "recordCacheMb: 4096", ""));
        Path log = dir.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process node = new ProcessBuilder(java, "@" + jvmOptions(), "-Xmx160m", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), "io.aerolog.server.Main", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealthy(client, http, node);
            String value = "{\"v\": \"" + "x".repeat(900 * 1024) + "\"}";
            // 600 records of 900 KB read into the cache would be ~1 GB of heap: the node runs out long before
            int created = 0;
            for (int i = 0; i < 600 && node.isAlive(); i++) {
                String path = "http://127.0.0.1:" + http + "/v1/kvs/test/oom/k" + i;
                try {
                    int status = client.send(HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(value)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 201 && node.isAlive()) {
                        throw new AssertionError("creating " + path + " answered " + status + ", not 201");
                    }
                    created++;
                    for (int j = Math.max(0, i - 1); j <= i; j++) {
                        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/v1/kvs/test/oom/k" + j))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                    }
                } catch (java.io.IOException e) {
                    // the node is going or gone: its exit is checked below
                }
            }
            assertThat(created).as("records created before the node ran out").isPositive();
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the node exited once its heap ran out").isTrue();
            assertThat(node.exitValue()).as("the JVM's exit status on OutOfMemoryError").isEqualTo(OOM_EXIT_STATUS);
            assertThat(Files.readString(log)).contains("Terminating due to java.lang.OutOfMemoryError");
        } finally {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The repository's ops/jvm.options, found above the working directory. */
    static Path jvmOptions() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path options = dir.resolve("ops/jvm.options");
            if (Files.exists(options)) {
                return options;
            }
        }
        throw new AssertionError("no ops/jvm.options above " + Path.of("").toAbsolutePath());
    }

    private static void awaitHealthy(HttpClient client, int port, Process node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && node.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node did not become healthy (alive: " + node.isAlive() + ")");
    }
}
