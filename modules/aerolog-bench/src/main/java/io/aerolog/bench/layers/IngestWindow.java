package io.aerolog.bench.layers;

/**
 * One measured window of a steady ingest: what had been applied and acknowledged, and the CPU the
 * applying process had used, at its start and at its end. Pure arithmetic over the two readings.
 */
record IngestWindow(Reading start, Reading end) {
    /**
     * What one moment showed: a monotonic clock, commands applied, sends acknowledged, and the applying
     * process's CPU nanoseconds (NaN when not known).
     */
    record Reading(long nanos, double applied, long produced, double cpuNanos) {
    }

    double seconds() {
        return (end.nanos() - start.nanos()) / 1e9;
    }

    double applied() {
        return end.applied() - start.applied();
    }

    double appliedPerSecond() {
        return applied() / seconds();
    }

    double producedPerSecond() {
        return (end.produced() - start.produced()) / seconds();
    }

    /** The process's CPU microseconds per command applied in the window; NaN when unknown or nothing was applied. */
    double cpuMicrosPerApplied() {
        double applied = applied();
        return applied > 0 ? (end.cpuNanos() - start.cpuNanos()) / applied / 1e3 : Double.NaN;
    }
}
