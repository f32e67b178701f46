package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of one operation's JSON as the translation reads them: each by its name (or the other
 * spelling of the REST gateway's two operation forms), typed, and at most once; a field left unread is
 * refused ({@link #checkAllRead}), so a misspelt option is never silently ignored. Every refusal is
 * PARAMETER_ERROR naming the operation and the field.
 */
final class OpFields {
    private final JsonNode node;
    private final String where;
    private final Set<String> read = new LinkedHashSet<>();

    /** {@code node}: an object of fields (or null for none); {@code skip}: fields already read by the caller. */
    OpFields(JsonNode node, String where, String... skip) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw error(where + ": the operation's values must be a JSON object");
        }
        this.node = node == null || node.isNull() ? null : node;
        this.where = where;
        read.addAll(List.of(skip));
    }

    String where() {
        return where;
    }

    AerologException error(String what) {
        return new AerologException(ResultCode.PARAMETER_ERROR, what);
    }

    AerologException fieldError(String field, String what) {
        return error(where + ": " + field + " " + what);
    }

    /** The first of {@code names} present (not null), marking every one of them read; null when none is. */
    JsonNode get(String... names) {
        JsonNode found = null;
        for (String n : names) {
            read.add(n);
            JsonNode v = node == null ? null : node.get(n);
            if (found == null && v != null && !v.isNull()) {
                found = v;
            }
        }
        return found;
    }

    boolean has(String... names) {
        for (String n : names) {
            JsonNode v = node == null ? null : node.get(n);
            if (v != null && !v.isNull()) {
                return true;
            }
        }
        return false;
    }

    /** The bin, {@code binName} (the typed form) or {@code bin} (the opValues form); null when absent. */
    String bin() {
        JsonNode b = get("binName", "bin");
        if (b == null) {
            return null;
        }
        if (!b.isTextual()) {
            throw fieldError("binName", "must be a string");
        }
        return b.textValue();
    }

    String requiredBin() {
        String bin = bin();
        if (bin == null) {
            throw error(where + " needs the bin (\"binName\", or \"bin\" in opValues)");
        }
        return bin;
    }

    JsonNode required(String... names) {
        JsonNode v = get(names);
        if (v == null) {
            throw error(where + " needs \"" + names[0] + "\"");
        }
        return v;
    }

    int requiredInt(String... names) {
        return toInt(required(names), names[0]);
    }

    Integer optionalInt(String... names) {
        JsonNode v = get(names);
        return v == null ? null : toInt(v, names[0]);
    }

    long requiredLong(String... names) {
        JsonNode v = required(names);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fieldError(names[0], "must be a 64-bit integer, got " + abbreviate(v));
        }
        return v.longValue();
    }

    private int toInt(JsonNode v, String name) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fieldError(name, "must be a 32-bit integer, got " + abbreviate(v));
        }
        return v.intValue();
    }

    boolean bool(String... names) {
        JsonNode v = get(names);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw fieldError(names[0], "must be true or false, got " + abbreviate(v));
        }
        return v.booleanValue();
    }

    /** A bin value (any JSON, as {@link JsonValues} reads it). */
    Value value(String... names) {
        return JsonValues.fromJson(required(names), where + " " + names[0]);
    }

    /** A bin value, or null when absent. */
    Value optionalValue(String... names) {
        JsonNode v = get(names);
        return v == null ? null : JsonValues.fromJson(v, where + " " + names[0]);
    }

    /** A JSON array of values, as a list value. */
    Value values(String... names) {
        JsonNode v = required(names);
        if (!v.isArray()) {
            throw fieldError(names[0], "must be a JSON array, got " + abbreviate(v));
        }
        return JsonValues.fromJson(v, where + " " + names[0]);
    }

    /** A JSON object of values, as a map value. */
    Value map(String... names) {
        JsonNode v = required(names);
        if (!v.isObject()) {
            throw fieldError(names[0], "must be a JSON object, got " + abbreviate(v));
        }
        return JsonValues.fromJson(v, where + " " + names[0]);
    }

    /** Bytes in base64 (the gateway's form of a byte array), or {@code {"$bytes": "<base64>"}}. */
    byte[] bytes(String... names) {
        return bytesOf(required(names), names[0]);
    }

    byte[] bytesOf(JsonNode v, String name) {
        if (v.isTextual()) {
            return JsonValues.decodeBase64(v.textValue(), where + " " + name);
        }
        Value value = JsonValues.fromJson(v, where + " " + name);
        if (value instanceof Value.BytesValue b) {
            return b.value();
        }
        if (value instanceof Value.HllValue h) {
            return h.value();
        }
        throw fieldError(name, "must be base64 bytes, got " + abbreviate(v));
    }

    /** An enum constant by its name (any case), or {@code dflt} when absent. */
    <E extends Enum<E>> E enumValue(Class<E> type, E dflt, String... names) {
        JsonNode v = get(names);
        if (v == null) {
            return dflt;
        }
        return enumOf(type, v, names[0]);
    }

    <E extends Enum<E>> E enumOf(Class<E> type, JsonNode v, String name) {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v.textValue().toUpperCase(Locale.ROOT))) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw fieldError(name, "'" + abbreviate(v) + "' is not one of " + names);
    }

    /** Flags named as a JSON array of names (or one name), OR'd together; 0 when absent. */
    <E extends Enum<E> & Flag> int flags(Class<E> type, String... names) {
        JsonNode v = get(names);
        return v == null ? 0 : flagsOf(type, v, names[0]);
    }

    <E extends Enum<E> & Flag> int flagsOf(Class<E> type, JsonNode v, String name) {
        int flags = 0;
        if (v.isArray()) {
            for (JsonNode item : v) {
                flags |= enumOf(type, item, name).bits();
            }
        } else {
            flags = enumOf(type, v, name).bits();
        }
        return flags;
    }

    /** Refuses the fields no one read: they are not fields of this operation. */
    void checkAllRead() {
        if (node == null) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!read.contains(n)) {
                List<String> known = new ArrayList<>(read);
                known.removeIf(k -> k.equals("type") || k.equals("operation"));
                throw error(where + ": '" + JsonValues.abbreviate(n) + "' is not a field of this operation"
                        + (known.isEmpty() ? " (it takes none)" : " (its fields: " + String.join(", ", known) + ")"));
            }
        }
    }

    static String abbreviate(JsonNode v) {
        return JsonValues.abbreviate(v.isTextual() ? v.textValue() : v.toString());
    }

    /** An enum constant that stands for flag bits. */
    interface Flag {
        int bits();
    }
}
