package io.aerolog.bench.layers;

import java.util.List;
import java.util.Locale;

/**
 * The ingest benchmark's Markdown table: per value size, the node's steady applied rate beside the
 * bare Kafka Streams floor's, the node's CPU per command, each side's produce rate and the backlog
 * (acknowledged but not yet applied) at the window's end, so a reader sees whether each side kept up.
 */
final class IngestTable {
    /** One side of a row: its window and its backlog at the window's end; failed sends, if any. */
    record Side(IngestWindow window, long backlog, long failed) {
    }

    /** One row: the value size, the node's side and the floor's (null when the floor was not run). */
    record Row(int valueBytes, Side node, Side floor) {
        /** The node's applied rate over the floor's; NaN without a floor or when the floor applied nothing. */
        double ratio() {
            return floor == null || floor.window().appliedPerSecond() <= 0 ? Double.NaN
                    : node.window().appliedPerSecond() / floor.window().appliedPerSecond();
        }
    }

    private IngestTable() {
    }

    static String render(List<Row> rows) {
        StringBuilder md = new StringBuilder("| value | node applied/s | floor applied/s | node ÷ floor "
                + "| node CPU µs/command | node produced/s | node backlog at end | floor produced/s | floor backlog at end |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            IngestWindow node = r.node().window();
            md.append("| ").append(bytes(r.valueBytes()))
                    .append(" | ").append(count(node.appliedPerSecond()))
                    .append(" | ").append(r.floor() == null ? "not run" : count(r.floor().window().appliedPerSecond()))
                    .append(" | ").append(Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(Double.isNaN(node.cpuMicrosPerApplied()) ? "unknown"
                            : String.format(Locale.ROOT, "%,.1f", node.cpuMicrosPerApplied()))
                    .append(" | ").append(count(node.producedPerSecond()))
                    .append(" | ").append(count(r.node().backlog()))
                    .append(" | ").append(r.floor() == null ? "-" : count(r.floor().window().producedPerSecond()))
                    .append(" | ").append(r.floor() == null ? "-" : count(r.floor().backlog()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String bytes(int n) {
        return n % 1000 == 0 ? n / 1000 + " KB" : n + " B";
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
