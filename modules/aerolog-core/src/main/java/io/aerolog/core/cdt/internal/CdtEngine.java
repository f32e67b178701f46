package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.ElementReads;
import io.aerolog.core.engine.BinOpResult;
import java.util.List;

/**
 * Runs one of Aerospike's list or map operations on a bin ({@code as_bin_cdt_read_tr} and
 * {@code as_bin_cdt_modify_tr} in {@code cdt.c}): parses the payload ({@code [code, args...]}, or
 * {@code [0xff, context, [code, args...]]}), follows the context, and hands the operation to
 * {@link ListOperations} (codes below 64) or {@link MapOperations}. The select operation (0xfe,
 * expression paths) is not served.
 */
public final class CdtEngine {
    /** The code of an operation with a context ({@code AS_CDT_OP_CONTEXT_EVAL}). */
    static final int CONTEXT_EVAL = ElementReads.CONTEXT_EVAL;
    /** The code of Aerospike's select by path ({@code AS_CDT_OP_SELECT}), not served. */
    static final int SELECT = 0xfe;
    /** Codes below this are list operations ({@code IS_CDT_LIST_OP}). */
    static final int FIRST_MAP_CODE = 64;

    private CdtEngine() {
    }

    /** What a read operation returns from {@code bin}; null when the bin is absent or nothing is returned. */
    /** The value {@code context} (a list of type, value pairs) leads to in {@code bin}; null where it leads nowhere. */
    public static Value dig(Value bin, Value context) {
        try {
            return Context.dig(bin, context, false).target();
        } catch (io.aerolog.core.AerologException e) {
            return null;
        }
    }

    public static Value read(Value bin, Value operation) {
        if (bin == null) {
            return null;
        }
        Payload p = Payload.of(operation);
        if (p.code() == CONTEXT_EVAL) {
            checkContextPayload(p);
            Context c = Context.dig(bin, p.args().get(0), false);
            Payload inner = Payload.of(p.args().get(1));
            Value target = c.target();
            checkTarget(inner.code(), target);
            Target t = new Target(target, false, false, true, false);
            dispatch(t, inner);
            return t.result.value();
        }
        Target t = new Target(bin, false, true, true, false);
        dispatch(t, p);
        return t.result.value();
    }

    /** The bin after a modify operation (null when it is left absent), and what the operation returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        Payload p = Payload.of(operation);
        Value after;
        Target t;
        if (p.code() == CONTEXT_EVAL) {
            checkContextPayload(p);
            Context c = Context.dig(bin, p.args().get(0), true);
            Payload inner = Payload.of(p.args().get(1));
            if (!c.createTriggered()) {
                checkTarget(inner.code(), c.target());
            }
            t = new Target(c.target(), true, false, bin != null, c.createTriggered());
            dispatch(t, inner);
            Value written = t.outcome();
            after = written == null ? bin : c.rebuild(written);
        } else {
            t = new Target(bin, true, true, bin != null, false);
            dispatch(t, p);
            Value written = t.outcome();
            after = written == null ? bin : written;
        }
        if (after != null && after.depth() > Value.MAX_DEPTH) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the bin would nest lists and maps " + after.depth()
                    + " levels deep; at most " + Value.MAX_DEPTH + " are stored");
        }
        return new BinOpResult(after, t.result.value());
    }

    private static void checkContextPayload(Payload p) {
        if (p.args().size() != 2) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an operation with a context is [0xff, context, "
                    + "operation], not " + (p.args().size() + 1) + " elements");
        }
    }

    /** The container at the end of a context must be of the operation's kind ({@code cdt_process_state_context_eval}). */
    private static void checkTarget(long code, Value target) {
        boolean list = isListCode(code);
        if (list ? !(target instanceof Value.ListValue) : !(target instanceof Value.MapValue)) {
            throw new AerologException(ResultCode.BIN_TYPE_ERROR, "the context leads to " + target.type() + ", not the "
                    + (list ? "list" : "map") + " the operation needs");
        }
    }

    private static boolean isListCode(long code) {
        return code >= 0 && code < FIRST_MAP_CODE;
    }

    private static void dispatch(Target t, Payload p) {
        long code = p.code();
        if (code == SELECT) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE,
                    "CDT_SELECT (0xfe, selecting and modifying by expression paths) is not served");
        }
        if (code < 0 || code > CONTEXT_EVAL) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "operation code " + code + " is not a list or map operation");
        }
        int op = (int) code;
        if (isListCode(code)) {
            if (t.modify) {
                ListOperations.modify(t, op, p.args());
            } else {
                ListOperations.read(t, op, p.args());
            }
        } else if (t.modify) {
            MapOperations.modify(t, op, p.args());
        } else {
            MapOperations.read(t, op, p.args());
        }
    }

    /** An operation's code and arguments. */
    private record Payload(long code, List<Value> args) {
        static Payload of(Value operation) {
            if (!(operation instanceof Value.ListValue l) || l.items().isEmpty()
                    || !(l.items().get(0) instanceof Value.IntegerValue code)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR,
                        "a list or map operation is a list starting with its integer code");
            }
            return new Payload(code.value(), l.items().subList(1, l.items().size()));
        }
    }
}
