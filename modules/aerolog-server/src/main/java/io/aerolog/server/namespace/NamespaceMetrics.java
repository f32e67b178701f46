package io.aerolog.server.namespace;

import io.aerolog.core.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counters of a namespace's command processing, by result code. */
final class NamespaceMetrics {
    private final Map<ResultCode, Counter> applied = new EnumMap<>(ResultCode.class);
    private final Map<ResultCode, Counter> rejected = new EnumMap<>(ResultCode.class);
    private final Counter expired;
    private final io.micrometer.core.instrument.Timer applyLag;

    NamespaceMetrics(MeterRegistry registry, String namespace) {
        for (ResultCode rc : ResultCode.values()) {
            applied.put(rc, Counter.builder("aerolog.commands.applied")
                    .description("commands the namespace's tasks applied, by the result they answered")
                    .tag("namespace", namespace)
                    .tag("result", rc.name()).register(registry));
            rejected.put(rc, Counter.builder("aerolog.commands.rejected")
                    .description("dead-lettered commands: malformed, misplaced, or refused with no client waiting")
                    .tag("namespace", namespace)
                    .tag("result", rc.name()).register(registry));
        }
        expired = Counter.builder("aerolog.records.expired")
                .description("records whose TTL ran out, deleted by the expiry scan").tag("namespace", namespace).register(registry);
        applyLag = io.micrometer.core.instrument.Timer.builder("aerolog.commands.apply.lag")
                .description("from a node stamping a command to its task applying it")
                .tag("namespace", namespace).publishPercentiles(0.5, 0.99).register(registry);
    }

    void applied(ResultCode rc) {
        applied.get(rc).increment();
    }

    void rejected(ResultCode rc) {
        rejected.get(rc).increment();
    }

    void applyLag(long millis) {
        applyLag.record(java.time.Duration.ofMillis(Math.max(0, millis)));
    }

    void expired(int n) {
        expired.increment(n);
    }
}
