package io.aerolog.client.cdt;

import io.aerolog.core.Value;
import java.util.Objects;

/**
 * Where inside nested lists and maps a list or map operation applies, as Aerospike's {@code CTX}: one level
 * per context, outermost first. The create forms make the level when it is missing.
 */
public record CTX(int id, Value value) {
    public CTX {
        Objects.requireNonNull(value, "value");
    }

    public static CTX listIndex(int index) {
        return new CTX(0x10, Value.of((long) index));
    }

    public static CTX listIndexCreate(int index, ListOrder order, boolean pad) {
        return new CTX(0x10 | order.flag(pad), Value.of((long) index));
    }

    public static CTX listRank(int rank) {
        return new CTX(0x11, Value.of((long) rank));
    }

    public static CTX listValue(Value value) {
        return new CTX(0x13, value);
    }

    public static CTX mapIndex(int index) {
        return new CTX(0x20, Value.of((long) index));
    }

    public static CTX mapRank(int rank) {
        return new CTX(0x21, Value.of((long) rank));
    }

    public static CTX mapKey(Value key) {
        return new CTX(0x22, key);
    }

    public static CTX mapKeyCreate(Value key, MapOrder order) {
        return new CTX(0x22 | order.flag, key);
    }

    public static CTX mapValue(Value value) {
        return new CTX(0x23, value);
    }
}
