package io.aerolog.core.cdt.internal;

import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.util.List;

/**
 * Aerospike's arithmetic of indexes, ranks and counts ({@code calc_index_count},
 * {@code calc_rel_index_count} in {@code cdt.c}) and its binary search of a sorted sequence
 * ({@code order_index_find_rank_by_value}). Indexes arrive as signed 64-bit numbers and counts as
 * unsigned ones (a count of -1 is "all"), exactly as the server reads them.
 */
final class Positions {
    /** An absolute index and count inside a container. */
    record Range(int index, int count) {
    }

    /** What a search found: the rank it stopped at, and whether an equal element was met. */
    record Found(int result, boolean found) {
    }

    private Positions() {
    }

    /** A negative index counts from the end ({@code calc_index}). */
    static long absolute(long index, int size) {
        return index < 0 ? size + index : index;
    }

    /**
     * The range an index and count select among {@code size} elements ({@code calc_index_count}): for
     * one element an index out of range selects nothing (null); for many, the range is clipped.
     */
    static Range indexCount(long index, long count, int size, boolean multi) {
        if (multi) {
            if (index >= size) {
                return new Range(size, 0);
            }
            long idx = absolute(index, size);
            if (idx < 0) {
                long before = -idx;
                int clipped = 0;
                if (Long.compareUnsigned(before, count) < 0) {
                    long remaining = count + idx;
                    clipped = Long.compareUnsigned(remaining, size) > 0 ? size : (int) remaining;
                }
                return new Range(0, clipped);
            }
            return new Range((int) idx, countFrom((int) idx, count, size));
        }
        if (index >= size) {
            return null;
        }
        long idx = absolute(index, size);
        if (idx < 0) {
            return null;
        }
        return new Range((int) idx, countFrom((int) idx, count, size));
    }

    /** {@code calc_count}: the count clipped to the elements left after {@code index}. */
    private static int countFrom(int index, long count, int size) {
        return Long.compareUnsigned(count, size - index) >= 0 ? size - index : (int) count;
    }

    /**
     * An index and count relative to an element's index or rank ({@code calc_rel_index_count}): a
     * start before the first element shortens the count by as much.
     */
    static long[] relative(long index, long count, int relativeTo) {
        long start = index + relativeTo;
        long n = count;
        if (start < 0) {
            start = -start;
            n = Long.compareUnsigned(n, start) > 0 ? n - start : 0;
            start = 0;
        }
        return new long[] {start, n};
    }

    /**
     * Aerospike's binary search for {@code value} among {@code count} elements from {@code start}
     * of a sequence sorted in value order ({@code order_index_find_rank_by_value}); {@code order}
     * maps a rank to an element index (null for identity). {@code target} 0 finds the first equal
     * element, {@code size} the position after the last, and more than {@code size} any equal one.
     */
    static Found findRank(Value value, List<Value> elements, int[] order, int start, int count, int target) {
        int size = order != null ? order.length : elements.size();
        boolean found = false;
        if (size == 0 || count == 0) {
            return new Found(size, false);
        }
        int lower = start;
        int upper = start + count;
        int rank = start + count / 2;
        while (true) {
            int idx = order != null ? order[rank] : rank;
            int cmp = Integer.signum(ValueOrder.compare(value, elements.get(idx)));
            if (cmp == 0) {
                found = true;
                if (target > size) {
                    break;
                }
                if (target < idx) {
                    cmp = -1;
                } else if (target > idx) {
                    if (rank == upper - 1) {
                        rank++;
                        break;
                    }
                    cmp = 1;
                } else {
                    break;
                }
            }
            if (cmp > 0) {
                if (rank >= upper - 1) {
                    rank++;
                    break;
                }
                lower = rank + (found ? 0 : 1);
                rank = (rank + upper) / 2;
            } else {
                if (rank == lower) {
                    break;
                }
                upper = rank;
                rank = (rank + lower) / 2;
            }
        }
        return new Found(rank, found);
    }
}
