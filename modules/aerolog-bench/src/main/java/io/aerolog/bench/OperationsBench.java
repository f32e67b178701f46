package io.aerolog.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerolog.bench.layers.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a collection operation costs next to a plain put, through Aerospike's Java client on a running
 * node: list append, map put-items and map get-by-key on records whose bin holds 10 or 1,000 elements.
 * Reports throughput, latency percentiles and the node's CPU per operation (its {@code process_cpu_time}
 * over the phase, so run it against a node that serves nothing else). Not a test: a measurement.
 */
@Command(name = "ops-bench", mixinStandardHelpOptions = true,
        description = "Cost of list/map operations on records of 10 and 1,000 elements beside a plain put.")
public final class OperationsBench implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--url", description = "the node's HTTP address (default ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--namespace", description = "namespace (default ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--records", description = "records per case (default ${DEFAULT-VALUE})")
    int records = 1000;
    @Option(names = "--ops", description = "operations per case (default ${DEFAULT-VALUE})")
    int ops = 10_000;
    @Option(names = "--threads", description = "client threads (default ${DEFAULT-VALUE})")
    int threads = 8;
    @Option(names = "--out", description = "report directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("target", "ops-bench");

    /** One measured case: its name, the bin size its records start with, and the operation on record i. */
    private record Case(String name, int elements, boolean write, IntFunction<Operation[]> op) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OperationsBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Node node = new Node(url);
        String[] hostPort = node.info().aerospike().split(":");
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 10_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        MapPolicy mapPolicy = MapPolicy.Default;
        AtomicInteger next = new AtomicInteger(1_000_000);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("put (1 integer bin)", 0, true, i -> new Operation[] {Operation.put(new Bin("v", i))}));
        for (int n : new int[] {10, 1000}) {
            cases.add(new Case("list append", n, true,
                    i -> new Operation[] {ListOperation.append("l", Value.get(next.incrementAndGet()))}));
            cases.add(new Case("map put-items (1 item)", n, true, i -> new Operation[] {MapOperation.putItems(mapPolicy,
                    "m", Map.of(Value.get(next.incrementAndGet()), Value.get(i)))}));
            int size = n;
            cases.add(new Case("map get-by-key", n, false, i -> new Operation[] {
                    MapOperation.getByKey("m", Value.get(i % size), MapReturnType.VALUE)}));
        }
        List<String> rows = new ArrayList<>();
        rows.add("| operation | elements | ops/s | p50 ms | p99 ms | node CPU µs/op | errors |");
        rows.add("|---|--:|--:|--:|--:|--:|--:|");
        try (AerospikeClient client = new AerospikeClient(policy, hostPort[0], Integer.parseInt(hostPort[1]))) {
            for (Case c : cases) {
                String set = "opsbench" + c.elements();
                prepare(client, set, c.elements());
                run(client, set, c, Math.min(ops, 2000)); // warm-up
                double cpuBefore = nodeCpuSeconds(node);
                Stats.OpResult r = run(client, set, c, ops);
                double cpu = nodeCpuSeconds(node) - cpuBefore;
                String row = String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.0f | %d |", c.name(),
                        c.elements(), r.opsPerSec(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, cpu * 1e6 / r.ops(),
                        r.errors());
                System.out.println(row);
                rows.add(row);
            }
        }
        Files.createDirectories(out);
        String report = "# Operation costs\n\n" + records + " records per case, " + ops + " operations per case, "
                + threads + " threads, node " + url + ", load average before: "
                + Files.readString(Path.of("/proc/loadavg")).trim() + ". Appends and put-items add one element each, so a bin grows by "
                + "about (ops + warm-up) / records over its case.\n\n" + String.join("\n", rows) + "\n";
        Files.writeString(out.resolve("results.md"), report);
        System.out.println("report: " + out.resolve("results.md").toAbsolutePath());
        return 0;
    }

    /** Writes {@code records} records whose list bin and map bin hold {@code elements} elements each. */
    private void prepare(AerospikeClient client, String set, int elements) {
        List<Value> list = new ArrayList<>();
        Map<Value, Value> map = new HashMap<>();
        for (int e = 0; e < elements; e++) {
            list.add(Value.get(e));
            map.put(Value.get(e), Value.get(e));
        }
        WritePolicy replace = new WritePolicy(client.writePolicyDefault);
        replace.recordExistsAction = com.aerospike.client.policy.RecordExistsAction.REPLACE;
        for (int i = 0; i < records; i++) {
            Key key = new Key(namespace, set, i);
            if (elements == 0) {
                client.put(replace, key, new Bin("v", i));
            } else {
                client.put(replace, key, new Bin("l", list), new Bin("m", map));
            }
        }
    }

    private Stats.OpResult run(AerospikeClient client, String set, Case c, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = cursor.getAndIncrement(); i < count; i = cursor.getAndIncrement()) {
                    Key key = new Key(namespace, set, i % records);
                    long begin = System.nanoTime();
                    try {
                        client.operate(null, key, c.op().apply(i));
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - begin;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(latencies);
        return Stats.summarize(c.name(), latencies, elapsed, errors.get());
    }

    /** The node process's CPU seconds so far, from Micrometer's process CPU time in /metrics. */
    private static double nodeCpuSeconds(Node node) throws IOException, InterruptedException {
        String metrics = node.get("/metrics").body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1e9;
            }
            if (line.startsWith("process_cpu_seconds_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IOException("the node's /metrics has no process CPU time");
    }
}
