package io.aerolog.bench.layers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A node's memory and disk. With {@code --pid} (a running node): after a full GC ({@code jcmd GC.run}),
 * its resident set ({@code /proc}) and Java heap ({@code jcmd GC.heap_info}). Always: the disk used
 * ({@code du}) by its data dir's Kafka Streams state ({@code streams/}) and broker logs ({@code kafka/});
 * measured on a stopped node, the state includes what a running one still holds in RocksDB memtables.
 * Figures are named {@code <label>_...}.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Measures a node's RSS and heap after a full GC, and the disk its data dir uses.")
final class Footprint implements Callable<Integer> {
    @Option(names = "--pid", description = "The running node's process id; without it only the disk is measured.")
    Long pid;
    @Option(names = "--data-dir", required = true, description = "The node's --data-dir.")
    Path dataDir;
    @Option(names = "--label", description = "Prefix of the figures' names (default: ${DEFAULT-VALUE}).")
    String label = "loaded";
    @Option(names = "--results", required = true, description = "File the figures are appended to.")
    Path results;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        long rss = 0;
        if (pid != null) {
            run("jcmd", Long.toString(pid), "GC.run");
            ProcessMemory.Heap heap = ProcessMemory.heap(run("jcmd", Long.toString(pid), "GC.heap_info"));
            rss = ProcessMemory.rssKiB(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            figures.put(label + "_rss_mib", rss / 1024.0);
            figures.put(label + "_heap_used_mib", heap == null ? "" : heap.usedKiB() / 1024.0);
            figures.put(label + "_heap_committed_mib", heap == null ? "" : heap.committedKiB() / 1024.0);
        }
        figures.put(label + "_state_dir_mib", diskKiB(dataDir.resolve("streams")) / 1024.0);
        figures.put(label + "_kafka_dir_mib", diskKiB(dataDir.resolve("kafka")) / 1024.0);
        Results.append(results, figures);
        System.err.println("footprint " + figures);
        return rss < 0 ? 1 : 0;
    }

    /** KiB of disk the files under {@code dir} use, as {@code du -sk} counts them (preallocated, sparse index files at what they really hold); 0 when absent. */
    private static long diskKiB(Path dir) throws IOException, InterruptedException {
        return Files.isDirectory(dir) ? duKiB(run("du", "-sk", dir.toString())) : 0;
    }

    /** The KiB figure of {@code du -sk}'s output, {@code "<KiB>\t<path>"}. */
    static long duKiB(String duOutput) {
        String first = duOutput.strip().split("\\s+", 2)[0];
        if (!first.matches("\\d+")) {
            throw new IllegalArgumentException("not du -sk output: " + duOutput);
        }
        return Long.parseLong(first);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
