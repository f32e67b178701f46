package io.aerolog.cli.load;

import com.aerospike.client.AerospikeClient;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.AerospikeConnection;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code aerolog load}: a load generator through Aerospike's Java client, with a live progress line and a summary. */
@Command(name = "load", sortOptions = false,
        description = {"Reads and writes records through Aerospike's Java client for a while, shows a progress line",
            "and prints throughput and p50/p99/p99.9 latencies (from when each operation was due when --rate is set)."},
        footer = {"", "Examples:",
            "  aerolog load                                          10 s, 50% reads, 100,000 keys, as fast as it goes",
            "  aerolog load --duration 60 --read-pct 95 --threads 32",
            "  aerolog load --records 1000000 --bins 10 --bin-size 100 --rate 5000",
            "  aerolog load --read-pct 0 --records 10000 --duration 5     load keys before a read run",
            "", "Exit code 1 when any operation failed (the summary lists failures by result code).",
            "", AerologCli.EXIT_CODES})
public final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-n", "--namespace"}, defaultValue = "test", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = {"-s", "--set"}, defaultValue = "load", description = "set (default: ${DEFAULT-VALUE})")
    String set;

    @Option(names = "--records", defaultValue = "100000", paramLabel = "N",
            description = "key space: integer keys 0..N-1, picked uniformly (default: ${DEFAULT-VALUE})")
    long records;

    @Option(names = "--bins", defaultValue = "1", paramLabel = "N", description = "bins per write (default: ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--bin-size", defaultValue = "100", paramLabel = "BYTES",
            description = "characters in each string bin (default: ${DEFAULT-VALUE})")
    int binSize;

    @Option(names = "--read-pct", defaultValue = "50", paramLabel = "PCT",
            description = "share of reads, 0-100; the rest are writes (default: ${DEFAULT-VALUE})")
    int readPercent;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "OPS",
            description = "target operations a second in all; 0 is as fast as the node answers (default: ${DEFAULT-VALUE})")
    long rate;

    @Option(names = {"-t", "--threads"}, defaultValue = "8", description = "threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-d", "--duration"}, defaultValue = "10", paramLabel = "SECONDS",
            description = "how long to run (default: ${DEFAULT-VALUE})")
    double durationSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the key and value choices (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-progress", description = "no progress line (for logs)")
    boolean noProgress;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    /** Bounds of the options. */
    static final int MAX_THREADS = 1024;
    static final int MAX_BINS = 1000;
    static final long MAX_WRITE_BYTES = 8L << 20;
    static final double MAX_DURATION_SECONDS = 24 * 3600;

    @Override
    public Integer call() throws InterruptedException {
        Workload w = workload();
        try (AerospikeClient client = AerospikeConnection.open(node, Math.max(threads, 8))) {
            LoadRun run = new LoadRun(client, w);
            LoadResult result;
            if (noProgress) {
                result = run.run(tick -> { });
            } else {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("load")
                        .setInitialMax(Math.max(1, Math.round(durationSeconds))).setUnit(" s", 1)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).hideEta()
                        .setConsumer(new ConsoleProgressBarConsumer(parent.err(), 110)).build()) {
                    result = run.run(tick -> {
                        bar.stepTo(Math.min(bar.getMax(), tick.elapsedMillis() / 1000));
                        bar.setExtraMessage(String.format(Locale.ROOT, "%,.0f ops/s, %,d done, %,d errors",
                                tick.perSecond(), tick.operations(), tick.errors()));
                    });
                    bar.stepTo(bar.getMax());
                }
            }
            parent.out().println(LoadReport.render(w, result));
            if (result.errorCount() > 0) {
                parent.err().printf(Locale.ROOT, "%,d of %,d operations failed%n", result.errorCount(),
                        result.errorCount() + result.operations());
                return ExitCode.REFUSED;
            }
            return ExitCode.OK;
        }
    }

    private Workload workload() {
        check(records >= 1, "--records takes at least 1");
        check(bins >= 1 && bins <= MAX_BINS, "--bins takes 1 to " + MAX_BINS);
        check(binSize >= 1 && (long) bins * binSize <= MAX_WRITE_BYTES,
                "--bin-size takes 1 or more, and --bins x --bin-size at most " + MAX_WRITE_BYTES + " bytes");
        check(readPercent >= 0 && readPercent <= 100, "--read-pct takes 0 to 100");
        check(rate >= 0, "--rate takes 0 (no limit) or more");
        check(threads >= 1 && threads <= MAX_THREADS, "--threads takes 1 to " + MAX_THREADS);
        check(durationSeconds > 0 && durationSeconds <= MAX_DURATION_SECONDS,
                "--duration takes more than 0 and at most " + (long) MAX_DURATION_SECONDS + " seconds");
        check(!namespace.isEmpty() && !set.isEmpty(), "--namespace and --set cannot be empty");
        return new Workload(namespace, set, records, bins, binSize, readPercent, rate, threads,
                Math.round(durationSeconds * 1000), seed);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new CliFailure(ExitCode.USAGE, message);
        }
    }
}
