package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.List;

/**
 * An operation's arguments, checked against its entry of the server's operation table
 * ({@code cdt_op_table} and {@code cdt_process_state_get_params} in {@code cdt.c}): between the
 * required and the declared count, integers where it wants an index (signed), a count or flags
 * (unsigned: -1 is the largest), anything for a payload, and no wildcard or infinity in a value to
 * store. Anything else is PARAMETER_ERROR.
 */
final class Args {
    /** What the server's table says an argument is. */
    enum Kind { INDEX, COUNT, PAYLOAD, FLAGS, STORAGE }

    /** The largest count Aerospike reads as "to the end" when a count is left out ({@code UINT32_MAX}). */
    static final long ALL = 0xffff_ffffL;

    private final List<Value> values;

    private Args(List<Value> values) {
        this.values = values;
    }

    /**
     * The arguments of operation {@code name}, of which the last {@code optional} of {@code kinds}
     * may be left out.
     */
    static Args of(String name, List<Value> args, int optional, Kind... kinds) {
        int required = kinds.length - optional;
        if (args.size() < required || args.size() > kinds.length) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " takes " + (optional == 0 ? "" : required
                    + " to ") + kinds.length + " arguments, not " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            Value v = args.get(i);
            switch (kinds[i]) {
                case INDEX, COUNT, FLAGS -> {
                    if (!(v instanceof Value.IntegerValue)) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, name + " argument " + (i + 1)
                                + " must be an integer, not " + v.type());
                    }
                }
                case STORAGE -> {
                    if (Storage.hasNonStorage(v)) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, name + " argument " + (i + 1)
                                + " is stored: it cannot hold a wildcard or infinity");
                    }
                }
                case PAYLOAD -> {
                }
            }
        }
        return new Args(args);
    }

    boolean has(int i) {
        return i < values.size();
    }

    /** A signed integer argument. */
    long integer(int i) {
        return ((Value.IntegerValue) values.get(i)).value();
    }

    /** An integer argument, or {@code absent} when left out. */
    long integer(int i, long absent) {
        return has(i) ? integer(i) : absent;
    }

    Value value(int i) {
        return values.get(i);
    }

    /** An argument, or null when left out. */
    Value optional(int i) {
        return has(i) ? values.get(i) : null;
    }
}
