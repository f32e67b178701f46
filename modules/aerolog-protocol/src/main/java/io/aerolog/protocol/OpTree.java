package io.aerolog.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload trees of list, map, bit and HyperLogLog operations, as Aerospike's Java client packs them
 * and the engine reads them: {@code [code, args...]}, or {@code [0xff, [context...], [code, args...]]}
 * inside nested lists and maps. Builds them from arguments, and takes them apart for the JSON writer
 * (where a tree has no JSON form, {@link #noForm} says so).
 */
final class OpTree {
    /** The marker of a payload with a context. */
    static final int CONTEXT = 0xff;

    private OpTree() {
    }

    /** {@code [code, args...]}, wrapped with {@code ctx} (flat id, value pairs) when it has any. */
    static Value of(List<Value> ctx, int code, Object... args) {
        List<Value> items = new ArrayList<>(args.length + 1);
        items.add(Value.of((long) code));
        for (Object a : args) {
            items.add(value(a));
        }
        Value op = new Value.ListValue(items);
        if (ctx == null || ctx.isEmpty()) {
            return op;
        }
        return new Value.ListValue(List.of(Value.of((long) CONTEXT), new Value.ListValue(ctx), op));
    }

    private static Value value(Object a) {
        if (a instanceof Value v) {
            return v;
        } else if (a instanceof Integer i) {
            return Value.of((long) i);
        } else if (a instanceof Long l) {
            return Value.of((long) l);
        } else if (a instanceof Boolean b) {
            return Value.of((boolean) b);
        } else if (a instanceof byte[] b) {
            return Value.of(b);
        }
        throw new IllegalArgumentException("not an operation argument: " + a);
    }

    /** A payload taken apart: its context (flat id, value pairs; empty for none), its code and its arguments. */
    record Parts(List<Value> ctx, int code, List<Value> args) {
        int size() {
            return args.size();
        }

        Value arg(int i) {
            return args.get(i);
        }

        int intArg(int i) {
            if (args.get(i) instanceof Value.IntegerValue v && v.value() == (int) v.value()) {
                return (int) v.value();
            }
            throw noForm("argument " + (i + 1) + " of operation code " + code + " is not a 32-bit integer");
        }

        long longArg(int i) {
            if (args.get(i) instanceof Value.IntegerValue v) {
                return v.value();
            }
            throw noForm("argument " + (i + 1) + " of operation code " + code + " is not an integer");
        }

        boolean boolArg(int i) {
            if (args.get(i) instanceof Value.BoolValue v) {
                return v.value();
            }
            throw noForm("argument " + (i + 1) + " of operation code " + code + " is not a boolean");
        }

        byte[] bytesArg(int i) {
            if (args.get(i) instanceof Value.BytesValue v) {
                return v.value();
            }
            throw noForm("argument " + (i + 1) + " of operation code " + code + " is not bytes");
        }

        List<Value> listArg(int i) {
            if (args.get(i) instanceof Value.ListValue v && !v.ordered()) {
                return v.items();
            }
            throw noForm("argument " + (i + 1) + " of operation code " + code + " is not an unordered list");
        }

        /** Refuses a payload with more or fewer arguments than {@code min} to {@code max}. */
        void arity(int min, int max) {
            if (args.size() < min || args.size() > max) {
                throw noForm("operation code " + code + " with " + args.size() + " arguments");
            }
        }

        /** Refuses a context where the operation has none (bits, HyperLogLogs). */
        void noContext() {
            if (!ctx.isEmpty()) {
                throw noForm("a context on operation code " + code);
            }
        }
    }

    /** The parts of {@code payload}. */
    static Parts parts(Value payload) {
        if (!(payload instanceof Value.ListValue list) || list.items().isEmpty()) {
            throw noForm("a payload that is not a list starting with an operation code");
        }
        List<Value> items = list.items();
        List<Value> ctx = List.of();
        if (items.size() == 3 && isInt(items.get(0), CONTEXT) && items.get(1) instanceof Value.ListValue c
                && items.get(2) instanceof Value.ListValue op && !op.items().isEmpty()) {
            ctx = c.items();
            items = op.items();
        }
        if (!(items.get(0) instanceof Value.IntegerValue code) || code.value() < 0 || code.value() > 0xff) {
            throw noForm("a payload whose first item is not an operation code");
        }
        return new Parts(ctx, (int) code.value(), items.subList(1, items.size()));
    }

    private static boolean isInt(Value v, long n) {
        return v instanceof Value.IntegerValue i && i.value() == n;
    }

    /** An operation that the HTTP API's JSON cannot carry exactly. */
    static AerologException noForm(String what) {
        return new AerologException(ResultCode.UNSUPPORTED_FEATURE, "the HTTP API has no JSON form for " + what);
    }

    /** The fields of a JSON operation being written, in the typed form's names, starting with its bin. */
    static ObjectNode fields(String bin) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (bin != null) {
            o.put("binName", bin);
        }
        return o;
    }
}
