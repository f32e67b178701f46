package io.aerolog.core.udf;

import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Aerospike's Lua list ({@code mod_lua_list.c} over {@code as_arraylist}): 1-based, {@code l[i]} and
 * {@code l[i] = v} (past the end it pads with nil), {@code #l}, and the {@code list} library. Lists hold
 * their items by reference, as Aerospike's do: a list taken from another and changed changes it there.
 * Tables, functions and records are not items: storing one does nothing.
 */
final class UdfList extends UdfObject {
    private static final int ITEM_BYTES = 8;

    final List<LuaValue> items;
    /** Aerospike's ORDERED flag of the bin this list was read from; kept when it is written back. */
    final boolean ordered;

    UdfList(List<LuaValue> items, boolean ordered) {
        super(Session.current().listMeta);
        this.items = items;
        this.ordered = ordered;
        Session.current().budget.charge((long) items.size() * ITEM_BYTES);
    }

    static UdfList empty() {
        return new UdfList(new ArrayList<>(), false);
    }

    @Override
    public LuaValue get(LuaValue key) {
        long i = Args.integer(key, 2, "__index");
        return i > 0 && i <= items.size() ? items.get((int) (i - 1)) : NIL;
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        long i = Args.integer(key, 2, "__newindex");
        if (i > 0 && item(value)) {
            setAt((int) Math.min(i - 1, Integer.MAX_VALUE - 1), value);
        }
    }

    /** {@code as_arraylist_set}: replaces item {@code index}, padding with nil up to it. */
    private void setAt(int index, LuaValue value) {
        pad(index);
        if (index < items.size()) {
            items.set(index, value);
        } else {
            items.add(value);
        }
    }

    /** {@code as_arraylist_insert}: inserts at {@code index}, padding with nil up to it. */
    void insert(int index, LuaValue value) {
        pad(index);
        items.add(index, value);
        Session.current().budget.charge(ITEM_BYTES);
    }

    private void pad(int index) {
        if (index > items.size()) {
            Session.current().budget.charge((long) (index - items.size()) * ITEM_BYTES);
            while (items.size() < index) {
                items.add(NIL);
            }
        }
    }

    void append(LuaValue value) {
        Session.current().budget.charge(ITEM_BYTES);
        items.add(value);
    }

    @Override
    public LuaValue len() {
        return valueOf(items.size());
    }

    @Override
    LuaString text() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            AsText.append(out, items.get(i));
        }
        return LuaString.valueOf(out.append(']').toString());
    }

    @Override
    Value toValue(int depth) {
        List<Value> out = new ArrayList<>(items.size());
        for (LuaValue item : items) {
            Value v = Values.toValue(item, depth + 1);
            out.add(v == null ? Value.NIL : v);
        }
        return new Value.ListValue(out, ordered);
    }

    /** The items up to the first nil one, as Aerospike's {@code list.clone} and {@code list.merge} (over {@code list.iterator}) take them. */
    List<LuaValue> untilNil() {
        int end = 0;
        while (end < items.size() && !items.get(end).isnil()) {
            end++;
        }
        return items.subList(0, end);
    }

    /** Whether {@code v} may be stored in a list (Aerospike's {@code valid_list_val}): not a record, table or function. */
    static boolean item(LuaValue v) {
        return !(v instanceof UdfRecord) && (v.isnil() || v.isboolean() || v.isnumber() || v.isstring()
                || v instanceof UdfObject);
    }

    // ---- the List metatable and the list library

    private static final Libraries.Functions META = Libraries.functions(Method::new, "__index", "__newindex", "__len",
            "__tostring");
    private static final Libraries.Functions LIB = Libraries.functions(Method::new, "new", "create", "insert", "append",
            "prepend", "remove", "concat", "trim", "take", "drop", "size", "nbytes", "iterator", "tostring", "clone",
            "merge");
    private static final Libraries.Functions CALLABLE = Libraries.functions(Method::new, "__call");

    static LuaTable metatable() {
        return META.table();
    }

    /** The {@code list} table: its functions, and {@code list(t)} to build a list of a table's number-keyed values. */
    static LuaTable library() {
        LuaTable lib = LIB.table();
        lib.setmetatable(CALLABLE.table());
        return lib;
    }

    private static final class Method extends VarArgFunction {
        Method(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            switch (name) {
                case "__call":
                    return cons(args);
                case "new", "create": {
                    int n = args.narg();
                    if (n < 1 || n > 2 || Args.optInteger(args, 1, -1, name) < 0
                            || Args.optInteger(args, 2, 10, name) < 0) {
                        return NONE;
                    }
                    return empty();
                }
                default:
                    break;
            }
            UdfList list = Args.check(args, 1, UdfList.class, "List", name);
            switch (name) {
                case "__index":
                    return list.get(args.arg(2));
                case "__newindex":
                    list.set(args.arg(2), args.arg(3));
                    return NONE;
                case "__len", "size":
                    return list.len();
                case "__tostring", "tostring":
                    return list.text();
                case "insert": {
                    long i = Args.optInteger(args, 2, 0, name);
                    if (i > 0 && item(args.arg(3))) {
                        list.insert((int) Math.min(i - 1, Integer.MAX_VALUE - 1), args.arg(3));
                    }
                    return NONE;
                }
                case "append":
                    if (item(args.arg(2))) {
                        list.append(args.arg(2));
                    }
                    return NONE;
                case "prepend":
                    if (item(args.arg(2))) {
                        list.insert(0, args.arg(2));
                    }
                    return NONE;
                case "remove": {
                    long i = Args.optInteger(args, 2, 0, name);
                    if (i > 0 && i <= list.items.size()) {
                        list.items.remove((int) (i - 1));
                    }
                    return NONE;
                }
                case "concat": {
                    UdfList other = Args.check(args, 2, UdfList.class, "List", name);
                    Session.current().budget.charge((long) other.items.size() * ITEM_BYTES);
                    list.items.addAll(new ArrayList<>(other.items));
                    return NONE;
                }
                case "trim": {
                    long i = Args.optInteger(args, 2, 0, name);
                    if (i > 0 && i - 1 < list.items.size()) {
                        list.items.subList((int) (i - 1), list.items.size()).clear();
                    }
                    return NONE;
                }
                case "take": {
                    long n = Args.optInteger(args, 2, 0, name);
                    if (n <= 0) {
                        return NIL;
                    }
                    int c = (int) Math.min(n, list.items.size());
                    return new UdfList(new ArrayList<>(list.items.subList(0, c)), false);
                }
                case "drop": {
                    long n = Args.optInteger(args, 2, 0, name);
                    if (n <= 0) {
                        return NIL;
                    }
                    int c = (int) Math.min(n, list.items.size());
                    return new UdfList(new ArrayList<>(list.items.subList(c, list.items.size())), false);
                }
                case "nbytes":
                    return valueOf(MsgPack.pack(list.toValue(0)).length);
                case "iterator":
                    return varargsOf(new Iterator(list), NIL);
                case "clone":
                    return new UdfList(new ArrayList<>(list.untilNil()), false);
                case "merge": {
                    UdfList other = Args.check(args, 2, UdfList.class, "List", name);
                    List<LuaValue> items = new ArrayList<>(list.untilNil());
                    items.addAll(other.untilNil());
                    return new UdfList(items, false);
                }
                default:
                    throw new IllegalStateException(name);
            }
        }

        /** {@code list(t)}: the values of {@code t} under number keys, in table order (tables among them become nil). */
        private static Varargs cons(Varargs args) {
            UdfList list = empty();
            if (args.narg() == 2 && args.arg(2).istable()) {
                LuaTable t = (LuaTable) args.arg(2);
                LuaValue k = NIL;
                while (true) {
                    Varargs n = t.next(k);
                    k = n.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    if (k.isnumber() && !(k instanceof LuaString)) {
                        LuaValue v = n.arg(2);
                        list.append(item(v) || v instanceof UdfRecord ? v : NIL);
                    }
                }
            }
            return list;
        }
    }

    /** {@code list.iterator(l)}: each item in turn; like Aerospike's, it stops at the first nil item. */
    private static final class Iterator extends VarArgFunction {
        private final UdfList list;
        private int next;

        Iterator(UdfList list) {
            this.list = list;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (next < list.items.size()) {
                return list.items.get(next++);
            }
            return NONE;
        }
    }
}
