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
import java.util.TreeSet;

/**
 * Aerospike's list operations ({@code particle_list.c}), on the list a {@link Target} holds. Each
 * function is the server function of the same name in Java: the same checks in the same order, the
 * same selection of elements and the same answer for every return type.
 */
final class ListOperations {
    static final int SET_TYPE = 0;
    static final int APPEND = 1;
    static final int APPEND_ITEMS = 2;
    static final int INSERT = 3;
    static final int INSERT_ITEMS = 4;
    static final int POP = 5;
    static final int POP_RANGE = 6;
    static final int REMOVE = 7;
    static final int REMOVE_RANGE = 8;
    static final int SET = 9;
    static final int TRIM = 10;
    static final int CLEAR = 11;
    static final int INCREMENT = 12;
    static final int SORT = 13;
    static final int SIZE = 16;
    static final int GET = 17;
    static final int GET_RANGE = 18;
    static final int GET_BY_INDEX = 19;
    static final int GET_BY_VALUE = 20;
    static final int GET_BY_RANK = 21;
    static final int GET_ALL_BY_VALUE = ElementReads.LIST_ALL_BY_VALUE;
    static final int GET_ALL_BY_VALUE_LIST = 23;
    static final int GET_BY_INDEX_RANGE = 24;
    static final int GET_BY_VALUE_INTERVAL = ElementReads.LIST_BY_VALUE_INTERVAL;
    static final int GET_BY_RANK_RANGE = 26;
    static final int GET_BY_VALUE_REL_RANK_RANGE = 27;
    static final int REMOVE_BY_INDEX = 32;
    static final int REMOVE_BY_VALUE = 33;
    static final int REMOVE_BY_RANK = 34;
    static final int REMOVE_ALL_BY_VALUE = 35;
    static final int REMOVE_ALL_BY_VALUE_LIST = 36;
    static final int REMOVE_BY_INDEX_RANGE = 37;
    static final int REMOVE_BY_VALUE_INTERVAL = 38;
    static final int REMOVE_BY_RANK_RANGE = 39;
    static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 40;

    /** List write flags ({@code as_cdt_list_modify_flags}). */
    static final long ADD_UNIQUE = 0x01;
    static final long INSERT_BOUNDED = 0x02;
    static final long NO_FAIL = 0x04;
    static final long DO_PARTIAL = 0x08;

    /** Sort flags ({@code as_cdt_sort_flags}). */
    static final long SORT_DESCENDING = 0x01;
    static final long SORT_DROP_DUPLICATES = 0x02;

    /**
     * The most elements a list may be padded or grown to by an index: each takes at least a byte, and
     * Aerospike's largest record is its 8 MiB write block, so a longer list could never be stored.
     */
    static final int MAX_ELEMENTS = 8 * 1024 * 1024;

    /** The most items a value or key list argument may hold ({@code CDT_MAX_PARAM_LIST_COUNT}). */
    static final int MAX_PARAM_ITEMS = 1024 * 1024;

    private ListOperations() {
    }

    /** The name of a list operation code, for messages. */
    static String name(int op) {
        return switch (op) {
            case SET_TYPE -> "LIST_SET_TYPE";
            case APPEND -> "LIST_APPEND";
            case APPEND_ITEMS -> "LIST_APPEND_ITEMS";
            case INSERT -> "LIST_INSERT";
            case INSERT_ITEMS -> "LIST_INSERT_ITEMS";
            case POP -> "LIST_POP";
            case POP_RANGE -> "LIST_POP_RANGE";
            case REMOVE -> "LIST_REMOVE";
            case REMOVE_RANGE -> "LIST_REMOVE_RANGE";
            case SET -> "LIST_SET";
            case TRIM -> "LIST_TRIM";
            case CLEAR -> "LIST_CLEAR";
            case INCREMENT -> "LIST_INCREMENT";
            case SORT -> "LIST_SORT";
            case SIZE -> "LIST_SIZE";
            case GET -> "LIST_GET";
            case GET_RANGE -> "LIST_GET_RANGE";
            case GET_BY_INDEX -> "LIST_GET_BY_INDEX";
            case GET_BY_VALUE -> "LIST_GET_BY_VALUE";
            case GET_BY_RANK -> "LIST_GET_BY_RANK";
            case GET_ALL_BY_VALUE -> "LIST_GET_ALL_BY_VALUE";
            case GET_ALL_BY_VALUE_LIST -> "LIST_GET_ALL_BY_VALUE_LIST";
            case GET_BY_INDEX_RANGE -> "LIST_GET_BY_INDEX_RANGE";
            case GET_BY_VALUE_INTERVAL -> "LIST_GET_BY_VALUE_INTERVAL";
            case GET_BY_RANK_RANGE -> "LIST_GET_BY_RANK_RANGE";
            case GET_BY_VALUE_REL_RANK_RANGE -> "LIST_GET_BY_VALUE_REL_RANK_RANGE";
            case REMOVE_BY_INDEX -> "LIST_REMOVE_BY_INDEX";
            case REMOVE_BY_VALUE -> "LIST_REMOVE_BY_VALUE";
            case REMOVE_BY_RANK -> "LIST_REMOVE_BY_RANK";
            case REMOVE_ALL_BY_VALUE -> "LIST_REMOVE_ALL_BY_VALUE";
            case REMOVE_ALL_BY_VALUE_LIST -> "LIST_REMOVE_ALL_BY_VALUE_LIST";
            case REMOVE_BY_INDEX_RANGE -> "LIST_REMOVE_BY_INDEX_RANGE";
            case REMOVE_BY_VALUE_INTERVAL -> "LIST_REMOVE_BY_VALUE_INTERVAL";
            case REMOVE_BY_RANK_RANGE -> "LIST_REMOVE_BY_RANK_RANGE";
            case REMOVE_BY_VALUE_REL_RANK_RANGE -> "LIST_REMOVE_BY_VALUE_REL_RANK_RANGE";
            default -> "list operation " + op;
        };
    }

    /** A list modify operation ({@code cdt_process_state_packed_list_modify_optype}). */
    static void modify(Target t, int op, List<Value> argv) {
        if (t.topLevel && t.inUse() && !(t.current() instanceof Value.ListValue)) {
            throw binType(op, t.current());
        }
        Result rd = t.result;
        String name = name(op);
        switch (op) {
            case SET_TYPE -> {
                Args a = Args.of(name, argv, 0, FLAGS);
                t.useEmptyList(0);
                setFlags(t, (int) (a.integer(0) & 0xff));
            }
            case APPEND, APPEND_ITEMS -> {
                Args a = Args.of(name, argv, 2, STORAGE, FLAGS, FLAGS);
                t.useEmptyList(a.integer(1, 0));
                append(t, a.value(0), op == APPEND_ITEMS, a.integer(2, 0));
            }
            case INSERT, INSERT_ITEMS -> {
                Args a = Args.of(name, argv, 1, INDEX, STORAGE, FLAGS);
                t.useEmptyList(0);
                insert(t, a.integer(0), a.value(1), op == INSERT_ITEMS, a.integer(2, 0));
            }
            case SET -> {
                Args a = Args.of(name, argv, 1, INDEX, STORAGE, FLAGS);
                t.useEmptyList(0);
                set(t, a.integer(0), a.value(1), a.integer(2, 0));
            }
            case REMOVE, POP -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, INDEX);
                rd.set(op == REMOVE ? Result.COUNT : Result.VALUE, false, false);
                getRemoveByIndexRange(t, t.list(), a.integer(0), 1);
            }
            case REMOVE_RANGE, POP_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, INDEX, COUNT);
                rd.set(op == REMOVE_RANGE ? Result.COUNT : Result.VALUE, false, true);
                getRemoveByIndexRange(t, t.list(), a.integer(0), a.integer(1, Args.ALL));
            }
            case TRIM -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, INDEX, COUNT);
                rd.set(Result.COUNT, true, true);
                getRemoveByIndexRange(t, t.list(), a.integer(0), a.integer(1));
            }
            case CLEAR -> {
                if (!t.inUse()) {
                    return;
                }
                t.write(new Value.ListValue(List.of(), t.list().ordered()));
            }
            case INCREMENT -> {
                Args a = Args.of(name, argv, 3, INDEX, PAYLOAD, FLAGS, FLAGS);
                t.useEmptyList(a.integer(2, 0));
                increment(t, a.integer(0), a.optional(1), a.integer(3, 0));
            }
            case SORT -> {
                if (!t.binLive) {
                    throw new AerologException(ResultCode.BIN_TYPE_ERROR, "LIST_SORT needs an existing list bin");
                }
                Args a = Args.of(name, argv, 1, FLAGS);
                sort(t, a.integer(0, 0));
            }
            case REMOVE_BY_INDEX -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, FLAGS, INDEX);
                rd.set(a.integer(0), false);
                getRemoveByIndexRange(t, t.list(), a.integer(1), 1);
            }
            case REMOVE_ALL_BY_VALUE, REMOVE_BY_VALUE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, FLAGS, PAYLOAD);
                rd.set(a.integer(0), op == REMOVE_ALL_BY_VALUE);
                getRemoveByValueInterval(t, t.list(), a.value(1), a.value(1), true);
            }
            case REMOVE_BY_RANK -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, FLAGS, INDEX);
                rd.set(a.integer(0), false);
                getRemoveByRankRange(t, t.list(), a.integer(1), 1);
            }
            case REMOVE_ALL_BY_VALUE_LIST -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 0, FLAGS, PAYLOAD);
                rd.set(a.integer(0), true);
                getRemoveAllByValueList(t, t.list(), a.value(1));
            }
            case REMOVE_BY_INDEX_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, FLAGS, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByIndexRange(t, t.list(), a.integer(1), a.integer(2, Args.ALL));
            }
            case REMOVE_BY_VALUE_INTERVAL -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, FLAGS, PAYLOAD, PAYLOAD);
                rd.set(a.integer(0), true);
                getRemoveByValueInterval(t, t.list(), a.value(1), a.optional(2), false);
            }
            case REMOVE_BY_RANK_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, FLAGS, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByRankRange(t, t.list(), a.integer(1), a.integer(2, Args.ALL));
            }
            case REMOVE_BY_VALUE_REL_RANK_RANGE -> {
                if (!t.inUse()) {
                    return;
                }
                Args a = Args.of(name, argv, 1, FLAGS, PAYLOAD, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByRelRankRange(t, t.list(), a.value(1), a.integer(2), a.integer(3, Args.ALL));
            }
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, name + " is not a list modify operation");
        }
    }

    /** A list read operation ({@code cdt_process_state_packed_list_read_optype}). */
    static void read(Target t, int op, List<Value> argv) {
        if (t.topLevel && !(t.current() instanceof Value.ListValue)) {
            throw binType(op, t.current());
        }
        ListView list = t.list();
        Result rd = t.result;
        String name = name(op);
        switch (op) {
            case GET -> {
                Args a = Args.of(name, argv, 0, INDEX);
                rd.set(Result.VALUE, false, false);
                getRemoveByIndexRange(t, list, a.integer(0), 1);
            }
            case GET_RANGE -> {
                Args a = Args.of(name, argv, 1, INDEX, COUNT);
                rd.set(Result.VALUE, false, true);
                getRemoveByIndexRange(t, list, a.integer(0), a.integer(1, Args.ALL));
            }
            case SIZE -> rd.integer(list.size());
            case GET_BY_INDEX -> {
                Args a = Args.of(name, argv, 0, FLAGS, INDEX);
                rd.set(a.integer(0), false);
                getRemoveByIndexRange(t, list, a.integer(1), 1);
            }
            case GET_ALL_BY_VALUE, GET_BY_VALUE -> {
                Args a = Args.of(name, argv, 0, FLAGS, PAYLOAD);
                rd.set(a.integer(0), op == GET_ALL_BY_VALUE);
                getRemoveByValueInterval(t, list, a.value(1), a.value(1), true);
            }
            case GET_BY_RANK -> {
                Args a = Args.of(name, argv, 0, FLAGS, INDEX);
                rd.set(a.integer(0), false);
                getRemoveByRankRange(t, list, a.integer(1), 1);
            }
            case GET_ALL_BY_VALUE_LIST -> {
                Args a = Args.of(name, argv, 0, FLAGS, PAYLOAD);
                rd.set(a.integer(0), true);
                getRemoveAllByValueList(t, list, a.value(1));
            }
            case GET_BY_INDEX_RANGE -> {
                Args a = Args.of(name, argv, 1, FLAGS, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByIndexRange(t, list, a.integer(1), a.integer(2, Args.ALL));
            }
            case GET_BY_VALUE_INTERVAL -> {
                Args a = Args.of(name, argv, 1, FLAGS, PAYLOAD, PAYLOAD);
                rd.set(a.integer(0), true);
                getRemoveByValueInterval(t, list, a.value(1), a.optional(2), false);
            }
            case GET_BY_RANK_RANGE -> {
                Args a = Args.of(name, argv, 1, FLAGS, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByRankRange(t, list, a.integer(1), a.integer(2, Args.ALL));
            }
            case GET_BY_VALUE_REL_RANK_RANGE -> {
                Args a = Args.of(name, argv, 1, FLAGS, PAYLOAD, INDEX, COUNT);
                rd.set(a.integer(0), true);
                getRemoveByRelRankRange(t, list, a.value(1), a.integer(2), a.integer(3, Args.ALL));
            }
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, name + " is not a list read operation");
        }
    }

    private static AerologException binType(int op, Value bin) {
        return new AerologException(ResultCode.BIN_TYPE_ERROR, name(op) + " needs a list, not "
                + (bin == null ? "nothing" : bin.type()));
    }

    // ---- modify operations ----

    /** {@code list_set_flags}: a list becomes ordered (sorted) or unordered (as it is). */
    private static void setFlags(Target t, int flags) {
        ListView list = t.list();
        if ((flags & ~(Target.LIST_FLAG_ORDERED | Target.FLAG_PERSIST_INDEX)) != 0) {
            throw Result.notApplicable("list flags 0x" + Integer.toHexString(flags)
                    + " are not 0 (unordered) or 1 (ordered), with 0x10 (persist index)");
        }
        boolean ordered = (flags & Target.LIST_FLAG_ORDERED) != 0;
        if (ordered == list.ordered()) {
            t.createIfTriggered(true);
            return;
        }
        t.write(new Value.ListValue(list.items(), ordered));
    }

    /** {@code list_append}: at the end of an unordered list, in order in an ordered one. */
    private static void append(Target t, Value payload, boolean items, long mod) {
        Value v = Storage.normalize(payload);
        if (items && !(v instanceof Value.ListValue)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "LIST_APPEND_ITEMS needs a list of items, not "
                    + v.type());
        }
        ListView list = t.list();
        if (list.ordered()) {
            if (items) {
                addItemsOrdered(t, list, ((Value.ListValue) v).items(), mod);
            } else {
                addOrdered(t, list, v, mod);
            }
            return;
        }
        insertAt(t, list, list.size(), v, items, mod, true);
    }

    /** {@code list_insert}: only into an unordered list. */
    private static void insert(Target t, long index, Value payload, boolean items, long mod) {
        Value v = Storage.normalize(payload);
        if (items && !(v instanceof Value.ListValue)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "LIST_INSERT_ITEMS needs a list of items, not "
                    + v.type());
        }
        ListView list = t.list();
        if (list.ordered()) {
            throw Result.notApplicable("LIST_INSERT is not allowed on an ordered list");
        }
        insertAt(t, list, index, v, items, mod, true);
    }

    /** {@code list_set}: replaces an element of an unordered list; beyond the end it inserts. */
    private static void set(Target t, long index, Value payload, long mod) {
        Value v = Storage.normalize(payload);
        ListView list = t.list();
        if (list.ordered()) {
            throw Result.notApplicable("LIST_SET is not allowed on an ordered list");
        }
        int n = list.size();
        if (index >= n) {
            insertAt(t, list, index, v, false, mod, false);
            return;
        }
        long idx = Positions.absolute(index, n);
        if (idx < 0) {
            throw Result.notApplicable("index " + index + " is out of bounds for a list of " + n);
        }
        if ((mod & ADD_UNIQUE) != 0) {
            Scan first = scanUnordered(list, v, v, true, false, false);
            if (first.count != 0) {
                if (first.idx != idx) {
                    exists(mod);
                    return;
                }
                if (scanUnordered(list, v, v, true, false, true).count > 1) {
                    exists(mod);
                    return;
                }
            }
        }
        List<Value> items = new ArrayList<>(list.items());
        items.set((int) idx, v);
        t.write(list.value(items));
    }

    /** {@code list_increment}: adds to a number in the list (or puts one beyond the end) and returns it. */
    private static void increment(Target t, long index, Value delta, long mod) {
        ListView list = t.list();
        int n = list.size();
        long idx = index > Integer.MAX_VALUE ? -1 : Positions.absolute(index, n);
        if (idx < 0) {
            throw Result.notApplicable("index " + index + " is out of bounds for a list of " + n);
        }
        Delta d = Delta.of(delta, false);
        Value sum = d.add(idx < n ? list.get((int) idx) : null);
        t.result.value(sum);
        if (list.ordered()) {
            replaceOrdered(t, list, (int) idx, sum, mod);
        } else {
            set(t, idx, sum, mod);
        }
    }

    /**
     * {@code list_sort}: ascending or descending, and without duplicates; an ordered list only drops
     * its duplicates. The server checks the sorted order as it drops duplicates, so dropping them
     * from a descending sort of two different values is PARAMETER_ERROR, as there.
     */
    private static void sort(Target t, long flags) {
        ListView list = t.list();
        int n = list.size();
        if (n <= 1) {
            return;
        }
        int[] order = list.ordered() ? identity(n) : Values.sortedOrder(list.items(), (flags & SORT_DESCENDING) != 0);
        BitSet dropped = new BitSet(n);
        if ((flags & SORT_DROP_DUPLICATES) != 0) {
            for (int i = 1; i < n; i++) {
                int c = ValueOrder.compare(list.get(order[i - 1]), list.get(order[i]));
                if (c == 0) {
                    dropped.set(i);
                } else if (c > 0) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR,
                            "LIST_SORT cannot drop duplicates from a descending sort (Aerospike checks for ascending order)");
                }
            }
        }
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!dropped.get(i)) {
                out.add(list.get(order[i]));
            }
        }
        t.write(list.value(out));
    }

    /**
     * {@code packed_list_insert}: items at an index of the list; an index beyond the end pads with
     * nils. Returns the new size (when {@code setResult}).
     */
    private static void insertAt(Target t, ListView list, long index, Value payload, boolean isList, long mod,
                                 boolean setResult) {
        Result rd = setResult ? t.result : null;
        int n = list.size();
        List<Value> params = isList ? ((Value.ListValue) payload).items() : List.of(payload);
        if (isList && params.isEmpty()) {
            setInt(rd, n);
            t.createIfTriggered(true);
            return;
        }
        long idx = index > Integer.MAX_VALUE ? -1 : Positions.absolute(index, n);
        if (idx < 0) {
            throw Result.notApplicable("index " + index + " is out of bounds for a list of " + n);
        }
        if ((mod & INSERT_BOUNDED) != 0 && idx > n) {
            if ((mod & NO_FAIL) != 0) {
                setInt(rd, n);
                return;
            }
            throw Result.notApplicable("index " + index + " is beyond the end of a list of " + n + " (INSERT_BOUNDED)");
        }
        List<Value> add = params;
        if ((mod & ADD_UNIQUE) != 0) {
            if (isList) {
                add = new ArrayList<>();
                int removed = 0;
                TreeSet<Value> earlier = new TreeSet<>(ValueOrder.COMPARATOR);
                for (Value val : params) {
                    if (!list.contains(val)) {
                        if (earlier.contains(val)) {
                            if ((mod & NO_FAIL) == 0) {
                                throw Result.notApplicable("an item appears twice among the items to add (ADD_UNIQUE)");
                            }
                            if (!doPartial(mod)) {
                                setInt(rd, n);
                                return;
                            }
                            removed++;
                        } else {
                            add.add(val);
                        }
                    } else if (doPartial(mod)) {
                        removed++;
                    } else {
                        setInt(rd, n);
                        exists(mod);
                        return;
                    }
                    earlier.add(val);
                }
                if (removed == params.size()) {
                    setInt(rd, n);
                    exists(mod);
                    return;
                }
            } else if (list.contains(payload)) {
                setInt(rd, n);
                exists(mod);
                return;
            }
        }
        int at = (int) idx;
        if (at >= n && (long) at + add.size() >= Integer.MAX_VALUE) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "index " + index + " plus " + add.size()
                    + " items overflows a list");
        }
        long newSize = at >= n ? (long) at + add.size() : (long) n + add.size();
        checkSize(newSize);
        List<Value> items = new ArrayList<>((int) newSize);
        items.addAll(list.items().subList(0, Math.min(at, n)));
        for (int i = n; i < at; i++) {
            items.add(Value.NIL);
        }
        items.addAll(add);
        if (at < n) {
            items.addAll(list.items().subList(at, n));
        }
        t.write(list.value(items));
        setInt(rd, newSize);
    }

    /**
     * Refuses an answer of more elements than a list may hold: a value (or key) list that repeats an
     * item answers its run once per repetition, which the server would try to build however large.
     */
    static void checkAnswerSize(long size) {
        if (size > MAX_ELEMENTS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the answer would hold " + size
                    + " elements; repeated items select the same elements again and again");
        }
    }

    /** Refuses a list that could never be stored: RECORD_TOO_BIG, as the server's write would end. */
    static void checkSize(long size) {
        if (size > MAX_ELEMENTS) {
            throw new AerologException(ResultCode.RECORD_TOO_BIG, "a list of " + size
                    + " elements is over Aerospike's largest record (8 MiB) before it holds anything");
        }
    }

    /** {@code packed_list_add_ordered}: one value into an ordered list. */
    private static void addOrdered(Target t, ListView list, Value v, long mod) {
        int n = list.size();
        Positions.Found f = findOrdered(list, v, 0, n + 1);
        if (f.found() && (mod & ADD_UNIQUE) != 0) {
            t.result.integer(n);
            exists(mod);
            return;
        }
        insertAt(t, list, f.result(), v, false, 0, true);
    }

    /** {@code packed_list_add_items_ordered}: items into an ordered list, each in its place. */
    private static void addItemsOrdered(Target t, ListView list, List<Value> vals, long mod) {
        int n = list.size();
        if (vals.isEmpty()) {
            t.result.integer(n);
            t.createIfTriggered(true);
            return;
        }
        int m = vals.size();
        int[] order = Values.sortedOrder(vals, false);
        boolean unique = (mod & ADD_UNIQUE) != 0;
        boolean[] skip = new boolean[m];
        if (unique) {
            int duplicates = 0;
            for (int i = 1; i < m; i++) {
                if (ValueOrder.compare(vals.get(order[i - 1]), vals.get(order[i])) == 0) {
                    skip[i] = true;
                    duplicates++;
                }
            }
            if (duplicates != 0) {
                if ((mod & NO_FAIL) == 0) {
                    throw Result.notApplicable("an item appears twice among the items to add (ADD_UNIQUE)");
                }
                if (!doPartial(mod)) {
                    t.result.integer(n);
                    return;
                }
            }
        }
        int[] insertAt = new int[m];
        int newSize = n;
        for (int i = 0; i < m; i++) {
            if (skip[i]) {
                continue;
            }
            Positions.Found f = findOrdered(list, vals.get(order[i]), 0, n + 1);
            if (unique && f.found()) {
                if (doPartial(mod)) {
                    skip[i] = true;
                } else {
                    t.result.integer(n);
                    exists(mod);
                    return;
                }
            } else {
                insertAt[i] = f.result();
                newSize++;
            }
        }
        List<Value> out = new ArrayList<>(newSize);
        int listStart = 0;
        for (int i = 0; i < m; i++) {
            if (skip[i]) {
                continue;
            }
            if (insertAt[i] > listStart) {
                out.addAll(list.items().subList(listStart, insertAt[i]));
                listStart = insertAt[i];
            }
            out.add(vals.get(order[i]));
        }
        out.addAll(list.items().subList(listStart, n));
        t.write(list.value(out));
        t.result.integer(newSize);
    }

    /** {@code packed_list_replace_ordered}: an ordered list's element replaced, the new value in its place. */
    private static void replaceOrdered(Target t, ListView list, int index, Value value, long mod) {
        int n = list.size();
        int[] rc = rankRangeOrdered(list, value, value, true, false);
        if (index > n) {
            throw Result.notApplicable("index " + index + " is beyond the end of an ordered list of " + n);
        }
        int rank = rc[0];
        if ((mod & ADD_UNIQUE) != 0 && rc[1] != 0) {
            if (rank == index) {
                return;
            }
            exists(mod);
            return;
        }
        List<Value> items = list.items();
        List<Value> out = new ArrayList<>(n + 1);
        if (rank <= index) {
            out.addAll(items.subList(0, rank));
            out.add(value);
            out.addAll(items.subList(rank, index));
        } else {
            out.addAll(items.subList(0, index));
            out.addAll(items.subList(index + 1, rank));
            out.add(value);
            out.addAll(items.subList(rank, n));
        }
        if (rank <= index && index < n) {
            out.addAll(items.subList(index + 1, n));
        }
        t.write(list.value(out));
    }

    // ---- selections ----

    /** {@code packed_list_get_remove_by_index_range}: the heart of most list selections. */
    static void getRemoveByIndexRange(Target t, ListView list, long index, long count) {
        Result rd = t.result;
        int n = list.size();
        Positions.Range r = Positions.indexCount(index, count, n, rd.multi);
        if (r == null) {
            throw Result.notApplicable("index " + index + " is out of bounds for a list of " + n);
        }
        int uindex = r.index();
        int count32 = r.count();
        if (rd.inverted) {
            if (!rd.multi) {
                throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
            }
            if (rd.isReturnIndexRange() || rd.isReturnRankRange()) {
                throw rd.unsupportedType("a list index range");
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
            } else {
                trim(t, list, uindex, count32);
                return;
            }
        }
        if (count32 == 0) {
            if (!notFound(rd, uindex)) {
                throw rd.unsupportedType("a list index range");
            }
            return;
        }
        List<Value> removed = list.items().subList(uindex, uindex + count32);
        int newSize = n - count32;
        if (t.modify) {
            List<Value> out = new ArrayList<>(newSize);
            out.addAll(list.items().subList(0, uindex));
            out.addAll(list.items().subList(uindex + count32, n));
            t.write(list.value(out));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.INDEX, Result.REVERSE_INDEX -> rd.indexRankCount(uindex, count32, n);
            case Result.RANK, Result.REVERSE_RANK -> {
                boolean reverse = rd.type == Result.REVERSE_RANK;
                if (newSize == 0) {
                    rd.indexRankCount(0, count32, n);
                } else if (!rd.multi) {
                    int rank = list.ordered() ? uindex : list.countLess(removed.get(0));
                    rd.integer(reverse ? n - rank - 1 : rank);
                } else {
                    List<Value> out = new ArrayList<>(count32);
                    if (list.ordered()) {
                        Result.addRange(out, uindex, count32, n, reverse);
                    } else {
                        addRanks(out, list, removed, reverse);
                    }
                    rd.value(Value.ofList(out));
                }
            }
            case Result.COUNT -> rd.integer(count32);
            case Result.EXISTS -> rd.bool(true);
            case Result.VALUE -> rd.value(rd.multi ? Value.ofList(removed) : removed.get(0));
            case Result.REVERSE_INDEX_RANGE -> rd.pair(n - uindex - count32, count32);
            case Result.INDEX_RANGE -> rd.pair(uindex, count32);
            case Result.RANK_RANGE, Result.REVERSE_RANK_RANGE -> {
                if (!list.ordered()) {
                    throw rd.unsupportedType("an unordered list's index range");
                }
                rd.range(uindex, count32, n);
            }
            default -> throw rd.unsupportedType("a list index range");
        }
    }

    /** {@code packed_list_trim}: keeps {@code index .. index + count}, answers for the rest. */
    private static void trim(Target t, ListView list, int index, int count) {
        Result rd = t.result;
        int n = list.size();
        int removed = n - count;
        int end = index + count;
        if (t.modify) {
            t.write(list.value(new ArrayList<>(list.items().subList(index, end))));
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
                boolean reverse = rd.type == Result.REVERSE_RANK;
                List<Value> out = new ArrayList<>(removed);
                if (list.ordered()) {
                    Result.addRange(out, 0, index, n, reverse);
                    Result.addRange(out, end, removed - index, n, reverse);
                } else {
                    addRanks(out, list, list.items().subList(0, index), reverse);
                    addRanks(out, list, list.items().subList(end, n), reverse);
                }
                rd.value(Value.ofList(out));
            }
            case Result.VALUE -> {
                List<Value> out = new ArrayList<>(removed);
                out.addAll(list.items().subList(0, index));
                out.addAll(list.items().subList(end, n));
                rd.value(Value.ofList(out));
            }
            default -> throw rd.unsupportedType("a list trim");
        }
    }

    /** Each value's rank in an unordered list, the elements less than it ({@code packed_list_builder_add_ranks_by_range}). */
    private static void addRanks(List<Value> out, ListView list, List<Value> values, boolean reverse) {
        int n = list.size();
        for (Value v : values) {
            int rank = list.countLess(v);
            out.add(Value.of(reverse ? (long) n - rank - 1 : rank));
        }
    }

    /** {@code list_result_data_set_not_found}: key and map return types have no answer for a list. */
    private static boolean notFound(Result rd, long index) {
        return switch (rd.type) {
            case Result.KEY, Result.KEY_VALUE, Result.UNORDERED_MAP, Result.ORDERED_MAP -> false;
            default -> rd.notFound(index);
        };
    }

    /**
     * {@code packed_list_get_remove_by_value_interval}: values from {@code start} up to (not
     * including) {@code end}, null for no end; {@code single} selects values equal to {@code start}.
     */
    static void getRemoveByValueInterval(Target t, ListView list, Value start, Value end, boolean single) {
        Result rd = t.result;
        int n = list.size();
        if (rd.inverted && !rd.multi) {
            throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
        }
        if (list.ordered()) {
            int[] rc = rankRangeOrdered(list, start, end, single, rd.multi);
            if (rc[1] == 0 && !rd.multi) {
                if (!notFound(rd, 0)) {
                    throw rd.unsupportedType("a list value selection");
                }
                return;
            }
            getRemoveByIndexRange(t, list, rc[0], rc[1]);
            return;
        }
        Scan s = scanUnordered(list, start, end, single, rd.inverted, rd.multi);
        int removed = s.count;
        if (t.modify && removed != 0) {
            if (rd.multi) {
                t.write(list.value(list.without(s.mask)));
            } else {
                List<Value> out = new ArrayList<>(list.items());
                out.remove(s.idx);
                t.write(list.value(out));
            }
        }
        switch (rd.type) {
            case Result.NONE, Result.COUNT, Result.EXISTS, Result.REVERSE_RANK, Result.RANK,
                 Result.REVERSE_RANK_RANGE, Result.RANK_RANGE ->
                    rd.range(s.rank, rd.inverted ? n - removed : removed, n);
            case Result.INDEX, Result.REVERSE_INDEX -> {
                if (rd.multi) {
                    rd.indexesByMask(s.mask, removed, n);
                } else {
                    rd.indexRankCount(s.idx, removed, n);
                }
            }
            case Result.VALUE -> {
                if (rd.multi) {
                    rd.value(Value.ofList(Values.selected(list.items(), s.mask)));
                } else if (removed != 0) {
                    rd.value(list.get(s.idx));
                }
            }
            default -> throw rd.unsupportedType("a list value selection");
        }
    }

    /** {@code packed_list_get_remove_by_rank_range}: an ordered list's ranks are its indexes. */
    static void getRemoveByRankRange(Target t, ListView list, long rank, long count) {
        Result rd = t.result;
        int n = list.size();
        if (rd.inverted && !rd.multi) {
            throw Result.notApplicable("INVERTED is not allowed for an operation that selects one element");
        }
        if (list.ordered()) {
            getRemoveByIndexRange(t, list, rank, count);
            return;
        }
        Positions.Range r = Positions.indexCount(rank, count, n, rd.multi);
        if (r == null) {
            throw Result.notApplicable("rank " + rank + " is out of bounds for a list of " + n);
        }
        int urank = r.index();
        int count32 = r.count();
        OrderHeap heap = OrderHeap.byRange(urank, count32, n, list::compareAt);
        int removed = rd.inverted ? n - count32 : count32;
        if (removed == 0) {
            if (!notFound(rd, urank)) {
                throw rd.unsupportedType("a list rank range");
            }
            return;
        }
        BitSet mask = new BitSet(n);
        for (int i = 0; i < count32; i++) {
            mask.set(heap.get(heap.filled() + i));
        }
        if (rd.inverted) {
            Values.invert(mask, n);
            if (rd.isReturnRankRange()) {
                throw rd.unsupportedType("a list rank range");
            }
        }
        if (t.modify) {
            t.write(list.value(list.without(mask)));
        }
        switch (rd.type) {
            case Result.NONE, Result.COUNT, Result.EXISTS, Result.RANK, Result.REVERSE_RANK, Result.RANK_RANGE,
                 Result.REVERSE_RANK_RANGE -> rd.range(urank, count32, n);
            case Result.INDEX, Result.REVERSE_INDEX -> rd.indexesByMask(mask, removed, n);
            case Result.VALUE -> {
                if (rd.inverted) {
                    rd.value(Value.ofList(Values.selected(list.items(), mask)));
                } else if (!rd.multi) {
                    rd.value(list.get(heap.get(heap.filled())));
                } else {
                    List<Value> out = new ArrayList<>(removed);
                    for (int i = 0; i < removed; i++) {
                        out.add(list.get(heap.get(heap.filled() + i)));
                    }
                    rd.value(Value.ofList(out));
                }
            }
            default -> throw rd.unsupportedType("a list rank range");
        }
    }

    /** {@code packed_list_get_remove_all_by_value_list}: every element equal to one of the items. */
    static void getRemoveAllByValueList(Target t, ListView list, Value itemsArg) {
        Result rd = t.result;
        int n = list.size();
        if (rd.isReturnRankRange() || rd.isReturnIndexRange()) {
            throw rd.unsupportedType("a list value-list selection");
        }
        List<Value> items = paramList(itemsArg);
        if (items.isEmpty()) {
            if (!rd.inverted) {
                if (!notFound(rd, 0)) {
                    throw rd.unsupportedType("a list value-list selection");
                }
                return;
            }
            rd.inverted = false;
            getRemoveByIndexRange(t, list, 0, n);
            return;
        }
        if (list.ordered()) {
            valueListOrdered(t, list, items);
            return;
        }
        boolean exitEarly = !t.modify && !rd.inverted && rd.type == Result.EXISTS;
        FoundItems f = findItems(list.items(), items, rd.inverted, rd.isReturnRank(), exitEarly);
        if (t.modify && f.count != 0) {
            t.write(list.value(list.without(f.mask)));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.INDEX, Result.REVERSE_INDEX -> rd.indexesByMask(f.mask, f.count, n);
            case Result.RANK, Result.REVERSE_RANK -> rd.byItemRankCounts(f.order, f.pairs, n);
            case Result.COUNT -> rd.integer(f.count);
            case Result.EXISTS -> rd.bool(f.count != 0);
            case Result.VALUE -> rd.value(Value.ofList(Values.selected(list.items(), f.mask)));
            default -> throw rd.unsupportedType("a list value-list selection");
        }
    }

    /** {@code packed_list_get_remove_all_by_value_list_ordered}. */
    private static void valueListOrdered(Target t, ListView list, List<Value> items) {
        Result rd = t.result;
        int n = list.size();
        int m = items.size();
        int[] pairs = new int[2 * m];
        long found = 0;
        boolean needMask = t.modify || rd.type == Result.COUNT || rd.inverted && rd.type != Result.NONE;
        boolean exitEarly = !needMask && rd.type == Result.EXISTS;
        for (int i = 0; i < m; i++) {
            int[] rc = rankRangeOrdered(list, items.get(i), items.get(i), true, true);
            pairs[2 * i] = rc[0];
            pairs[2 * i + 1] = rc[1];
            found += rc[1];
            if (exitEarly && rc[1] != 0) {
                break;
            }
        }
        if (!rd.inverted && rd.type != Result.NONE && rd.type != Result.COUNT && rd.type != Result.EXISTS) {
            checkAnswerSize(found);
        }
        BitSet mask = null;
        int removed = (int) Math.min(found, Integer.MAX_VALUE);
        if (needMask) {
            mask = maskOfRuns(pairs, rd.inverted, n);
            removed = mask.cardinality();
        }
        if (t.modify && removed != 0) {
            t.write(list.value(list.without(mask)));
        }
        switch (rd.type) {
            case Result.NONE -> {
            }
            case Result.COUNT -> rd.integer(removed);
            case Result.EXISTS -> rd.bool(removed != 0);
            case Result.INDEX, Result.REVERSE_INDEX, Result.RANK, Result.REVERSE_RANK -> {
                if (rd.inverted) {
                    rd.indexesByMask(mask, removed, n);
                } else {
                    rd.byRankCounts(pairs, null, n);
                }
            }
            case Result.VALUE -> {
                if (rd.inverted) {
                    rd.value(Value.ofList(Values.selected(list.items(), mask)));
                } else {
                    List<Value> out = new ArrayList<>();
                    for (int i = 0; i < m; i++) {
                        out.addAll(list.items().subList(pairs[2 * i], pairs[2 * i] + pairs[2 * i + 1]));
                    }
                    rd.value(Value.ofList(out));
                }
            }
            default -> throw rd.unsupportedType("a list value-list selection");
        }
    }

    /** {@code packed_list_get_remove_by_rel_rank_range}: ranks relative to a value's rank. */
    static void getRemoveByRelRankRange(Target t, ListView list, Value value, long rank, long count) {
        Result rd = t.result;
        if (list.ordered()) {
            int relRank = rankRangeOrdered(list, value, value, true, rd.multi)[0];
            long[] rc = Positions.relative(rank, count, relRank);
            getRemoveByIndexRange(t, list, rc[0], rc[1]);
            return;
        }
        int relRank = scanUnordered(list, value, value, true, rd.inverted, rd.multi).rank;
        long[] rc = Positions.relative(rank, count, relRank);
        getRemoveByRankRange(t, list, rc[0], rc[1]);
    }

    // ---- searches ----

    /** What a scan of an unordered list found: elements less than the start, and those selected. */
    record Scan(int rank, int count, BitSet mask, int idx) {
    }

    /** {@code packed_list_find_rank_range_by_value_interval_unordered}. */
    static Scan scanUnordered(ListView list, Value start, Value end, boolean single, boolean inverted,
                              boolean multi) {
        int rank = 0;
        int count = 0;
        int idx = -1;
        BitSet mask = new BitSet(list.size());
        for (int i = 0; i < list.size(); i++) {
            Value item = list.get(i);
            int cmpStart = ValueOrder.compare(item, start);
            if (cmpStart < 0) {
                rank++;
                if (inverted) {
                    mask.set(i);
                    count++;
                }
            } else if (!single) {
                int cmpEnd = end == null ? -1 : ValueOrder.compare(item, end);
                if (cmpEnd < 0 != inverted) {
                    mask.set(i);
                    count++;
                }
            } else if (cmpStart == 0) {
                if (multi) {
                    if (!inverted) {
                        mask.set(i);
                        count++;
                    }
                } else if (count == 0) {
                    idx = i;
                    count++;
                }
            } else if (inverted && multi) {
                mask.set(i);
                count++;
            }
        }
        return new Scan(rank, count, mask, idx);
    }

    /** {@code packed_list_find_by_value_ordered}: a binary search of an ordered list. */
    static Positions.Found findOrdered(ListView list, Value value, int start, int target) {
        if (list.size() == 0) {
            return new Positions.Found(0, false);
        }
        return Positions.findRank(value, list.items(), null, start, list.size() - start, target);
    }

    /**
     * {@code packed_list_find_rank_range_by_value_interval_ordered}: the first rank at or after
     * {@code start}, and how many elements the interval (or the single value) covers.
     */
    static int[] rankRangeOrdered(ListView list, Value start, Value end, boolean single, boolean multi) {
        int n = list.size();
        Positions.Found first = findOrdered(list, start, 0, 0);
        int rank = first.result();
        if (single) {
            int count;
            if (!first.found()) {
                count = 0;
            } else if (multi) {
                Positions.Found last = findOrdered(list, start, rank + 1, n);
                count = last.found() ? last.result() - rank : 1;
            } else {
                count = 1;
            }
            return new int[] {rank, count};
        }
        if (end == null) {
            return new int[] {rank, n - rank};
        }
        if (ValueOrder.compare(start, end) >= 0) {
            return new int[] {rank, 0};
        }
        Positions.Found after = findOrdered(list, end, rank, 0);
        return new int[] {rank, after.result() - rank};
    }

    /** What {@link #findItems} found. */
    record FoundItems(BitSet mask, int count, int[] order, int[] pairs) {
    }

    /**
     * {@code offset_index_find_items}: the elements equal (or, inverted, not equal) to one of the
     * items, and for rank answers each item's rank and count among the elements.
     */
    static FoundItems findItems(List<Value> elements, List<Value> items, boolean inverted, boolean wantRanks,
                                boolean exitEarly) {
        int m = items.size();
        int[] order = Values.sortedOrder(items, false);
        int[] pairs = wantRanks ? new int[2 * m] : null;
        BitSet mask = new BitSet(elements.size());
        int count = 0;
        for (int i = 0; i < elements.size(); i++) {
            Positions.Found f = Positions.findRank(elements.get(i), items, order, 0, m, m + (wantRanks ? 0 : 1));
            if (pairs != null) {
                if (f.found()) {
                    pairs[order[f.result() - 1] * 2 + 1]++;
                }
                if (f.result() != m) {
                    pairs[order[f.result()] * 2]++;
                }
            }
            if (!inverted) {
                if (f.found()) {
                    mask.set(i);
                    count++;
                    if (exitEarly) {
                        return new FoundItems(mask, count, order, pairs);
                    }
                }
            } else if (!f.found()) {
                mask.set(i);
                count++;
            }
        }
        if (pairs != null) {
            for (int i = 1; i < m; i++) {
                pairs[order[i] * 2] += pairs[order[i - 1] * 2];
            }
        }
        return new FoundItems(mask, count, order, pairs);
    }

    /** A mask of (rank, count) runs, inverted if asked ({@code cdt_idx_mask_set_by_irc}). */
    static BitSet maskOfRuns(int[] pairs, boolean inverted, int size) {
        BitSet mask = new BitSet(size);
        for (int i = 0; i < pairs.length / 2; i++) {
            if (pairs[2 * i + 1] != 0) {
                mask.set(pairs[2 * i], pairs[2 * i] + pairs[2 * i + 1]);
            }
        }
        if (inverted) {
            Values.invert(mask, size);
        }
        return mask;
    }

    /** A value or key list argument ({@code list_param_parse}). */
    static List<Value> paramList(Value items) {
        if (!(items instanceof Value.ListValue l)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a list of items is needed, not " + items.type());
        }
        if (l.items().size() > MAX_PARAM_ITEMS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a list of " + l.items().size()
                    + " items is more than " + MAX_PARAM_ITEMS);
        }
        return l.items();
    }

    private static boolean doPartial(long mod) {
        return (mod & (NO_FAIL | DO_PARTIAL)) == (NO_FAIL | DO_PARTIAL);
    }

    /** {@code mod_flags_return_exists}: quietly nothing with NO_FAIL, ELEMENT_EXISTS without. */
    private static void exists(long mod) {
        if ((mod & NO_FAIL) == 0) {
            throw new AerologException(ResultCode.ELEMENT_EXISTS, "the value is already in the list (ADD_UNIQUE)");
        }
    }

    private static void setInt(Result rd, long v) {
        if (rd != null) {
            rd.integer(v);
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
