package io.aerolog.bench.layers;

import io.aerolog.bench.StreamsFloorApp;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Kafka-native ingest in a steady state, beside its Kafka Streams floor. A producer (acks=all,
 * idempotent, Aerolog's partitioner and serializers) sends put commands of one bin as fast as it
 * goes; after a warm-up the window opens, and the node's {@code aerolog_commands_applied_total} and
 * process CPU ({@code /metrics}) and the producer's acknowledged sends are read at the window's start
 * and end only, so neither the node's nor the application's start-up is in the figure. With
 * {@code --floor} the same producer then feeds the bare get+put+forward application
 * ({@link StreamsFloorApp}) on topics of its own on the node's broker, with the namespace's partitions
 * and the node's stream threads, measured over the same window. Not a test: a measurement.
 */
@CommandLine.Command(name = "ingest-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Steady-state Kafka-native ingest of a running node, beside the bare Kafka Streams floor.")
public final class IngestBench implements Callable<Integer> {
    @Mixin
    KafkaNativeTarget at = new KafkaNativeTarget();
    @Option(names = "--set", description = "(default: ${DEFAULT-VALUE})")
    String set = "ingest";
    @Option(names = "--keys", description = "Distinct keys the puts cycle over (default: ${DEFAULT-VALUE}).")
    int keys = 100_000;
    @Option(names = "--value-bytes", split = ",", description = "Bytes of the one bin, one row each (default: ${DEFAULT-VALUE}).")
    List<Integer> valueBytes = List.of(100, 1000);
    @Option(names = "--warmup", description = "Seconds of producing before the window opens (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 20;
    @Option(names = "--duration", description = "Seconds of the measured window (default: ${DEFAULT-VALUE}).")
    int durationSeconds = 30;
    @Option(names = "--floor", description = "Also measure the bare Kafka Streams application over the same window.")
    boolean floor;
    @Option(names = "--stream-threads", description = "The floor's stream threads, as the node's (default: ${DEFAULT-VALUE}).")
    int streamThreads = 2;
    @Option(names = "--commit-interval-ms", description = "The floor's commit interval, as the node's (default: ${DEFAULT-VALUE}).")
    int commitIntervalMs = 500;
    @Option(names = "--rate", description = "Commands a second the producer sends; 0: as fast as it goes (default: ${DEFAULT-VALUE}).")
    long rate;
    @Option(names = "--linger-ms", description = "Producer linger (default: ${DEFAULT-VALUE}).")
    int lingerMs = 20;
    @Option(names = "--batch-kib", description = "Producer batch size in KiB (default: ${DEFAULT-VALUE}).")
    int batchKiB = 256;
    @Option(names = "--drain", description = "Seconds to wait after a window for each side to apply its backlog "
            + "before the next measurement (default: ${DEFAULT-VALUE}).")
    int drainSeconds = 120;
    @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
    long seed = 42;
    @Option(names = "--out", description = "File the Markdown report is also written to.")
    Path out;

    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (keys < 1 || rate < 0 || warmupSeconds < 0 || durationSeconds < 1 || valueBytes.stream().anyMatch(v -> v < 1 || v > 1_000_000)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--keys and --duration must be at least 1, --warmup and --rate at least 0, each --value-bytes 1 to 1000000");
        }
        Node node = new Node(at.url);
        Node.Info info = node.info();
        String bootstrap = at.bootstrap(info);
        Integer partitions = info.partitions().get(at.namespace);
        if (partitions == null) {
            throw new IllegalArgumentException("the node at " + at.url + " has no namespace " + at.namespace
                    + " (it has " + info.partitions().keySet() + ")");
        }
        Key[] keyRing = new Key[keys];
        for (int i = 0; i < keys; i++) {
            keyRing[i] = Key.of(at.namespace, set, "k" + i);
        }
        List<IngestTable.Row> rows = new ArrayList<>();
        for (int size : valueBytes) {
            String[][] pool = new String[256][];
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < pool.length; i++) {
                pool[i] = KafkaNative.values(rnd, 1, size);
            }
            LongFunction<ProducerRecord<Digest, Command>> commands = i -> KafkaNative.write(
                    keyRing[(int) (i % keys)], pool[(int) ((i + i / keys) % pool.length)]);
            IngestTable.Side nodeSide = measureNode(node, bootstrap, commands, size);
            IngestTable.Side floorSide = floor ? measureFloor(bootstrap, partitions, commands, size) : null;
            rows.add(new IngestTable.Row(size, nodeSide, floorSide));
        }
        String report = report(partitions, rows);
        System.out.println(report);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
        }
        boolean failed = rows.stream().anyMatch(r -> r.node().failed() > 0 || (r.floor() != null && r.floor().failed() > 0));
        return failed ? 1 : 0;
    }

    private IngestTable.Side measureNode(Node node, String bootstrap,
                                         LongFunction<ProducerRecord<Digest, Command>> commands, int size) throws Exception {
        double baseline = nodeReading(node, 0).applied();
        IngestWindow window;
        SteadyProducer producer = new SteadyProducer(producer(bootstrap), commands, rate);
        try {
            System.err.printf(Locale.ROOT, "ingest %d B: node, %d s warm-up then %d s measured%n", size, warmupSeconds,
                    durationSeconds);
            Thread.sleep(warmupSeconds * 1000L);
            IngestWindow.Reading start = nodeReading(node, producer.acknowledged());
            Thread.sleep(durationSeconds * 1000L);
            window = new IngestWindow(start, nodeReading(node, producer.acknowledged()));
        } finally {
            producer.close();
        }
        long acknowledged = producer.acknowledged();
        noteFailures(producer, "node", size);
        // a command can be applied before its acknowledgement reaches the producer: no backlog then, not a negative one
        long backlog = Math.max(0, Math.round(window.end().produced() - (window.end().applied() - baseline)));
        double target = baseline + acknowledged;
        drain(size, "node", target - nodeReading(node, 0).applied(), () -> target - node.applied(at.namespace));
        return new IngestTable.Side(window, backlog, producer.failed());
    }

    private IngestTable.Side measureFloor(String bootstrap, int partitions,
                                          LongFunction<ProducerRecord<Digest, Command>> commands, int size) throws Exception {
        try (StreamsFloorApp app = StreamsFloorApp.create(new StreamsFloorApp.Settings(bootstrap, partitions,
                streamThreads, commitIntervalMs))) {
            app.start();
            String topic = app.input();
            SteadyProducer producer = new SteadyProducer(producer(bootstrap), i -> {
                ProducerRecord<Digest, Command> r = commands.apply(i);
                return new ProducerRecord<>(topic, r.key(), r.value());
            }, rate);
            IngestWindow window;
            try {
                System.err.printf(Locale.ROOT, "ingest %d B: floor, %d s warm-up then %d s measured%n", size,
                        warmupSeconds, durationSeconds);
                Thread.sleep(warmupSeconds * 1000L);
                IngestWindow.Reading start = new IngestWindow.Reading(System.nanoTime(), app.applied(),
                        producer.acknowledged(), Double.NaN);
                Thread.sleep(durationSeconds * 1000L);
                window = new IngestWindow(start, new IngestWindow.Reading(System.nanoTime(), app.applied(),
                        producer.acknowledged(), Double.NaN));
            } finally {
                producer.close();
            }
            noteFailures(producer, "floor", size);
            long acknowledged = producer.acknowledged();
            drain(size, "floor", acknowledged - app.applied(), () -> acknowledged - app.applied());
            return new IngestTable.Side(window, Math.max(0, window.end().produced() - Math.round(window.end().applied())),
                    producer.failed());
        }
    }

    private KafkaProducer<Digest, Command> producer(String bootstrap) {
        return KafkaNative.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, batchKiB * 1024, ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024));
    }

    private void noteFailures(SteadyProducer producer, String side, int size) {
        if (producer.failed() > 0) {
            notes.add(String.format(Locale.ROOT, "%d B, %s: %,d sends failed (first: %s)", size, side,
                    producer.failed(), producer.firstFailure()));
        }
    }

    /** What a side still has to apply. */
    private interface Backlog {
        double remaining() throws IOException, InterruptedException;
    }

    /**
     * Waits, bounded by {@code --drain}, until a side applied the {@code backlog} it had when its producer
     * stopped, and notes how fast it did with no producer running beside it.
     */
    private void drain(int size, String side, double backlog, Backlog remaining) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + drainSeconds * 1_000_000_000L;
        double left;
        while ((left = remaining.remaining()) > 0) {
            if (System.nanoTime() > deadline) {
                notes.add(String.format(Locale.ROOT, "%d B, %s: %,.0f commands still to apply %d s after the producer "
                        + "stopped; what ran next shared the machine with them", size, side, left, drainSeconds));
                return;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (backlog > 0) {
            notes.add(String.format(Locale.ROOT, "%d B, %s: its backlog of %,.0f applied in %.1f s once the producer "
                    + "stopped (%,.0f/s with no producer beside it)", size, side, backlog, seconds, backlog / seconds));
        }
    }

    /** The node's applied commands and process CPU from one /metrics answer, with {@code produced} and the time. */
    private IngestWindow.Reading nodeReading(Node node, long produced) throws IOException, InterruptedException {
        long nanos = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = node.get("/metrics");
            if (r.statusCode() == 200) {
                return new IngestWindow.Reading(nanos, Node.sumCounter(r.body(), Node.APPLIED, at.namespace), produced,
                        processCpuNanos(r.body()));
            }
            if (attempt == 10) {
                throw new IOException("GET " + at.url + "/metrics answered " + r.statusCode() + " " + attempt + " times");
            }
            Thread.sleep(100);
        }
    }

    /** The process's CPU nanoseconds in a /metrics answer (Micrometer's process CPU time); NaN when it has none. */
    static double processCpuNanos(String exposition) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
            if (line.startsWith("process_cpu_seconds_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim()) * 1e9;
            }
        }
        return Double.NaN;
    }

    private String report(int partitions, List<IngestTable.Row> rows) throws IOException {
        StringBuilder md = new StringBuilder("# Kafka-native ingest, steady state\n\n");
        md.append(String.format(Locale.ROOT, "Node %s, namespace %s (%d partitions), put commands of one bin over %,d "
                + "keys, producer acks=all, idempotent, %s, linger %d ms, batch %d KiB; %d s warm-up, then %d s measured. "
                + "Floor: %s. Load average at the end: %s.%n%n", at.url, at.namespace, partitions, keys,
                rate == 0 ? "as fast as it goes" : String.format(Locale.ROOT, "at most %,d/s", rate), lingerMs, batchKiB,
                warmupSeconds, durationSeconds, floor ? String.format(Locale.ROOT, "bare Kafka Streams get+put+forward, "
                        + "EOS v2, %d partitions, %d stream threads, commit %d ms, on the node's broker", partitions,
                        streamThreads, commitIntervalMs) : "not run (--floor)", loadAverage()));
        md.append(IngestTable.render(rows));
        for (String note : notes) {
            md.append("\n- ").append(note);
        }
        return md.append('\n').toString();
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "not known";
    }
}
