package io.aerolog.client.cdt;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payload tree of a list or map operation as Aerospike's client packs it: {@code [code, args...]}, or
 * {@code [0xff, [ctx id, value, ...], [code, args...]]} with a context.
 */
final class Payload {
    private Payload() {
    }

    static Operation read(String bin, CTX[] ctx, int code, Object... args) {
        return new Operation(OperationType.CDT_READ, Objects.requireNonNull(bin, "bin"), of(ctx, 0, code, args));
    }

    static Operation modify(String bin, CTX[] ctx, int code, Object... args) {
        return new Operation(OperationType.CDT_MODIFY, Objects.requireNonNull(bin, "bin"), of(ctx, 0, code, args));
    }

    /** A create: the last context level carries {@code flag}; with no context, the bin's own order is set. */
    static Operation create(String bin, CTX[] ctx, int flag, int code, int attributes) {
        return new Operation(OperationType.CDT_MODIFY, Objects.requireNonNull(bin, "bin"), of(ctx, flag, code,
                attributes));
    }

    private static Value of(CTX[] ctx, int lastFlag, int code, Object... args) {
        List<Value> items = new ArrayList<>(args.length + 1);
        items.add(Value.of((long) code));
        for (Object a : args) {
            items.add(value(a));
        }
        Value op = new Value.ListValue(items);
        if (ctx == null || ctx.length == 0) {
            return op;
        }
        List<Value> flat = new ArrayList<>(ctx.length * 2);
        for (int i = 0; i < ctx.length; i++) {
            CTX c = Objects.requireNonNull(ctx[i], "ctx");
            flat.add(Value.of((long) (i == ctx.length - 1 ? c.id() | lastFlag : c.id())));
            flat.add(c.value());
        }
        return new Value.ListValue(List.of(Value.of(0xffL), new Value.ListValue(flat), op));
    }

    @SuppressWarnings("unchecked")
    private static Value value(Object a) {
        if (a instanceof Value v) {
            return v;
        } else if (a instanceof Integer i) {
            return Value.of((long) i);
        } else if (a instanceof List<?> l) {
            List<Value> items = new ArrayList<>(l.size());
            for (Object o : l) {
                items.add(Objects.requireNonNull((Value) o, "list item"));
            }
            return new Value.ListValue(items);
        } else if (a instanceof Map<?, ?> m) {
            return Value.ofMap((Map<Value, Value>) m);
        }
        throw new IllegalArgumentException("not an operation argument: " + a);
    }
}
