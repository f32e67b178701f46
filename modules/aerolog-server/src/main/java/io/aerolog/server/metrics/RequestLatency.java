package io.aerolog.server.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The buckets every request-latency timer of a node is counted in, so that Prometheus (and the console)
 * can compute any percentile over any window and across nodes ({@code histogram_quantile}): from 100 µs
 * (a read served from the record cache) to 10 s (a write timing out), about three to a decade.
 */
public final class RequestLatency {
    /** The upper bounds of the buckets. */
    static final Duration[] BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private RequestLatency() {
    }

    /** A timer builder of {@code name} whose histogram has these buckets. */
    public static Timer.Builder timer(String name) {
        return Timer.builder(name).serviceLevelObjectives(BUCKETS);
    }
}
