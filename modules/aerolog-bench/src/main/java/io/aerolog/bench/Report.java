package io.aerolog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders results as a Markdown table and as CSV: pure functions. */
final class Report {
    static final List<String> HEADER =
            List.of("operation", "ops", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
    static final List<String> CSV_HEADER =
            List.of("operation", "ops", "ops_per_sec", "p50_ms", "p99_ms", "p999_ms", "max_ms", "errors");

    private Report() {
    }

    /** Nanoseconds as milliseconds with three decimals (microsecond resolution), e.g. 1234567 -> "1.235". */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String opsPerSec(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static List<String> cells(Stats.OpResult r) {
        return List.of(r.operation(), Long.toString(r.ops()), opsPerSec(r.opsPerSec()), millis(r.p50Nanos()),
                millis(r.p99Nanos()), millis(r.p999Nanos()), millis(r.maxNanos()), Long.toString(r.errors()));
    }

    /** A GitHub-flavoured Markdown table, columns padded to equal width, numbers right-aligned. */
    static String markdown(List<Stats.OpResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Stats.OpResult r : results) {
            List<String> c = new ArrayList<>(cells(r));
            c.set(0, c.get(0).replace("|", "\\|"));
            rows.add(c);
        }
        int cols = HEADER.size();
        int[] width = new int[cols];
        for (List<String> row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(Math.max(width[i], row.get(i).length()), 3);
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, rows.get(0), width);
        sb.append('|');
        for (int i = 0; i < cols; i++) {
            sb.append(i == 0 ? ' ' + "-".repeat(width[i]) + ' ' : ' ' + "-".repeat(width[i] - 1) + ": ");
            sb.append('|');
        }
        sb.append('\n');
        for (List<String> row : rows.subList(1, rows.size())) {
            appendRow(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> row, int[] width) {
        sb.append('|');
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            sb.append(' ').append(i == 0 ? cell + pad : pad + cell).append(" |");
        }
        sb.append('\n');
    }

    /** RFC 4180 CSV with a header line; numbers unquoted, latencies in milliseconds. */
    static String csv(List<Stats.OpResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", CSV_HEADER)).append("\r\n");
        for (Stats.OpResult r : results) {
            List<String> c = cells(r);
            for (int i = 0; i < c.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvField(c.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
