package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import io.aerolog.core.cdt.ElementReads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The path of an operation's context into a bin ({@code cdt_context_dig} and the create and unwind
 * functions of {@code cdt.c}, {@code list_subcontext_by_*} and {@code map_subcontext_by_*}): each
 * level a type (list or map, or either, by index, rank, key or value) and its argument, as the
 * clients' {@code CTX} packs them. A level that does not resolve is OP_NOT_APPLICABLE, unless it
 * carries create flags and the operation modifies: then it and every level below it are created
 * (a key in a map, an element at a list's end, padded with nils for an unbounded list index) around
 * what the operation writes. After the operation the path is rebuilt from the inside out, an ordered
 * list moving its changed element to its place.
 */
final class Context {
    static final int CTX_INDEX = 0;
    static final int CTX_RANK = 1;
    static final int CTX_KEY = 2;
    static final int CTX_VALUE = 3;
    static final int CTX_LIST = ElementReads.CONTEXT_IN_LIST;
    static final int CTX_MAP = ElementReads.CONTEXT_IN_MAP;
    static final int CTX_BASE_MASK = 0x0f;
    static final int CTX_TYPE_MASK = 0x3f;
    static final int CTX_CREATE_MASK = 0x1c0;
    static final int CREATE_LIST_UNBOUND = 0x80;
    static final int CREATE_ORDERED = 0xc0;
    static final int CREATE_MAP_KEY_ORDERED = 0x80;
    static final int CREATE_PERSIST_INDEX = 0x100;

    /** One resolved level: a container and where in it the path goes (created: where the new element goes). */
    private record Step(Value container, int index, Value key, boolean created, int pad) {
    }

    /** A level created below the point where the path was missing. */
    private record Create(long type, Value arg) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Create> creates = new ArrayList<>();
    private Value target;

    private Context() {
    }

    /** Whether the operation acts on a container being created. */
    boolean createTriggered() {
        return !creates.isEmpty() || !steps.isEmpty() && steps.get(steps.size() - 1).created();
    }

    /** The container at the end of the path; null when it is being created. */
    Value target() {
        return target;
    }

    /** Resolves a context ({@code cdt_context_dig}); a modify may create the missing part. */
    static Context dig(Value bin, Value contextArg, boolean modify) {
        boolean binWasEmpty = bin == null && modify;
        if (!binWasEmpty && !(bin instanceof Value.ListValue) && !(bin instanceof Value.MapValue)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a context needs a list or map bin, not "
                    + (bin == null ? "nothing" : bin.type()));
        }
        if (!(contextArg instanceof Value.ListValue list) || list.items().isEmpty() || list.items().size() % 2 != 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR,
                    "a context is a non-empty list of (type, value) pairs");
        }
        List<Value> ctx = list.items();
        if (ctx.size() / 2 > Value.MAX_DEPTH) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a context of " + ctx.size() / 2
                    + " levels is deeper than the " + Value.MAX_DEPTH + " levels a bin may nest");
        }
        Context c = new Context();
        Value current = bin;
        for (int i = 0; i < ctx.size(); i += 2) {
            if (!(ctx.get(i) instanceof Value.IntegerValue typeValue)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "context level " + (i / 2 + 1)
                        + " needs an integer type, not " + ctx.get(i).type());
            }
            long type = typeValue.value();
            int base = (int) (type & CTX_BASE_MASK);
            int create = (int) (type & CTX_CREATE_MASK);
            if (base > CTX_VALUE || !createTypeAllowed(type)) {
                throw notApplicable("context type 0x" + Long.toHexString(type) + " at level " + (i / 2 + 1)
                        + " is not one Aerospike serves");
            }
            boolean createOn = (create & ~CREATE_PERSIST_INDEX) != 0;
            Value arg = ctx.get(i + 1);
            if (binWasEmpty) {
                if (!createOn) {
                    throw notApplicable("the bin is absent and the context's first level has no create flag");
                }
                if (!creatable(type, arg, true) || !restCreatable(ctx, i + 2)) {
                    throw notApplicable("the context cannot be created as given");
                }
                c.addCreates(ctx, i);
                return c;
            }
            Step step;
            if (current instanceof Value.ListValue l) {
                if ((type & CTX_MAP) != 0) {
                    throw notApplicable("context level " + (i / 2 + 1) + " is a map level but finds a list");
                }
                step = listLevel(base, l, arg, type, createOn);
            } else if (current instanceof Value.MapValue m) {
                if ((type & CTX_LIST) != 0) {
                    throw notApplicable("context level " + (i / 2 + 1) + " is a list level but finds a map");
                }
                step = mapLevel(base, m, arg, createOn);
            } else {
                throw notApplicable("context level " + (i / 2 + 1) + " finds " + current.type() + ", not a list or map");
            }
            if (step == null) {
                throw notApplicable("context level " + (i / 2 + 1) + " does not resolve");
            }
            c.steps.add(step);
            if (step.created()) {
                if (!modify || !restCreatable(ctx, i + 2)) {
                    throw notApplicable("context level " + (i / 2 + 1) + " does not resolve");
                }
                c.addCreates(ctx, i + 2);
                return c;
            }
            current = step.container() instanceof Value.ListValue l ? l.items().get(step.index())
                    : MapView.of((Value.MapValue) step.container()).values().get(step.index());
        }
        c.target = current;
        return c;
    }

    private void addCreates(List<Value> ctx, int from) {
        for (int j = from; j < ctx.size(); j += 2) {
            creates.add(new Create(((Value.IntegerValue) ctx.get(j)).value(), ctx.get(j + 1)));
        }
    }

    /** The bin after the operation wrote {@code written} at the end of the path. */
    Value rebuild(Value written) {
        Value v = written;
        for (int i = creates.size() - 1; i >= 0; i--) {
            v = wrap(creates.get(i), v);
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            v = place(steps.get(i), v);
        }
        return v;
    }

    /** {@code cdt_context_ctx_create_type_check}: only list or map types may carry create flags. */
    private static boolean createTypeAllowed(long type) {
        int masked = (int) (type & CTX_TYPE_MASK);
        if ((masked & CTX_LIST) != 0 || (masked & CTX_MAP) != 0) {
            return true;
        }
        return (type & CTX_CREATE_MASK) == 0;
    }

    /** {@code cdt_context_ctx_type_create_sz}: a level that can be created is a map key or a list index. */
    private static boolean creatable(long type, Value arg, boolean topLevel) {
        int masked = (int) (type & CTX_TYPE_MASK);
        int create = (int) (type & CTX_CREATE_MASK);
        if (masked == (CTX_KEY | CTX_MAP)) {
            if (Storage.hasNonStorage(arg)) {
                return false;
            }
            try {
                Storage.normalize(arg);
            } catch (AerologException e) {
                return false;
            }
            return true;
        }
        if (masked == (CTX_INDEX | CTX_LIST)) {
            if (!(arg instanceof Value.IntegerValue i) || i.value() < -1) {
                return false;
            }
            long idx = i.value();
            if (create == 0) {
                return idx <= 0;
            }
            int order = create & ~CREATE_PERSIST_INDEX;
            return order == CREATE_LIST_UNBOUND || order == CREATE_ORDERED
                    || (type & CREATE_PERSIST_INDEX) != 0 && topLevel || idx <= 0;
        }
        return false;
    }

    /** {@code cdt_context_count_create_sz}: the levels below the created one, none with persist-index. */
    private static boolean restCreatable(List<Value> ctx, int from) {
        for (int j = from; j < ctx.size(); j += 2) {
            if (!(ctx.get(j) instanceof Value.IntegerValue t)) {
                return false;
            }
            long type = t.value();
            if (!createTypeAllowed(type) || (type & CREATE_PERSIST_INDEX) != 0 || !creatable(type, ctx.get(j + 1), false)) {
                return false;
            }
        }
        return true;
    }

    /** A created level around {@code child} ({@code cdt_context_fill_create}). */
    private static Value wrap(Create c, Value child) {
        int masked = (int) (c.type() & CTX_TYPE_MASK);
        int create = (int) (c.type() & CTX_CREATE_MASK);
        int order = create & ~CREATE_PERSIST_INDEX;
        if (masked == (CTX_KEY | CTX_MAP)) {
            Value.MapOrder mapOrder = order == CREATE_MAP_KEY_ORDERED ? Value.MapOrder.KEY_ORDERED
                    : order == CREATE_ORDERED ? Value.MapOrder.KEY_VALUE_ORDERED : Value.MapOrder.UNORDERED;
            return MapView.build(List.of(Storage.normalize(c.arg())), List.of(child), mapOrder);
        }
        long idx = Math.max(0, ((Value.IntegerValue) c.arg()).value());
        if (order == CREATE_LIST_UNBOUND) {
            ListOperations.checkSize(idx + 1);
            List<Value> items = new ArrayList<>(Collections.nCopies((int) idx, Value.NIL));
            items.add(child);
            return new Value.ListValue(items);
        }
        return new Value.ListValue(List.of(child), (create & CREATE_ORDERED) == CREATE_ORDERED);
    }

    /** A level rebuilt with its new element ({@code cdt_context_unwind_list} and {@code _map}). */
    private static Value place(Step s, Value child) {
        if (s.container() instanceof Value.ListValue l) {
            List<Value> items = new ArrayList<>(l.items());
            int n = items.size();
            int at = s.index();
            if (s.created()) {
                items.addAll(Collections.nCopies(s.pad(), Value.NIL));
                at = items.size();
                items.add(child);
            } else {
                items.set(at, child);
            }
            if (l.ordered() && n > 0 && (n > 1 || s.created())) {
                int rank = ListOperations.findOrdered(new ListView(l.items(), true), child, 0, 0).result();
                if (rank != at && rank != at + 1) {
                    items.remove(at);
                    items.add(rank < at ? rank : rank - 1, child);
                }
            }
            return new Value.ListValue(items, l.ordered());
        }
        Value.MapValue m = (Value.MapValue) s.container();
        MapView map = MapView.of(m);
        List<Value> keys = new ArrayList<>(map.keys());
        List<Value> values = new ArrayList<>(map.values());
        if (s.created()) {
            keys.add(s.index(), s.key());
            values.add(s.index(), child);
        } else {
            values.set(s.index(), child);
        }
        return MapView.build(keys, values, m.order());
    }

    // ---- list levels ----

    private static Step listLevel(int base, Value.ListValue l, Value arg, long type, boolean createOn) {
        ListView list = new ListView(l.items(), l.ordered());
        return switch (base) {
            case CTX_INDEX -> listByIndex(l, list, arg, type, createOn);
            case CTX_RANK -> list.ordered() ? listByIndex(l, list, arg, type, createOn) : listByRank(l, list, arg);
            case CTX_VALUE -> listByValue(l, list, arg);
            default -> null;
        };
    }

    /** {@code list_subcontext_by_index}, with its creation at the end of the list. */
    private static Step listByIndex(Value.ListValue l, ListView list, Value arg, long type, boolean createOn) {
        if (!(arg instanceof Value.IntegerValue i)) {
            return null;
        }
        long index = i.value();
        int n = list.size();
        Positions.Range r = Positions.indexCount(index, 1, n, false);
        if (r != null) {
            return new Step(l, r.index(), null, false, 0);
        }
        if (!createOn) {
            return null;
        }
        if (n == 0 && index == -1 || index == n || list.ordered()) {
            return new Step(l, n, null, true, 0);
        }
        if ((type & CTX_CREATE_MASK) == CREATE_LIST_UNBOUND && index > n) {
            ListOperations.checkSize(index + 1);
            return new Step(l, n, null, true, (int) (index - n));
        }
        return null;
    }

    /** {@code list_subcontext_by_rank} of an unordered list: the element a rank selects. */
    private static Step listByRank(Value.ListValue l, ListView list, Value arg) {
        if (!(arg instanceof Value.IntegerValue i)) {
            return null;
        }
        Positions.Range r = Positions.indexCount(i.value(), 1, list.size(), false);
        if (r == null) {
            return null;
        }
        OrderHeap heap = OrderHeap.byRange(r.index(), 1, list.size(), list::compareAt);
        return new Step(l, heap.get(heap.filled()), null, false, 0);
    }

    /** {@code list_subcontext_by_value}: the first element equal to the value. */
    private static Step listByValue(Value.ListValue l, ListView list, Value arg) {
        if (list.size() == 0) {
            return null;
        }
        int idx;
        int count;
        if (list.ordered()) {
            int[] rc = ListOperations.rankRangeOrdered(list, arg, arg, true, false);
            idx = rc[0];
            count = rc[1];
        } else {
            ListOperations.Scan s = ListOperations.scanUnordered(list, arg, arg, true, false, false);
            idx = s.idx();
            count = s.count();
        }
        return count == 0 ? null : new Step(l, idx, null, false, 0);
    }

    // ---- map levels ----

    private static Step mapLevel(int base, Value.MapValue m, Value arg, boolean createOn) {
        MapView map = MapView.of(m);
        return switch (base) {
            case CTX_INDEX -> mapByIndex(m, map, arg);
            case CTX_RANK -> mapByRank(m, map, arg);
            case CTX_KEY -> mapByKey(m, map, arg, createOn);
            default -> mapByValue(m, map, arg);
        };
    }

    /** {@code map_subcontext_by_index}: an index in key order. */
    private static Step mapByIndex(Value.MapValue m, MapView map, Value arg) {
        if (!(arg instanceof Value.IntegerValue i)) {
            return null;
        }
        Positions.Range r = Positions.indexCount(i.value(), 1, map.size(), false);
        if (r == null) {
            return null;
        }
        if (map.keyOrdered()) {
            return new Step(m, r.index(), null, false, 0);
        }
        OrderHeap heap = OrderHeap.byRange(r.index(), 1, map.size(), map::compareKeys);
        return new Step(m, heap.get(heap.filled()), null, false, 0);
    }

    /** {@code map_subcontext_by_rank}: a rank in value order, keys breaking ties. */
    private static Step mapByRank(Value.MapValue m, MapView map, Value arg) {
        if (!(arg instanceof Value.IntegerValue i)) {
            return null;
        }
        Positions.Range r = Positions.indexCount(i.value(), 1, map.size(), false);
        if (r == null) {
            return null;
        }
        OrderHeap heap = OrderHeap.byRange(r.index(), 1, map.size(), map::compareEntries);
        return new Step(m, heap.get(heap.filled()), null, false, 0);
    }

    /** {@code map_subcontext_by_key}, with its creation where the key sorts. */
    private static Step mapByKey(Value.MapValue m, MapView map, Value arg, boolean createOn) {
        if (Storage.hasNonStorage(arg)) {
            return null;
        }
        Value key;
        try {
            key = Storage.normalize(arg);
        } catch (AerologException e) {
            return null;
        }
        if (map.keyOrdered()) {
            int[] ic = MapOperations.rangeByKeyOrdered(map, key, key, true);
            if (ic[1] == 0) {
                return createOn ? new Step(m, ic[0], key, true, 0) : null;
            }
            return new Step(m, ic[0], key, false, 0);
        }
        MapOperations.KeyFind f = MapOperations.findKeyMaybeUnordered(map, key);
        if (!f.found()) {
            return createOn ? new Step(m, f.idx(), key, true, 0) : null;
        }
        return new Step(m, f.idx(), key, false, 0);
    }

    /** {@code map_subcontext_by_value}: the first entry whose value equals the argument. */
    private static Step mapByValue(Value.MapValue m, MapView map, Value arg) {
        for (int i = 0; i < map.size(); i++) {
            if (ValueOrder.compare(map.values().get(i), arg) == 0) {
                return new Step(m, i, null, false, 0);
            }
        }
        return null;
    }

    private static AerologException notApplicable(String message) {
        return new AerologException(ResultCode.OP_NOT_APPLICABLE, message);
    }
}
