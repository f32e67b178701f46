package io.aerolog.bench.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Waits, while a node starts, until every loaded record reads again, and reports how long after the
 * node's launch ({@code --started-at-ms}, taken by the script just before it) that was: first
 * {@code /health} answering 200 (every namespace RUNNING), then a GET of the last loaded record of
 * every partition answering 200 ({@link LastKeys}: then all of them do). A sample of random records
 * is read afterwards, untimed, as a check. Figures are named {@code <label>_...}.
 */
@Command(name = "await", mixinStandardHelpOptions = true,
        description = "Waits until a starting node serves every loaded record; times it from the launch.")
final class AwaitReadable implements Callable<Integer> {
    private static final long POLL_MILLIS = 20;

    @Option(names = "--url", description = "Base URL of the node (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--namespace", description = "(default: ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--set", description = "(default: ${DEFAULT-VALUE})")
    String set = "restore";
    @Option(names = "--records", required = true, description = "Records r0 .. r<N-1> that were loaded.")
    long records;
    @Option(names = "--partitions", description = "The namespace's partitions (default: ${DEFAULT-VALUE}).")
    int partitions = 8;
    @Option(names = "--started-at-ms", required = true, description = "When the node was launched (epoch ms).")
    long startedAtMs;
    @Option(names = "--pid", description = "The node's process id: give up as soon as it is gone.")
    Long pid;
    @Option(names = "--timeout", description = "Seconds after the launch to give up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 3600;
    @Option(names = "--sample", description = "Random records read as a check (default: ${DEFAULT-VALUE}).")
    int sample = 1000;
    @Option(names = "--label", description = "Prefix of the figures' names (default: ${DEFAULT-VALUE}).")
    String label = "restart";
    @Option(names = "--results", required = true, description = "File the figures are appended to.")
    Path results;

    @Override
    public Integer call() throws Exception {
        Node node = new Node(url);
        long deadline = startedAtMs + timeoutSeconds * 1000L;
        if (!awaitOk(node, "/health", deadline)) {
            System.err.println("await: " + url + "/health did not answer 200 in " + timeoutSeconds + " s or the node ended");
            return 1;
        }
        double ready = (System.currentTimeMillis() - startedAtMs) / 1000.0;
        long[] last = LastKeys.lastPerPartition(namespace, set, records, partitions);
        for (long i : last) {
            if (i >= 0 && !awaitOk(node, Node.kvs(namespace, set, LastKeys.key(i)), deadline)) {
                System.err.println("await: record " + LastKeys.key(i) + " did not read in " + timeoutSeconds
                        + " s or the node ended");
                return 1;
            }
        }
        double readable = (System.currentTimeMillis() - startedAtMs) / 1000.0;
        SplittableRandom rnd = new SplittableRandom(startedAtMs);
        long missing = 0;
        int checked = (int) Math.min(sample, records);
        for (int n = 0; n < checked; n++) {
            missing += node.status(Node.kvs(namespace, set, LastKeys.key(rnd.nextLong(records)))) == 200 ? 0 : 1;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(label + "_ready_s", ready);
        figures.put(label + "_readable_s", readable);
        figures.put(label + "_sample", checked);
        figures.put(label + "_sample_missing", missing);
        Results.append(results, figures);
        System.err.printf("await %s: ready %.2f s, every record readable %.2f s after the launch; %d of %d sampled "
                + "records missing%n", label, ready, readable, missing, checked);
        return missing == 0 ? 0 : 1;
    }

    /** GETs {@code path} every few ms until it answers 200 (true), or the deadline passes or the node ends (false). */
    private boolean awaitOk(Node node, String path, long deadlineMs) throws InterruptedException {
        while (System.currentTimeMillis() < deadlineMs && (pid == null || ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false))) {
            try {
                if (node.status(path) == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }
}
