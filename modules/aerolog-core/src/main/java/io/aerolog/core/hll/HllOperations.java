package io.aerolog.core.hll;

import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;
import io.aerolog.core.hll.internal.HllEngine;

/**
 * Aerospike's HyperLogLog operations on one bin, as its server defines them. An operation is Aerospike's
 * wire form decoded to a value tree: a list whose first item is the operation code, then its arguments,
 * as the Java client's {@code HLLOperation} packs them (HLL operations take no context). All of
 * Aerospike's HLL operations are served ({@code particle_hll.c}), with sketches in the server's own bytes,
 * elements hashed as the server hashes them, and the server's estimators.
 * Pure and deterministic; a refusal is an {@link io.aerolog.core.AerologException} carrying Aerospike's
 * result code.
 */
public final class HllOperations {
    private HllOperations() {
    }

    /** What a read operation returns from {@code bin} (null when the bin is absent). */
    public static Value read(Value bin, Value operation) {
        return HllEngine.read(bin, operation);
    }

    /** The bin after a modify operation, and what it returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        return HllEngine.modify(bin, operation);
    }
}
