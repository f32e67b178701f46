package io.aerolog.cli.load;

import com.aerospike.client.ResultCode;
import io.aerolog.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The summary of a load run: a row per operation with its count, throughput and latency percentiles. */
final class LoadReport {
    static final List<String> HEADERS = List.of("operation", "count", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");

    private LoadReport() {
    }

    static String render(Workload w, LoadResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s.%s: %,d keys, %d bin(s) of %,d B, %d%% reads, %d threads, %.1f s%s%n",
                w.namespace(), w.set(), w.records(), w.bins(), w.binSize(), w.readPercent(), w.threads(),
                r.elapsedNanos() / 1e9, w.ratePerSecond() == 0 ? ", no rate limit"
                        : String.format(Locale.ROOT, ", target %,d ops/s", w.ratePerSecond())));
        List<List<String>> rows = new ArrayList<>();
        Histogram all = new Histogram(1, LoadRun.MAX_LATENCY_MICROS, 3);
        if (r.reads().getTotalCount() > 0) {
            rows.add(row("read", r.reads(), r));
            all.add(r.reads());
        }
        if (r.writes().getTotalCount() > 0) {
            rows.add(row("write", r.writes(), r));
            all.add(r.writes());
        }
        rows.add(row("total", all, r));
        boolean[] numeric = {false, true, true, true, true, true, true};
        out.append(Table.render(HEADERS, rows, numeric)).append(System.lineSeparator());
        if (r.notFound() > 0) {
            out.append(String.format(Locale.ROOT, "%,d reads found no record (keys not written yet)%n", r.notFound()));
        }
        if (r.errorCount() == 0) {
            out.append("errors: none");
        } else {
            out.append(String.format(Locale.ROOT, "errors: %,d (not in the latencies):", r.errorCount()));
            for (Map.Entry<Integer, Long> e : r.errors().entrySet()) {
                out.append(String.format(Locale.ROOT, " (%d) %s x %,d;", e.getKey(),
                        ResultCode.getResultString(e.getKey()), e.getValue()));
            }
        }
        return out.toString();
    }

    private static List<String> row(String name, Histogram h, LoadResult r) {
        return List.of(name, String.format(Locale.ROOT, "%,d", h.getTotalCount()),
                String.format(Locale.ROOT, "%,.0f", r.perSecond(h.getTotalCount())),
                millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
