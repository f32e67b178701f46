package io.aerolog.bench;

import java.util.Arrays;

/**
 * The latencies one worker thread measured, in nanoseconds, one entry per request: a growable
 * {@code long[]} owned by a single thread (no synchronization), merged and sorted after the phase.
 * Costs 8 bytes per request, so a 10 s phase at 100k ops/s holds 8 MB.
 */
public final class LatencyLog {
    private long[] values;
    private int size;

    public LatencyLog(int expected) {
        values = new long[Math.max(16, expected)];
    }

    public void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = nanos;
    }

    public int size() {
        return size;
    }

    /** All values of {@code logs}, concatenated and sorted ascending. */
    public static long[] mergeSorted(Iterable<LatencyLog> logs) {
        int total = 0;
        for (LatencyLog log : logs) {
            total += log.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.values, 0, all, at, log.size);
            at += log.size;
        }
        Arrays.sort(all);
        return all;
    }
}
