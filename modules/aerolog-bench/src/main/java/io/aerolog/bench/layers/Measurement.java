package io.aerolog.bench.layers;

import io.aerolog.bench.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the layers report: which layer, what was timed, on how many threads, and its
 * throughput and latency percentiles (in microseconds, so a RocksDB read and a Kafka round trip fit
 * one column).
 */
record Measurement(String layer, String operation, int threads, Stats.OpResult result) {
    static final List<String> HEADER = List.of("layer", "measurement", "threads", "ops", "ops/s",
            "p50 µs", "p99 µs", "p99.9 µs", "max µs", "errors");
    static final List<String> CSV_HEADER = List.of("layer", "measurement", "threads", "ops", "ops_per_sec",
            "p50_us", "p99_us", "p999_us", "max_us", "errors");

    List<String> cells() {
        return List.of(layer, operation, Integer.toString(threads), Long.toString(result.ops()),
                String.format(Locale.ROOT, "%.1f", result.opsPerSec()), micros(result.p50Nanos()),
                micros(result.p99Nanos()), micros(result.p999Nanos()), micros(result.maxNanos()),
                Long.toString(result.errors()));
    }

    /** Nanoseconds as microseconds with one decimal, e.g. 1234 -> "1.2". */
    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
    }

    static String markdown(List<Measurement> rows) {
        return Table.markdown(HEADER, cellsOf(rows), 2);
    }

    static String csv(List<Measurement> rows) {
        return Table.csv(CSV_HEADER, cellsOf(rows));
    }

    private static List<List<String>> cellsOf(List<Measurement> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Measurement m : rows) {
            cells.add(m.cells());
        }
        return cells;
    }
}
