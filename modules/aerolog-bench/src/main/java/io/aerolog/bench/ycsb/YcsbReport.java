package io.aerolog.bench.ycsb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns YCSB exports into the comparison: a Markdown table (system, workload, ops/s, read / update /
 * insert p50 / p99 / p99.9 in ms, client and server CPU µs per operation, errors, Aerolog's throughput
 * ratio to the row), a table of those ratios by workload and peer, CSV, and a PNG chart of throughput
 * per workload and system.
 *
 * <p>{@code YcsbReport --reference aerolog --out DIR FILE...}: each FILE is a YCSB text export named
 * {@code <system>__<workload>.txt}, with the run's CPU seconds ({@code <client> <server>}) in
 * {@code <system>__<workload>.cpu} beside it when measured; writes {@code DIR/results.md},
 * {@code results.csv}, {@code throughput.png} and prints the Markdown.
 */
public final class YcsbReport {
    static final List<String> OPS = List.of("read", "update", "insert");
    static final List<String> HEADER;
    static final List<String> CSV_HEADER;

    static {
        List<String> h = new ArrayList<>(List.of("system", "workload", "ops/s"));
        List<String> c = new ArrayList<>(List.of("system", "workload", "ops_per_sec"));
        for (String op : OPS) {
            for (String q : List.of("p50", "p99", "p99.9")) {
                h.add(op + " " + q + " ms");
                c.add(op + "_" + q.replace(".", "") + "_ms");
            }
        }
        h.addAll(List.of("client CPU µs/op", "server CPU µs/op", "errors", "Aerolog ÷ this"));
        c.addAll(List.of("client_cpu_us_per_op", "server_cpu_us_per_op", "errors", "aerolog_ratio"));
        HEADER = List.copyOf(h);
        CSV_HEADER = List.copyOf(c);
    }

    private YcsbReport() {
    }

    /** Aerolog's (the reference system's) ops/s over the result's, for the same workload; empty when either is missing or zero. */
    static Optional<Double> ratio(List<YcsbResult> results, String reference, YcsbResult r) {
        return results.stream()
                .filter(x -> x.system().equals(reference) && x.workload().equals(r.workload()))
                .findFirst()
                .filter(ref -> r.opsPerSec() > 0 && ref.opsPerSec() > 0)
                .map(ref -> ref.opsPerSec() / r.opsPerSec());
    }

    static String ms(double us) {
        return Double.isNaN(us) ? "" : String.format(Locale.ROOT, "%.2f", us / 1000.0);
    }

    static String num(double v, String fmt) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, fmt, v);
    }

    static List<String> cells(List<YcsbResult> results, String reference, YcsbResult r) {
        List<String> c = new ArrayList<>(List.of(r.system(), r.workload(), num(r.opsPerSec(), "%.1f")));
        for (String op : OPS) {
            YcsbResult.Op o = r.ops().get(op);
            c.add(o == null ? "" : ms(o.p50Us()));
            c.add(o == null ? "" : ms(o.p99Us()));
            c.add(o == null ? "" : ms(o.p999Us()));
        }
        c.add(num(r.clientMicrosPerOp(), "%.1f"));
        c.add(num(r.serverMicrosPerOp(), "%.1f"));
        c.add(Long.toString(r.errors()));
        c.add(ratio(results, reference, r).map(x -> num(x, "%.3f")).orElse(""));
        return c;
    }

    /** The results table followed by the ratio table (workload rows, one column per peer). */
    public static String markdown(List<YcsbResult> results, String reference) {
        List<List<String>> rows = new ArrayList<>();
        for (YcsbResult r : results) {
            rows.add(cells(results, reference, r));
        }
        StringBuilder sb = new StringBuilder(table(HEADER, rows, 2));
        Set<String> peers = new LinkedHashSet<>();
        Set<String> workloads = new LinkedHashSet<>();
        for (YcsbResult r : results) {
            workloads.add(r.workload());
            if (!r.system().equals(reference)) {
                peers.add(r.system());
            }
        }
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (String p : peers) {
            header.add(reference + " ÷ " + p);
        }
        List<List<String>> ratioRows = new ArrayList<>();
        for (String w : workloads) {
            List<String> row = new ArrayList<>();
            row.add(w);
            for (String p : peers) {
                row.add(results.stream().filter(r -> r.system().equals(p) && r.workload().equals(w)).findFirst()
                        .flatMap(r -> ratio(results, reference, r)).map(x -> num(x, "%.3f")).orElse(""));
            }
            ratioRows.add(row);
        }
        sb.append('\n').append(table(header, ratioRows, 1));
        return sb.toString();
    }

    /** A GitHub-flavoured Markdown table; the first {@code textCols} columns left-aligned, the rest right-aligned. */
    static String table(List<String> header, List<List<String>> rows, int textCols) {
        int cols = header.size();
        int[] width = new int[cols];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> row : rows) {
            all.add(row.stream().map(s -> s.replace("|", "\\|")).toList());
        }
        for (List<String> row : all) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(Math.max(width[i], row.get(i).length()), 3);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            sb.append('|');
            for (int i = 0; i < cols; i++) {
                String pad = " ".repeat(width[i] - row.get(i).length());
                sb.append(' ').append(i < textCols ? row.get(i) + pad : pad + row.get(i)).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int i = 0; i < cols; i++) {
                    sb.append(i < textCols ? " " + "-".repeat(width[i]) + " |" : " " + "-".repeat(width[i] - 1) + ": |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** RFC 4180 CSV, CRLF line ends, latencies in ms, the ratio empty where there is none. */
    public static String csv(List<YcsbResult> results, String reference) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (YcsbResult r : results) {
            List<String> c = cells(results, reference, r);
            for (int i = 0; i < c.size(); i++) {
                String s = c.get(i);
                boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
                sb.append(i == 0 ? "" : ",").append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static final Pattern FILE = Pattern.compile("(.+)__(.+)\\.txt");

    public static void main(String[] args) throws IOException {
        String reference = "aerolog";
        Path out = Path.of(".");
        String title = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reference" -> reference = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--title" -> title = args[++i];
                default -> files.add(Path.of(args[i]));
            }
        }
        List<YcsbResult> results = new ArrayList<>();
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalArgumentException("not <system>__<workload>.txt: " + f);
            }
            try {
                YcsbResult r = YcsbResult.parse(m.group(1), m.group(2), Files.readString(f));
                Path cpu = f.resolveSibling(m.group(1) + "__" + m.group(2) + ".cpu");
                results.add(Files.exists(cpu) ? r.withCpu(YcsbResult.Cpu.parse(Files.readString(cpu))) : r);
            } catch (IllegalArgumentException e) {
                System.err.println("skipped: " + e.getMessage());
            }
        }
        Files.createDirectories(out);
        String md = (title == null ? "" : title + "\n\n") + markdown(results, reference);
        Files.writeString(out.resolve("results.md"), md);
        Files.writeString(out.resolve("results.csv"), csv(results, reference));
        ThroughputChart.write(results, out.resolve("throughput.png"));
        System.out.print(md);
    }
}
