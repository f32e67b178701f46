package io.aerolog.core.udf;

import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs UDFs through the record engine as the command processor does, for tests. */
final class Udfs {
    static final NamespaceConfig NS = NamespaceConfig.defaults("test");
    static final Key KEY = Key.of("test", "users", "ada");
    static final long NOW = 1_700_000_000_000L;

    private Udfs() {
    }

    static UdfModule module(String source) {
        return UdfModule.of("test.lua", source.getBytes(StandardCharsets.UTF_8));
    }

    static Command command(String source, String function, WritePolicy policy, Value... args) {
        byte[] packed = MsgPack.pack(Value.ofList(List.of(args)));
        return new Command("r", "n", KEY, List.of(UdfCall.of(module(source), function, packed).operation()), policy, NOW);
    }

    static Outcome run(Record existing, String source, String function, Value... args) {
        return RecordEngine.apply(existing, command(source, function, WritePolicy.DEFAULT, args), NS);
    }

    /** The value a UDF returned, or its FAILURE text. */
    static Value answer(Outcome o) {
        for (OpResult r : o.results()) {
            return r.value();
        }
        return null;
    }

    static String bin(Outcome o) {
        return o.results().isEmpty() ? null : o.results().get(0).bin();
    }

    /** A record with {@code bins} (name, value pairs), generation 3, written a second before NOW, never expiring. */
    static Record record(Object... bins) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < bins.length; i += 2) {
            Object v = bins[i + 1];
            m.put((String) bins[i], v instanceof Value val ? val : v instanceof String s ? Value.of(s)
                    : v instanceof Integer n ? Value.of((long) n) : v instanceof Long l ? Value.of(l)
                    : v instanceof Double d ? Value.of(d) : Value.of((Boolean) v));
        }
        return new Record("users", null, m, 3, 0, NOW - 1000);
    }

    /** Evaluates a Lua expression in a UDF and returns what it gives. */
    static Value eval(String expression) {
        Outcome o = run(null, "function f(r) return " + expression + " end", "f");
        if (!o.isOk()) {
            throw new AssertionError("UDF failed: " + o.resultCode() + " " + o.message());
        }
        return answer(o);
    }
}
