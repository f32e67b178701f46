package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;

/**
 * Filters and expression operations as Aerospike's server serves them: {@code as_exp_filter_build}
 * and {@code as_exp_matches_record} for filters, {@code as_exp_op_parse}, {@code as_exp_read_tr} and
 * {@code as_exp_modify_tr} ({@code expop.c}) for operations, with their flags and result codes.
 */
public final class ExpressionEngine {
    /** ExpWriteFlags / ExpReadFlags of the client ({@code AS_EXP_FLAG_*} of the server). */
    static final int CREATE_ONLY = 1;
    static final int UPDATE_ONLY = 2;
    static final int ALLOW_DELETE = 4;
    static final int POLICY_NO_FAIL = 8;
    static final int EVAL_NO_FAIL = 16;
    private static final long MODIFY_FLAGS = CREATE_ONLY | UPDATE_ONLY | ALLOW_DELETE | POLICY_NO_FAIL | EVAL_NO_FAIL;
    private static final long READ_FLAGS = EVAL_NO_FAIL;

    private ExpressionEngine() {
    }

    /** Whether the filter holds: it must be a boolean expression; unknown is false. */
    public static boolean matches(Value filter, Record record, long nowMillis, byte[] digest) {
        try {
            return matchesOrThrow(filter, record, nowMillis, digest);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private static boolean matchesOrThrow(Value filter, Record record, long nowMillis, byte[] digest) {
        byte[] bytes = wire(filter, "a filter expression");
        Compiler.Compiled c = Compiler.compile(bytes, 0, bytes.length);
        if (c.root().type() != ResultType.BOOL) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "a filter expression must be boolean, this one is " + c.root().type());
        }
        try {
            return Ops.truth(c.root().evaluate(new Env(record, nowMillis, digest, c.varCount())));
        } catch (Unknown u) {
            return false;
        }
    }

    /** EXP_READ: the expression's value; a failed evaluation is OP_NOT_APPLICABLE, or nil with EVAL_NO_FAIL. */
    public static Value read(Value operation, Record record, long nowMillis, byte[] digest) {
        try {
            return readOrThrow(operation, record, nowMillis, digest);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private static Value readOrThrow(Value operation, Record record, long nowMillis, byte[] digest) {
        Parsed op = parse(operation, false);
        Value v = evaluate(op.compiled(), record, nowMillis, digest);
        if (v == null) {
            if ((op.flags() & EVAL_NO_FAIL) != 0) {
                return Value.NIL;
            }
            throw notApplicable("the expression did not evaluate to a bin value");
        }
        return v;
    }

    /**
     * EXP_MODIFY: the value the bin takes (null removes it), with the write flags' rules: CREATE_ONLY
     * on a bin that exists is BIN_EXISTS_ERROR, UPDATE_ONLY on one that does not is BIN_NOT_FOUND
     * (both nothing with POLICY_NO_FAIL), a failed evaluation OP_NOT_APPLICABLE (nothing with
     * EVAL_NO_FAIL), and a nil that would remove a bin needs ALLOW_DELETE. Where nothing happens the
     * bin keeps its value.
     */
    public static Value modify(Value operation, String bin, Record record, long nowMillis, byte[] digest) {
        try {
            return modifyOrThrow(operation, bin, record, nowMillis, digest);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private static Value modifyOrThrow(Value operation, String bin, Record record, long nowMillis, byte[] digest) {
        Parsed op = parse(operation, true);
        long flags = op.flags();
        Value current = record.bins().get(bin);
        boolean live = current != null && !(current instanceof Value.NilValue);
        if (live && (flags & CREATE_ONLY) != 0) {
            if ((flags & POLICY_NO_FAIL) != 0) {
                return current;
            }
            throw new AerologException(ResultCode.BIN_EXISTS_ERROR, "bin '" + bin
                    + "' exists and the expression write is CREATE_ONLY");
        }
        if (!live && (flags & UPDATE_ONLY) != 0) {
            if ((flags & POLICY_NO_FAIL) != 0) {
                return current;
            }
            throw new AerologException(ResultCode.BIN_NOT_FOUND, "bin '" + bin
                    + "' does not exist and the expression write is UPDATE_ONLY");
        }
        Value v = evaluate(op.compiled(), record, nowMillis, digest);
        if (v == null) {
            if ((flags & EVAL_NO_FAIL) != 0) {
                return current;
            }
            throw notApplicable("the expression did not evaluate to a bin value");
        }
        if (v instanceof Value.NilValue && live && (flags & ALLOW_DELETE) == 0) {
            // as_exp_modify_tr tests "flags && AS_EXP_FLAG_POLICY_NO_FAIL != 0": any flag at all
            // keeps the bin without an error, not POLICY_NO_FAIL alone.
            if (flags != 0) {
                return current;
            }
            throw notApplicable("the expression is nil, which would remove bin '" + bin
                    + "': the write needs ALLOW_DELETE");
        }
        return v instanceof Value.NilValue ? null : v;
    }

    private record Parsed(Compiler.Compiled compiled, long flags) {
    }

    /** {@code as_exp_op_parse}: {@code [expression]} or {@code [expression, flags]}. */
    private static Parsed parse(Value operation, boolean modify) {
        byte[] bytes = wire(operation, "an expression operation");
        Wire in = new Wire(bytes, 0, bytes.length);
        if (in.peek() != Wire.Kind.LIST) {
            throw Wire.malformed("an expression operation is a list [expression, flags]");
        }
        int count = in.listHeader();
        if (count == 0 || count > 2) {
            throw Wire.malformed("an expression operation has " + count + " elements, not 1 or 2");
        }
        int start = in.skip();
        int end = in.position();
        long flags = 0;
        if (count == 2 && in.peek() == Wire.Kind.INT) {
            flags = in.integer();
        }
        long allowed = modify ? MODIFY_FLAGS : READ_FLAGS;
        if ((flags & ~allowed) != 0) {
            throw Wire.malformed("invalid " + (modify ? "write" : "read") + " flags 0x" + Long.toHexString(flags));
        }
        return new Parsed(Compiler.compile(bytes, start, end - start), flags);
    }

    /** {@code as_exp_eval}: the value as a bin takes it, or null when it is unknown or no bin value. */
    private static Value evaluate(Compiler.Compiled c, Record record, long nowMillis, byte[] digest) {
        Value v;
        try {
            v = c.root().evaluate(new Env(record, nowMillis, digest, c.varCount()));
        } catch (Unknown u) {
            return null;
        }
        if (v instanceof Value.WildcardValue || v instanceof Value.InfinityValue) {
            return null;
        }
        return v;
    }

    private static byte[] wire(Value v, String what) {
        if (v instanceof Value.BytesValue b) {
            return b.value();
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, what + " must be given as its wire bytes "
                + "(a BytesValue of the client's msgpack), not " + (v == null ? "null" : v.type())
                + ": its names are msgpack strings without Aerospike's particle type, which a decoded value loses");
    }

    /**
     * A last defence: the nesting bounds keep compilation and evaluation far from the stack's end, but
     * a thread started with a tiny stack must still refuse the expression rather than die.
     */
    private static AerologException tooDeep() {
        return new AerologException(ResultCode.PARAMETER_ERROR,
                "malformed expression: it nests too deep for this thread's stack");
    }

    private static AerologException notApplicable(String what) {
        return new AerologException(ResultCode.OP_NOT_APPLICABLE, what);
    }
}
