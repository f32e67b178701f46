package io.aerolog.bench.layers;

import io.aerolog.bench.HttpBench;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rocksdb.RocksDB;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What each layer under a write and a read costs on this machine, against a running node and its
 * broker: an in-process RocksDB get, a Kafka produce round trip (acks=all) and an HTTP round trip
 * ({@code GET /health}), each on 1 and on {@code --threads} threads; then write-to-visible latency of
 * Kafka-native writes and HTTP PUTs, alone and, with {@code --background-rate}, under a steady write
 * load. Prints a Markdown table and writes it ({@code layers.md}) and a CSV ({@code layers.csv}) to
 * {@code --out}; exits 1 when anything failed.
 */
@Command(name = "aerolog layers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Physical limits of RocksDB, Kafka and HTTP on this machine, and write-to-visible latency, "
                + "against a running node.")
public final class LayersBench implements Callable<Integer> {
    static final Set<String> MEASURES = Set.of("rocksdb", "kafka", "http", "visible");

    @Mixin
    KafkaNativeTarget at = new KafkaNativeTarget();
    @Option(names = "--set", description = "Set of the write-to-visible records (default: ${DEFAULT-VALUE}).")
    String set = "layers";
    @Option(names = "--threads", description = "The second thread count of the limits (the first is 1; default: ${DEFAULT-VALUE}).")
    int threads = 16;
    @Option(names = "--duration", description = "Seconds of each limit measurement (default: 10, --quick: 2).")
    Double duration;
    @Option(names = "--warmup", description = "Seconds of unmeasured calls before each (default: 2, --quick: 1).")
    Double warmup;
    @Option(names = "--records", description = "Records in the scratch RocksDB (default: 100000, --quick: 20000).")
    Integer records;
    @Option(names = "--value-size", description = "Bytes of each RocksDB value and Kafka record (default: ${DEFAULT-VALUE}).")
    int valueSize = 1024;
    @Option(names = "--writes", description = "Measured writes of each write-to-visible kind (default: 1000, --quick: 200).")
    Integer writes;
    @Option(names = "--background-rate", description = "Also measure write-to-visible under this many Kafka-native "
            + "writes a second (default: ${DEFAULT-VALUE}: not).")
    double backgroundRate;
    @Option(names = "--poll-interval-us", description = "Pause between the GETs that look for a write (default: ${DEFAULT-VALUE}).")
    long pollMicros = 200;
    @Option(names = "--probe", description = "What looks for a write: aerospike (a get with Aerospike's client, "
            + "the default when the node has an Aerospike port) or http (a GET).")
    String probe;
    @Option(names = "--visible-timeout", description = "Seconds after which a write not seen is an error (default: ${DEFAULT-VALUE}).")
    int visibleTimeoutSeconds = 10;
    @Option(names = "--measure", split = ",", description = "Which of rocksdb,kafka,http,visible (default: all).")
    List<String> measure = List.of("rocksdb", "kafka", "http", "visible");
    @Option(names = "--quick", description = "Smoke run: 2 s per measurement, 1 s warm-up, 20000 records, 200 writes.")
    boolean quick;
    @Option(names = "--seed", description = "Seed of keys and values (default: ${DEFAULT-VALUE}).")
    long seed = 42;
    @Option(names = "--scratch", description = "Directory for the scratch RocksDB (default: the JVM's temp dir).")
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
    @Option(names = "--out", description = "Directory for layers.md and layers.csv (default: ./bench-results/<timestamp>/).")
    Path out;

    private String[] args = new String[0];
    private final PrintStream log = System.err;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark with {@code args}; returns the exit code. */
    static int run(String... args) {
        LayersBench bench = new LayersBench();
        bench.args = args.clone();
        return new CommandLine(bench).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Duration measured = seconds(duration != null ? duration : quick ? 2 : 10);
        Duration warm = seconds(warmup != null ? warmup : quick ? 1 : 2);
        int nRecords = records != null ? records : quick ? 20_000 : 100_000;
        int nWrites = writes != null ? writes : quick ? 200 : 1000;
        if (threads < 1 || nRecords < 1 || nWrites < 1 || valueSize < 1 || measured.isNegative() || measured.isZero()
                || warm.isNegative() || backgroundRate < 0 || pollMicros < 0 || !MEASURES.containsAll(measure)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "need --threads, --records, --writes and "
                    + "--value-size >= 1, --duration > 0, --warmup, --background-rate and --poll-interval-us >= 0, "
                    + "--measure among " + MEASURES);
        }
        Node node = new Node(at.url);
        Node.Info info = node.info();
        String bootstrap = at.bootstrap(info);
        Integer partitions = info.partitions().get(at.namespace);
        if (partitions == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the node has no namespace '" + at.namespace
                    + "' (it has " + info.partitions().keySet() + ")");
        }
        List<Integer> threadCounts = threads == 1 ? List.of(1) : List.of(1, threads);
        Errors errors = new Errors();
        List<Measurement> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        if (measure.contains("rocksdb")) {
            log.printf("rocksdb: loading %d records of %d bytes%n", nRecords, valueSize);
            try (RocksDbLayer db = RocksDbLayer.load(scratch, nRecords, valueSize, seed)) {
                for (int t : threadCounts) {
                    log.printf("rocksdb: random gets on %d thread(s)%n", t);
                    rows.add(new Measurement("rocksdb", "get of a " + valueSize + " B value, in process", t,
                            ClosedLoop.run("rocksdb get", t, warm, measured, i -> db.reader(seed + i), errors)));
                }
            }
            notes.add("rocksdb: random gets of " + nRecords + " records (20-byte digest keys) in a scratch RocksDB "
                    + RocksDB.rocksdbVersion() + " in this process, configured as Kafka Streams configures a store "
                    + "(50 MB block cache, Bloom filter, no compression), flushed and compacted");
        }
        if (measure.contains("kafka")) {
            try (KafkaLayer k = KafkaLayer.create(bootstrap, partitions, valueSize)) {
                for (int t : threadCounts) {
                    log.printf("kafka: produce round trips on %d thread(s)%n", t);
                    rows.add(new Measurement("kafka", "produce " + valueSize + " B, acks=all, send().get()", t,
                            ClosedLoop.run("kafka produce", t, warm, measured, i -> k.sender(seed + i), errors)));
                }
            }
            notes.add("kafka: a scratch topic of " + partitions + " partitions on " + bootstrap + " (created and "
                    + "deleted by the run), one idempotent producer (acks=all, linger 0) shared by the threads, "
                    + "each waiting for every acknowledgement");
        }
        if (measure.contains("http")) {
            for (int t : threadCounts) {
                log.printf("http: GET /health on %d connection(s)%n", t);
                rows.add(new Measurement("http", "GET /health, keep-alive", t,
                        ClosedLoop.run("http health", t, warm, measured, i -> health(node.base()), errors)));
            }
            notes.add("http: GET /health over one keep-alive HTTP/1.1 connection per thread (JDK HttpClient, "
                    + "blocking send)");
        }
        if (measure.contains("visible")) {
            int warmWrites = Math.min(20, Math.max(1, nWrites / 10));
            Probe looker = probe(info);
            String looks = looker.describe();
            try (WriteToVisible v = new WriteToVisible(node, bootstrap, at.namespace, set, looker,
                    Duration.ofNanos(pollMicros * 1000), Duration.ofSeconds(visibleTimeoutSeconds), seed, errors)) {
                log.printf("write-to-visible: %d Kafka-native writes, then %d HTTP PUTs, one at a time%n", nWrites, nWrites);
                Node.GcPauses before = node.gcPauses();
                rows.addAll(v.kafka(warmWrites, nWrites, ""));
                Node.GcPauses between = node.gcPauses();
                notes.add("node during the Kafka-native writes: " + between.since(before).describe(warmWrites + nWrites));
                rows.addAll(v.http(warmWrites, nWrites, ""));
                notes.add("node during the HTTP PUTs: " + node.gcPauses().since(between).describe(warmWrites + nWrites));
                if (backgroundRate > 0) {
                    String suffix = String.format(Locale.ROOT, ", under %.0f/s background", backgroundRate);
                    log.printf("write-to-visible%s%n", suffix);
                    try (BackgroundLoad bg = BackgroundLoad.start(bootstrap, at.namespace, set + "-bg", backgroundRate,
                            seed, errors)) {
                        rows.addAll(v.kafka(warmWrites, nWrites, suffix));
                        rows.addAll(v.http(warmWrites, nWrites, suffix));
                        double sent = bg.stop();
                        notes.add(String.format(Locale.ROOT, "background: Kafka-native upserts of %d keys in set %s, "
                                + "asked %.0f/s, sent %.0f/s, %d acknowledged", BackgroundLoad.KEYS, set + "-bg",
                                backgroundRate, sent, bg.acked()));
                    }
                }
            }
            notes.add("write-to-visible: " + nWrites + " writes of each kind (after " + warmWrites + " unmeasured), one "
                    + "at a time, each to a new key of " + at.namespace + "/" + set + ", 10 bins x 100 B; the clock starts "
                    + "before the Kafka-native send (fire-and-forget) or the PUT, and stops when " + looks
                    + " on another connection, repeated every " + pollMicros + " µs, first finds the record; ops/s = "
                    + "writes over the phase's time");
        }

        String md = report(rows, notes, errors, node.base(), bootstrap, measured, warm);
        System.out.print(md);
        System.out.flush();
        Path dir = out != null ? out
                : Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("layers.md"), md);
        Files.writeString(dir.resolve("layers.csv"), Measurement.csv(rows));
        log.println("wrote " + dir.toAbsolutePath().normalize().resolve("layers.md") + " and layers.csv");
        if (errors.count() > 0) {
            log.println("FAILED: " + errors.count() + " errors (see the report)");
            return 1;
        }
        return 0;
    }

    private Probe probe(Node.Info info) {
        String kind = probe != null ? probe : info.aerospike() != null ? "aerospike" : "http";
        switch (kind) {
            case "http":
                return Probe.http(new Node(at.url), at.namespace, set);
            case "aerospike":
                if (info.aerospike() == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--probe aerospike: the node has no Aerospike port (its /v1/info names none)");
                }
                return Probe.aerospike(info.aerospike(), at.namespace, set);
            default:
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--probe is aerospike or http, not '" + kind + "'");
        }
    }

    private String report(List<Measurement> rows, List<String> notes, Errors errors, String base, String bootstrap,
                          Duration measured, Duration warm) throws IOException {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("threads", threads);
        options.put("durationSeconds", measured.toMillis() / 1000.0);
        options.put("warmupSeconds", warm.toMillis() / 1000.0);
        options.put("seed", seed);
        StringBuilder md = new StringBuilder("## Layers: physical limits and write-to-visible latency\n\n");
        md.append("- command: `ops/aerolog layers ").append(HttpBench.shellJoin(args)).append("`\n");
        md.append("- node ").append(base).append(", Kafka ").append(bootstrap).append("; options ").append(options).append('\n');
        md.append("- machine: ").append(HttpBench.machine()).append(", load average ")
                .append(Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]).append(" at the end\n");
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append("- latencies in µs; every call is timed, errors included\n\n");
        md.append(Measurement.markdown(rows));
        if (errors.count() > 0) {
            md.append("\n**").append(errors.count()).append(" errors** (warm-up included); first ones:\n\n");
            errors.samples().forEach(s -> md.append("- ").append(s).append('\n'));
        }
        return md.toString();
    }

    private static ClosedLoop.Op health(String base) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(30)).GET().build();
        return () -> {
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /health answered " + r.statusCode());
            }
        };
    }

    static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
