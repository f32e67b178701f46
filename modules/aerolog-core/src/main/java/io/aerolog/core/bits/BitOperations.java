package io.aerolog.core.bits;

import io.aerolog.core.Value;
import io.aerolog.core.bits.internal.BitEngine;
import io.aerolog.core.engine.BinOpResult;

/**
 * Aerospike's bit operations on one bin, as its server defines them. An operation is Aerospike's
 * wire form decoded to a value tree: a list whose first item is the operation code, then its arguments,
 * as the Java client's {@code BitOperation} packs them (bit operations take no context). All of
 * Aerospike's bit operations are served, with the server's bounds and result codes ({@code particle_blob.c}).
 * Pure and deterministic; a refusal is an {@link io.aerolog.core.AerologException} carrying Aerospike's
 * result code.
 */
public final class BitOperations {
    private BitOperations() {
    }

    /** What a read operation returns from {@code bin} (null when the bin is absent). */
    public static Value read(Value bin, Value operation) {
        return BitEngine.read(bin, operation);
    }

    /** The bin after a modify operation, and what it returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        return BitEngine.modify(bin, operation);
    }
}
