package io.aerolog.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeLogTest {
    @Test
    void everyPartitionIsWritableAgainAtTheLatestFirstSuccessSentAfterTheFault() {
        ProbeLog log = new ProbeLog(3);
        long fault = 1_000;
        log.success(0, 900, 1_010);   // sent before the fault: does not count
        log.success(0, 1_020, 1_030);
        log.success(1, 1_005, 1_015);
        log.success(2, 950, 960);

        assertThat(log.allWritableAfter(fault)).as("partition 2 took no probe sent after the fault").isEqualTo(-1);
        assertThat(log.notWritableSince(fault)).containsExactly(2);

        log.success(2, 4_000, 4_200);
        assertThat(log.allWritableAfter(fault)).isEqualTo(4_200);
        assertThat(log.notWritableSince(fault)).isEmpty();
    }

    @Test
    void theLongestGapCountsFromTheStartOfTheWindowToItsEnd() {
        ProbeLog log = new ProbeLog(2);
        log.success(0, 0, 100);
        log.success(0, 100, 200);
        log.success(0, 200, 2_200);  // a gap of 2,000
        log.success(1, 0, 150);
        // partition 1 nothing after 150: a gap up to the end of the window
        assertThat(log.longestGap(100, 5_000)).isEqualTo(5_000 - 150);
        assertThat(log.longestGap(100, 2_300)).isEqualTo(2_300 - 150);

        log.success(1, 160, 170);
        log.success(1, 2_250, 2_260);
        assertThat(log.longestGap(100, 2_300)).isEqualTo(2_260 - 170);
    }
}
