package io.aerolog.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.bench.layers.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one acknowledged write costs in Kafka: records appended to each topic (the command, the store's
 * changelog, the changes topic, transaction markers, offset commits), requests the embedded broker
 * served (produce, fetch, the transaction requests of each commit), and the node's CPU by part (broker,
 * stream threads, Kafka clients, front doors, the JVM's own). YCSB-shaped records (10 bins of 100 B)
 * through Aerospike's Java client: an insert phase, then updates at each of {@code --writers}. Run it
 * against a node on its embedded default that serves nothing else. Not a test: a measurement.
 */
@Command(name = "write-cost", mixinStandardHelpOptions = true,
        description = "Kafka records, broker requests and node CPU per acknowledged write, by concurrency.")
public final class WriteCostBench implements Callable<Integer> {
    private static final String REQUESTS = "aerolog_broker_requests_total";
    private static final String THREAD_CPU = "aerolog_thread_cpu_time_nanoseconds_total";
    private static final List<String> REQUEST_KINDS = List.of("produce", "fetch", "addpartitionstotxn", "endtxn",
            "writetxnmarkers", "txnoffsetcommit", "addoffsetstotxn", "metadata");
    private static final List<String> PARTS = List.of("broker", "stream", "kafka_client", "front_door", "other");

    @Option(names = "--url", description = "the node's HTTP address (default ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--namespace", description = "namespace (default ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--records", description = "records inserted, then updated at random (default ${DEFAULT-VALUE})")
    int records = 100_000;
    @Option(names = "--writers", split = ",", description = "concurrent writers of each update phase (default ${DEFAULT-VALUE})")
    List<Integer> writers = List.of(16, 64, 256);
    @Option(names = "--duration", description = "seconds of each update phase (default ${DEFAULT-VALUE})")
    int duration = 20;
    @Option(names = "--out", description = "report directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("target", "write-cost");

    /** What the node and its broker had done at one moment. */
    private record Snapshot(Map<String, Long> topicEnds, Map<String, Double> requests, Map<String, Double> cpu,
                            double processCpuNanos) {
    }

    /** One measured phase. */
    private record Phase(String name, int writers, long writes, long errors, double opsPerSec, long p50, long p99,
                         Snapshot before, Snapshot after) {
        double perWrite(double delta) {
            return writes == 0 ? 0 : delta / writes;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WriteCostBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Node node = new Node(url);
        Node.Info info = node.info();
        String[] hostPort = info.aerospike().split(":");
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.maxConnsPerNode = Math.max(300, writers.stream().mapToInt(Integer::intValue).max().orElse(16) + 44);
        policy.writePolicyDefault.totalTimeout = 10_000;
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafka());
        List<Phase> phases = new ArrayList<>();
        try (AerospikeClient client = new AerospikeClient(policy, hostPort[0], Integer.parseInt(hostPort[1]));
             Admin kafka = Admin.create(admin)) {
            phases.add(measure("insert", 16, client, kafka, node, (writer, i) -> i, records));
            for (int n : writers) {
                Random random = new Random(n);
                phases.add(measure("update", n, client, kafka, node,
                        (writer, i) -> Math.floorMod(random.nextInt() ^ (writer * 7919 + i), records), -1));
            }
        }
        String report = report(phases);
        System.out.println(report);
        Files.createDirectories(out);
        Files.writeString(out.resolve("write-cost.md"), report);
        System.out.println("report: " + out.resolve("write-cost.md").toAbsolutePath());
        return phases.stream().allMatch(p -> p.errors() == 0) ? 0 : 1;
    }

    /** Which record writer {@code writer} writes at its {@code i}-th write. */
    private interface KeyChoice {
        int key(int writer, int i);
    }

    /** Runs {@code count} writes (or, when negative, {@code --duration} seconds of them) on {@code n} writers. */
    private Phase measure(String name, int n, AerospikeClient client, Admin kafka, Node node, KeyChoice keys,
                          int count) throws Exception {
        Snapshot before = snapshot(kafka, node);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int done = 0;
                byte[] value = new byte[100];
                Random random = new Random(writer);
                for (int i = 0; ; i++) {
                    int k;
                    if (count >= 0) {
                        long claimed = next.getAndIncrement();
                        if (claimed >= count) {
                            break;
                        }
                        k = (int) claimed;
                    } else {
                        if (System.nanoTime() > deadline) {
                            break;
                        }
                        k = keys.key(writer, i);
                    }
                    Bin[] bins = new Bin[10];
                    for (int b = 0; b < bins.length; b++) {
                        random.nextBytes(value);
                        bins[b] = new Bin("field" + b, value.clone());
                    }
                    long began = System.nanoTime();
                    try {
                        client.put(null, new Key(namespace, "writecost", "user" + k), bins);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    if (done == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                    }
                    mine[done++] = System.nanoTime() - began;
                }
                return Arrays.copyOf(mine, done);
            }));
        }
        for (Future<long[]> f : futures) {
            latencies.add(f.get());
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // the commit that carries the last writes' changelog records and markers comes up to one commit
        // interval later: wait for it so they are counted with the writes that caused them
        Thread.sleep(1_500);
        Snapshot after = snapshot(kafka, node);
        Stats.OpResult r = Stats.summarize(name, all, elapsed, errors.get());
        Phase phase = new Phase(name, n, all.length - errors.get(), errors.get(), r.opsPerSec(), r.p50Nanos(),
                r.p99Nanos(), before, after);
        System.out.printf(Locale.ROOT, "%s x%d: %,d writes, %,.0f/s, p99 %.1f ms, %d errors%n", name, n, phase.writes(),
                phase.opsPerSec(), phase.p99() / 1e6, phase.errors());
        return phase;
    }

    private static Snapshot snapshot(Admin kafka, Node node) throws Exception {
        Map<String, TopicDescription> topics = kafka.describeTopics(
                kafka.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get())
                .allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        topics.values().forEach(t -> t.partitions().forEach(p ->
                latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> ends = new TreeMap<>();
        kafka.listOffsets(latest).all().get().forEach((tp, o) -> ends.merge(tp.topic(), o.offset(), Long::sum));
        String metrics = node.get("/metrics").body();
        Map<String, Double> requests = new TreeMap<>();
        for (String kind : REQUEST_KINDS) {
            requests.put(kind, sample(metrics, REQUESTS, "request=\"" + kind + "\""));
        }
        Map<String, Double> cpu = new TreeMap<>();
        for (String part : PARTS) {
            cpu.put(part, sample(metrics, THREAD_CPU, "part=\"" + part + "\""));
        }
        return new Snapshot(ends, requests, cpu, processCpuNanos(metrics));
    }

    private static double sample(String metrics, String name, String label) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static double processCpuNanos(String metrics) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            if (line.startsWith("process_cpu_seconds_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1e9;
            }
        }
        return Double.NaN;
    }

    private String report(List<Phase> phases) throws Exception {
        StringBuilder md = new StringBuilder("# What a write costs\n\n");
        md.append(String.format(Locale.ROOT, "Node %s, namespace %s, %,d records of 10 bins x 100 B, Aerospike's Java "
                + "client; insert phase, then %d s of random updates per writer count. Load average at the end: %s.%n%n",
                url, namespace, records, duration, Files.readString(Path.of("/proc/loadavg")).trim()));
        md.append("| per acknowledged write |");
        phases.forEach(p -> md.append(' ').append(p.name()).append(" x").append(p.writers()).append(" |"));
        md.append("\n|---|");
        phases.forEach(p -> md.append("--:|"));
        md.append('\n');
        row(md, phases, "writes/s", p -> String.format(Locale.ROOT, "%,.0f", p.opsPerSec()));
        row(md, phases, "p50 / p99 ms", p -> String.format(Locale.ROOT, "%.1f / %.1f", p.p50() / 1e6, p.p99() / 1e6));
        row(md, phases, "errors", p -> String.valueOf(p.errors()));
        List<String> topics = phases.get(0).after().topicEnds().keySet().stream().sorted().collect(Collectors.toList());
        for (String topic : topics) {
            row(md, phases, "records on " + topic, p -> fmt(p.perWrite(
                    p.after().topicEnds().getOrDefault(topic, 0L) - p.before().topicEnds().getOrDefault(topic, 0L))));
        }
        for (String kind : REQUEST_KINDS) {
            row(md, phases, kind + " requests", p -> fmt(p.perWrite(p.after().requests().get(kind)
                    - p.before().requests().get(kind))));
        }
        row(md, phases, "node CPU µs (process)", p -> fmt(p.perWrite(p.after().processCpuNanos()
                - p.before().processCpuNanos()) / 1e3));
        for (String part : PARTS) {
            row(md, phases, "  CPU µs: " + part.replace('_', ' '), p -> fmt(p.perWrite(p.after().cpu().get(part)
                    - p.before().cpu().get(part)) / 1e3));
        }
        row(md, phases, "  CPU µs: JVM (GC, JIT)", p -> {
            double threads = PARTS.stream().mapToDouble(part -> p.after().cpu().get(part) - p.before().cpu().get(part)).sum();
            return fmt(p.perWrite(p.after().processCpuNanos() - p.before().processCpuNanos() - threads) / 1e3);
        });
        return md.toString();
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void row(StringBuilder md, List<Phase> phases, String name,
                            java.util.function.Function<Phase, String> value) {
        md.append("| ").append(name).append(" |");
        phases.forEach(p -> md.append(' ').append(value.apply(p)).append(" |"));
        md.append('\n');
    }
}
