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

    /**
     * Indexes {@code 0 .. n} sorted by value as the server's {@code order_index_sort} sorts them:
     * glibc's {@code qsort}, a top-down merge sort that takes from the left half on ties. It is
     * stable, and with wildcards among the values (where the comparison is no order) it still ends,
     * in the server's order, where a library sort may refuse the comparison.
     */
    static int[] sortedOrder(List<Value> elements, boolean descending) {
        int n = elements.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n, elements, descending);
        return order;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int n, List<Value> elements, boolean descending) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        mergeSort(a, tmp, from, n1, elements, descending);
        mergeSort(a, tmp, from + n1, n - n1, elements, descending);
        int i = from;
        int iEnd = from + n1;
        int j = iEnd;
        int jEnd = from + n;
        int k = 0;
        while (i < iEnd && j < jEnd) {
            int c = ValueOrder.compare(elements.get(a[i]), elements.get(a[j]));
            if ((descending ? -c : c) <= 0) {
                tmp[k++] = a[i++];
            } else {
                tmp[k++] = a[j++];
            }
        }
        while (i < iEnd) {
            tmp[k++] = a[i++];
        }
        System.arraycopy(tmp, 0, a, from, k);
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
