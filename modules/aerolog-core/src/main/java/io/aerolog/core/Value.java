package io.aerolog.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bin value of one of Aerospike's types. Immutable; lists and maps are copied on construction and
 * keep their order (so that encoding a value is deterministic).
 */
public sealed interface Value
        permits Value.NilValue, Value.BoolValue, Value.IntegerValue, Value.DoubleValue, Value.StringValue,
                Value.BytesValue, Value.ListValue, Value.MapValue, Value.GeoJsonValue {

    /** Aerospike's particle types, as used in errors and in the key digest. */
    enum Type { NIL, BOOL, INTEGER, DOUBLE, STRING, BYTES, LIST, MAP, GEOJSON }

    NilValue NIL = new NilValue();

    Type type();

    /** An estimate of the bytes the value takes in a stored record; used for the record size limit. */
    int estimatedSize();

    static Value of(long v) {
        return new IntegerValue(v);
    }

    static Value of(double v) {
        return new DoubleValue(v);
    }

    static Value of(boolean v) {
        return new BoolValue(v);
    }

    static Value of(String v) {
        return v == null ? NIL : new StringValue(v);
    }

    static Value of(byte[] v) {
        return v == null ? NIL : new BytesValue(v);
    }

    static Value ofList(List<? extends Value> items) {
        return new ListValue(new ArrayList<>(items));
    }

    static Value ofMap(Map<? extends Value, ? extends Value> entries) {
        return new MapValue(new LinkedHashMap<>(entries));
    }

    static Value ofGeoJson(String json) {
        return new GeoJsonValue(json);
    }

    /** Aerospike's nil: writing it to a bin deletes the bin. */
    record NilValue() implements Value {
        @Override
        public Type type() {
            return Type.NIL;
        }

        @Override
        public int estimatedSize() {
            return 0;
        }
    }

    record BoolValue(boolean value) implements Value {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public int estimatedSize() {
            return 1;
        }
    }

    record IntegerValue(long value) implements Value {
        @Override
        public Type type() {
            return Type.INTEGER;
        }

        @Override
        public int estimatedSize() {
            return 8;
        }
    }

    record DoubleValue(double value) implements Value {
        @Override
        public Type type() {
            return Type.DOUBLE;
        }

        @Override
        public int estimatedSize() {
            return 8;
        }
    }

    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.STRING;
        }

        @Override
        public int estimatedSize() {
            return value.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Bytes (Aerospike's BLOB); the array is copied in and out. */
    record BytesValue(byte[] value) implements Value {
        public BytesValue {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public Type type() {
            return Type.BYTES;
        }

        @Override
        public int estimatedSize() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesValue b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BytesValue[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public Type type() {
            return Type.LIST;
        }

        @Override
        public int estimatedSize() {
            int size = 4;
            for (Value v : items) {
                size += 1 + v.estimatedSize();
            }
            return size;
        }
    }

    /** A map in insertion order; keys may be of any scalar type, as Aerospike allows. */
    record MapValue(Map<Value, Value> entries) implements Value {
        public MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Type type() {
            return Type.MAP;
        }

        @Override
        public int estimatedSize() {
            int size = 4;
            for (Map.Entry<Value, Value> e : entries.entrySet()) {
                size += 2 + e.getKey().estimatedSize() + e.getValue().estimatedSize();
            }
            return size;
        }
    }

    /** A GeoJSON document, kept as its JSON text. */
    record GeoJsonValue(String json) implements Value {
        public GeoJsonValue {
            Objects.requireNonNull(json, "json");
        }

        @Override
        public Type type() {
            return Type.GEOJSON;
        }

        @Override
        public int estimatedSize() {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
