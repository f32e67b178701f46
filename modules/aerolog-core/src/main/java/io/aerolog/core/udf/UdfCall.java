package io.aerolog.core.udf;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record UDF call as a command carries it: the module (file name), its version (hash) and its source, the
 * function, and the arguments as the client packed them (a msgpack list). The source travels with the call
 * so that applying it never depends on what a node has read of the module topic: a replay, on any node,
 * after the module changed or was removed, runs exactly the version the call was made with.
 *
 * <p>In the log it is the value of the command's single {@link OperationType#UDF} operation: a map of
 * {@code module}, {@code hash}, {@code function}, {@code args} (bytes) and {@code source} (bytes), and for a
 * call of a background job {@code background: true}: such a call runs only on a record that exists when it is
 * applied (KEY_NOT_FOUND_ERROR otherwise, as the server's internal UDF transactions of a job answer).
 */
public record UdfCall(String module, String hash, String function, byte[] args, byte[] source, boolean background) {
    public UdfCall(String module, String hash, String function, byte[] args, byte[] source) {
        this(module, hash, function, args, source, false);
    }

    public UdfCall {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(function, "function");
        args = args == null ? new byte[0] : args.clone();
        source = Objects.requireNonNull(source, "source").clone();
    }

    /** A call of {@code function} of {@code module} with {@code args} (msgpack, as the client sent them). */
    public static UdfCall of(UdfModule module, String function, byte[] args) {
        return new UdfCall(module.name(), module.hash(), function, args, module.content());
    }

    /** A background job's call of {@code function} of {@code module} on one record that must exist. */
    public static UdfCall ofJob(UdfModule module, String function, byte[] args) {
        return new UdfCall(module.name(), module.hash(), function, args, module.content(), true);
    }

    @Override
    public byte[] args() {
        return args.clone();
    }

    @Override
    public byte[] source() {
        return source.clone();
    }

    /** The command operation that carries this call. */
    public Operation operation() {
        return new Operation(OperationType.UDF, null, toValue());
    }

    public Value toValue() {
        Map<Value, Value> m = new LinkedHashMap<>();
        m.put(Value.of("module"), Value.of(module));
        m.put(Value.of("hash"), Value.of(hash));
        m.put(Value.of("function"), Value.of(function));
        m.put(Value.of("args"), Value.of(args));
        m.put(Value.of("source"), Value.of(source));
        if (background) {
            m.put(Value.of("background"), Value.of(true));
        }
        return Value.ofMap(m);
    }

    /**
     * The call a command's UDF operation carries.
     *
     * @throws AerologException PARAMETER_ERROR when the value is not one
     */
    public static UdfCall fromValue(Value v) {
        if (!(v instanceof Value.MapValue m)) {
            throw malformed("its value is not a map");
        }
        boolean background = m.entries().get(Value.of("background")) instanceof Value.BoolValue b && b.value();
        return new UdfCall(text(m, "module"), text(m, "hash"), text(m, "function"), bytes(m, "args"), bytes(m, "source"),
                background);
    }

    /** The arguments, as Aerospike's server reads them: a msgpack list, else none. */
    public List<Value> argumentList() {
        if (args.length == 0) {
            return List.of();
        }
        try {
            Value v = MsgPack.unpack(args, 0, args.length);
            return v instanceof Value.ListValue l ? l.items() : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String text(Value.MapValue m, String key) {
        if (m.entries().get(Value.of(key)) instanceof Value.StringValue s) {
            return s.value();
        }
        throw malformed("'" + key + "' is not a string");
    }

    private static byte[] bytes(Value.MapValue m, String key) {
        if (m.entries().get(Value.of(key)) instanceof Value.BytesValue b) {
            return b.value();
        }
        throw malformed("'" + key + "' is not bytes");
    }

    private static AerologException malformed(String what) {
        return new AerologException(ResultCode.PARAMETER_ERROR, "malformed UDF operation: " + what
                + " (a map of module, hash, function, args and source)");
    }
}
