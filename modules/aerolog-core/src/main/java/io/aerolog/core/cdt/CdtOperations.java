package io.aerolog.core.cdt;

import io.aerolog.core.Value;
import io.aerolog.core.cdt.internal.CdtEngine;
import io.aerolog.core.engine.BinOpResult;

/**
 * Aerospike's list and map (collection data type) operations on one bin, as its server defines them
 * ({@code particle_list.c}, {@code particle_map.c}, {@code cdt.c}). An operation is Aerospike's wire
 * form decoded to a value tree ({@link io.aerolog.core.codec.MsgPack#unpack}): a list whose first item
 * is the operation code, then its arguments, or {@code [0xff, [context...], [code, arguments...]]}
 * for an operation inside nested lists and maps. Every list operation (codes below 64) and map
 * operation of the server is served, with its return types, flags, contexts (created where the
 * context says so) and result codes; the select-by-path operation (0xfe) is refused with
 * UNSUPPORTED_FEATURE. Pure and deterministic; a refusal is an {@link io.aerolog.core.AerologException}
 * carrying Aerospike's result code, and a refused operation changes nothing.
 */
public final class CdtOperations {
    private CdtOperations() {
    }

    /** What a read operation returns from {@code bin} (null when the bin is absent or nothing is returned). */
    public static Value read(Value bin, Value operation) {
        return CdtEngine.read(bin, operation);
    }

    /**
     * The value a context (Aerospike's CTX as a list of type, value pairs) leads to inside {@code bin}, as
     * secondary indexes on nested values find it; null where it leads nowhere.
     */
    public static Value dig(Value bin, Value context) {
        return CdtEngine.dig(bin, context);
    }

    /** The bin after a modify operation (null when it is left absent), and what the operation returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        return CdtEngine.modify(bin, operation);
    }
}
