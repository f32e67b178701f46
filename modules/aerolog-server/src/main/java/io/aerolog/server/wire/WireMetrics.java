package io.aerolog.server.wire;

import io.aerolog.core.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests on the Aerospike protocol by kind and result, as {@code aerolog_aerospike_requests_total}:
 * the protocol carries no error message, so this (and the node's debug log) is where an operator sees
 * what clients were refused.
 */
final class WireMetrics {
    /** What a request was. */
    enum Kind { INFO, READ, WRITE, BATCH, SCAN, UNSUPPORTED, MALFORMED }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Integer, Counter> counters = new ConcurrentHashMap<>();

    WireMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : new Kind[] {Kind.INFO, Kind.READ, Kind.WRITE, Kind.BATCH}) {
            counted(kind, ResultCode.OK);
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
