package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownSequenceTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<Integer> halted = new CopyOnWriteArrayList<>();

    private ShutdownSequence.Step step(String name) {
        return new ShutdownSequence.Step(name, () -> ran.add(name));
    }

    @Test
    void closesRunInOrderAndNothingHaltsWhenTheyAllReturn() throws Exception {
        ShutdownSequence seq = new ShutdownSequence(List.of(step("http"), step("streams"), step("broker")),
                Duration.ofSeconds(10), halted::add);

        assertThat(seq.run()).isTrue();
        assertThat(ran).containsExactly("http", "streams", "broker");
        assertThat(halted).isEmpty();
    }

    @Test
    void aCloseThatNeverReturnsHaltsTheProcessAtTheDeadlineNamingWhatDidNotStop() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        ShutdownSequence.Step hang = new ShutdownSequence.Step("the embedded Kafka broker", () -> {
            hanging.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ShutdownSequence seq = new ShutdownSequence(List.of(step("http"), hang, step("metrics")),
                Duration.ofMillis(300), halted::add);
        try {
            long start = System.nanoTime();
            assertThat(seq.run()).isFalse();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(hanging.await(0, TimeUnit.SECONDS)).as("the hanging close was reached").isTrue();
            assertThat(halted).containsExactly(ShutdownSequence.HALT_STATUS);
            assertThat(tookMs).as("halted at the deadline, not after the close").isBetween(250L, 10_000L);
            assertThat(ran).containsExactly("http");
            assertThat(seq.describeHang()).isEqualTo("the node did not stop within 300 ms: the embedded Kafka broker "
                    + "did not stop (not stopped either: metrics)");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aCloseThatThrowsIsLoggedAndTheNextOnesStillRun() throws Exception {
        ShutdownSequence.Step failing = new ShutdownSequence.Step("the Aerospike listener", () -> {
            throw new IllegalStateException("event loop gone");
        });
        ShutdownSequence seq = new ShutdownSequence(List.of(failing, step("http"), step("broker")),
                Duration.ofSeconds(10), halted::add);

        assertThat(seq.run()).isTrue();
        assertThat(ran).containsExactly("http", "broker");
        assertThat(halted).isEmpty();
    }

    @Test
    void aDeadlineMustBePositive() {
        assertThatThrownBy(() -> new ShutdownSequence(List.of(), Duration.ZERO, halted::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
