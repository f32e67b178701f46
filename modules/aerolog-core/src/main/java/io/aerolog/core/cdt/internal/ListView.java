package io.aerolog.core.cdt.internal;

import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.util.BitSet;
import java.util.List;

/**
 * A list's items and order as an operation reads them ({@code packed_list}). The rank of an item in
 * an unordered list is the number of items less than it; a sorted copy is made once to answer that
 * by binary search.
 */
final class ListView {
    private final List<Value> items;
    private final boolean ordered;
    private List<Value> sorted;

    ListView(List<Value> items, boolean ordered) {
        this.items = items;
        this.ordered = ordered;
    }

    List<Value> items() {
        return items;
    }

    boolean ordered() {
        return ordered;
    }

    int size() {
        return items.size();
    }

    Value get(int i) {
        return items.get(i);
    }

    /** The items not set in a mask, in order. */
    List<Value> without(BitSet mask) {
        return Values.without(items, mask);
    }

    /** The number of items less than {@code value}: an item's rank in an unordered list. */
    int countLess(Value value) {
        if (sorted == null) {
            sorted = Values.sortedCopy(items);
        }
        return Values.lowerBound(sorted, value);
    }

    /** Whether an item equals {@code value} in value order (a binary search of the sorted copy). */
    boolean contains(Value value) {
        int at = countLess(value);
        return at < sorted.size() && ValueOrder.compare(sorted.get(at), value) == 0;
    }

    /** Compares two items by index, in value order. */
    int compareAt(int a, int b) {
        return ValueOrder.compare(items.get(a), items.get(b));
    }

    Value.ListValue value(List<Value> newItems) {
        return new Value.ListValue(newItems, ordered);
    }
}
