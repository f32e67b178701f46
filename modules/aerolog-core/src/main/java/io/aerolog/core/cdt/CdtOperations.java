package io.aerolog.core.cdt;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;

/**
 * Aerospike's list and map (collection data type) operations on one bin, as its server defines them. An operation is Aerospike's
 * wire form decoded to a value tree: a list whose first item is the operation code, then its arguments
 * (with a context, {@code [0xff, [context...], [code, arguments...]]} where Aerospike uses one).
 * Pure and deterministic; a refusal is an {@link AerologException} carrying Aerospike's result code.
 */
public final class CdtOperations {
    private CdtOperations() {
    }

    /** What a read operation returns from {@code bin} (null when the bin is absent). */
    public static Value read(Value bin, Value operation) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "list and map (collection data type) operations are not served yet");
    }

    /** The bin after a modify operation, and what it returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "list and map (collection data type) operations are not served yet");
    }
}
