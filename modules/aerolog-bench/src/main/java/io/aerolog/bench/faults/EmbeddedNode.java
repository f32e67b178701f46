package io.aerolog.bench.faults;

import com.aerospike.client.Host;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node on its embedded default (a Kafka broker inside the node's process), started as a user starts it:
 * {@code ops/aerolog server} (its JVM options included), with a configuration that only moves its data folder
 * and ports out of the way of anything else on the machine. The process is the JVM itself (the launcher
 * {@code exec}s java), so its pid is the node's.
 */
final class EmbeddedNode implements Target {
    static final String NAME = "node-1";

    private final Path launcher;
    private final Path dir;
    private final Path config;
    private final int http;
    private final int wire;
    private final int kafka;
    private final PrintStream log;
    private Process process;

    private EmbeddedNode(Path root, Path dir, PrintStream log) throws IOException {
        this.launcher = root.resolve("ops/aerolog");
        this.dir = dir;
        this.log = log;
        this.http = freePort();
        this.wire = freePort();
        this.kafka = freePort();
        int controller = freePort();
        Files.createDirectories(dir);
        this.config = dir.resolve("node.yaml");
        Files.writeString(config, String.join("\n",
                "# the embedded default, with its data and ports moved for the fault suite",
                "dataDir: " + dir.resolve("data"),
                "http: {host: 127.0.0.1, port: " + http + "}",
                "aerospike: {host: 127.0.0.1, port: " + wire + "}",
                "kafka: {embeddedPort: " + kafka + ", embeddedControllerPort: " + controller + "}", ""));
    }

    /** Starts the node and returns once its /health answers 200; stops it again when it does not in time. */
    static EmbeddedNode start(Path root, Path dir, PrintStream log, Duration timeout) throws Exception {
        EmbeddedNode n = new EmbeddedNode(root, dir, log);
        n.restart(NAME);
        try {
            Health.awaitUp(n.http(NAME), timeout);
        } catch (Exception e) {
            n.close();
            throw e;
        }
        return n;
    }

    @Override
    public String id() {
        return "embedded";
    }

    @Override
    public String describe() {
        return "one node on its embedded default (broker in the node's process, namespace test, 8 partitions, "
                + "replication 1), started by ops/aerolog server with " + config;
    }

    @Override
    public List<String> nodes() {
        return List.of(NAME);
    }

    @Override
    public List<String> brokers() {
        return List.of();
    }

    @Override
    public Host[] aerospikeHosts() {
        return new Host[] {new Host("127.0.0.1", wire)};
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + kafka;
    }

    @Override
    public URI http(String node) {
        return URI.create("http://127.0.0.1:" + http);
    }

    @Override
    public long pid(String name) {
        return process.pid();
    }

    @Override
    public void restart(String name) throws IOException {
        log.println("faults: " + launcher + " server --config " + config);
        process = new ProcessBuilder(launcher.toString(), "server", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(nodeLog().toFile())).start();
    }

    @Override
    public void awaitStarted(String name, Duration timeout) {
    }

    @Override
    public List<Path> logs() {
        return List.of(nodeLog());
    }

    private Path nodeLog() {
        return dir.resolve("node.log");
    }

    /** Stops the node with SIGTERM as Ctrl-C would, and waits for it (its shutdown is bounded). */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                log.println("faults: the node did not stop 2 min after SIGTERM; kill -9");
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
