package io.aerolog.core.exp;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;

/**
 * Aerospike's expressions (filter expressions and expression operations), evaluated on a record.
 * An expression is Aerospike's wire form decoded to a value tree (a list whose first item is the
 * expression's code). Evaluation is pure: the only clock is {@code nowMillis}, the command's time.
 */
public final class Expressions {
    private Expressions() {
    }

    /**
     * Whether {@code filter} holds for {@code record} (its bins as the command sees them).
     *
     * @throws AerologException with Aerospike's code when the expression is malformed or fails
     */
    public static boolean matches(Value filter, Record record, long nowMillis) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "filter expressions are not served yet");
    }

    /** The value of an expression read operation ({@code [expression, flags]}) on {@code record}. */
    public static Value read(Value operation, Record record, long nowMillis) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "expression operations are not served yet");
    }

    /**
     * The bin value an expression write operation ({@code [expression, flags]}) writes to {@code bin}
     * of {@code record}; null deletes the bin.
     */
    public static Value modify(Value operation, String bin, Record record, long nowMillis) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "expression operations are not served yet");
    }
}
