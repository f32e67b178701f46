package io.aerolog.core.cdt.internal;

import java.util.function.IntBinaryOperator;

/**
 * Aerospike's selection of a rank range ({@code order_heap} in {@code cdt.c}), ported step for step
 * because its tie-breaking decides which of several equal elements a rank selects, and its layout the
 * order in which a list returns the selected values. A min-heap (or max-heap, whichever discards
 * fewer elements) is built over all element indexes; the elements up to the end of the range are
 * pulled off into the array's tail, so positions {@code filled .. filled + count} hold the range.
 */
final class OrderHeap {
    private final int[] heap;
    private final IntBinaryOperator compare;
    /** -1 for a min-heap, 1 for a max-heap: the comparison a parent wins with. */
    private final int direction;
    private int filled;

    private OrderHeap(int size, IntBinaryOperator compare, int direction) {
        this.heap = new int[size];
        this.compare = compare;
        this.direction = direction;
        for (int i = 0; i < size; i++) {
            heap[i] = i;
        }
        this.filled = size;
    }

    /**
     * The heap of {@code size} elements with ranks {@code rank .. rank + count} pulled to positions
     * {@code filled() ..}; {@code compare} compares two element indexes in value order
     * ({@code order_heap_init_build_by_range_temp}).
     */
    static OrderHeap byRange(int rank, int count, int size, IntBinaryOperator compare) {
        int tail = size - rank - count;
        boolean min = rank <= tail;
        OrderHeap heap = new OrderHeap(size, compare, min ? -1 : 1);
        heap.build();
        heap.orderAtEnd(count + (min ? rank : tail));
        return heap;
    }

    /** Whether this is a min-heap: the range then sits in the tail from its highest rank down. */
    boolean isMin() {
        return direction < 0;
    }

    int filled() {
        return filled;
    }

    /** The element index at a position of the heap's array. */
    int get(int position) {
        return heap[position];
    }

    /** Reverses positions {@code filled() .. filled() + count} ({@code order_heap_reverse_end}). */
    void reverseEnd(int count) {
        int i = filled;
        int j = filled + count - 1;
        while (i < j) {
            int t = heap[i];
            heap[i++] = heap[j];
            heap[j--] = t;
        }
    }

    private int cmp(int a, int b) {
        return Integer.signum(compare.applyAsInt(a, b));
    }

    private void heapify(int index) {
        while (true) {
            int child1 = 2 * index + 1;
            int child2 = 2 * index + 2;
            if (child1 >= filled) {
                return;
            }
            int child;
            if (child2 >= filled) {
                child = child1;
            } else {
                int c = cmp(heap[child1], heap[child2]);
                child = c == direction || c == 0 ? child1 : child2;
            }
            if (cmp(heap[child], heap[index]) != direction) {
                return;
            }
            int t = heap[index];
            heap[index] = heap[child];
            heap[child] = t;
            index = child;
        }
    }

    private void build() {
        for (int i = filled / 2 - 1; i >= 0; i--) {
            heapify(i);
        }
    }

    private void orderAtEnd(int count) {
        int end = filled - 1;
        for (int i = 0; i < count; i++) {
            int top = heap[0];
            filled--;
            heap[0] = heap[filled];
            heapify(0);
            heap[end--] = top;
        }
    }
}
