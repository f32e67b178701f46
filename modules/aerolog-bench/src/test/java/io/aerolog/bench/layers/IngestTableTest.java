package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestTableTest {
    private static final long SECOND = 1_000_000_000L;

    private static IngestWindow window(double appliedFrom, double appliedTo, long producedFrom, long producedTo,
                                       double cpuFrom, double cpuTo) {
        return new IngestWindow(new IngestWindow.Reading(5 * SECOND, appliedFrom, producedFrom, cpuFrom),
                new IngestWindow.Reading(15 * SECOND, appliedTo, producedTo, cpuTo));
    }

    @Test
    void ratesCountOnlyTheWindow() {
        IngestWindow w = window(40_000, 240_000, 50_000, 300_000, 7e9, 9e9);
        assertThat(w.seconds()).isEqualTo(10.0);
        assertThat(w.appliedPerSecond()).isEqualTo(20_000.0);
        assertThat(w.producedPerSecond()).isEqualTo(25_000.0);
        // 2 s of CPU over 200,000 commands
        assertThat(w.cpuMicrosPerApplied()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void cpuPerCommandIsUnknownWithoutCpuOrWithoutCommands() {
        assertThat(window(0, 100, 0, 100, Double.NaN, Double.NaN).cpuMicrosPerApplied()).isNaN();
        assertThat(window(100, 100, 0, 100, 1e9, 2e9).cpuMicrosPerApplied()).isNaN();
    }

    @Test
    void tableSetsTheNodeBesideTheFloorWithBothBacklogs() {
        IngestTable.Side node = new IngestTable.Side(window(0, 300_000, 0, 400_000, 0, 6e9), 100_000, 0);
        IngestTable.Side floor = new IngestTable.Side(window(0, 600_000, 0, 610_000, Double.NaN, Double.NaN), 1_200, 0);
        String md = IngestTable.render(List.of(new IngestTable.Row(100, node, floor),
                new IngestTable.Row(1000, node, null)));
        assertThat(md.split("\n")).containsExactly(
                "| value | node applied/s | floor applied/s | node ÷ floor | node CPU µs/command | node produced/s "
                        + "| node backlog at end | floor produced/s | floor backlog at end |",
                "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
                "| 100 B | 30,000 | 60,000 | 0.50 | 20.0 | 40,000 | 100,000 | 61,000 | 1,200 |",
                "| 1 KB | 30,000 | not run | - | 20.0 | 40,000 | 100,000 | - | - |");
    }

    @Test
    void ratioIsUnknownWhenTheFloorAppliedNothing() {
        IngestTable.Side node = new IngestTable.Side(window(0, 10, 0, 10, 0, 1), 0, 0);
        IngestTable.Side idle = new IngestTable.Side(window(0, 0, 0, 10, Double.NaN, Double.NaN), 10, 0);
        assertThat(new IngestTable.Row(100, node, idle).ratio()).isNaN();
        assertThat(IngestTable.render(List.of(new IngestTable.Row(100, node, idle)))).contains("| 0 | - |");
    }

    @Test
    void processCpuComesFromMicrometersCounterInNanosecondsOrSeconds() {
        assertThat(IngestBench.processCpuNanos("# TYPE process_cpu_time_ns_total counter\n"
                + "process_cpu_time_ns_total 1.23E10\n")).isEqualTo(1.23e10);
        assertThat(IngestBench.processCpuNanos("process_cpu_seconds_total 2.5\n")).isEqualTo(2.5e9);
        assertThat(IngestBench.processCpuNanos("process_cpu_usage 0.5\n")).isNaN();
    }
}
