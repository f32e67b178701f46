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

    NamespaceMetrics(MeterRegistry registry, String namespace) {
        for (ResultCode rc : ResultCode.values()) {
            applied.put(rc, Counter.builder("aerolog.commands.applied").tag("namespace", namespace)
                    .tag("result", rc.name()).register(registry));
            rejected.put(rc, Counter.builder("aerolog.commands.rejected").tag("namespace", namespace)
                    .tag("result", rc.name()).register(registry));
        }
        expired = Counter.builder("aerolog.records.expired").tag("namespace", namespace).register(registry);
    }

    void applied(ResultCode rc) {
        applied.get(rc).increment();
    }

    void rejected(ResultCode rc) {
        rejected.get(rc).increment();
    }

    void expired(int n) {
        expired.increment(n);
    }
}
