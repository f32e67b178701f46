package io.aerolog.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {
    private static Outcome outcome(int rep, long failoverMs, long upMs, long missing, List<String> failures) {
        return new Outcome("cluster", "node-kill", rep, "node-" + rep, 1000, 3, 900, 2, 0, 0, 5000, missing, 0, 1905, 0,
                0, true, failoverMs, failoverMs + 100, upMs, upMs + 50, 0, failures, List.of());
    }

    @Test
    void theSummaryGivesMinMedianMaxOfEachTimeAndSumsTheChecks() {
        String md = FaultReport.summary(List.of(outcome(1, 1200, 9000, 0, List.of()),
                outcome(2, 800, 7000, 0, List.of()), outcome(3, 3000, 8000, 0, List.of())));

        assertThat(md).contains("| cluster | node-kill |    3 |");
        assertThat(md).contains("0.8 / 1.2 / 3.0");
        assertThat(md).contains("7.0 / 8.0 / 9.0");
        assertThat(md).contains("3000 + 2700");
        assertThat(md).containsPattern("\\|\\s+ok \\|");
    }

    @Test
    void aMissingReadOrAFailedWaitFailsTheRunAndTheSummary() {
        Outcome missing = outcome(1, 1000, 5000, 2, List.of());
        Outcome stuck = outcome(2, -1, -1, 0, List.of("did not recover: partitions [3] took no write within 180 s"));

        assertThat(missing.ok()).isFalse();
        assertThat(stuck.ok()).isFalse();
        assertThat(FaultReport.summary(List.of(missing, stuck))).contains("FAIL");
        assertThat(FaultReport.repetitions(List.of(stuck))).containsPattern("\\|\\s+- \\|");
        assertThat(FaultReport.csv(List.of(stuck))).contains(",false,did not recover: partitions [3] took no write within 180 s");
    }

    @Test
    void timesThatDoNotApplyAreLeftOutOfTheSpread() {
        assertThat(FaultReport.spread(List.of(outcome(1, -1, 4000, 0, List.of())), Outcome::failoverMs)).isEqualTo("-");
        assertThat(FaultReport.spread(List.of(outcome(1, -1, 4000, 0, List.of()), outcome(2, 2500, 4000, 0, List.of())),
                Outcome::failoverMs)).isEqualTo("2.5");
        assertThat(FaultReport.spread(List.of(outcome(1, 1000, 0, 0, List.of()), outcome(2, 2000, 0, 0, List.of())),
                Outcome::failoverMs)).isEqualTo("1.0 / 1.5 / 2.0");
    }
}
