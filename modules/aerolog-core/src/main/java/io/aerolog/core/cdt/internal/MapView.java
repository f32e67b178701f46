package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A map's entries, in stored order, and its order, as an operation reads them ({@code packed_map}).
 * A key-ordered map (or an unordered one an operation has sorted, the server's "internal key order")
 * keeps its entries sorted by key. Sorted copies of the keys and of the value order are made once, for
 * index and rank answers by binary search.
 */
final class MapView {
    private final List<Value> keys;
    private final List<Value> values;
    private final Value.MapOrder order;
    private final boolean internalKeyOrder;
    private List<Value> sortedKeys;
    private int[] ranksByValue;

    MapView(List<Value> keys, List<Value> values, Value.MapOrder order, boolean internalKeyOrder) {
        this.keys = keys;
        this.values = values;
        this.order = order;
        this.internalKeyOrder = internalKeyOrder;
    }

    List<Value> keys() {
        return keys;
    }

    List<Value> values() {
        return values;
    }

    Value.MapOrder order() {
        return order;
    }

    static MapView of(Value.MapValue map) {
        List<Value> keys = new ArrayList<>(map.entries().size());
        List<Value> values = new ArrayList<>(map.entries().size());
        for (Map.Entry<Value, Value> e : map.entries().entrySet()) {
            keys.add(e.getKey());
            values.add(e.getValue());
        }
        return new MapView(keys, values, map.order(), false);
    }

    static MapView empty(Value.MapOrder order) {
        return new MapView(List.of(), List.of(), order, false);
    }

    /**
     * The order of a map's flag bits: persist-index (0x10) is accepted and has no effect here; the
     * value-ordered bit without the key-ordered one, which Aerospike's clients never send, is refused.
     */
    static Value.MapOrder order(int flags) {
        int bits = flags & Target.MAP_FLAGS_ORDER;
        if (bits == 2) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "map flags 0x" + Integer.toHexString(flags) + " are value-ordered without key-ordered, an order "
                            + "Aerospike's clients do not create");
        }
        return Value.MapOrder.ofFlags(bits);
    }

    int size() {
        return keys.size();
    }

    /** Whether entries are sorted by key ({@code map_is_k_ordered}). */
    boolean keyOrdered() {
        return order != Value.MapOrder.UNORDERED || internalKeyOrder;
    }

    /** The same entries sorted by key, as {@code packed_map_convert_to_iko} reads an unordered map. */
    MapView inKeyOrder() {
        if (order != Value.MapOrder.UNORDERED) {
            return this;
        }
        int[] idx = Values.sortedOrder(keys, false);
        List<Value> k = new ArrayList<>(idx.length);
        List<Value> v = new ArrayList<>(idx.length);
        for (int i : idx) {
            k.add(keys.get(i));
            v.add(values.get(i));
        }
        return new MapView(k, v, order, true);
    }

    /** A map value of these entries with this map's order. */
    Value.MapValue value(List<Value> newKeys, List<Value> newValues) {
        return build(newKeys, newValues, order);
    }

    /** This map without the entries set in a mask. */
    Value.MapValue without(BitSet mask) {
        return value(Values.without(keys, mask), Values.without(values, mask));
    }

    static Value.MapValue build(List<Value> keys, List<Value> values, Value.MapOrder order) {
        LinkedHashMap<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.put(keys.get(i), values.get(i));
        }
        return new Value.MapValue(entries, order);
    }

    /** Compares two entries by value and then by key ({@code packed_map_compare_values}). */
    int compareEntries(int a, int b) {
        int c = ValueOrder.compare(values.get(a), values.get(b));
        return c != 0 ? c : ValueOrder.compare(keys.get(a), keys.get(b));
    }

    /** Compares two entries by key ({@code packed_map_compare_key_by_idx}). */
    int compareKeys(int a, int b) {
        return ValueOrder.compare(keys.get(a), keys.get(b));
    }

    /** The number of keys less than {@code key}: a key's index in key order. */
    int countKeysLess(Value key) {
        if (sortedKeys == null) {
            sortedKeys = Values.sortedCopy(keys);
        }
        return Values.lowerBound(sortedKeys, key);
    }

    /** An entry's rank: the entries less by value, then by key ({@code packed_map_get_rank_by_idx}). */
    int rankOf(int idx) {
        int rank = 0;
        for (int i = 0; i < size(); i++) {
            if (compareEntries(i, idx) < 0) {
                rank++;
            }
        }
        return rank;
    }

    /**
     * Each entry's rank in a stable sort by value alone, ties in stored order: the value order index
     * the server builds to list ranks ({@code map_order_index_sort} by value).
     */
    int[] ranksByValue() {
        if (ranksByValue == null) {
            int[] order = Values.sortedOrder(values, false);
            ranksByValue = new int[order.length];
            for (int r = 0; r < order.length; r++) {
                ranksByValue[order[r]] = r;
            }
        }
        return ranksByValue;
    }
}
