package io.aerolog.client;

import io.aerolog.core.Value;
import java.util.Objects;

/**
 * A bin to write: a name and a value, as Aerospike's {@code Bin}. A bin of nil ({@link #asNull})
 * deletes the bin.
 *
 * @param name  the bin's name (the node refuses names over 15 bytes with BIN_NAME_TOO_LONG)
 * @param value its value, never null (use {@link Value#NIL})
 */
public record Bin(String name, Value value) {
    public Bin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Bin of(String name, long value) {
        return new Bin(name, Value.of(value));
    }

    /** A string bin; a null string is nil, which deletes the bin. */
    public static Bin of(String name, String value) {
        return new Bin(name, Value.of(value));
    }

    public static Bin of(String name, double value) {
        return new Bin(name, Value.of(value));
    }

    public static Bin of(String name, boolean value) {
        return new Bin(name, Value.of(value));
    }

    /** A bytes bin (copied); null bytes are nil, which deletes the bin. */
    public static Bin of(String name, byte[] value) {
        return new Bin(name, Value.of(value));
    }

    /** A bin of any value; null is nil, which deletes the bin. */
    public static Bin of(String name, Value value) {
        return new Bin(name, value == null ? Value.NIL : value);
    }

    /** A nil bin: writing it deletes the bin. */
    public static Bin asNull(String name) {
        return new Bin(name, Value.NIL);
    }
}
