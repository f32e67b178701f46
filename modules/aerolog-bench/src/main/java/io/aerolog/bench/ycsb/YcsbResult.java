package io.aerolog.bench.ycsb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One YCSB run of one workload against one system, as read from YCSB's text export: overall throughput
 * and, per operation (READ, UPDATE, INSERT, ...), the count of successes, latency percentiles in
 * microseconds, and the count of non-OK returns; and, when the benchmark measured it, the CPU time
 * the client and the server spent on the run ({@code cpu}, null otherwise), so that a throughput on a
 * shared machine can be read as the cost of an operation on each side.
 */
public record YcsbResult(String system, String workload, double runtimeMs, double opsPerSec, Map<String, Op> ops,
                         Cpu cpu) {
    public YcsbResult {
        ops = Collections.unmodifiableMap(new LinkedHashMap<>(ops));
    }

    /** CPU seconds (user + system) of the YCSB client's process and of the server's processes during the run. */
    public record Cpu(double clientSeconds, double serverSeconds) {
        /** Parses {@code "<client seconds> <server seconds>"}, as ops/bench writes it beside each export. */
        public static Cpu parse(String text) {
            String[] f = text.trim().split("\\s+");
            if (f.length != 2) {
                throw new IllegalArgumentException("not '<client seconds> <server seconds>': '" + text.trim() + "'");
            }
            return new Cpu(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
        }
    }

    /** This result with the CPU time measured for its run. */
    public YcsbResult withCpu(Cpu measured) {
        return new YcsbResult(system, workload, runtimeMs, opsPerSec, ops, measured);
    }

    /** Operations done, successful or not. */
    public long operations() {
        return ops.values().stream().mapToLong(o -> o.count() + o.errors()).sum();
    }

    /** The client's CPU microseconds per operation; NaN when not measured. */
    public double clientMicrosPerOp() {
        return cpu == null || operations() == 0 ? Double.NaN : cpu.clientSeconds() * 1e6 / operations();
    }

    /** The server's CPU microseconds per operation; NaN when not measured. */
    public double serverMicrosPerOp() {
        return cpu == null || operations() == 0 ? Double.NaN : cpu.serverSeconds() * 1e6 / operations();
    }

    /** An operation's successes, percentiles (µs; NaN when YCSB did not export them) and failures. */
    public record Op(long count, double p50Us, double p99Us, double p999Us, long errors) {
    }

    /** Total non-OK returns over all operations. */
    public long errors() {
        return ops.values().stream().mapToLong(Op::errors).sum();
    }

    /**
     * Parses YCSB's text export ({@code [SECTION], metric, value} lines, as written by
     * {@code TextMeasurementsExporter} with {@code measurementtype=hdrhistogram} and
     * {@code hdrhistogram.percentiles=50,99,99.9}).
     */
    public static YcsbResult parse(String system, String workload, String text) {
        double runtime = Double.NaN;
        double throughput = Double.NaN;
        Map<String, long[]> counts = new LinkedHashMap<>();     // op -> {ok, errors}
        Map<String, double[]> pct = new LinkedHashMap<>();      // op -> {p50, p99, p999}
        for (String line : text.split("\\R")) {
            String[] f = line.split(",", 3);
            if (f.length != 3 || !f[0].startsWith("[") || !f[0].endsWith("]")) {
                continue;
            }
            String section = f[0].substring(1, f[0].length() - 1).trim();
            String metric = f[1].trim();
            String value = f[2].trim();
            if (section.equals("OVERALL")) {
                if (metric.equals("RunTime(ms)")) {
                    runtime = Double.parseDouble(value);
                } else if (metric.equals("Throughput(ops/sec)")) {
                    throughput = Double.parseDouble(value);
                }
                continue;
            }
            if (section.endsWith("-FAILED") || section.equals("CLEANUP") || section.startsWith("TOTAL_GC")) {
                continue;
            }
            String op = section.toLowerCase(Locale.ROOT);
            if (metric.startsWith("Return=")) {
                long n = Long.parseLong(value);
                long[] c = counts.computeIfAbsent(op, k -> new long[2]);
                if (metric.equals("Return=OK") || metric.equals("Return=BATCHED_OK")) {
                    c[0] += n;
                } else {
                    c[1] += n;
                }
            } else if (metric.endsWith("PercentileLatency(us)")) {
                String q = metric.substring(0, metric.length() - "PercentileLatency(us)".length())
                        .replaceAll("(st|nd|rd|th)$", "");
                double[] p = pct.computeIfAbsent(op, k -> new double[] {Double.NaN, Double.NaN, Double.NaN});
                switch (q) {
                    case "50" -> p[0] = Double.parseDouble(value);
                    case "99" -> p[1] = Double.parseDouble(value);
                    case "99.9" -> p[2] = Double.parseDouble(value);
                    default -> { }
                }
            }
        }
        if (Double.isNaN(throughput)) {
            throw new IllegalArgumentException("no [OVERALL], Throughput(ops/sec) in the YCSB output of "
                    + system + " " + workload);
        }
        Map<String, Op> ops = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            double[] p = pct.getOrDefault(e.getKey(), new double[] {Double.NaN, Double.NaN, Double.NaN});
            ops.put(e.getKey(), new Op(e.getValue()[0], p[0], p[1], p[2], e.getValue()[1]));
        }
        return new YcsbResult(system, workload, runtime, throughput, ops, null);
    }
}
