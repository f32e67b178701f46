package io.aerolog.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The throttle holds a stream to its rate on average: a generous lower bound on the time taken. */
class ThrottleTest {
    @Test
    void aThrottledStreamTakesAtLeastItsShareOfTime() {
        Throttle throttle = new Throttle(1000);
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            throttle.acquire(1);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("300 at 1,000/s").isGreaterThanOrEqualTo(250);

        Throttle none = new Throttle(0);
        long unthrottled = System.nanoTime();
        none.acquire(1_000_000_000L);
        assertThat((System.nanoTime() - unthrottled) / 1_000_000).as("no limit waits for nothing").isLessThan(1000);
    }
}
