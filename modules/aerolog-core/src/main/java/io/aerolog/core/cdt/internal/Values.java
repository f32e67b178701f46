package io.aerolog.core.cdt.internal;

import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Small helpers over sequences of values shared by the list and map operations. */
final class Values {
    private Values() {
    }

    /** The elements not set in a mask, in order. */
    static List<Value> without(List<Value> elements, BitSet mask) {
        List<Value> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            if (!mask.get(i)) {
                out.add(elements.get(i));
            }
        }
        return out;
    }

    /** The elements set in a mask, in order. */
    static List<Value> selected(List<Value> elements, BitSet mask) {
        List<Value> out = new ArrayList<>();
        for (int i = mask.nextSetBit(0); i >= 0 && i < elements.size(); i = mask.nextSetBit(i + 1)) {
            out.add(elements.get(i));
        }
        return out;
    }

    /** Indexes {@code 0 .. n} sorted by value with a stable sort, ties in index order. */
    static int[] sortedOrder(List<Value> elements, boolean descending) {
        Integer[] idx = new Integer[elements.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = ValueOrder.compare(elements.get(a), elements.get(b));
            return descending ? -c : c;
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** The elements sorted in value order. */
    static List<Value> sortedCopy(List<Value> elements) {
        List<Value> sorted = new ArrayList<>(elements);
        sorted.sort(ValueOrder.COMPARATOR);
        return sorted;
    }

    /** The number of elements of a sorted list less than {@code value}. */
    static int lowerBound(List<Value> sorted, Value value) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ValueOrder.compare(sorted.get(mid), value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A mask with bits {@code 0 .. size} flipped. */
    static void invert(BitSet mask, int size) {
        mask.flip(0, size);
    }
}
