package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value an operation is about to store, made what Aerospike's server stores
 * ({@code cdt_untrusted_rewrite} in {@code cdt.c}): no wildcard or infinity anywhere, map keys only
 * integers, strings and blobs ({@code map_is_key}), no key twice, and every unordered map, at any
 * depth, rewritten with its entries sorted by key (the server sorts an unordered map it receives out
 * of key order, and keeps it unordered). Ordered lists and key-ordered maps arrive sorted (the
 * decoder refuses them otherwise).
 */
final class Storage {
    private Storage() {
    }

    /** The value as the server would store it, or PARAMETER_ERROR. */
    static Value normalize(Value value) {
        if (value instanceof Value.WildcardValue || value instanceof Value.InfinityValue) {
            throw parameter("a wildcard or infinity cannot be stored; it is only a pattern or a range end");
        }
        if (value instanceof Value.ListValue list) {
            List<Value> items = new ArrayList<>(list.items().size());
            for (Value item : list.items()) {
                items.add(normalize(item));
            }
            return new Value.ListValue(items, list.ordered());
        }
        if (value instanceof Value.MapValue map) {
            List<Map.Entry<Value, Value>> entries = new ArrayList<>(map.entries().size());
            for (Map.Entry<Value, Value> e : map.entries().entrySet()) {
                if (!isKey(e.getKey())) {
                    throw parameter("a map key must be an integer, a string or bytes, not " + e.getKey().type());
                }
                entries.add(Map.entry(e.getKey(), normalize(e.getValue())));
            }
            entries.sort(Map.Entry.comparingByKey(ValueOrder.COMPARATOR));
            LinkedHashMap<Value, Value> sorted = new LinkedHashMap<>();
            Value previous = null;
            for (Map.Entry<Value, Value> e : entries) {
                if (previous != null && ValueOrder.compare(previous, e.getKey()) == 0) {
                    throw parameter("map key " + e.getKey() + " appears twice");
                }
                previous = e.getKey();
                sorted.put(e.getKey(), e.getValue());
            }
            Value.MapOrder order = map.order() == Value.MapOrder.PRESERVE_ORDER ? Value.MapOrder.UNORDERED : map.order();
            return new Value.MapValue(sorted, order);
        }
        return value;
    }

    /** Whether a value may be a map key ({@code map_is_key}): an integer, a string or bytes. */
    static boolean isKey(Value key) {
        return key instanceof Value.IntegerValue || key instanceof Value.StringValue || key instanceof Value.BytesValue;
    }

    /** Whether a wildcard or infinity appears anywhere in the value (the server's "non-storage"). */
    static boolean hasNonStorage(Value value) {
        if (value instanceof Value.WildcardValue || value instanceof Value.InfinityValue) {
            return true;
        }
        if (value instanceof Value.ListValue list) {
            for (Value item : list.items()) {
                if (hasNonStorage(item)) {
                    return true;
                }
            }
        } else if (value instanceof Value.MapValue map) {
            for (Map.Entry<Value, Value> e : map.entries().entrySet()) {
                if (hasNonStorage(e.getKey()) || hasNonStorage(e.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    static AerologException parameter(String message) {
        return new AerologException(ResultCode.PARAMETER_ERROR, message);
    }
}
