package io.aerolog.bench.layers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The restore benchmark's table from its results file: records, load rate, the node's memory and disk
 * after the load, the time until every record reads after a restart that kept the state dir and after
 * one that had to rebuild it from the store's changelog topic, and the rate of that rebuild.
 * Writes {@code restore.md} and {@code restore.csv}; a figure a step did not produce is left empty.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Writes restore.md and restore.csv.")
final class RestoreReport implements Callable<Integer> {
    static final List<String> HEADER = List.of("records", "load rec/s", "RSS MiB", "heap used MiB", "state dir MiB",
            "Kafka logs MiB", "restart s", "restore s", "restored rec/s");
    static final List<String> CSV_HEADER = List.of("records", "load_rate", "rss_mib", "heap_used_mib", "state_dir_mib",
            "kafka_dir_mib", "restart_s", "restore_s", "restored_per_s");

    @Option(names = "--results", required = true, description = "The results file the steps appended to.")
    Path results;
    @Option(names = "--out", required = true, description = "Directory for restore.md and restore.csv.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, String> r = Results.read(results);
        String md = markdown(r);
        Files.createDirectories(out);
        Files.writeString(out.resolve("restore.md"), md);
        Files.writeString(out.resolve("restore.csv"), Table.csv(CSV_HEADER, List.of(cells(r))));
        System.out.print(md);
        return 0;
    }

    static List<String> cells(Map<String, String> r) {
        return List.of(fmt(r, "records", "%.0f"), fmt(r, "load_rate", "%.0f"), fmt(r, "loaded_rss_mib", "%.1f"),
                fmt(r, "loaded_heap_used_mib", "%.1f"), fmt(r, "stopped_state_dir_mib", "%.1f"),
                fmt(r, "stopped_kafka_dir_mib", "%.1f"), fmt(r, "restart_readable_s", "%.2f"),
                fmt(r, "restore_readable_s", "%.2f"), restoredPerSecond(r).map(v -> num(v, "%.0f")).orElse(""));
    }

    /** Records over the time the rebuild added to a plain restart; empty when a figure is missing or the difference is not positive. */
    static Optional<Double> restoredPerSecond(Map<String, String> r) {
        Double records = number(r, "records");
        Double restart = number(r, "restart_readable_s");
        Double restore = number(r, "restore_readable_s");
        if (records == null || restart == null || restore == null || restore <= restart) {
            return Optional.empty();
        }
        return Optional.of(records / (restore - restart));
    }

    static String markdown(Map<String, String> r) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "load: %s records of 10 bins x 100 B written Kafka-native (asynchronous "
                + "sends, acks=all), sent in %s s, all applied %s s after the first send; %s failed sends",
                fmt(r, "records", "%.0f"), fmt(r, "load_sent_s", "%.1f"), fmt(r, "load_applied_s", "%.1f"),
                fmt(r, "load_errors", "%.0f")));
        notes.add("memory after the load and a full GC (jcmd GC.run): RSS from /proc/<pid>/status, heap used of "
                + fmt(r, "loaded_heap_committed_mib", "%.0f") + " MiB committed (jcmd GC.heap_info); disk (du) after "
                + "the node then stopped cleanly (its RocksDB memtables flushed): state dir = its Kafka Streams state, "
                + "Kafka logs = its embedded broker's log dir (commands, changes, the store's changelog, offsets)");
        notes.add("restart s: launch of a node stopped cleanly (SIGTERM), state dir kept, until the last loaded record "
                + "of every partition reads (/health answered 200 after " + fmt(r, "restart_ready_s", "%.2f") + " s; "
                + fmt(r, "restart_sample_missing", "%.0f") + " of " + fmt(r, "restart_sample", "%.0f")
                + " sampled records missing)");
        notes.add("restore s: the same after deleting the state dir, so the store is rebuilt from its changelog topic "
                + "(/health 200 after " + fmt(r, "restore_ready_s", "%.2f") + " s; "
                + fmt(r, "restore_sample_missing", "%.0f") + " of " + fmt(r, "restore_sample", "%.0f")
                + " sampled records missing); after it and a full GC: RSS " + fmt(r, "restored_rss_mib", "%.1f")
                + " MiB, heap used " + fmt(r, "restored_heap_used_mib", "%.1f") + " MiB");
        notes.add("restored rec/s = records / (restore s - restart s): the rebuild's own rate, the broker's and the "
                + "streams' start taken out (empty when the rebuild took no measurable time: a small load on a busy machine)");
        StringBuilder md = new StringBuilder("## Restore: rebuilding a node's store from Kafka\n\n");
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        md.append('\n').append(Table.markdown(HEADER, List.of(cells(r)), 0));
        return md.toString();
    }

    private static Double number(Map<String, String> r, String name) {
        String v = r.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String fmt(Map<String, String> r, String name, String format) {
        Double v = number(r, name);
        return v == null ? "" : num(v, format);
    }

    private static String num(double v, String format) {
        return String.format(Locale.ROOT, format, v);
    }
}
