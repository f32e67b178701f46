package io.aerolog.client.cdt;

import io.aerolog.core.Operation;
import io.aerolog.core.Value;
import java.util.List;

/**
 * List operations for {@code AerologClient.operate}, as Aerospike's {@code ListOperation}: each builds the
 * operation Aerospike's Java client builds (the same payload), which goes over HTTP in the REST gateway's
 * JSON. Indexes and ranks count from the end when negative; {@code returnType} is a {@link ListReturnType}.
 */
public final class ListOperation {
    private static final int SET_TYPE = 0;
    private static final int APPEND = 1;
    private static final int APPEND_ITEMS = 2;
    private static final int INSERT = 3;
    private static final int INSERT_ITEMS = 4;
    private static final int POP = 5;
    private static final int POP_RANGE = 6;
    private static final int REMOVE = 7;
    private static final int REMOVE_RANGE = 8;
    private static final int SET = 9;
    private static final int TRIM = 10;
    private static final int CLEAR = 11;
    private static final int INCREMENT = 12;
    private static final int SORT = 13;
    private static final int SIZE = 16;
    private static final int GET = 17;
    private static final int GET_RANGE = 18;
    private static final int GET_BY_INDEX = 19;
    private static final int GET_BY_RANK = 21;
    private static final int GET_BY_VALUE = 22;
    private static final int GET_BY_VALUE_LIST = 23;
    private static final int GET_BY_INDEX_RANGE = 24;
    private static final int GET_BY_VALUE_INTERVAL = 25;
    private static final int GET_BY_RANK_RANGE = 26;
    private static final int GET_BY_VALUE_REL_RANK_RANGE = 27;
    private static final int REMOVE_BY_INDEX = 32;
    private static final int REMOVE_BY_RANK = 34;
    private static final int REMOVE_BY_VALUE = 35;
    private static final int REMOVE_BY_VALUE_LIST = 36;
    private static final int REMOVE_BY_INDEX_RANGE = 37;
    private static final int REMOVE_BY_VALUE_INTERVAL = 38;
    private static final int REMOVE_BY_RANK_RANGE = 39;
    private static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 40;

    private ListOperation() {
    }

    /** Creates the list at the context (or sets the bin's order when there is none). */
    public static Operation create(String bin, ListOrder order, boolean pad, CTX... ctx) {
        return Payload.create(bin, ctx, ctx == null || ctx.length == 0 ? 0 : order.flag(pad), SET_TYPE, order.attributes);
    }

    public static Operation setOrder(String bin, ListOrder order, CTX... ctx) {
        return Payload.modify(bin, ctx, SET_TYPE, order.attributes);
    }

    public static Operation append(String bin, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, APPEND, value);
    }

    public static Operation append(ListPolicy policy, String bin, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, APPEND, value, policy.order().attributes, policy.flags());
    }

    public static Operation appendItems(String bin, List<Value> list, CTX... ctx) {
        return Payload.modify(bin, ctx, APPEND_ITEMS, list);
    }

    public static Operation appendItems(ListPolicy policy, String bin, List<Value> list, CTX... ctx) {
        return Payload.modify(bin, ctx, APPEND_ITEMS, list, policy.order().attributes, policy.flags());
    }

    public static Operation insert(String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, INSERT, index, value);
    }

    public static Operation insert(ListPolicy policy, String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, INSERT, index, value, policy.flags());
    }

    public static Operation insertItems(String bin, int index, List<Value> list, CTX... ctx) {
        return Payload.modify(bin, ctx, INSERT_ITEMS, index, list);
    }

    public static Operation insertItems(ListPolicy policy, String bin, int index, List<Value> list, CTX... ctx) {
        return Payload.modify(bin, ctx, INSERT_ITEMS, index, list, policy.flags());
    }

    public static Operation increment(String bin, int index, CTX... ctx) {
        return Payload.modify(bin, ctx, INCREMENT, index);
    }

    public static Operation increment(String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, INCREMENT, index, value);
    }

    public static Operation increment(ListPolicy policy, String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, INCREMENT, index, value, policy.order().attributes, policy.flags());
    }

    public static Operation pop(String bin, int index, CTX... ctx) {
        return Payload.modify(bin, ctx, POP, index);
    }

    public static Operation popRange(String bin, int index, int count, CTX... ctx) {
        return Payload.modify(bin, ctx, POP_RANGE, index, count);
    }

    public static Operation popRange(String bin, int index, CTX... ctx) {
        return Payload.modify(bin, ctx, POP_RANGE, index);
    }

    public static Operation remove(String bin, int index, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE, index);
    }

    public static Operation removeRange(String bin, int index, int count, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_RANGE, index, count);
    }

    public static Operation removeRange(String bin, int index, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_RANGE, index);
    }

    public static Operation set(String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, SET, index, value);
    }

    public static Operation set(ListPolicy policy, String bin, int index, Value value, CTX... ctx) {
        return Payload.modify(bin, ctx, SET, index, value, policy.flags());
    }

    public static Operation trim(String bin, int index, int count, CTX... ctx) {
        return Payload.modify(bin, ctx, TRIM, index, count);
    }

    public static Operation clear(String bin, CTX... ctx) {
        return Payload.modify(bin, ctx, CLEAR);
    }

    /** {@code sortFlags}: {@link ListSortFlags}. */
    public static Operation sort(String bin, int sortFlags, CTX... ctx) {
        return Payload.modify(bin, ctx, SORT, sortFlags);
    }

    public static Operation size(String bin, CTX... ctx) {
        return Payload.read(bin, ctx, SIZE);
    }

    public static Operation get(String bin, int index, CTX... ctx) {
        return Payload.read(bin, ctx, GET, index);
    }

    public static Operation getRange(String bin, int index, int count, CTX... ctx) {
        return Payload.read(bin, ctx, GET_RANGE, index, count);
    }

    public static Operation getRange(String bin, int index, CTX... ctx) {
        return Payload.read(bin, ctx, GET_RANGE, index);
    }

    public static Operation getByIndex(String bin, int index, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_INDEX, returnType, index);
    }

    public static Operation getByIndexRange(String bin, int index, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_INDEX_RANGE, returnType, index);
    }

    public static Operation getByIndexRange(String bin, int index, int count, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_INDEX_RANGE, returnType, index, count);
    }

    public static Operation getByRank(String bin, int rank, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_RANK, returnType, rank);
    }

    public static Operation getByRankRange(String bin, int rank, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_RANK_RANGE, returnType, rank);
    }

    public static Operation getByRankRange(String bin, int rank, int count, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_RANK_RANGE, returnType, rank, count);
    }

    public static Operation getByValue(String bin, Value value, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE, returnType, value);
    }

    public static Operation getByValueList(String bin, List<Value> values, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_LIST, returnType, values);
    }

    /** Values in [begin, end); a null begin is the lowest, a null end no end. */
    public static Operation getByValueRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.read(bin, ctx, GET_BY_VALUE_INTERVAL, returnType, nil(begin))
                : Payload.read(bin, ctx, GET_BY_VALUE_INTERVAL, returnType, nil(begin), end);
    }

    public static Operation getByValueRelativeRankRange(String bin, Value value, int rank, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_REL_RANK_RANGE, returnType, value, rank);
    }

    public static Operation getByValueRelativeRankRange(String bin, Value value, int rank, int count, int returnType,
                                                        CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_REL_RANK_RANGE, returnType, value, rank, count);
    }

    public static Operation removeByIndex(String bin, int index, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_INDEX, returnType, index);
    }

    public static Operation removeByIndexRange(String bin, int index, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_INDEX_RANGE, returnType, index);
    }

    public static Operation removeByIndexRange(String bin, int index, int count, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_INDEX_RANGE, returnType, index, count);
    }

    public static Operation removeByRank(String bin, int rank, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_RANK, returnType, rank);
    }

    public static Operation removeByRankRange(String bin, int rank, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_RANK_RANGE, returnType, rank);
    }

    public static Operation removeByRankRange(String bin, int rank, int count, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_RANK_RANGE, returnType, rank, count);
    }

    public static Operation removeByValue(String bin, Value value, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE, returnType, value);
    }

    public static Operation removeByValueList(String bin, List<Value> values, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_LIST, returnType, values);
    }

    public static Operation removeByValueRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.modify(bin, ctx, REMOVE_BY_VALUE_INTERVAL, returnType, nil(begin))
                : Payload.modify(bin, ctx, REMOVE_BY_VALUE_INTERVAL, returnType, nil(begin), end);
    }

    public static Operation removeByValueRelativeRankRange(String bin, Value value, int rank, int returnType,
                                                           CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_REL_RANK_RANGE, returnType, value, rank);
    }

    public static Operation removeByValueRelativeRankRange(String bin, Value value, int rank, int count, int returnType,
                                                           CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_REL_RANK_RANGE, returnType, value, rank, count);
    }

    static Value nil(Value v) {
        return v == null ? Value.NIL : v;
    }
}
