package io.aerolog.core.udf;

import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Aerospike's Lua map ({@code mod_lua_map.c} over {@code as_orderedmap}): entries kept in key order (Aerospike's
 * value order), keys integers, strings or bytes (others are ignored, as Aerospike's map ignores them),
 * {@code m[k]}, {@code m[k] = v} (a nil value is kept as an entry; a table or function value removes the
 * key), {@code #m}, and the {@code map} library. Iteration walks the entries as they were when it began.
 */
final class UdfMap extends UdfObject {
    private static final int ENTRY_BYTES = 32;

    final TreeMap<LuaValue, LuaValue> entries = new TreeMap<>(UdfMap::compare);
    /** The order flags of the bin this map was read from; kept when it is written back. */
    final Value.MapOrder order;

    UdfMap(Value.MapOrder order) {
        super(Session.current().mapMeta);
        this.order = order;
    }

    static UdfMap empty() {
        return new UdfMap(Value.MapOrder.UNORDERED);
    }

    /** An entry read from a bin, whatever its key's type. */
    void putFromBin(LuaValue key, LuaValue value) {
        Session.current().budget.charge(ENTRY_BYTES);
        entries.put(key, value);
    }

    /** {@code as_orderedmap_set}: false (and nothing stored) for a key Aerospike's map does not take. */
    boolean put(LuaValue key, LuaValue value) {
        if (!validKey(key)) {
            return false;
        }
        Session.current().budget.charge(ENTRY_BYTES);
        entries.put(key, value);
        return true;
    }

    @Override
    public LuaValue get(LuaValue key) {
        if (!validKey(key)) {
            return NIL;
        }
        LuaValue v = entries.get(key);
        return v == null ? NIL : v;
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        if (value instanceof UdfRecord) {
            return;
        }
        if (!UdfList.item(value)) {
            if (validKey(key)) {
                entries.remove(key);
            }
            return;
        }
        put(key, value);
    }

    @Override
    public LuaValue len() {
        return valueOf(entries.size());
    }

    @Override
    LuaString text() {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<LuaValue, LuaValue> e : entries.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            AsText.append(out, e.getKey());
            out.append(':');
            AsText.append(out, e.getValue());
        }
        return LuaString.valueOf(out.append('}').toString());
    }

    @Override
    Value toValue(int depth) {
        Map<Value, Value> out = new LinkedHashMap<>();
        for (Map.Entry<LuaValue, LuaValue> e : entries.entrySet()) {
            Value k = Values.toValue(e.getKey(), depth + 1);
            Value v = Values.toValue(e.getValue(), depth + 1);
            out.put(k, v == null ? Value.NIL : v);
        }
        return new Value.MapValue(out, order);
    }

    /** Aerospike's map keys: integers, strings and bytes of the blob type ({@code is_valid_key_type}). */
    static boolean validKey(LuaValue key) {
        if (key instanceof LuaString || key instanceof LuaInteger) {
            return true;
        }
        if (key instanceof LuaDouble d) {
            return Values.number(d) instanceof Value.IntegerValue;
        }
        return key instanceof UdfBytes b && b.type == UdfBytes.BLOB;
    }

    /** Aerospike's order of keys: by type (integers, strings, ..., bytes, doubles), then by value. */
    static int compare(LuaValue a, LuaValue b) {
        if (a instanceof LuaString x && b instanceof LuaString y) {
            return compareBytes(x.m_bytes, x.m_offset, x.m_length, y.m_bytes, y.m_offset, y.m_length);
        }
        Value x = Values.toValue(a, 0);
        Value y = Values.toValue(b, 0);
        return ValueOrder.compare(x == null ? Value.NIL : x, y == null ? Value.NIL : y);
    }

    private static int compareBytes(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
        int n = Math.min(al, bl);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[ao + i] & 0xFF, b[bo + i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(al, bl);
    }

    // ---- the Map metatable and the map library

    private static final Libraries.Functions META = Libraries.functions(Method::new, "__index", "__newindex", "__len",
            "__tostring");
    private static final Libraries.Functions LIB = Libraries.functions(Method::new, "new", "create", "iterator", "pairs",
            "keys", "values", "remove", "size", "nbytes", "tostring", "merge", "diff", "clone");
    private static final Libraries.Functions CALLABLE = Libraries.functions(Method::new, "__call");

    static LuaTable metatable() {
        return META.table();
    }

    static LuaTable library() {
        LuaTable lib = LIB.table();
        lib.setmetatable(CALLABLE.table());
        return lib;
    }

    /** The entries with a value (what a Lua table of them holds: nil values drop out). */
    private Map<LuaValue, LuaValue> valued() {
        Map<LuaValue, LuaValue> out = new TreeMap<>(UdfMap::compare);
        entries.forEach((k, v) -> {
            if (!v.isnil()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A map of the entries Aerospike's {@code map(t)} would take from a table of them. */
    private static UdfMap of(Map<LuaValue, LuaValue> table) {
        UdfMap out = empty();
        table.forEach((k, v) -> {
            if (UdfList.item(v) || v instanceof UdfRecord) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Aerospike's {@code map.merge(m1, m2, f)}: m2's entries over m1's, {@code f(v1, v2)} where both have a key. */
    private static UdfMap merge(UdfMap m1, UdfMap m2, LuaValue f) {
        Map<LuaValue, LuaValue> t = m1.valued();
        for (Map.Entry<LuaValue, LuaValue> e : new ArrayList<>(m2.entries.entrySet())) {
            LuaValue mine = t.get(e.getKey());
            LuaValue v = NIL;
            if (mine != null && mine.toboolean() && f.isfunction()) {
                v = f.call(m1.get(e.getKey()), m2.get(e.getKey()));
            }
            if (!v.toboolean()) {
                v = e.getValue();
            }
            if (v.isnil()) {
                t.remove(e.getKey());
            } else {
                t.put(e.getKey(), v);
            }
        }
        return of(t);
    }

    /** Aerospike's {@code map.diff(m1, m2)}: the entries of each whose key the other has no true value for. */
    private static UdfMap diff(UdfMap m1, UdfMap m2) {
        Map<LuaValue, LuaValue> t = new TreeMap<>(UdfMap::compare);
        m1.entries.forEach((k, v) -> {
            if (!m2.get(k).toboolean() && !v.isnil()) {
                t.put(k, v);
            }
        });
        m2.entries.forEach((k, v) -> {
            if (!m1.get(k).toboolean() && !v.isnil()) {
                t.put(k, v);
            }
        });
        return of(t);
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
                case "new", "create":
                    if (args.narg() != 1 || Args.optInteger(args, 1, 0, name) < 1) {
                        return NONE;
                    }
                    return empty();
                default:
                    break;
            }
            UdfMap map = Args.check(args, 1, UdfMap.class, "Map", name);
            switch (name) {
                case "__index":
                    return map.get(args.arg(2));
                case "__newindex":
                    map.set(args.arg(2), args.arg(3));
                    return NONE;
                case "__len", "size":
                    return map.len();
                case "__tostring", "tostring":
                    return map.text();
                case "remove":
                    if (validKey(args.arg(2))) {
                        map.entries.remove(args.arg(2));
                    }
                    return NONE;
                case "nbytes":
                    return valueOf(MsgPack.pack(map.toValue(0)).length);
                case "iterator", "pairs":
                    return varargsOf(new Iterator(map, 2), NIL);
                case "keys":
                    return varargsOf(new Iterator(map, 0), NIL);
                case "merge":
                    return merge(map, Args.check(args, 2, UdfMap.class, "Map", name), args.arg(3));
                case "diff":
                    return diff(map, Args.check(args, 2, UdfMap.class, "Map", name));
                case "clone":
                    return of(map.valued());
                case "values":
                    return varargsOf(new Iterator(map, 1), NIL);
                default:
                    throw new IllegalStateException(name);
            }
        }

        /** {@code map(t [, capacity])}: the entries of {@code t} whose keys and values Aerospike's map takes. */
        private static Varargs cons(Varargs args) {
            UdfMap map = empty();
            int n = args.narg();
            if ((n == 2 || n == 3) && args.arg(2).istable()) {
                LuaTable t = (LuaTable) args.arg(2);
                LuaValue k = NIL;
                while (true) {
                    Varargs e = t.next(k);
                    k = e.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    LuaValue v = e.arg(2);
                    if ((UdfList.item(k) || k instanceof UdfRecord) && (UdfList.item(v) || v instanceof UdfRecord)) {
                        map.put(k, v);
                    }
                }
            }
            return map;
        }
    }

    /** {@code map.pairs/keys/values(m)}: keys, values or both, over the entries as they were when it began. */
    private static final class Iterator extends VarArgFunction {
        private final List<Map.Entry<LuaValue, LuaValue>> snapshot;
        private final int what;
        private int next;

        Iterator(UdfMap map, int what) {
            Session.current().budget.charge((long) map.entries.size() * 8);
            this.snapshot = new ArrayList<>(map.entries.entrySet());
            this.what = what;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (next >= snapshot.size()) {
                return NONE;
            }
            Map.Entry<LuaValue, LuaValue> e = snapshot.get(next++);
            return switch (what) {
                case 0 -> e.getKey();
                case 1 -> e.getValue();
                default -> varargsOf(e.getKey(), e.getValue());
            };
        }
    }
}
