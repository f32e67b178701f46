package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private static final long MS = 1_000_000L;

    @Test
    void aGapLongerThanTheThresholdIsAStallAndRunsItsActionOnce() {
        AtomicInteger stalls = new AtomicInteger();
        try (StallWatch watch = new StallWatch("test", Duration.ofSeconds(5), stalls::incrementAndGet)) {
            long base = 1_000_000 * MS; // far from the watch's own ticks, which run on System.nanoTime()
            assertThat(watch.tick(base)).isFalse();
            assertThat(watch.tick(base + 100 * MS)).isFalse();
            assertThat(watch.tick(base + 5_100 * MS)).as("a gap of exactly the threshold is not one").isFalse();
            assertThat(watch.tick(base + 10_200 * MS)).as("5.1 s without a tick").isTrue();
            assertThat(watch.tick(base + 10_300 * MS)).isFalse();
            assertThat(stalls).hasValue(1);
        }
    }

    @Test
    void afterAStallEveryPartitionServedHereCatchesUpAgainBeforeItsNextRead() {
        CompletableFuture<Void> again = new CompletableFuture<>();
        AtomicInteger asked = new AtomicInteger();
        ActiveStores stores = new ActiveStores(0, p -> asked.getAndIncrement() == 0
                ? CompletableFuture.completedFuture(null) : again);
        stores.opened(3, null, () -> io.aerolog.server.scan.TruncateTimes.NONE);
        assertThat(stores.catchingUp()).isEmpty();
        ActiveStores.Served before = stores.of(3);

        stores.catchUpAgain();

        assertThat(stores.catchingUp()).containsExactly(3);
        assertThat(stores.of(3).caughtUp()).isNotDone();
        assertThat(before.caughtUp()).as("reads already past the first catch-up are not called back").isDone();
        again.complete(null);
        assertThat(stores.catchingUp()).isEmpty();
    }
}
