package io.aerolog.core.cdt.internal;

import static io.aerolog.core.cdt.internal.Args.Kind.COUNT;
import static io.aerolog.core.cdt.internal.Args.Kind.FLAGS;
import static io.aerolog.core.cdt.internal.Args.Kind.INDEX;
import static io.aerolog.core.cdt.internal.Args.Kind.PAYLOAD;
import static io.aerolog.core.cdt.internal.Args.Kind.STORAGE;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import io.aerolog.core.cdt.ElementReads;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Aerospike's map operations ({@code particle_map.c}), on the map a {@link Target} holds. Each
 * function is the server function of the same name in Java. A map's index is its key order (for an
 * unordered map too), its rank the order of its values with keys breaking ties. Maps are read as the
 * server reads a map without a persisted value index: the persist-index flag is accepted and changes
 * nothing here.
 */
final class MapOperations {
    static final int SET_TYPE = 64;
    static final int ADD = 65;
    static final int ADD_ITEMS = 66;
    static final int PUT = 67;
    static final int PUT_ITEMS = 68;
    static final int REPLACE = 69;
    static final int REPLACE_ITEMS = 70;
    static final int INCREMENT = 73;
    static final int DECREMENT = 74;
    static final int CLEAR = 75;
    static final int REMOVE_BY_KEY = 76;
    static final int REMOVE_BY_INDEX = 77;
    static final int REMOVE_BY_VALUE = 78;
    static final int REMOVE_BY_RANK = 79;
    static final int REMOVE_BY_KEY_LIST = 81;
    static final int REMOVE_ALL_BY_VALUE = 82;
    static final int REMOVE_BY_VALUE_LIST = 83;
    static final int REMOVE_BY_KEY_INTERVAL = 84;
    static final int REMOVE_BY_INDEX_RANGE = 85;
    static final int REMOVE_BY_VALUE_INTERVAL = 86;
    static final int REMOVE_BY_RANK_RANGE = 87;
    static final int REMOVE_BY_KEY_REL_INDEX_RANGE = 88;
    static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 89;
    static final int SIZE = 96;
    static final int GET_BY_KEY = ElementReads.MAP_BY_KEY;
    static final int GET_BY_INDEX = 98;
    static final int GET_BY_VALUE = 99;
    static final int GET_BY_RANK = 100;
    static final int GET_ALL_BY_VALUE = ElementReads.MAP_ALL_BY_VALUE;
    static final int GET_BY_KEY_INTERVAL = ElementReads.MAP_BY_KEY_INTERVAL;
    static final int GET_BY_INDEX_RANGE = 104;
    static final int GET_BY_VALUE_INTERVAL = ElementReads.MAP_BY_VALUE_INTERVAL;
    static final int GET_BY_RANK_RANGE = 106;
    static final int GET_BY_KEY_LIST = 107;
    static final int GET_BY_VALUE_LIST = 108;
    static final int GET_BY_KEY_REL_INDEX_RANGE = 109;
    static final int GET_BY_VALUE_REL_RANK_RANGE = 110;

    /** Map write flags ({@code as_cdt_map_modify_flags}; the clients' CREATE_ONLY and UPDATE_ONLY). */
    static final long NO_OVERWRITE = 0x01;
    static final long NO_CREATE = 0x02;
    static final long NO_FAIL = 0x04;
    static final long DO_PARTIAL = 0x08;

    /** What a put may do ({@code map_add_control}). */
    private record Control(boolean overwrite, boolean create, boolean noFail, boolean partial) {
        static Control of(long modify) {
            return new Control((modify & NO_OVERWRITE) == 0, (modify & NO_CREATE) == 0, (modify & NO_FAIL) != 0,
                    (modify & DO_PARTIAL) != 0);
        }
    }

    /** Where a key is, or would go. */
    record KeyFind(boolean found, int idx) {
    }

    private MapOperations() {
    }

    /** The name of a map operation code, for messages. */
    static String name(int op) {
        return switch (op) {
            case SET_TYPE -> "MAP_SET_TYPE";
            case ADD -> "MAP_ADD";
            case ADD_ITEMS -> "MAP_ADD_ITEMS";
            case PUT -> "MAP_PUT";
            case PUT_ITEMS -> "MAP_PUT_ITEMS";
            case REPLACE -> "MAP_REPLACE";
            case REPLACE_ITEMS -> "MAP_REPLACE_ITEMS";
            case INCREMENT -> "MAP_INCREMENT";
            case DECREMENT -> "MAP_DECREMENT";
            case CLEAR -> "MAP_CLEAR";
            case REMOVE_BY_KEY -> "MAP_REMOVE_BY_KEY";
            case REMOVE_BY_INDEX -> "MAP_REMOVE_BY_INDEX";
            case REMOVE_BY_VALUE -> "MAP_REMOVE_BY_VALUE";
            case REMOVE_BY_RANK -> "MAP_REMOVE_BY_RANK";
            case REMOVE_BY_KEY_LIST -> "MAP_REMOVE_BY_KEY_LIST";
            case REMOVE_ALL_BY_VALUE -> "MAP_REMOVE_ALL_BY_VALUE";
            case REMOVE_BY_VALUE_LIST -> "MAP_REMOVE_BY_VALUE_LIST";
            case REMOVE_BY_KEY_INTERVAL -> "MAP_REMOVE_BY_KEY_INTERVAL";
            case REMOVE_BY_INDEX_RANGE -> "MAP_REMOVE_BY_INDEX_RANGE";
            case REMOVE_BY_VALUE_INTERVAL -> "MAP_REMOVE_BY_VALUE_INTERVAL";
            case REMOVE_BY_RANK_RANGE -> "MAP_REMOVE_BY_RANK_RANGE";
            case REMOVE_BY_KEY_REL_INDEX_RANGE -> "MAP_REMOVE_BY_KEY_REL_INDEX_RANGE";
            case REMOVE_BY_VALUE_REL_RANK_RANGE -> "MAP_REMOVE_BY_VALUE_REL_RANK_RANGE";
            case SIZE -> "MAP_SIZE";
            case GET_BY_KEY -> "MAP_GET_BY_KEY";
            case GET_BY_INDEX -> "MAP_GET_BY_INDEX";
            case GET_BY_VALUE -> "MAP_GET_BY_VALUE";
            case GET_BY_RANK -> "MAP_GET_BY_RANK";
            case GET_ALL_BY_VALUE -> "MAP_GET_ALL_BY_VALUE";
            case GET_BY_KEY_INTERVAL -> "MAP_GET_BY_KEY_INTERVAL";
            case GET_BY_INDEX_RANGE -> "MAP_GET_BY_INDEX_RANGE";
            case GET_BY_VALUE_INTERVAL -> "MAP_GET_BY_VALUE_INTERVAL";
            case GET_BY_RANK_RANGE -> "MAP_GET_BY_RANK_RANGE";
            case GET_BY_KEY_LIST -> "MAP_GET_BY_KEY_LIST";
            case GET_BY_VALUE_LIST -> "MAP_GET_BY_VALUE_LIST";
            case GET_BY_KEY_REL_INDEX_RANGE -> "MAP_GET_BY_KEY_REL_INDEX_RANGE";
            case GET_BY_VALUE_REL_RANK_RANGE -> "MAP_GET_BY_VALUE_REL_RANK_RANGE";
            default -> "map operation " + op;
        };
    }

    /** A map modify operation ({@code cdt_process_state_packed_map_modify_optype}). */
    static void modify(Target t, int op, List<Value> argv) {
        if (t.topLevel && t.inUse() && !(t.current() instanceof Value.MapValue)) {
            throw binType(op, t.current());
        }
        Result rd = t.result;
        String name = name(op);
        switch (op) {
            case SET_TYPE -> {
                Args a = Args.of(name, argv, 0, FLAGS);
                t.useEmptyMap(0);
                setFlags(t, (int) (a.integer(0) & 0xff));
            }
            case ADD -> {
                Args a = Args.of(name, argv, 1, STORAGE, STORAGE, FLAGS);
                t.useEmptyMap(a.integer(2, 0));
                add(t, a.value(0), a.value(1), new Control(false, true, false, false), true);
            }
            case ADD_ITEMS -> {
                Args a = Args.of(name, argv, 1, STORAGE, FLAGS);
                t.useEmptyMap(a.integer(1, 0));
                addItems(t, a.value(0), new Control(false, true, false, false));
            }
            case PUT -> {
                Args a = Args.of(name, argv, 2, STORAGE, STORAGE, FLAGS, FLAGS);
                t.useEmptyMap(a.integer(2, 0));
                add(t, a.value(0), a.value(1), Control.of(a.integer(3, 0)), true);
            }
            case PUT_ITEMS -> {
                Args a = Args.of(name, argv, 2, STORAGE, FLAGS, FLAGS);
                t.useEmptyMap(a.integer(1, 0));
                addItems(t, a.value(0), Control.of(a.integer(2, 0)));
            }
            case REPLACE -> {
                Args a = Args.of(name, argv, 0, STORAGE, STORAGE);
                t.useEmptyMap(0);
                add(t, a.value(0), a.value(1), new Control(true, false, false, false), true);
            }
            case REPLACE_ITEMS -> {
                if (!t.inUse()) {
                    throw new AerologException(ResultCode.ELEMENT_NOT_FOUND, "MAP_REPLACE_ITEMS needs an existing map");
                }
                Args a = Args.of(name, argv, 0, STORAGE);
                addItems(t, a.value(0), new Control(true, false, false, false));
            }
            case INCREMENT, DECREMENT -> {
                Args a = Args.of(name, argv, 2, PAYLOAD, PAYLOAD, FLAGS);
                t.useEmptyMap(a.integer(2, 0));
                increment(t, a.value(0), a.optional(1), op == DECREMENT);
            }
            case CLEAR -> {
                if (!t.inUse()) {
                    return;
                }
                t.write(Target.emptyMap(t.map().order().flags()));
            }
            case REMOVE_BY_KEY, REMOVE_BY_VALUE, REMOVE_ALL_BY_VALUE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, INDEX, PAYLOAD);
                rd.set(a.integer(0), op == REMOVE_ALL_BY_VALUE);
                if (op == REMOVE_BY_KEY) {
                    getRemoveByKeyInterval(t, t.map(), a.value(1), a.value(1), true);
                } else {
                    getRemoveByValueInterval(t, t.map(), a.value(1), a.value(1), true);
                }
            }
            case REMOVE_BY_INDEX, REMOVE_BY_RANK -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, INDEX, INDEX);
                rd.set(a.integer(0), false);
                if (op == REMOVE_BY_INDEX) {
                    getRemoveByIndexRange(t, t.map(), a.integer(1), 1);
                } else {
                    getRemoveByRankRange(t, t.map(), a.integer(1), 1);
                }
            }
            case REMOVE_BY_KEY_LIST, REMOVE_BY_VALUE_LIST -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, INDEX, PAYLOAD);
                rd.set(a.integer(0), true);
                if (op == REMOVE_BY_KEY_LIST) {
                    getRemoveAllByKeyList(t, t.map(), a.value(1));
                } else {
                    getRemoveAllByValueList(t, t.map(), a.value(1));
                }
            }
            case REMOVE_BY_KEY_INTERVAL, REMOVE_BY_VALUE_INTERVAL -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, INDEX, PAYLOAD, PAYLOAD);
                rd.set(a.integer(0), true);
                if (op == REMOVE_BY_KEY_INTERVAL) {
                    getRemoveByKeyInterval(t, t.map(), a.value(1), a.optional(2), false);
                } else {
                    getRemoveByValueInterval(t, t.map(), a.value(1), a.optional(2), false);
                }
            }
            case REMOVE_BY_INDEX_RANGE, REMOVE_BY_RANK_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, INDEX, INDEX, COUNT);
                rd.set(a.integer(0), true);
                if (op == REMOVE_BY_INDEX_RANGE) {
                    getRemoveByIndexRange(t, t.map(), a.integer(1), a.integer(2, Args.ALL));
                } else {
                    getRemoveByRankRange(t, t.map(), a.integer(1), a.integer(2, Args.ALL));
                }
            }
            case REMOVE_BY_KEY_REL_INDEX_RANGE, REMOVE_BY_VALUE_REL_RANK_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, INDEX, PAYLOAD, INDEX, COUNT);
                rd.set(a.integer(0), true);
                if (op == REMOVE_BY_KEY_REL_INDEX_RANGE) {
                    getRemoveByRelIndexRange(t, t.map(), a.value(1), a.integer(2), a.integer(3, Args.ALL));
                } else {
                    getRemoveByRelRankRange(t, t.map(), a.value(1), a.integer(2), a.integer(3, Args.ALL));
                }
            }
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, name + " is not a map modify operation");
        }
    }

    /** A map read operation ({@code cdt_process_state_packed_map_read_optype}). */
    static void read(Target t, int op, List<Value> argv) {
        if (t.topLevel && !(t.current() instanceof Value.MapValue)) {
            throw binType(op, t.current());
        }
        MapView map = t.map();
        Result rd = t.result;
        String name = name(op);
        switch (op) {
            case SIZE -> rd.integer(map.size());
            case GET_BY_KEY, GET_BY_VALUE, GET_ALL_BY_VALUE -> {
                Args a = Args.of(name, argv, 0, INDEX, PAYLOAD);
                rd.set(a.integer(0), op == GET_ALL_BY_VALUE);
                if (op == GET_BY_KEY) {
                    getRemoveByKeyInterval(t, map, a.value(1), a.value(1), true);
                } else {
                    getRemoveByValueInterval(t, map, a.value(1), a.value(1), true);
                }
            }
            case GET_BY_INDEX, GET_BY_RANK -> {
                Args a = Args.of(name, argv, 0, INDEX, INDEX);
                rd.set(a.integer(0), false);
                if (op == GET_BY_INDEX) {
                    getRemoveByIndexRange(t, map, a.integer(1), 1);
                } else {
                    getRemoveByRankRange(t, map, a.integer(1), 1);
                }
            }
            case GET_BY_KEY_INTERVAL, GET_BY_VALUE_INTERVAL -> {
                Args a = Args.of(name, argv, 1, INDEX, PAYLOAD, PAYLOAD);
                rd.set(a.integer(0), true);
                if (op == GET_BY_KEY_INTERVAL) {
                    getRemoveByKeyInterval(t, map, a.value(1), a.optional(2), false);
                } else {
                    getRemoveByValueInterval(t, map, a.value(1), a.optional(2), false);
                }
            }
            case GET_BY_INDEX_RANGE, GET_BY_RANK_RANGE -> {
                Args a = Args.of(name, argv, 1, INDEX, INDEX, COUNT);
                rd.set(a.integer(0), true);
                if (op == GET_BY_INDEX_RANGE) {
                    getRemoveByIndexRange(t, map, a.integer(1), a.integer(2, Args.ALL));
                } else {
                    getRemoveByRankRange(t, map, a.integer(1), a.integer(2, Args.ALL));
                }
            }
            case GET_BY_KEY_LIST, GET_BY_VALUE_LIST -> {
                Args a = Args.of(name, argv, 0, INDEX, PAYLOAD);
                rd.set(a.integer(0), true);
                if (op == GET_BY_KEY_LIST) {
                    getRemoveAllByKeyList(t, map, a.value(1));
                } else {
                    getRemoveAllByValueList(t, map, a.value(1));
                }
            }
            case GET_BY_KEY_REL_INDEX_RANGE, GET_BY_VALUE_REL_RANK_RANGE -> {
                Args a = Args.of(name, argv, 1, INDEX, PAYLOAD, INDEX, COUNT);
                rd.set(a.integer(0), true);
                if (op == GET_BY_KEY_REL_INDEX_RANGE) {
                    getRemoveByRelIndexRange(t, map, a.value(1), a.integer(2), a.integer(3, Args.ALL));
                } else {
                    getRemoveByRelRankRange(t, map, a.value(1), a.integer(2), a.integer(3, Args.ALL));
                }
            }
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, name + " is not a map read operation");
        }
    }

    private static AerologException binType(int op, Value bin) {
        return new AerologException(ResultCode.BIN_TYPE_ERROR, name(op) + " needs a map, not "
                + (bin == null ? "nothing" : bin.type()));
    }

    // ---- modify operations ----

    /** {@code map_set_flags}: a map becomes key-ordered (sorted), key-value-ordered or unordered. */
    private static void setFlags(Target t, int flags) {
        MapView map = t.map();
        if ((flags & ~(Target.MAP_FLAGS_ORDER | Target.FLAG_PERSIST_INDEX)) != 0) {
            throw Result.notApplicable("map flags 0x" + Integer.toHexString(flags)
                    + " are not 0 (unordered), 1 (key-ordered) or 3 (key-value-ordered), with 0x10 (persist index)");
        }
        Value.MapOrder order = MapView.order(flags);
        MapView entries = map.size() > 1 ? map.inKeyOrder() : map;
        t.write(MapView.build(entries.keys(), entries.values(), order));
    }

    /** {@code map_add}: one entry put, added or replaced as the control allows; returns the new size. */
    private static void add(Target t, Value ukey, Value uvalue, Control control, boolean setResult) {
        Value key = Storage.normalize(ukey);
        Value value = Storage.normalize(uvalue);
        if (!Storage.isKey(key)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a map key must be an integer, a string or bytes, not "
                    + key.type());
        }
        MapView map = t.map();
        int n = map.size();
        KeyFind f = map.keyOrdered() ? findKeyIndexed(map, key) : findKeyMaybeUnordered(map, key);
        if (f.found() && !control.overwrite()) {
            if (control.noFail()) {
                if (setResult) {
                    t.result.integer(n);
                }
                return;
            }
            throw new AerologException(ResultCode.ELEMENT_EXISTS, "map key " + key + " exists (CREATE_ONLY)");
        }
        if (!f.found() && !control.create()) {
            if (control.noFail()) {
                if (setResult) {
                    t.result.integer(n);
                }
                return;
            }
            throw new AerologException(ResultCode.ELEMENT_NOT_FOUND, "map key " + key + " does not exist (UPDATE_ONLY)");
        }
        List<Value> keys = new ArrayList<>(map.keys());
        List<Value> values = new ArrayList<>(map.values());
        if (f.found()) {
            values.set(f.idx(), value);
        } else {
            keys.add(f.idx(), key);
            values.add(f.idx(), value);
        }
        t.write(map.value(keys, values));
        if (setResult) {
            t.result.integer(keys.size());
        }
    }

    /** {@code map_increment}: adds to a number in the map (or puts the delta) and returns the sum. */
    private static void increment(Target t, Value key, Value delta, boolean decrement) {
        MapView map = t.map();
        KeyFind f = findKey(map, key);
        Delta d = Delta.of(delta, decrement);
        Value sum = d.add(f.found() ? map.values().get(f.idx()) : null);
        t.result.value(sum);
        add(t, key, sum, new Control(true, true, false, false), false);
    }

    /**
     * {@code map_add_items}: entries put as the control allows; the map is rewritten in key order
     * (an unordered map too, as the server sorts it first). Returns the new size.
     */
    private static void addItems(Target t, Value itemsArg, Control control) {
        Value items = Storage.normalize(itemsArg);
        if (!(items instanceof Value.MapValue m)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "map items must be a map, not " + items.type());
        }
        MapView map = t.map().inKeyOrder();
        if (m.entries().isEmpty()) {
            t.result.integer(map.size());
            t.createIfTriggered(false);
            return;
        }
        MapView vals = MapView.of(m).inKeyOrder();
        addItemsOrdered(t, map, vals.keys(), vals.values(), control);
    }

    /** {@code map_add_items_ordered}: sorted entries merged into a map in key order. */
    private static void addItemsOrdered(Target t, MapView map, List<Value> vkeys, List<Value> vvalues,
                                        Control control) {
        int n = map.size();
        int m = vkeys.size();
        if (n == 0) {
            if (!control.create()) {
                if (!control.noFail()) {
                    throw new AerologException(ResultCode.ELEMENT_NOT_FOUND, "the map is empty: no key to update (UPDATE_ONLY)");
                }
                if (!control.partial()) {
                    t.result.integer(n);
                    return;
                }
            }
            t.write(map.value(vkeys, vvalues));
            t.result.integer(m);
            return;
        }
        boolean[] skip = new boolean[m];
        int[] insertAt = new int[m];
        BitSet replaced = new BitSet(n);
        int skipped = 0;
        for (int i = 0; i < m; i++) {
            KeyFind f = findKeyIndexed(map, vkeys.get(i));
            boolean refused = f.found() ? !control.overwrite() : !control.create();
            if (refused) {
                if (!control.noFail()) {
                    throw f.found()
                            ? new AerologException(ResultCode.ELEMENT_EXISTS, "map key " + vkeys.get(i) + " exists (CREATE_ONLY)")
                            : new AerologException(ResultCode.ELEMENT_NOT_FOUND, "map key " + vkeys.get(i)
                                    + " does not exist (UPDATE_ONLY)");
                }
                if (!control.partial()) {
                    t.result.integer(n);
                    return;
                }
                skip[i] = true;
                skipped++;
                continue;
            }
            if (f.found()) {
                replaced.set(f.idx());
            }
            insertAt[i] = f.idx();
        }
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < m; i++) {
            if (skip[i]) {
                continue;
            }
            int index = insertAt[i];
            if (start < index) {
                keys.addAll(map.keys().subList(start, index));
                values.addAll(map.values().subList(start, index));
                start = index < n && replaced.get(index) ? index + 1 : index;
            } else if (index < n && start == index && replaced.get(index)) {
                start = index + 1;
            }
            keys.add(vkeys.get(i));
            values.add(vvalues.get(i));
        }
        keys.addAll(map.keys().subList(start, n));
        values.addAll(map.values().subList(start, n));
        t.write(map.value(keys, values));
        t.result.integer(n - replaced.cardinality() + m - skipped);
    }

    // ---- selections ----

    /** {@code packed_map_get_remove_by_key_interval}: keys from {@code start} up to {@code end} (null: no end). */
    static void getRemoveByKeyInterval(Target t, MapView map, Value start, Value end, boolean single) {
        Result rd = t.result;
        int n = map.size();
        if (rd.isReturnRankRange()) {
            throw rd.unsupportedType("a map key selection");
        }
        if (map.keyOrdered()) {
            int[] ic = rangeByKeyOrdered(map, start, end, single);
            if (ic[1] == 0 && !rd.multi) {
                if (!keyNotFound(rd, -1)) {
                    throw rd.unsupportedType("a map key selection");
                }
                return;
            }
            getRemoveByIndexRange(t, map, ic[0], ic[1]);
            return;
        }
        if (rd.inverted && !rd.multi) {
            throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
        }
        if (single) {
            KeyFind f = findKey(map, start);
            if (!f.found()) {
                if (!keyNotFound(rd, -1)) {
                    throw rd.unsupportedType("a map key selection");
                }
                return;
            }
            if (t.modify) {
                BitSet one = new BitSet(n);
                one.set(f.idx());
                t.write(map.without(one));
            }
            resultByKey(t, map, start, f.idx());
            return;
        }
        BitSet mask = new BitSet(n);
        int index = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            Value key = map.keys().get(i);
            if (ValueOrder.compare(key, start) < 0) {
                index++;
            } else if (end == null || ValueOrder.compare(key, end) < 0) {
                mask.set(i);
                count++;
            }
        }
        int removed = count;
        if (rd.inverted) {
            removed = n - count;
            Values.invert(mask, n);
        }
        if (t.modify && removed != 0) {
            t.write(map.without(mask));
        }
        if (rd.isReturnElements()) {
            elementsByMask(t, map, mask, removed);
        } else if (rd.isReturnRank()) {
            ranksByMask(t, map, mask, removed);
        } else {
            rd.range(index, count, n);
        }
    }

    /** {@code packed_map_get_remove_by_index_range}: indexes in key order. */
    static void getRemoveByIndexRange(Target t, MapView map, long index, long count) {
        Result rd = t.result;
        int n = map.size();
        Positions.Range r = Positions.indexCount(index, count, n, rd.multi);
        if (r == null) {
            throw Result.notApplicable("index " + index + " is out of bounds for a map of " + n);
        }
        if (rd.isReturnRankRange()) {
            throw rd.unsupportedType("a map index range");
        }
        int uindex = r.index();
        int count32 = r.count();
        if (rd.inverted) {
            if (!rd.multi) {
                throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
            }
            rd.inverted = false;
            if (count32 == 0) {
                uindex = 0;
                count32 = n;
            } else if (uindex == 0) {
                uindex = count32;
                count32 = n - count32;
            } else if (uindex + count32 >= n) {
                count32 = uindex;
                uindex = 0;
            } else if (map.keyOrdered()) {
                trimOrdered(t, map, uindex, count32);
                return;
            } else {
                rd.inverted = true;
            }
        }
        if (count32 == 0) {
            if (!keyNotFound(rd, uindex)) {
                throw rd.unsupportedType("a map index range");
            }
            return;
        }
        if (count32 == n) {
            getRemoveAll(t, map);
            return;
        }
        if (map.keyOrdered()) {
            if (t.modify) {
                BitSet range = new BitSet(n);
                range.set(uindex, uindex + count32);
                t.write(map.without(range));
            }
            if (rd.isReturnElements()) {
                elementsByIndexRange(t, map, uindex, count32);
            } else if (rd.isReturnRank()) {
                ranksByIndexRange(t, map, uindex, count32);
            } else {
                rd.range(uindex, count32, n);
            }
            return;
        }
        OrderHeap heap = OrderHeap.byRange(uindex, count32, n, map::compareKeys);
        boolean inverted = rd.inverted;
        int removed = inverted ? n - count32 : count32;
        BitSet mask = heapMask(heap, count32, inverted, n);
        if (t.modify && removed != 0) {
            t.write(map.without(mask));
        }
        switch (rd.type) {
            case Result.RANK, Result.REVERSE_RANK -> {
                if (inverted) {
                    ranksByMask(t, map, mask, removed);
                } else {
                    ranksByIndexes(t, map, heapOrder(heap, count32));
                }
            }
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP -> {
                if (inverted) {
                    elementsByMask(t, map, mask, removed);
                } else {
                    elementsByIndexes(t, map, heapOrder(heap, count32));
                }
            }
            default -> rd.range(uindex, count32, n);
        }
    }

    /** {@code packed_map_trim_ordered}: keeps indexes {@code index .. index + count}, answers for the rest. */
    private static void trimOrdered(Target t, MapView map, int index, int count) {
        Result rd = t.result;
        int n = map.size();
        int removed = n - count;
        int end = index + count;
        if (t.modify) {
            t.write(map.value(map.keys().subList(index, end), map.values().subList(index, end)));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.COUNT -> rd.integer(removed);
            case Result.EXISTS -> rd.bool(removed != 0);
            case Result.INDEX, Result.REVERSE_INDEX -> {
                boolean reverse = rd.type == Result.REVERSE_INDEX;
                List<Value> out = new ArrayList<>(removed);
                Result.addRange(out, 0, index, n, reverse);
                Result.addRange(out, end, n - end, n, reverse);
                rd.value(Value.ofList(out));
            }
            case Result.RANK, Result.REVERSE_RANK -> {
                rd.inverted = true;
                ranksByIndexRange(t, map, index, count);
            }
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP -> {
                rd.inverted = true;
                elementsByIndexRange(t, map, index, count);
            }
            default -> throw rd.unsupportedType("a map trim");
        }
    }

    /** {@code packed_map_get_remove_all}: every entry. */
    private static void getRemoveAll(Target t, MapView map) {
        Result rd = t.result;
        int n = map.size();
        if (t.modify) {
            t.write(Target.emptyMap(map.order().flags()));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.REVERSE_INDEX, Result.REVERSE_RANK, Result.INDEX, Result.RANK -> {
                if (!rd.multi) {
                    rd.integer(0);
                } else {
                    List<Value> out = new ArrayList<>(n);
                    Result.addRange(out, 0, n, n, rd.isReverse());
                    rd.value(Value.ofList(out));
                }
            }
            case Result.COUNT -> rd.integer(n);
            case Result.EXISTS -> rd.bool(n != 0);
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP ->
                    elementsByIndexRange(t, map, 0, n);
            case Result.INDEX_RANGE, Result.REVERSE_INDEX_RANGE, Result.RANK_RANGE, Result.REVERSE_RANK_RANGE ->
                    rd.pair(0, n);
            default -> throw rd.unsupportedType("a whole map");
        }
    }

    /**
     * {@code packed_map_get_remove_by_value_interval}: values from {@code start} up to {@code end}
     * (null: no end); {@code single} selects values equal to {@code start}.
     */
    static void getRemoveByValueInterval(Target t, MapView map, Value start, Value end, boolean single) {
        Result rd = t.result;
        int n = map.size();
        if (rd.isReturnIndexRange()) {
            throw rd.unsupportedType("a map value selection");
        }
        if (rd.inverted && !rd.multi) {
            throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
        }
        if (n == 0) {
            if (!valueNotFound(rd, -1)) {
                throw rd.unsupportedType("a map value selection");
            }
            return;
        }
        boolean wantRank = rd.isReturnRank() || rd.isReturnRankRange();
        int rank = 0;
        int count = 0;
        int idx = -1;
        BitSet mask = new BitSet(n);
        for (int i = 0; i < n; i++) {
            Value v = map.values().get(i);
            int cmpStart = ValueOrder.compare(v, start);
            if (cmpStart < 0) {
                rank++;
            } else if (!single) {
                if (end == null || ValueOrder.compare(v, end) < 0) {
                    mask.set(i);
                    count++;
                }
            } else if (cmpStart == 0) {
                if (!rd.multi) {
                    if (count == 0) {
                        idx = i;
                        count = 1;
                        if (!wantRank) {
                            break;
                        }
                    }
                    continue;
                }
                mask.set(i);
                count++;
            }
        }
        if (count == 0) {
            if (rd.inverted) {
                rd.inverted = false;
                getRemoveAll(t, map);
                return;
            }
            if (!valueNotFound(rd, rank)) {
                throw rd.unsupportedType("a map value selection");
            }
            return;
        }
        if (!rd.multi) {
            mask.clear();
            mask.set(idx);
            count = 1;
        }
        int removed = count;
        if (rd.inverted) {
            Values.invert(mask, n);
            removed = n - count;
        }
        if (t.modify && removed != 0) {
            t.write(map.without(mask));
        }
        if (rd.isReturnElements()) {
            elementsByMask(t, map, mask, removed);
        } else if (rd.isReturnIndex()) {
            indexesByMask(t, map, mask, removed);
        } else {
            rd.range(rank, count, n);
        }
    }

    /** {@code packed_map_get_remove_by_rank_range}: ranks in value order, keys breaking ties. */
    static void getRemoveByRankRange(Target t, MapView map, long rank, long count) {
        Result rd = t.result;
        int n = map.size();
        Positions.Range r = Positions.indexCount(rank, count, n, rd.multi);
        if (r == null) {
            throw Result.notApplicable("rank " + rank + " is out of bounds for a map of " + n);
        }
        if (rd.isReturnIndexRange()) {
            throw rd.unsupportedType("a map rank range");
        }
        int urank = r.index();
        int count32 = r.count();
        if (rd.inverted) {
            if (!rd.multi) {
                throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
            }
            rd.inverted = false;
            if (count32 == 0) {
                urank = 0;
                count32 = n;
            } else if (urank == 0) {
                urank = count32;
                count32 = n - count32;
            } else if (urank + count32 >= n) {
                count32 = urank;
                urank = 0;
            } else {
                rd.inverted = true;
            }
        }
        if (count32 == 0) {
            if (!valueNotFound(rd, urank)) {
                throw rd.unsupportedType("a map rank range");
            }
            return;
        }
        boolean inverted = rd.inverted;
        int removed = inverted ? n - count32 : count32;
        boolean byMask = inverted || rd.type == Result.ORDERED_MAP;
        OrderHeap heap = OrderHeap.byRange(urank, count32, n, map::compareEntries);
        BitSet mask = heapMask(heap, count32, inverted, n);
        if (!byMask) {
            if (rd.isReturnIndex()) {
                indexesByIndexes(t, map, heapOrder(heap, count32));
            } else if (rd.isReturnElements()) {
                elementsByIndexes(t, map, heapOrder(heap, count32));
            }
        }
        if (t.modify && removed != 0) {
            t.write(map.without(mask));
        }
        switch (rd.type) {
            case Result.NONE, Result.COUNT, Result.EXISTS, Result.RANK, Result.REVERSE_RANK ->
                    rd.indexRankCount(urank, count32, n);
            case Result.INDEX, Result.REVERSE_INDEX -> {
                if (inverted) {
                    indexesByMask(t, map, mask, removed);
                }
            }
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP -> {
                if (byMask) {
                    elementsByMask(t, map, mask, removed);
                }
            }
            case Result.RANK_RANGE, Result.REVERSE_RANK_RANGE -> rd.range(urank, removed, n);
            default -> throw rd.unsupportedType("a map rank range");
        }
    }

    /** {@code packed_map_get_remove_all_by_key_list}: the entries whose key is one of the items. */
    static void getRemoveAllByKeyList(Target t, MapView map, Value itemsArg) {
        Result rd = t.result;
        List<Value> items = ListOperations.paramList(itemsArg);
        if (items.isEmpty()) {
            if (rd.isReturnRank() || rd.isReturnIndexRange() || rd.isReturnRankRange()) {
                throw rd.unsupportedType("a map key-list selection");
            }
            if (!rd.inverted) {
                keyNotFound(rd, 0);
                return;
            }
            rd.inverted = false;
            getRemoveAll(t, map);
            return;
        }
        if (map.keyOrdered()) {
            keyListOrdered(t, map, items);
        } else {
            keyListUnordered(t, map, items);
        }
    }

    /** {@code packed_map_get_remove_all_by_key_list_ordered}; a key with a wildcard matches a run of keys. */
    private static void keyListOrdered(Target t, MapView map, List<Value> items) {
        Result rd = t.result;
        int n = map.size();
        int m = items.size();
        boolean needMask = t.modify || rd.isReturnElements() || rd.type == Result.COUNT
                || rd.inverted && rd.type != Result.NONE;
        boolean exitEarly = !needMask && rd.type == Result.EXISTS;
        int[] pairs = new int[2 * m];
        long found = 0;
        for (int i = 0; i < m; i++) {
            Value key = items.get(i);
            int rank;
            int count;
            if (Storage.hasNonStorage(key)) {
                Positions.Found first = Positions.findRank(key, map.keys(), null, 0, n, 0);
                rank = first.result();
                count = first.found() ? Positions.findRank(key, map.keys(), null, rank, n - rank, n).result() - rank : 0;
            } else {
                KeyFind f = findKey(map, key);
                rank = f.idx();
                count = f.found() ? 1 : 0;
            }
            pairs[2 * i] = rank;
            pairs[2 * i + 1] = count;
            found += count;
            if (exitEarly && count != 0) {
                break;
            }
        }
        if (rd.isReturnIndex() && !rd.inverted) {
            ListOperations.checkAnswerSize(found);
        }
        BitSet mask = null;
        int removed = rd.type == Result.EXISTS ? (int) Math.min(found, Integer.MAX_VALUE) : 0;
        if (needMask) {
            mask = ListOperations.maskOfRuns(pairs, rd.inverted, n);
            removed = mask.cardinality();
        }
        if (t.modify && removed != 0) {
            t.write(map.without(mask));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.REVERSE_INDEX, Result.INDEX -> {
                if (rd.inverted) {
                    rd.indexesByMask(mask, removed, n);
                } else {
                    rd.byRankCounts(pairs, null, n);
                }
            }
            case Result.COUNT -> rd.integer(removed);
            case Result.EXISTS -> rd.bool(removed != 0);
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP ->
                    elementsByMask(t, map, mask, removed);
            default -> throw rd.unsupportedType("a key-ordered map's key-list selection");
        }
    }

    /** {@code packed_map_get_remove_all_by_key_list_unordered}. */
    private static void keyListUnordered(Target t, MapView map, List<Value> items) {
        Result rd = t.result;
        int n = map.size();
        boolean exitEarly = !t.modify && !rd.inverted && rd.type == Result.EXISTS;
        ListOperations.FoundItems f = ListOperations.findItems(map.keys(), items, rd.inverted, rd.isReturnIndex(),
                exitEarly);
        if (t.modify && f.count() != 0) {
            t.write(map.without(f.mask()));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.REVERSE_INDEX, Result.INDEX -> rd.byItemRankCounts(f.order(), f.pairs(), n);
            case Result.COUNT -> rd.integer(f.count());
            case Result.EXISTS -> rd.bool(f.count() != 0);
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP ->
                    elementsByMask(t, map, f.mask(), f.count());
            default -> throw rd.unsupportedType("an unordered map's key-list selection");
        }
    }

    /** {@code packed_map_get_remove_all_by_value_list}: the entries whose value is one of the items. */
    static void getRemoveAllByValueList(Target t, MapView map, Value itemsArg) {
        Result rd = t.result;
        int n = map.size();
        List<Value> items = ListOperations.paramList(itemsArg);
        if (items.isEmpty()) {
            if (rd.isReturnIndexRange() || rd.isReturnRankRange()) {
                throw rd.unsupportedType("a map value-list selection");
            }
            if (!rd.inverted) {
                rd.notFound(0);
                return;
            }
            rd.inverted = false;
            getRemoveAll(t, map);
            return;
        }
        boolean exitEarly = !t.modify && !rd.inverted && rd.type == Result.EXISTS;
        ListOperations.FoundItems f = ListOperations.findItems(map.values(), items, rd.inverted, rd.isReturnRank(),
                exitEarly);
        if (t.modify && f.count() != 0) {
            t.write(map.without(f.mask()));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.REVERSE_INDEX, Result.INDEX -> indexesByMask(t, map, f.mask(), f.count());
            case Result.REVERSE_RANK, Result.RANK -> rd.byItemRankCounts(f.order(), f.pairs(), n);
            case Result.COUNT -> rd.integer(f.count());
            case Result.EXISTS -> rd.bool(f.count() != 0);
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP ->
                    elementsByMask(t, map, f.mask(), f.count());
            default -> throw rd.unsupportedType("a map value-list selection");
        }
    }

    /** {@code packed_map_get_remove_by_rel_index_range}: indexes relative to a key's index. */
    static void getRemoveByRelIndexRange(Target t, MapView map, Value key, long index, long count) {
        int relIndex = map.keyOrdered() ? rangeByKeyOrdered(map, key, key, true)[0] : map.countKeysLess(key);
        long[] rc = Positions.relative(index, count, relIndex);
        getRemoveByIndexRange(t, map, rc[0], rc[1]);
    }

    /** {@code packed_map_get_remove_by_rel_rank_range}: ranks relative to a value's rank. */
    static void getRemoveByRelRankRange(Target t, MapView map, Value value, long rank, long count) {
        int relRank = 0;
        for (Value v : map.values()) {
            if (ValueOrder.compare(v, value) < 0) {
                relRank++;
            }
        }
        long[] rc = Positions.relative(rank, count, relRank);
        getRemoveByRankRange(t, map, rc[0], rc[1]);
    }

    // ---- searches ----

    /** {@code packed_map_find_key_indexed}: a binary search of a map in key order. */
    static KeyFind findKeyIndexed(MapView map, Value key) {
        int n = map.size();
        if (n == 0) {
            return new KeyFind(false, 0);
        }
        int lower = 0;
        int upper = n;
        int idx = n / 2;
        while (true) {
            int cmp = ValueOrder.compare(key, map.keys().get(idx));
            if (cmp == 0) {
                return new KeyFind(true, idx);
            }
            if (cmp > 0) {
                if (idx >= upper - 1) {
                    return new KeyFind(false, idx + 1);
                }
                lower = idx + 1;
                idx = (idx + upper) / 2;
            } else {
                if (idx == lower) {
                    return new KeyFind(false, idx);
                }
                upper = idx;
                idx = (idx + lower) / 2;
            }
        }
    }

    /**
     * {@code packed_map_find_key_maybe_unordered}: a key of an unordered map; a missing key goes
     * where it sorts while the map's keys are in order from the start, else at the end.
     */
    static KeyFind findKeyMaybeUnordered(MapView map, Value key) {
        int n = map.size();
        int idx = n;
        boolean ordered = true;
        for (int i = 0; i < n; i++) {
            int cmp = ValueOrder.compare(key, map.keys().get(i));
            if (ordered && i != 0 && ValueOrder.compare(map.keys().get(i - 1), map.keys().get(i)) > 0) {
                ordered = false;
            }
            if (cmp == 0) {
                return new KeyFind(true, i);
            }
            if (ordered && idx == n && cmp < 0) {
                idx = i;
            }
        }
        return new KeyFind(false, idx);
    }

    /** {@code packed_map_find_key}: binary in a key-ordered map, else the first equal key. */
    private static KeyFind findKey(MapView map, Value key) {
        int n = map.size();
        if (n == 0) {
            return new KeyFind(false, 0);
        }
        if (map.keyOrdered()) {
            return findKeyIndexed(map, key);
        }
        for (int i = 0; i < n; i++) {
            if (ValueOrder.compare(key, map.keys().get(i)) == 0) {
                return new KeyFind(true, i);
            }
        }
        return new KeyFind(false, n);
    }

    /** {@code packed_map_get_range_by_key_interval_ordered}: the index of {@code start} and the keys covered. */
    static int[] rangeByKeyOrdered(MapView map, Value start, Value end, boolean single) {
        int n = map.size();
        KeyFind first = findKey(map, start);
        int index = first.idx();
        if (single) {
            return new int[] {index, first.found() ? 1 : 0};
        }
        if (end != null) {
            int last = findKey(map, end).idx();
            return new int[] {index, last <= index ? 0 : last - index};
        }
        return new int[] {index, n - index};
    }

    // ---- answers ----

    private static boolean keyNotFound(Result rd, long index) {
        return !rd.isReturnRankRange() && rd.notFound(index);
    }

    private static boolean valueNotFound(Result rd, long rank) {
        return !rd.isReturnIndexRange() && rd.notFound(rank);
    }

    /** {@code packed_map_build_result_by_key}: the answer for one key found at {@code idx}. */
    private static void resultByKey(Target t, MapView map, Value key, int idx) {
        Result rd = t.result;
        int n = map.size();
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.INDEX_RANGE, Result.REVERSE_INDEX_RANGE, Result.INDEX, Result.REVERSE_INDEX -> {
                int index = map.keyOrdered() ? idx : map.countKeysLess(key);
                if (rd.isReturnIndexRange()) {
                    rd.pair(rd.type == Result.REVERSE_INDEX_RANGE ? n - index - 1 : index, 1);
                } else {
                    rd.integer(rd.type == Result.REVERSE_INDEX ? n - index - 1 : index);
                }
            }
            case Result.RANK, Result.REVERSE_RANK -> rankOfIndex(rd, map, idx);
            case Result.COUNT -> rd.integer(1);
            case Result.EXISTS -> rd.bool(true);
            case Result.KEY, Result.VALUE, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP ->
                    elementsByIndexRange(t, map, idx, 1);
            default -> throw rd.unsupportedType("a map key");
        }
    }

    /** {@code packed_map_build_rank_result_by_idx}. */
    private static void rankOfIndex(Result rd, MapView map, int idx) {
        int rank = map.rankOf(idx);
        rd.integer(rd.type == Result.REVERSE_RANK ? map.size() - rank - 1 : rank);
    }

    /** {@code packed_map_build_ele_result_by_idx_range}: entries {@code start .. start + count}, or the others. */
    private static void elementsByIndexRange(Target t, MapView map, int start, int count) {
        Result rd = t.result;
        int n = map.size();
        int end = start + count;
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        if (rd.inverted) {
            keys.addAll(map.keys().subList(0, start));
            keys.addAll(map.keys().subList(end, n));
            values.addAll(map.values().subList(0, start));
            values.addAll(map.values().subList(end, n));
        } else {
            keys.addAll(map.keys().subList(start, end));
            values.addAll(map.values().subList(start, end));
        }
        if (rd.isReturnMap()) {
            rd.value(MapView.build(keys, values, rd.mapOrder()));
        } else if (!rd.multi) {
            rd.value(rd.type == Result.KEY ? map.keys().get(start) : map.values().get(start));
        } else {
            rd.value(Value.ofList(rd.type == Result.KEY ? keys : values));
        }
    }

    /** {@code packed_map_build_ele_result_by_ele_idx}: entries at these indexes, in this order. */
    private static void elementsByIndexes(Target t, MapView map, int[] idxs) {
        Result rd = t.result;
        List<Value> keys = new ArrayList<>(idxs.length);
        List<Value> values = new ArrayList<>(idxs.length);
        for (int i : idxs) {
            keys.add(map.keys().get(i));
            values.add(map.values().get(i));
        }
        if (rd.isReturnMap()) {
            rd.value(MapView.build(keys, values, rd.mapOrder()));
        } else if (rd.multi) {
            rd.value(Value.ofList(rd.type == Result.KEY ? keys : values));
        } else if (idxs.length != 0) {
            rd.value(rd.type == Result.KEY ? keys.get(0) : values.get(0));
        }
    }

    /** {@code packed_map_build_ele_result_by_mask}: entries set in a mask, in stored order. */
    private static void elementsByMask(Target t, MapView map, BitSet mask, int count) {
        Result rd = t.result;
        if (!rd.multi) {
            int idx = mask.nextSetBit(0);
            elementsByIndexes(t, map, idx < 0 ? new int[0] : new int[] {idx});
            return;
        }
        List<Value> keys = Values.selected(map.keys(), mask);
        List<Value> values = Values.selected(map.values(), mask);
        if (rd.isReturnMap()) {
            rd.value(MapView.build(keys, values, rd.mapOrder()));
        } else {
            rd.value(Value.ofList(rd.type == Result.KEY ? keys : values));
        }
    }

    /** {@code packed_map_build_index_result_by_ele_idx}: each entry's index in key order. */
    private static void indexesByIndexes(Target t, MapView map, int[] idxs) {
        Result rd = t.result;
        int n = map.size();
        boolean reverse = rd.type == Result.REVERSE_INDEX;
        if (!rd.multi) {
            int index = keyIndex(map, idxs[0]);
            rd.integer(reverse ? n - index - 1 : index);
            return;
        }
        List<Value> out = new ArrayList<>(idxs.length);
        for (int idx : idxs) {
            int index = keyIndex(map, idx);
            out.add(Value.of(reverse ? (long) n - index - 1 : index));
        }
        rd.value(Value.ofList(out));
    }

    /** {@code packed_map_build_index_result_by_mask}: the key-order indexes of the entries set in a mask. */
    private static void indexesByMask(Target t, MapView map, BitSet mask, int count) {
        Result rd = t.result;
        if (count == 0) {
            rd.notFound(-1);
            return;
        }
        int[] idxs = mask.stream().toArray();
        indexesByIndexes(t, map, rd.multi ? idxs : new int[] {idxs[0]});
    }

    private static int keyIndex(MapView map, int idx) {
        return map.keyOrdered() ? idx : map.countKeysLess(map.keys().get(idx));
    }

    /** {@code packed_map_build_rank_result_by_mask}: the ranks of the entries set in a mask. */
    private static void ranksByMask(Target t, MapView map, BitSet mask, int count) {
        Result rd = t.result;
        if (!rd.multi) {
            rankOfIndex(rd, map, mask.nextSetBit(0));
            return;
        }
        ranksByIndexes(t, map, mask.stream().limit(count).toArray());
    }

    /** {@code packed_map_build_rank_result_by_ele_idx}: each entry's rank in the value order index. */
    private static void ranksByIndexes(Target t, MapView map, int[] idxs) {
        Result rd = t.result;
        if (!rd.multi) {
            rankOfIndex(rd, map, idxs[0]);
            return;
        }
        int n = map.size();
        int[] ranks = map.ranksByValue();
        boolean reverse = rd.type == Result.REVERSE_RANK;
        List<Value> out = new ArrayList<>(idxs.length);
        for (int idx : idxs) {
            out.add(Value.of(reverse ? (long) n - ranks[idx] - 1 : ranks[idx]));
        }
        rd.value(Value.ofList(out));
    }

    /** {@code packed_map_build_rank_result_by_index_range}: ranks of indexes {@code index .. index + count}, or the others. */
    private static void ranksByIndexRange(Target t, MapView map, int index, int count) {
        Result rd = t.result;
        if (!rd.multi) {
            rankOfIndex(rd, map, index);
            return;
        }
        int n = map.size();
        List<Integer> idxs = new ArrayList<>();
        if (rd.inverted) {
            for (int i = 0; i < index; i++) {
                idxs.add(i);
            }
            for (int i = index + count; i < n; i++) {
                idxs.add(i);
            }
        } else {
            for (int i = 0; i < count; i++) {
                idxs.add(index + i);
            }
        }
        ranksByIndexes(t, map, idxs.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The element indexes a heap selected, in the order the map answers them: lowest rank first. */
    private static int[] heapOrder(OrderHeap heap, int count) {
        if (heap.isMin()) {
            heap.reverseEnd(count);
        }
        int[] idxs = new int[count];
        for (int i = 0; i < count; i++) {
            idxs[i] = heap.get(heap.filled() + i);
        }
        return idxs;
    }

    private static BitSet heapMask(OrderHeap heap, int count, boolean inverted, int size) {
        BitSet mask = new BitSet(size);
        for (int i = 0; i < count; i++) {
            mask.set(heap.get(heap.filled() + i));
        }
        if (inverted) {
            Values.invert(mask, size);
        }
        return mask;
    }
}
