package io.aerolog.client;

import io.aerolog.core.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as a client reads it, as Aerospike's {@code Record}: its bins (only those asked for, when
 * bins were named), its generation and its time to live in seconds (-1 never expires).
 *
 * <p>The typed getters return the bin's value, a default (0, false or null) when the bin is absent,
 * and throw {@link ClassCastException} naming both types when the bin holds another type.
 */
public record ClientRecord(Map<String, Value> bins, int generation, long ttlSeconds) {
    public ClientRecord {
        bins = Collections.unmodifiableMap(new LinkedHashMap<>(bins));
    }

    /** The bin's value, or null when the record has no such bin. */
    public Value getValue(String name) {
        return bins.get(name);
    }

    /** An integer bin; 0 when absent. */
    public long getLong(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? 0 : as(name, v, Value.IntegerValue.class).value();
    }

    /** A double bin; 0 when absent. */
    public double getDouble(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? 0 : as(name, v, Value.DoubleValue.class).value();
    }

    /** A string bin; null when absent. */
    public String getString(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? null : as(name, v, Value.StringValue.class).value();
    }

    /** A boolean bin; false when absent. */
    public boolean getBoolean(String name) {
        Value v = bins.get(name);
        return v != null && !(v instanceof Value.NilValue) && as(name, v, Value.BoolValue.class).value();
    }

    /** A bytes bin (a copy); null when absent. */
    public byte[] getBytes(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? null : as(name, v, Value.BytesValue.class).value();
    }

    /** A list bin; null when absent. */
    public List<Value> getList(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? null : as(name, v, Value.ListValue.class).items();
    }

    /** A map bin; null when absent. */
    public Map<Value, Value> getMap(String name) {
        Value v = bins.get(name);
        return v == null || v instanceof Value.NilValue ? null : as(name, v, Value.MapValue.class).entries();
    }

    private static <T extends Value> T as(String name, Value v, Class<T> type) {
        if (!type.isInstance(v)) {
            throw new ClassCastException("bin '" + name + "' holds " + v.type() + ", not "
                    + type.getSimpleName().replace("Value", "").toUpperCase(java.util.Locale.ROOT));
        }
        return type.cast(v);
    }
}
