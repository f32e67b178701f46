package io.aerolog.bench.faults;

import io.aerolog.bench.layers.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The fault suite's report: a summary per target and fault, a row per repetition, as Markdown and CSV. Pure. */
final class FaultReport {
    static final List<String> CSV_HEADER = List.of("target", "scenario", "repetition", "victim", "acked_puts",
            "in_doubt_puts", "acked_increments", "in_doubt_increments", "lost_puts", "doubled_puts", "reads",
            "missing_reads", "counters_outside", "changes", "changes_lost", "changes_doubled", "changes_complete",
            "failover_ms", "longest_gap_ms", "up_ms", "first_read_ms", "out_of_order_sequence_lines", "ok", "failures");

    private FaultReport() {
    }

    static String csv(List<Outcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            rows.add(List.of(o.target(), o.scenario(), Integer.toString(o.repetition()), o.victim(),
                    Long.toString(o.ackedPuts()), Long.toString(o.doubtPuts()), Long.toString(o.ackedIncrements()),
                    Long.toString(o.doubtIncrements()), Long.toString(o.lostPuts()), Long.toString(o.doubledPuts()),
                    Long.toString(o.reads()), Long.toString(o.missingReads()), Long.toString(o.countersOutside()),
                    Long.toString(o.changes()), Long.toString(o.changesLost()), Long.toString(o.changesDoubled()),
                    Boolean.toString(o.changesComplete()), Long.toString(o.failoverMs()),
                    Long.toString(o.longestGapMs()), Long.toString(o.upMs()), Long.toString(o.firstReadMs()),
                    Long.toString(o.outOfOrderSequenceLines()), Boolean.toString(o.ok()), String.join("; ", o.failures())));
        }
        return Table.csv(CSV_HEADER, rows);
    }

    /** The summary table: per target and fault, sums of the checks and min / median / max of each time. */
    static String summary(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            groups.computeIfAbsent(o.target() + " " + o.scenario(), k -> new ArrayList<>()).add(o);
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<Outcome> g : groups.values()) {
            Outcome first = g.get(0);
            rows.add(List.of(first.target(), first.scenario(), Integer.toString(g.size()),
                    sum(g, Outcome::ackedPuts) + " + " + sum(g, Outcome::ackedIncrements),
                    sum(g, Outcome::doubtPuts) + " + " + sum(g, Outcome::doubtIncrements),
                    Long.toString(sum(g, Outcome::lostPuts) + sum(g, Outcome::doubledPuts)),
                    Long.toString(sum(g, Outcome::missingReads)), Long.toString(sum(g, Outcome::countersOutside)),
                    sum(g, Outcome::changesLost) + " / " + sum(g, Outcome::changesDoubled),
                    spread(g, Outcome::failoverMs), spread(g, Outcome::longestGapMs), spread(g, Outcome::upMs),
                    spread(g, Outcome::firstReadMs),
                    g.stream().allMatch(Outcome::ok) ? "ok" : "FAIL"));
        }
        return Table.markdown(List.of("target", "fault", "runs", "acked puts + increments",
                "in doubt", "lost", "missing reads", "counters outside", "changes lost / doubled",
                "failover s", "longest gap s", "up s", "first read s", "verdict"), rows, 2);
    }

    /** A row per repetition. */
    static String repetitions(List<Outcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            rows.add(List.of(o.target(), o.scenario(), Integer.toString(o.repetition()), o.victim(),
                    Long.toString(o.ackedPuts()), Long.toString(o.ackedIncrements()),
                    o.doubtPuts() + " + " + o.doubtIncrements(), Long.toString(o.lostPuts()),
                    Long.toString(o.doubledPuts()), o.missingReads() + " of " + o.reads(),
                    Long.toString(o.countersOutside()), o.changes() + (o.changesComplete() ? "" : " (incomplete)"),
                    o.changesLost() + " / " + o.changesDoubled(), seconds(o.failoverMs()), seconds(o.longestGapMs()),
                    seconds(o.upMs()), seconds(o.firstReadMs()), Long.toString(o.outOfOrderSequenceLines()),
                    o.ok() ? "ok" : "FAIL"));
        }
        return Table.markdown(List.of("target", "fault", "run", "victim", "acked puts", "acked increments",
                "in doubt", "lost", "doubled", "missing reads", "counters outside", "changes read",
                "changes lost / doubled", "failover s", "longest gap s", "up s", "first read s",
                "OutOfOrderSequence log lines", "verdict"), rows, 4);
    }

    /** "min / median / max" seconds of the values that apply, "-" when none does. */
    static String spread(List<Outcome> g, ToLongFunction<Outcome> f) {
        long[] v = g.stream().mapToLong(f).filter(x -> x >= 0).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        if (v.length == 1) {
            return seconds(v[0]);
        }
        long median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return seconds(v[0]) + " / " + seconds(median) + " / " + seconds(v[v.length - 1]);
    }

    static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static long sum(List<Outcome> g, ToLongFunction<Outcome> f) {
        return g.stream().mapToLong(f).sum();
    }
}
