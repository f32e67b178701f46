package io.aerolog.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floors a backup and a restore are compared with, through Aerospike's Java client on a running node:
 * the bare write rate (puts of {@code --records} records with integer keys 0..N-1 and one string bin of
 * {@code --bin-size} bytes, from {@code --threads} threads; it also loads the set that {@code aerolog backup}
 * then reads) and the bare scan rate (a scan of the set that only counts its records).
 */
@Command(name = "aerolog backup-floor", mixinStandardHelpOptions = true,
        description = "Bare write and scan rates of a set, beside which aerolog backup and restore are measured.")
public final class BackupFloorBench implements Callable<Integer> {
    @Option(names = "--host", description = "node host (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "node's Aerospike port (default: ${DEFAULT-VALUE})")
    int port = 3000;
    @Option(names = "--namespace", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--set", description = "set (default: ${DEFAULT-VALUE})")
    String set = "backup";
    @Option(names = "--records", description = "records written (default: ${DEFAULT-VALUE})")
    int records = 1_000_000;
    @Option(names = "--bin-size", description = "bytes of the string bin (default: ${DEFAULT-VALUE})")
    int binSize = 100;
    @Option(names = "--threads", description = "writer threads (default: ${DEFAULT-VALUE})")
    int threads = 16;
    @Option(names = "--skip-write", description = "only scan (the set is loaded)")
    boolean skipWrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackupFloorBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ClientPolicy policy = new ClientPolicy();
        policy.maxConnsPerNode = Math.max(threads, 8);
        policy.writePolicyDefault.totalTimeout = 30_000;
        policy.writePolicyDefault.socketTimeout = 30_000;
        try (AerospikeClient client = new AerospikeClient(policy, new Host(host, port))) {
            if (!skipWrite) {
                String value = "v".repeat(binSize);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        WritePolicy wp = client.getWritePolicyDefault();
                        for (int i = first; i < records; i += threads) {
                            client.put(wp, new Key(namespace, set, i), new Bin("v", value));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                report("bare write (put)", records, System.nanoTime() - start);
            }
            ScanPolicy scan = new ScanPolicy();
            scan.totalTimeout = 0;
            scan.socketTimeout = 30_000;
            LongAdder seen = new LongAdder();
            long start = System.nanoTime();
            client.scanAll(scan, namespace, set, (key, record) -> seen.increment());
            report("bare scan (count only)", seen.sum(), System.nanoTime() - start);
        }
        return 0;
    }

    private static void report(String what, long n, long nanos) {
        double s = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d records in %.1f s, %,.0f records/s%n", what, n, s, n / s);
    }
}
