package io.aerolog.bench.layers;

import static io.aerolog.bench.layers.MeasurementTest.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restore table from canned figures, complete and with steps missing. */
class RestoreReportTest {
    private static Map<String, String> figures() {
        Map<String, String> r = new HashMap<>();
        r.put("records", "1000000");
        r.put("load_rate", "8123.456");
        r.put("load_sent_s", "40.000");
        r.put("load_applied_s", "123.100");
        r.put("load_errors", "0");
        r.put("loaded_rss_mib", "1456.789");
        r.put("loaded_heap_used_mib", "120.250");
        r.put("loaded_heap_committed_mib", "512.000");
        r.put("stopped_state_dir_mib", "1100.000");
        r.put("stopped_kafka_dir_mib", "3300.000");
        r.put("restart_ready_s", "7.100");
        r.put("restart_readable_s", "7.500");
        r.put("restore_ready_s", "57.000");
        r.put("restore_readable_s", "57.500");
        return r;
    }

    @Test
    void restoredRateLeavesOutAPlainStart() {
        assertThat(RestoreReport.restoredPerSecond(figures()).orElseThrow()).isCloseTo(20_000.0, within(1e-9));
        Map<String, String> faster = figures();
        faster.put("restore_readable_s", "7.000");
        assertThat(RestoreReport.restoredPerSecond(faster)).isEmpty();
        Map<String, String> missing = figures();
        missing.remove("restart_readable_s");
        assertThat(RestoreReport.restoredPerSecond(missing)).isEmpty();
    }

    @Test
    void oneRowOfEveryFigure() {
        assertThat(RestoreReport.cells(figures())).containsExactly("1000000", "8123", "1456.8", "120.3", "1100.0",
                "3300.0", "7.50", "57.50", "20000");
    }

    @Test
    void missingStepsLeaveEmptyCellsInAWellFormedTable() {
        Map<String, String> loadOnly = new HashMap<>(Map.of("records", "20000", "load_rate", "5000", "restore_readable_s", "x"));
        String md = RestoreReport.markdown(loadOnly);
        List<String> table = md.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(table).hasSize(3);
        assertThat(cells(table.get(0))).containsExactlyElementsOf(RestoreReport.HEADER);
        assertThat(cells(table.get(2))).containsExactly("20000", "5000", "", "", "", "", "", "", "");
        assertThat(md).startsWith("## Restore");
    }
}
