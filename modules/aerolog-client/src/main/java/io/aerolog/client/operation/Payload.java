package io.aerolog.client.operation;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The payload tree of a bit or HyperLogLog operation as Aerospike's client packs it: {@code [code, args...]}. */
final class Payload {
    private Payload() {
    }

    static Operation of(OperationType type, String bin, int code, Object... args) {
        List<Value> items = new ArrayList<>(args.length + 1);
        items.add(Value.of((long) code));
        for (Object a : args) {
            items.add(value(a));
        }
        return new Operation(type, Objects.requireNonNull(bin, "bin"), new Value.ListValue(items));
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
            return Value.of(b.clone());
        }
        throw new IllegalArgumentException("not an operation argument: " + a);
    }
}
