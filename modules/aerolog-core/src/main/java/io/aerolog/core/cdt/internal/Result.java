package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.ElementReads;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What an operation returns and how ({@code cdt_result_data} and its builders in {@code cdt.c}): the
 * return type (Aerospike's {@code result_type_t}), the INVERTED flag, whether the operation selects
 * one element or many, and the value built. The builders are ported as the server writes them,
 * including the order in which a reversed index or rank range is listed.
 */
final class Result {
    static final int NONE = 0;
    static final int INDEX = 1;
    static final int REVERSE_INDEX = 2;
    static final int RANK = 3;
    static final int REVERSE_RANK = 4;
    static final int COUNT = ElementReads.RETURN_COUNT;
    static final int KEY = 6;
    static final int VALUE = 7;
    static final int KEY_VALUE = 8;
    static final int INDEX_RANGE = 9;
    static final int REVERSE_INDEX_RANGE = 10;
    static final int RANK_RANGE = 11;
    static final int REVERSE_RANK_RANGE = 12;
    static final int EXISTS = 13;
    static final int UNORDERED_MAP = 16;
    static final int ORDERED_MAP = 17;

    /** The return type's bits of the flags argument; the rest are flags. */
    private static final long TYPE_MASK = 0xffff;
    static final long INVERTED = 0x10000;

    int type;
    boolean inverted;
    boolean multi;
    private Value value;

    Result() {
        this.type = NONE;
    }

    /** Sets the return type and flags from an operation's argument ({@code result_data_set}). */
    void set(long returnType, boolean multi) {
        this.type = (int) (returnType & TYPE_MASK);
        this.inverted = (returnType & INVERTED) != 0;
        this.multi = multi;
    }

    /** Sets a fixed return type, as the list operations without a return type argument do. */
    void set(int type, boolean inverted, boolean multi) {
        this.type = type;
        this.inverted = inverted;
        this.multi = multi;
    }

    Value value() {
        return value;
    }

    void value(Value v) {
        this.value = v;
    }

    void integer(long v) {
        this.value = Value.of(v);
    }

    void bool(boolean v) {
        this.value = Value.of(v);
    }

    boolean isReturnMap() {
        return type == KEY_VALUE || type == UNORDERED_MAP || type == ORDERED_MAP;
    }

    boolean isReturnElements() {
        return type == KEY || type == VALUE || isReturnMap();
    }

    boolean isReturnIndex() {
        return type == INDEX || type == REVERSE_INDEX;
    }

    boolean isReturnIndexRange() {
        return type == INDEX_RANGE || type == REVERSE_INDEX_RANGE;
    }

    boolean isReturnRank() {
        return type == RANK || type == REVERSE_RANK;
    }

    boolean isReturnRankRange() {
        return type == RANK_RANGE || type == REVERSE_RANK_RANGE;
    }

    boolean isReverse() {
        return type == REVERSE_INDEX || type == REVERSE_RANK;
    }

    /** The map order a map return type carries on the wire ({@code result_map_type_to_map_flags}). */
    Value.MapOrder mapOrder() {
        return switch (type) {
            case KEY_VALUE -> Value.MapOrder.PRESERVE_ORDER;
            case ORDERED_MAP -> Value.MapOrder.KEY_ORDERED;
            default -> Value.MapOrder.UNORDERED;
        };
    }

    static AerologException notApplicable(String message) {
        return new AerologException(ResultCode.OP_NOT_APPLICABLE, message);
    }

    AerologException unsupportedType(String operation) {
        return notApplicable(operation + " does not return type " + type + (inverted ? " with INVERTED" : ""));
    }

    /** The answer for nothing selected ({@code result_data_set_not_found}); false for a type that has none. */
    boolean notFound(long index) {
        switch (type) {
            case NONE -> {
            }
            case REVERSE_INDEX_RANGE, INDEX_RANGE, RANK_RANGE, REVERSE_RANK_RANGE -> pair(index, 0);
            case INDEX, REVERSE_INDEX, RANK, REVERSE_RANK -> {
                if (multi) {
                    value = Value.ofList(List.of());
                } else {
                    integer(-1);
                }
            }
            case COUNT -> integer(0);
            case EXISTS -> bool(false);
            case KEY, VALUE -> {
                if (multi) {
                    value = Value.ofList(List.of());
                }
            }
            case KEY_VALUE, UNORDERED_MAP, ORDERED_MAP -> value = new Value.MapValue(new LinkedHashMap<>(), mapOrder());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A two-integer list ({@code result_data_set_list_int2x}). */
    void pair(long first, long second) {
        value = Value.ofList(List.of(Value.of(first), Value.of(second)));
    }

    /**
     * The answer for a contiguous run of indexes or ranks {@code start .. start + count} among
     * {@code size} ({@code result_data_set_index_rank_count}).
     */
    void indexRankCount(int start, int count, int size) {
        switch (type) {
            case NONE -> {
            }
            case COUNT -> integer(inverted ? size - count : count);
            case EXISTS -> bool(inverted ? count == 0 : count != 0);
            case INDEX, RANK, REVERSE_INDEX, REVERSE_RANK -> {
                boolean reverse = isReverse();
                if (!multi) {
                    integer(count == 0 ? -1 : reverse ? size - start - 1 : start);
                    return;
                }
                List<Value> out = new ArrayList<>();
                if (inverted) {
                    addRange(out, 0, start, size, reverse);
                    addRange(out, start + count, size - start - count, size, reverse);
                } else {
                    addRange(out, start, count, size, reverse);
                }
                value = Value.ofList(out);
            }
            default -> throw unsupportedType("this selection");
        }
    }

    /** The answer for a range of ranks or indexes ({@code result_data_set_range}). */
    void range(int start, int count, int size) {
        switch (type) {
            case NONE -> {
            }
            case COUNT, EXISTS, REVERSE_INDEX, REVERSE_RANK, INDEX, RANK -> indexRankCount(start, count, size);
            case REVERSE_INDEX_RANGE, REVERSE_RANK_RANGE, INDEX_RANGE, RANK_RANGE -> {
                if (inverted) {
                    throw unsupportedType("this selection");
                }
                int first = type == REVERSE_INDEX_RANGE || type == REVERSE_RANK_RANGE ? size - start - count : start;
                pair(first, count);
            }
            default -> throw unsupportedType("this selection");
        }
    }

    /**
     * Appends {@code start .. start + count}, or for a reversed type the mirrored run
     * {@code size - start - count ..} in ascending order ({@code cdt_container_builder_add_int_range}).
     */
    static void addRange(List<Value> out, int start, int count, int size, boolean reverse) {
        int first = reverse ? size - start - count : start;
        for (int i = 0; i < count; i++) {
            out.add(Value.of((long) first + i));
        }
    }

    /**
     * Indexes or ranks from (rank, count) pairs, optionally mapped through {@code map}
     * ({@code result_data_set_by_irc}); ignores INVERTED.
     */
    void byRankCounts(int[] pairs, int[] map, int size) {
        boolean reverse = isReverse();
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < pairs.length / 2; i++) {
            int count = pairs[2 * i + 1];
            if (count == 0) {
                continue;
            }
            int rank = pairs[2 * i];
            if (map != null) {
                for (int j = rank; j < rank + count; j++) {
                    addRange(out, map[j], 1, size, reverse);
                }
            } else {
                addRange(out, rank, count, size, reverse);
            }
        }
        value = Value.ofList(out);
    }

    /**
     * Ranks or indexes of the elements matched by a list of items, each item's run in the items'
     * order, or with INVERTED the runs between them ({@code result_data_set_by_itemlist_irc}).
     */
    void byItemRankCounts(int[] itemsOrder, int[] pairs, int size) {
        boolean reverse = isReverse();
        List<Value> out = new ArrayList<>();
        if (!inverted) {
            for (int i = 0; i < itemsOrder.length; i++) {
                int count = pairs[2 * i + 1];
                int rank = pairs[2 * i];
                for (int j = 0; j < count; j++) {
                    addRange(out, rank + j, 1, size, reverse);
                }
            }
        } else {
            int prev = 0;
            for (int item : itemsOrder) {
                int count = pairs[item * 2 + 1];
                if (count == 0) {
                    continue;
                }
                int index = pairs[item * 2];
                addRange(out, prev, index - prev, size, reverse);
                prev = index + count;
            }
            addRange(out, prev, size - prev, size, reverse);
        }
        value = Value.ofList(out);
    }

    /** The indexes set in a mask, or the first for one element ({@code result_data_set_int_list_by_mask}). */
    void indexesByMask(BitSet mask, int count, int size) {
        boolean reverse = isReverse();
        if (!multi) {
            int idx = mask.nextSetBit(0);
            if (idx < 0) {
                idx = size;
            }
            integer(reverse ? size - idx - 1 : idx);
            return;
        }
        List<Value> out = new ArrayList<>(count);
        int idx = 0;
        for (int i = 0; i < count; i++) {
            idx = mask.nextSetBit(idx);
            out.add(Value.of(reverse ? size - idx - 1 : (long) idx));
            idx++;
        }
        value = Value.ofList(out);
    }
}
