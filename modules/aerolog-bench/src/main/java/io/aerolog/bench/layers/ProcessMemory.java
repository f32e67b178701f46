package io.aerolog.bench.layers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of what Linux and the JDK say about a process's memory: {@code /proc/<pid>/status} (resident
 * set) and {@code jcmd <pid> GC.heap_info} (Java heap): pure functions over their text.
 */
final class ProcessMemory {
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB\\s*$");
    /** A heap (G1) or generation (Serial, Parallel) line; Metaspace and class space lines are not heap. */
    private static final Pattern HEAP = Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** The Java heap in KiB: committed ("total") and used, summed over generations. */
    record Heap(long committedKiB, long usedKiB) {
    }

    /** The resident set in KiB from {@code /proc/<pid>/status}; -1 when it has no VmRSS line (a kernel thread, a zombie). */
    static long rssKiB(String procStatus) {
        Matcher m = RSS.matcher(procStatus);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The heap from {@code jcmd GC.heap_info}'s output; null when no collector's heap line is in it (e.g. ZGC's). */
    static Heap heap(String heapInfo) {
        Matcher m = HEAP.matcher(heapInfo);
        long committed = 0;
        long used = 0;
        boolean found = false;
        while (m.find()) {
            String space = m.group(1);
            if (space.startsWith("Metaspace") || space.startsWith("class space")) {
                continue;
            }
            committed += Long.parseLong(m.group(2));
            used += Long.parseLong(m.group(3));
            found = true;
        }
        return found ? new Heap(committed, used) : null;
    }
}
