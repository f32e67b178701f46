package io.aerolog.core.exp;

import com.aerospike.client.Operation;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expressions packed by Aerospike's own Java client, exactly as it sends them: a filter is the
 * bytes of {@code Exp.build}, an operation the BLOB particle {@code ExpOperation} carries.
 */
final class ExpFixtures {
    static final long NOW = 1_700_000_000_000L;

    private ExpFixtures() {
    }

    static Value filter(Exp e) {
        return new Value.BytesValue(Exp.build(e).getBytes());
    }

    static Value readOp(Exp e, int flags) {
        Operation op = ExpOperation.read("r", Exp.build(e), flags);
        return new Value.BytesValue((byte[]) op.value.getObject());
    }

    static Value writeOp(Exp e, int flags) {
        Operation op = ExpOperation.write("w", Exp.build(e), flags);
        return new Value.BytesValue((byte[]) op.value.getObject());
    }

    static Map<String, Value> bins(Object... nameValue) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Value) nameValue[i + 1]);
        }
        return m;
    }

    static Record record(Map<String, Value> bins) {
        return new Record("set1", null, bins, 3, 0, NOW - 5_000);
    }

    /** TestFilterExp's key A: A=1, B=1.1, C="abcde", D=1, E=-1. */
    static Record keyA() {
        return record(bins("A", Value.of(1L), "B", Value.of(1.1), "C", Value.of("abcde"), "D", Value.of(1L),
                "E", Value.of(-1L)));
    }

    /** TestFilterExp's key B: A=2, B=2.2, C="abcdeabcde", D=1, E=-2. */
    static Record keyB() {
        return record(bins("A", Value.of(2L), "B", Value.of(2.2), "C", Value.of("abcdeabcde"), "D", Value.of(1L),
                "E", Value.of(-2L)));
    }

    static boolean matches(Exp e, Record r) {
        return Expressions.matches(filter(e), r, NOW);
    }

    static Value read(Exp e, Record r) {
        return Expressions.read(readOp(e, 0), r, NOW);
    }
}
