package io.aerolog.server.wire;

import io.aerolog.core.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.aerolog.server.metrics.RequestLatency;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests on the Aerospike protocol by kind and result, as {@code aerolog_aerospike_requests_total}:
 * the protocol carries no error message, so this (and the node's debug log) is where an operator sees
 * what clients were refused; and the time from a read, write or batch arriving to its answer, as the
 * histogram {@code aerolog_aerospike_request_duration_seconds}.
 */
final class WireMetrics {
    /** What a request was. */
    enum Kind { INFO, READ, WRITE, BATCH, SCAN, UNSUPPORTED, MALFORMED, SECURITY }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Integer, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Kind, Timer> latency = new EnumMap<>(Kind.class);

    WireMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : new Kind[] {Kind.INFO, Kind.READ, Kind.WRITE, Kind.BATCH}) {
            counted(kind, ResultCode.OK);
        }
        for (Kind kind : new Kind[] {Kind.READ, Kind.WRITE, Kind.BATCH}) {
            latency.put(kind, RequestLatency.timer("aerolog.aerospike.request.duration")
                    .description("from an Aerospike request arriving whole to its answer")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** Counts a request of {@code kind} answered {@code result}, and times it from {@code startNanos}. */
    void count(Kind kind, ResultCode result, long startNanos) {
        count(kind, result);
        Timer timer = latency.get(kind);
        if (timer != null) {
            timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    void count(Kind kind, ResultCode result) {
        counted(kind, result).increment();
    }

    private Counter counted(Kind kind, ResultCode result) {
        return counters.computeIfAbsent(kind.ordinal() * 1024 + result.ordinal(), k -> Counter
                .builder("aerolog.aerospike.requests").description("requests on the Aerospike wire protocol")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("result", result.name()).register(registry));
    }
}
