package io.aerolog.bench.faults;

import com.aerospike.client.Host;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ops/cluster} (a KRaft controller, 3 brokers, 3 nodes on one machine) in a folder of the suite's own:
 * {@code up} when the suite begins, {@code down} when it ends, {@code start NAME} to bring a killed process back.
 * Names, ports and pid files are those the script uses ({@code ops/cluster.env}, {@code DIR/NAME/pid}).
 */
final class OpsCluster implements Target {
    private final Path script;
    private final Path dir;
    private final Map<String, String> env;
    private final PrintStream log;
    private final Map<String, Process> starting = new HashMap<>();

    private OpsCluster(Path root, Path dir, PrintStream log) throws IOException {
        this.script = root.resolve("ops/cluster");
        this.dir = dir;
        this.env = readEnv(root.resolve("ops/cluster.env"));
        this.log = log;
    }

    /** Runs {@code ops/cluster up} in {@code dir} and returns once every process is ready; brings it down if not. */
    static OpsCluster up(Path root, Path dir, PrintStream log) throws Exception {
        Files.createDirectories(dir);
        OpsCluster c = new OpsCluster(root, dir, log);
        try {
            c.run(Duration.ofMinutes(15), "up");
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public String id() {
        return "cluster";
    }

    @Override
    public String describe() {
        return "ops/cluster: 1 KRaft controller, 3 brokers (replication 3, min.insync.replicas 2), 3 nodes sharing "
                + "ops/cluster.yaml (namespace test, replication factor 3: 2 standbys per partition), in " + dir;
    }

    @Override
    public List<String> nodes() {
        return Arrays.asList(env.get("NODES").split(" "));
    }

    @Override
    public List<String> brokers() {
        return Arrays.asList(env.get("BROKERS").split(" "));
    }

    @Override
    public Host[] aerospikeHosts() {
        return nodes().stream().map(n -> new Host(env.get("HOST"), Integer.parseInt(field(n, "AEROSPIKE_PORT"))))
                .toArray(Host[]::new);
    }

    @Override
    public String bootstrapServers() {
        return env.get("BOOTSTRAP_SERVERS");
    }

    @Override
    public URI http(String node) {
        return URI.create("http://" + env.get("HOST") + ":" + field(node, "HTTP_PORT"));
    }

    @Override
    public long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name).resolve("pid")).trim());
    }

    @Override
    public void restart(String name) throws IOException {
        starting.put(name, launch("start", name));
    }

    @Override
    public void awaitStarted(String name, Duration timeout) throws Exception {
        Process p = starting.remove(name);
        if (p == null) {
            return;
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroy();
            throw new TimeoutException("ops/cluster start " + name + " did not finish in " + timeout.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("ops/cluster start " + name + " failed (exit " + p.exitValue() + ", see "
                    + dir.resolve(name).resolve(name + ".log") + ")");
        }
    }

    @Override
    public List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        for (String name : brokers()) {
            logs.add(dir.resolve(name).resolve(name + ".log"));
        }
        for (String name : nodes()) {
            logs.add(dir.resolve(name).resolve(name + ".log"));
        }
        return logs;
    }

    /** {@code ops/cluster down}: every process stopped with SIGTERM (nodes first), waited for. */
    @Override
    public void close() throws Exception {
        run(Duration.ofMinutes(5), "down");
    }

    private void run(Duration timeout, String... args) throws Exception {
        Process p = launch(args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroy();
            throw new TimeoutException("ops/cluster " + String.join(" ", args) + " did not finish in "
                    + timeout.toMinutes() + " min");
        }
        if (p.exitValue() != 0) {
            throw new IOException("ops/cluster " + String.join(" ", args) + " failed (exit " + p.exitValue()
                    + "; its output: " + dir.resolve("ops-cluster.log") + ")");
        }
    }

    private Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        log.println("faults: " + String.join(" ", cmd));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ops-cluster.log").toFile())).start();
    }

    private String field(String name, String field) {
        String kind = name.substring(0, name.lastIndexOf('-')).toUpperCase(java.util.Locale.ROOT);
        String key = kind + "_" + name.substring(name.lastIndexOf('-') + 1) + "_" + field;
        String v = env.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + " in ops/cluster.env");
        }
        return v;
    }

    /** ops/cluster.env's KEY=value lines (values in double quotes unquoted); comments and blank lines skipped. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#") || l.indexOf('=') < 0) {
                continue;
            }
            String v = l.substring(l.indexOf('=') + 1);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            env.put(l.substring(0, l.indexOf('=')), v);
        }
        return env;
    }
}
