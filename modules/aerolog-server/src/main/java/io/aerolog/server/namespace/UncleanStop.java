package io.aerolog.server.namespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether the last run of a namespace's Kafka Streams application on this node stopped cleanly, and if it did
 * not, its task states removed before Kafka Streams opens them.
 *
 * <p>Under exactly-once, a store's committed offsets are written only when its task closes cleanly, and Kafka
 * Streams wipes and restores from the changelog every non-empty store that has none. After a kill -9 that is
 * every task the node held, active and standby. Kafka Streams finds it out one task at a time: while it starts,
 * then again as each task is assigned, closing the task dirty and, for an active task, rebalancing once more
 * while its partition waits (on a loaded {@code ops/cluster} node the first pass alone took 3.2 s for 8 tasks).
 * Removing those states first gives the same stores (restored from the changelogs) without that detour.
 *
 * <p>A marker file beside the application's state says a run is in progress: written before Kafka Streams
 * starts, removed after it closed in time. Found at start, it means the last run ended some other way. Removing
 * state is always safe (every store is rebuilt from its changelog), so the marker only decides what a restart
 * costs; a state directory from a build without the marker is left to Kafka Streams.
 */
final class UncleanStop {
    static final String MARKER = "aerolog-running";
    private static final Pattern TASK_DIRECTORY = Pattern.compile("\\d+_\\d+");

    private final Path marker;
    private final List<String> removed;

    private UncleanStop(Path marker, List<String> removed) {
        this.marker = marker;
        this.removed = List.copyOf(removed);
    }

    /**
     * Starts a run of {@code applicationId} whose Kafka Streams state directory is {@code stateDir}: removes the
     * task states the last run left if it did not stop cleanly, then marks this run as in progress.
     */
    static UncleanStop begin(Path stateDir, String applicationId) {
        Path marker = stateDir.resolve(MARKER);
        try {
            Files.createDirectories(stateDir);
            if (Files.exists(marker)) {
                return new UncleanStop(marker, removeTaskStates(stateDir.resolve(applicationId)));
            }
            Files.createFile(marker);
            return new UncleanStop(marker, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the state directory " + stateDir, e);
        }
    }

    /** The task directories removed at the start of this run, because the last run did not stop cleanly. */
    List<String> removed() {
        return removed;
    }

    /** Records that Kafka Streams closed in time: its stores' offsets are committed, so the next start keeps them. */
    void stoppedCleanly() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + marker, e);
        }
    }

    private static List<String> removeTaskStates(Path applicationDir) throws IOException {
        if (!Files.isDirectory(applicationDir)) {
            return List.of();
        }
        // Kafka Streams holds this lock while it runs: never remove the state of a process still using it
        try (FileChannel lockFile = FileChannel.open(applicationDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IOException("another process is using " + applicationDir + ": is a second node running "
                        + "with the same dataDir?");
            }
            return removeTaskDirectories(applicationDir);
        }
    }

    private static List<String> removeTaskDirectories(Path applicationDir) throws IOException {
        List<Path> tasks;
        try (Stream<Path> children = Files.list(applicationDir)) {
            tasks = children.filter(p -> Files.isDirectory(p)
                    && TASK_DIRECTORY.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        List<String> names = new ArrayList<>();
        for (Path task : tasks) {
            try (Stream<Path> tree = Files.walk(task)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            names.add(task.getFileName().toString());
        }
        return names;
    }
}
