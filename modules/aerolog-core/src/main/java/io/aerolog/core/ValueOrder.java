package io.aerolog.core;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Aerospike's order of values, as its server compares msgpack ({@code msgpack_cmp} in
 * {@code cf/src/msgpack_in.c}): first by type, NIL &lt; false &lt; true &lt; INTEGER &lt; STRING &lt; LIST &lt;
 * MAP &lt; BYTES &lt; DOUBLE &lt; GEOJSON &lt; HLL (an ext) &lt; INFINITY; then integers as signed numbers, doubles
 * numerically (-0.0 equals 0.0, as the server's {@code <} and {@code >} have it), strings (as UTF-8), bytes
 * and GeoJSON byte by byte and then by length, lists item by item and then by length, maps by size and
 * then entry by entry in their stored order. A WILDCARD met anywhere ends the whole comparison as
 * equal, as {@code msgpack_cmp_internal} returns at the first wildcard: {@code [1, *]} equals
 * {@code [1, 2, 3]}, which is what makes a wildcard a pattern for "the rest".
 *
 * <p>One deliberate difference: the server finds NaN neither less nor greater than any double, which
 * is not an order (a sort with it may fail); here NaN sorts after every other double and equals NaN.
 *
 * <p>Ordered lists, key-ordered maps, ranges, ranks and comparison expressions all use this order.
 */
public final class ValueOrder {
    /** Aerospike's order; not consistent with {@code equals} where wildcards take part. */
    public static final Comparator<Value> COMPARATOR = ValueOrder::compare;

    private ValueOrder() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with, or after {@code b}. */
    public static int compare(Value a, Value b) {
        int c = compareOrMatch(a, b);
        return c == WILDCARD_MATCH ? 0 : c;
    }

    /** A comparison that met a wildcard: the whole comparison is equal, however deep the wildcard was. */
    private static final int WILDCARD_MATCH = Integer.MIN_VALUE;

    private static int compareOrMatch(Value a, Value b) {
        if (a instanceof Value.WildcardValue || b instanceof Value.WildcardValue) {
            return WILDCARD_MATCH;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Value.IntegerValue x) {
            return Long.compare(x.value(), ((Value.IntegerValue) b).value());
        }
        if (a instanceof Value.DoubleValue x) {
            return compareDoubles(x.value(), ((Value.DoubleValue) b).value());
        }
        if (a instanceof Value.StringValue x) {
            return compareBytes(x.value().getBytes(StandardCharsets.UTF_8),
                    ((Value.StringValue) b).value().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof Value.BytesValue x) {
            return compareBytes(x.value(), ((Value.BytesValue) b).value());
        }
        if (a instanceof Value.GeoJsonValue x) {
            return compareBytes(x.json().getBytes(StandardCharsets.UTF_8),
                    ((Value.GeoJsonValue) b).json().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof Value.HllValue x) {
            return compareBytes(x.value(), ((Value.HllValue) b).value());
        }
        if (a instanceof Value.ListValue x) {
            return compareLists(x.items(), ((Value.ListValue) b).items());
        }
        if (a instanceof Value.MapValue x) {
            return compareMaps(x.entries(), ((Value.MapValue) b).entries());
        }
        return 0; // NIL, false, true, INFINITY: equal within their rank
    }

    /** The type's place in Aerospike's order; false and true are two places, as msgpack has two types. */
    private static int rank(Value v) {
        return switch (v.type()) {
            case NIL -> 1;
            case BOOL -> ((Value.BoolValue) v).value() ? 3 : 2;
            case INTEGER -> 4;
            case STRING -> 5;
            case LIST -> 6;
            case MAP -> 7;
            case BYTES -> 8;
            case DOUBLE -> 9;
            case GEOJSON -> 10;
            case HLL -> 11;
            case WILDCARD -> 12;
            case INFINITY -> 13;
        };
    }

    private static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0;
        }
        return Double.compare(a, b);
    }

    private static int compareLists(List<Value> a, List<Value> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareOrMatch(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareMaps(Map<Value, Value> a, Map<Value, Value> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        Iterator<Map.Entry<Value, Value>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<Value, Value>> ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            Map.Entry<Value, Value> ea = ia.next();
            Map.Entry<Value, Value> eb = ib.next();
            int c = compareOrMatch(ea.getKey(), eb.getKey());
            if (c == 0) {
                c = compareOrMatch(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Unsigned byte by byte, then the shorter first, as {@code memcmp} and a length. */
    private static int compareBytes(byte[] a, byte[] b) {
        int c = java.util.Arrays.compareUnsigned(a, b);
        return Integer.signum(c);
    }
}
