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
 * keep their order (so that encoding a value is deterministic). An ordered list keeps its items, and a
 * key-ordered map its entries, sorted in Aerospike's value order ({@link ValueOrder}), as Aerospike
 * stores them. {@link InfinityValue} and {@link WildcardValue} exist only as arguments of operations
 * and expressions (Aerospike's msgpack extensions for ranges and patterns); no bin holds them.
 */
public sealed interface Value
        permits Value.NilValue, Value.BoolValue, Value.IntegerValue, Value.DoubleValue, Value.StringValue,
                Value.BytesValue, Value.ListValue, Value.MapValue, Value.GeoJsonValue, Value.HllValue,
                Value.InfinityValue, Value.WildcardValue {

    /**
     * Aerospike's particle types, as used in errors and in the key digest; INFINITY and WILDCARD are
     * not particles but the two comparison-only values of Aerospike's msgpack.
     */
    enum Type { NIL, BOOL, INTEGER, DOUBLE, STRING, BYTES, LIST, MAP, GEOJSON, HLL, INFINITY, WILDCARD }

    /**
     * The order a map keeps, with Aerospike's flag bits (as in {@code MapOrder} of its clients).
     * PRESERVE_ORDER (8) is not an order a bin keeps: it marks the map Aerospike's server returns for a
     * KEY_VALUE result, whose entries come in the order the operation selected them (its clients read it
     * as a list of entries).
     */
    enum MapOrder {
        UNORDERED(0), KEY_ORDERED(1), KEY_VALUE_ORDERED(3), PRESERVE_ORDER(8);

        private final int flags;

        MapOrder(int flags) {
            this.flags = flags;
        }

        /** Aerospike's flag bits of this order. */
        public int flags() {
            return flags;
        }

        /** The order of Aerospike's flag bits; PARAMETER_ERROR for bits that name none. */
        public static MapOrder ofFlags(int flags) {
            for (MapOrder o : values()) {
                if (o.flags == flags) {
                    return o;
                }
            }
            throw new AerologException(ResultCode.PARAMETER_ERROR, "map order flags " + flags
                    + " are not 0 (unordered), 1 (key-ordered), 3 (key-value-ordered) or 8 (a KEY_VALUE result)");
        }
    }

    /**
     * The deepest nesting of lists and maps a bin may hold. Aerospike's server sets none, but its
     * clients' decoders recurse once per level; every decoder and walker of Aerolog stays far from its
     * thread's stack with this bound, compiled or not.
     */
    int MAX_DEPTH = 64;

    /**
     * The deepest nesting a decoder accepts: {@link #MAX_DEPTH} plus the few levels an operation or
     * expression wraps around a value (Aerospike's context and argument lists).
     */
    int MAX_DECODE_DEPTH = MAX_DEPTH + 8;

    InfinityValue INFINITY = new InfinityValue();
    WildcardValue WILDCARD = new WildcardValue();

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

    /** The depth of nested lists and maps: 0 for a scalar, 1 for a list of scalars (walks the value). */
    default int depth() {
        return 0;
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

    /**
     * A list; an ordered one keeps its items sorted in {@link ValueOrder} (Aerospike's ORDERED list).
     */
    record ListValue(List<Value> items, boolean ordered) implements Value {
        public ListValue {
            ArrayList<Value> copy = new ArrayList<>(items);
            for (Value v : copy) {
                Objects.requireNonNull(v, "list item");
            }
            if (ordered) {
                copy.sort(ValueOrder.COMPARATOR);
            }
            items = Collections.unmodifiableList(copy);
        }

        /** An unordered list, in the order of {@code items}. */
        public ListValue(List<Value> items) {
            this(items, false);
        }

        @Override
        public int depth() {
            int d = 0;
            for (Value v : items) {
                d = Math.max(d, v.depth());
            }
            return d + 1;
        }

        @Override
        public Type type() {
            return Type.LIST;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ListValue l && ordered == l.ordered && items.equals(l.items);
        }

        @Override
        public int hashCode() {
            return items.hashCode() * 31 + Boolean.hashCode(ordered);
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

    /**
     * A map; keys may be of any scalar type, as Aerospike allows. An unordered (or PRESERVE_ORDER) map
     * keeps its entries in insertion order; a key-ordered or key-value-ordered map keeps them sorted by
     * key in {@link ValueOrder}, as Aerospike stores them.
     */
    record MapValue(Map<Value, Value> entries, MapOrder order) implements Value {
        public MapValue {
            Objects.requireNonNull(order, "order");
            LinkedHashMap<Value, Value> copy;
            if (order == MapOrder.UNORDERED || order == MapOrder.PRESERVE_ORDER) {
                copy = new LinkedHashMap<>(entries);
            } else {
                List<Map.Entry<Value, Value>> sorted = new ArrayList<>(entries.entrySet());
                sorted.sort(Map.Entry.comparingByKey(ValueOrder.COMPARATOR));
                copy = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : sorted) {
                    copy.put(e.getKey(), e.getValue());
                }
            }
            for (Map.Entry<Value, Value> e : copy.entrySet()) {
                Objects.requireNonNull(e.getKey(), "map key");
                Objects.requireNonNull(e.getValue(), "map value");
            }
            entries = Collections.unmodifiableMap(copy);
        }

        /** An unordered map, in the order of {@code entries}. */
        public MapValue(Map<Value, Value> entries) {
            this(entries, MapOrder.UNORDERED);
        }

        @Override
        public int depth() {
            int d = 0;
            for (Map.Entry<Value, Value> e : entries.entrySet()) {
                d = Math.max(d, Math.max(e.getKey().depth(), e.getValue().depth()));
            }
            return d + 1;
        }

        @Override
        public Type type() {
            return Type.MAP;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MapValue m && order == m.order && entries.equals(m.entries);
        }

        @Override
        public int hashCode() {
            return entries.hashCode() * 31 + order.hashCode();
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

    /** A HyperLogLog sketch (Aerospike's HLL particle), kept as Aerospike's bytes; the array is copied in and out. */
    record HllValue(byte[] value) implements Value {
        public HllValue {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public Type type() {
            return Type.HLL;
        }

        @Override
        public int estimatedSize() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HllValue h && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value) + 1;
        }

        @Override
        public String toString() {
            return "HllValue[" + value.length + " bytes]";
        }
    }

    /** Aerospike's infinity: greater than every value; the open end of a range. Never stored. */
    record InfinityValue() implements Value {
        @Override
        public Type type() {
            return Type.INFINITY;
        }

        @Override
        public int estimatedSize() {
            return 3;
        }
    }

    /** Aerospike's wildcard: equal to every value; matches any element of a pattern. Never stored. */
    record WildcardValue() implements Value {
        @Override
        public Type type() {
            return Type.WILDCARD;
        }

        @Override
        public int estimatedSize() {
            return 3;
        }
    }
}
