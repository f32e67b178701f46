package io.aerolog.bench;

/** Percentiles and the summary row of one measured operation: pure functions, no clocks. */
public final class Stats {
    private Stats() {
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100) of an ascending sample, by the nearest-rank method:
     * the smallest value such that at least p% of the sample is at or below it. So p50 of 1..100 is 50,
     * p99.9 of 1..1000 is 999, and p100 is the maximum. An empty sample has no percentile: 0.
     */
    public static long percentile(long[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        // rank = ceil(p/100 * n); computed on p*n/100 with a tiny slack so 99.9% of 1000 is exactly 999
        double exact = p * sorted.length / 100.0;
        long rank = (long) Math.ceil(exact - 1e-9);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, rank - 1));
        return sorted[index];
    }

    /**
     * Summarizes one phase: {@code sortedNanos} holds the latency of every request that got an answer
     * or failed (errors included), {@code elapsedNanos} is the phase's wall time.
     */
    public static OpResult summarize(String operation, long[] sortedNanos, long elapsedNanos, long errors) {
        long ops = sortedNanos.length;
        double opsPerSec = elapsedNanos <= 0 ? 0 : ops * 1e9 / elapsedNanos;
        return new OpResult(operation, ops, opsPerSec,
                percentile(sortedNanos, 50), percentile(sortedNanos, 99), percentile(sortedNanos, 99.9),
                ops == 0 ? 0 : sortedNanos[sortedNanos.length - 1], errors);
    }

    /** One row of the report; latencies in nanoseconds. {@code ops} counts errors too. */
    public record OpResult(String operation, long ops, double opsPerSec, long p50Nanos, long p99Nanos, long p999Nanos,
                    long maxNanos, long errors) {
        public OpResult named(String name) {
            return new OpResult(name, ops, opsPerSec, p50Nanos, p99Nanos, p999Nanos, maxNanos, errors);
        }
    }
}
