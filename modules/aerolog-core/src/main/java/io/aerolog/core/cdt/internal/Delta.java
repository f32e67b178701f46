package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;

/**
 * An increment ({@code cdt_calc_delta} in {@code cdt.c}): an integer or double delta (1 when left out
 * or nil), added to an integer or a double, the sum keeping the type of what it is added to (a
 * double delta added to an integer is truncated first); added to nothing, it is the delta itself.
 */
final class Delta {
    private final boolean isDouble;
    private final long incrInt;
    private final double incrDouble;

    private Delta(boolean isDouble, long incrInt, double incrDouble) {
        this.isDouble = isDouble;
        this.incrInt = incrInt;
        this.incrDouble = incrDouble;
    }

    /** The delta of an argument (null when left out), negated for a decrement. */
    static Delta of(Value delta, boolean decrement) {
        long i = 1;
        double d = 1;
        boolean isDouble = false;
        if (delta instanceof Value.IntegerValue v) {
            i = v.value();
        } else if (delta instanceof Value.DoubleValue v) {
            d = v.value();
            isDouble = true;
        } else if (delta != null && !(delta instanceof Value.NilValue)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an increment must be an integer or a double, not "
                    + delta.type());
        }
        return decrement ? new Delta(isDouble, -i, -d) : new Delta(isDouble, i, d);
    }

    /** The sum with {@code current} (null for nothing there). */
    Value add(Value current) {
        if (current == null) {
            return isDouble ? Value.of(0.0 + incrDouble) : Value.of(incrInt);
        }
        if (current instanceof Value.IntegerValue v) {
            return Value.of(v.value() + (isDouble ? (long) incrDouble : incrInt));
        }
        if (current instanceof Value.DoubleValue v) {
            return Value.of(v.value() + (isDouble ? incrDouble : (double) incrInt));
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, "only an integer or a double can be incremented, not "
                + current.type());
    }
}
