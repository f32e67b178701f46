package io.aerolog.client.cdt;

import io.aerolog.core.Operation;
import io.aerolog.core.Value;
import java.util.List;
import java.util.Map;

/**
 * Map operations for {@code AerologClient.operate}, as Aerospike's {@code MapOperation}: each builds the
 * operation Aerospike's Java client builds (the same payload). {@code returnType} is a {@link MapReturnType}.
 * Over HTTP, map keys in JSON objects are strings: a put of items with other keys is refused
 * (UNSUPPORTED_FEATURE) before it is sent; put them one by one.
 */
public final class MapOperation {
    private static final int SET_TYPE = 64;
    private static final int PUT = 67;
    private static final int PUT_ITEMS = 68;
    private static final int REPLACE = 69;
    private static final int REPLACE_ITEMS = 70;
    private static final int INCREMENT = 73;
    private static final int DECREMENT = 74;
    private static final int CLEAR = 75;
    private static final int REMOVE_BY_KEY = 76;
    private static final int REMOVE_BY_INDEX = 77;
    private static final int REMOVE_BY_RANK = 79;
    private static final int REMOVE_BY_KEY_LIST = 81;
    private static final int REMOVE_BY_VALUE = 82;
    private static final int REMOVE_BY_VALUE_LIST = 83;
    private static final int REMOVE_BY_KEY_INTERVAL = 84;
    private static final int REMOVE_BY_INDEX_RANGE = 85;
    private static final int REMOVE_BY_VALUE_INTERVAL = 86;
    private static final int REMOVE_BY_RANK_RANGE = 87;
    private static final int REMOVE_BY_KEY_REL_INDEX_RANGE = 88;
    private static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 89;
    private static final int SIZE = 96;
    private static final int GET_BY_KEY = 97;
    private static final int GET_BY_INDEX = 98;
    private static final int GET_BY_RANK = 100;
    private static final int GET_BY_VALUE = 102;
    private static final int GET_BY_KEY_INTERVAL = 103;
    private static final int GET_BY_INDEX_RANGE = 104;
    private static final int GET_BY_VALUE_INTERVAL = 105;
    private static final int GET_BY_RANK_RANGE = 106;
    private static final int GET_BY_KEY_LIST = 107;
    private static final int GET_BY_VALUE_LIST = 108;
    private static final int GET_BY_KEY_REL_INDEX_RANGE = 109;
    private static final int GET_BY_VALUE_REL_RANK_RANGE = 110;

    private MapOperation() {
    }

    /** Creates the map at the context (or sets the bin's order when there is none). */
    public static Operation create(String bin, MapOrder order, CTX... ctx) {
        return Payload.create(bin, ctx, ctx == null || ctx.length == 0 ? 0 : order.flag, SET_TYPE, order.attributes);
    }

    public static Operation setMapPolicy(MapPolicy policy, String bin, CTX... ctx) {
        return Payload.modify(bin, ctx, SET_TYPE, policy.order().attributes);
    }

    public static Operation put(MapPolicy policy, String bin, Value key, Value value, CTX... ctx) {
        if (policy.flags() != 0) {
            return Payload.modify(bin, ctx, PUT, key, value, policy.order().attributes, policy.flags());
        }
        if (policy.writeMode().itemCode == REPLACE) {
            return Payload.modify(bin, ctx, REPLACE, key, value);
        }
        return Payload.modify(bin, ctx, policy.writeMode().itemCode, key, value, policy.order().attributes);
    }

    public static Operation putItems(MapPolicy policy, String bin, Map<Value, Value> items, CTX... ctx) {
        if (policy.flags() != 0) {
            return Payload.modify(bin, ctx, PUT_ITEMS, items, policy.order().attributes, policy.flags());
        }
        if (policy.writeMode().itemsCode == REPLACE_ITEMS) {
            return Payload.modify(bin, ctx, REPLACE_ITEMS, items);
        }
        return Payload.modify(bin, ctx, policy.writeMode().itemsCode, items, policy.order().attributes);
    }

    public static Operation increment(MapPolicy policy, String bin, Value key, Value incr, CTX... ctx) {
        return Payload.modify(bin, ctx, INCREMENT, key, incr, policy.order().attributes);
    }

    public static Operation decrement(MapPolicy policy, String bin, Value key, Value decr, CTX... ctx) {
        return Payload.modify(bin, ctx, DECREMENT, key, decr, policy.order().attributes);
    }

    public static Operation clear(String bin, CTX... ctx) {
        return Payload.modify(bin, ctx, CLEAR);
    }

    public static Operation size(String bin, CTX... ctx) {
        return Payload.read(bin, ctx, SIZE);
    }

    public static Operation getByKey(String bin, Value key, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_KEY, returnType, key);
    }

    public static Operation getByKeyList(String bin, List<Value> keys, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_KEY_LIST, returnType, keys);
    }

    /** Keys in [begin, end); a null begin is the lowest, a null end no end. */
    public static Operation getByKeyRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.read(bin, ctx, GET_BY_KEY_INTERVAL, returnType, ListOperation.nil(begin))
                : Payload.read(bin, ctx, GET_BY_KEY_INTERVAL, returnType, ListOperation.nil(begin), end);
    }

    public static Operation getByKeyRelativeIndexRange(String bin, Value key, int index, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_KEY_REL_INDEX_RANGE, returnType, key, index);
    }

    public static Operation getByKeyRelativeIndexRange(String bin, Value key, int index, int count, int returnType,
                                                       CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_KEY_REL_INDEX_RANGE, returnType, key, index, count);
    }

    public static Operation getByValue(String bin, Value value, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE, returnType, value);
    }

    public static Operation getByValueList(String bin, List<Value> values, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_LIST, returnType, values);
    }

    public static Operation getByValueRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.read(bin, ctx, GET_BY_VALUE_INTERVAL, returnType, ListOperation.nil(begin))
                : Payload.read(bin, ctx, GET_BY_VALUE_INTERVAL, returnType, ListOperation.nil(begin), end);
    }

    public static Operation getByValueRelativeRankRange(String bin, Value value, int rank, int returnType, CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_REL_RANK_RANGE, returnType, value, rank);
    }

    public static Operation getByValueRelativeRankRange(String bin, Value value, int rank, int count, int returnType,
                                                        CTX... ctx) {
        return Payload.read(bin, ctx, GET_BY_VALUE_REL_RANK_RANGE, returnType, value, rank, count);
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

    public static Operation removeByKey(String bin, Value key, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_KEY, returnType, key);
    }

    public static Operation removeByKeyList(String bin, List<Value> keys, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_KEY_LIST, returnType, keys);
    }

    public static Operation removeByKeyRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.modify(bin, ctx, REMOVE_BY_KEY_INTERVAL, returnType, ListOperation.nil(begin))
                : Payload.modify(bin, ctx, REMOVE_BY_KEY_INTERVAL, returnType, ListOperation.nil(begin), end);
    }

    public static Operation removeByKeyRelativeIndexRange(String bin, Value key, int index, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_KEY_REL_INDEX_RANGE, returnType, key, index);
    }

    public static Operation removeByKeyRelativeIndexRange(String bin, Value key, int index, int count, int returnType,
                                                          CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_KEY_REL_INDEX_RANGE, returnType, key, index, count);
    }

    public static Operation removeByValue(String bin, Value value, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE, returnType, value);
    }

    public static Operation removeByValueList(String bin, List<Value> values, int returnType, CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_LIST, returnType, values);
    }

    public static Operation removeByValueRange(String bin, Value begin, Value end, int returnType, CTX... ctx) {
        return end == null ? Payload.modify(bin, ctx, REMOVE_BY_VALUE_INTERVAL, returnType, ListOperation.nil(begin))
                : Payload.modify(bin, ctx, REMOVE_BY_VALUE_INTERVAL, returnType, ListOperation.nil(begin), end);
    }

    public static Operation removeByValueRelativeRankRange(String bin, Value value, int rank, int returnType,
                                                           CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_REL_RANK_RANGE, returnType, value, rank);
    }

    public static Operation removeByValueRelativeRankRange(String bin, Value value, int rank, int count, int returnType,
                                                           CTX... ctx) {
        return Payload.modify(bin, ctx, REMOVE_BY_VALUE_REL_RANK_RANGE, returnType, value, rank, count);
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
}
