package io.aerolog.core.exp;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.exp.internal.ExpressionEngine;

/**
 * Aerospike's expressions (filter expressions and expression operations), evaluated on a record as
 * Aerospike's server evaluates them ({@code exp.c}, {@code expop.c}): compiled and type-checked from
 * their wire bytes, then evaluated with Aerospike's unknown, its arithmetic and its result codes.
 *
 * <p>An expression is given as its wire bytes, a {@link Value.BytesValue} of the msgpack the client
 * sends: the filter field's content, or an expression operation's value ({@code [expression, flags]},
 * which the client sends as a BLOB particle). Bytes, not a decoded value tree: an expression's names
 * (bins, variables, a regex) are msgpack strings without Aerospike's particle-type byte, which a
 * decoder of values cannot tell from typed strings. Anything else is PARAMETER_ERROR.
 *
 * <p>Evaluation is pure: the only clock is {@code nowMillis}, the command's time. The key's digest is
 * needed only by {@code digest_modulo}; without it that expression is UNSUPPORTED_FEATURE.
 */
public final class Expressions {
    private Expressions() {
    }

    /**
     * Whether {@code filter} holds for {@code record} (its bins as the command sees them); an unknown
     * result is false, as Aerospike filters a record.
     *
     * @throws AerologException PARAMETER_ERROR when the expression is malformed or not boolean
     */
    public static boolean matches(Value filter, Record record, long nowMillis) {
        return matches(filter, record, null, nowMillis);
    }

    /** As {@link #matches(Value, Record, long)}, with the key's 20-byte digest (null when unknown). */
    public static boolean matches(Value filter, Record record, byte[] digest, long nowMillis) {
        return ExpressionEngine.matches(filter, record, nowMillis, digest);
    }

    /**
     * The value of an expression read operation ({@code [expression, flags]}) on {@code record}:
     * OP_NOT_APPLICABLE when it does not evaluate to a bin value, nil instead with EVAL_NO_FAIL.
     */
    public static Value read(Value operation, Record record, long nowMillis) {
        return read(operation, record, null, nowMillis);
    }

    /** As {@link #read(Value, Record, long)}, with the key's digest (null when unknown). */
    public static Value read(Value operation, Record record, byte[] digest, long nowMillis) {
        return ExpressionEngine.read(operation, record, nowMillis, digest);
    }

    /**
     * The bin value an expression write operation ({@code [expression, flags]}) writes to {@code bin}
     * of {@code record}; null deletes the bin. Where the flags make the write do nothing, the bin's
     * current value (null when absent) is returned.
     */
    public static Value modify(Value operation, String bin, Record record, long nowMillis) {
        return modify(operation, bin, record, null, nowMillis);
    }

    /** As {@link #modify(Value, String, Record, long)}, with the key's digest (null when unknown). */
    public static Value modify(Value operation, String bin, Record record, byte[] digest, long nowMillis) {
        return ExpressionEngine.modify(operation, bin, record, nowMillis, digest);
    }
}
