package io.aerolog.cli.load;

/**
 * What a load run does: keys {@code 0..records-1} of {@code namespace.set} picked uniformly, each
 * operation a read with probability {@code readPercent}% or else a write of {@code bins} string bins of
 * {@code binSize} characters, by {@code threads} threads for {@code durationMillis}, at most
 * {@code ratePerSecond} operations a second in all (0: as fast as the node answers).
 */
record Workload(String namespace, String set, long records, int bins, int binSize, int readPercent,
                long ratePerSecond, int threads, long durationMillis, long seed) {
}
