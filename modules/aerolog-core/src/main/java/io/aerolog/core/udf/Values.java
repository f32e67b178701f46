package io.aerolog.core.udf;

import io.aerolog.core.Value;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaBoolean;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNil;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Bin values to Lua values and back, as Aerospike's {@code mod_lua_pushval} and {@code mod_lua_toval} do,
 * within what LuaJ's numbers (Lua 5.2's: every number a double) can hold.
 *
 * <p>Numbers: an integer becomes a Lua number, exact up to 2^53; one beyond that is refused with an error
 * rather than rounded. A double stays a double, and is written back as one even when integral (LuaJ would
 * otherwise turn 2.0 into the integer 2). Going back, a number that is integral is an integer, as
 * Aerospike's server did before Lua 5.4 and its Java client's reduce still does; others are doubles.
 * Tables, functions and records are not values: as a return value they are nil, as a bin they are refused.
 */
final class Values {
    /** The largest integer a double holds exactly, and every integer below it. */
    static final long EXACT = 1L << 53;
    /** Bytes charged for each value converted, besides its strings' and bytes' lengths. */
    private static final int OBJECT_BYTES = 16;
    private static final Constructor<LuaDouble> DOUBLE;

    static {
        try {
            DOUBLE = LuaDouble.class.getDeclaredConstructor(double.class);
            DOUBLE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Values() {
    }

    /** The Lua value of bin value {@code v}; {@code what} names it in errors (a bin, an argument). */
    static LuaValue toLua(Value v, String what) {
        Session s = Session.current();
        s.budget.charge(OBJECT_BYTES);
        if (v instanceof Value.NilValue) {
            return LuaValue.NIL;
        } else if (v instanceof Value.BoolValue b) {
            return LuaValue.valueOf(b.value());
        } else if (v instanceof Value.IntegerValue i) {
            return integer(i.value(), what);
        } else if (v instanceof Value.DoubleValue d) {
            return s.markFloat(floatValue(d.value()));
        } else if (v instanceof Value.StringValue str) {
            LuaString ls = LuaString.valueOf(str.value());
            s.budget.charge(ls.rawlen());
            return ls;
        } else if (v instanceof Value.BytesValue b) {
            s.budget.charge(b.value().length);
            return new UdfBytes(b.value().clone(), UdfBytes.BLOB);
        } else if (v instanceof Value.HllValue h) {
            s.budget.charge(h.value().length);
            return new UdfBytes(h.value().clone(), UdfBytes.HLL);
        } else if (v instanceof Value.ListValue l) {
            List<LuaValue> items = new ArrayList<>(l.items().size());
            for (Value item : l.items()) {
                items.add(toLua(item, what));
            }
            return new UdfList(items, l.ordered());
        } else if (v instanceof Value.MapValue m) {
            UdfMap map = new UdfMap(m.order());
            m.entries().forEach((k, val) -> map.putFromBin(toLua(k, what), toLua(val, what)));
            return map;
        } else if (v instanceof Value.GeoJsonValue g) {
            s.budget.charge(g.json().length());
            return new UdfGeoJson(g.json());
        }
        throw new LuaError(LuaValue.valueOf(what + " holds a " + v.type()
                + ", which Aerospike's Lua API has no value for"));
    }

    /** An integer as a Lua number, refused beyond what a double holds exactly. */
    static LuaValue integer(long v, String what) {
        if (v > EXACT || v < -EXACT) {
            throw new LuaError(LuaValue.valueOf(what + " holds the integer " + v + ", beyond +/-2^53: Lua numbers"
                    + " here are doubles and would not hold it exactly"));
        }
        return LuaInteger.valueOf(v);
    }

    /** A double as LuaJ holds it, kept a double even when integral (LuaJ's own factory would make 2.0 an integer). */
    static LuaValue floatValue(double d) {
        LuaValue v = LuaValue.valueOf(d);
        if (v instanceof LuaDouble) {
            return v;
        }
        try {
            return DOUBLE.newInstance(d);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bin value of Lua value {@code v}, or null when it is none (a table, a function, a record): what
     * Aerospike's {@code mod_lua_toval} gives NULL for.
     */
    static Value toValue(LuaValue v, int depth) {
        if (v instanceof LuaNil) {
            return Value.NIL;
        } else if (v instanceof LuaBoolean b) {
            return Value.of(b.v);
        } else if (v instanceof LuaInteger i) {
            return Value.of((long) i.v);
        } else if (v instanceof LuaDouble d) {
            return number(d);
        } else if (v instanceof LuaString s) {
            return Value.of(s.tojstring());
        } else if (v instanceof UdfObject o) {
            if (depth > Value.MAX_DEPTH) {
                throw new LuaError(LuaValue.valueOf("a list or map nested more than " + Value.MAX_DEPTH
                        + " levels deep (or within itself)"));
            }
            return o.toValue(depth);
        }
        return null;
    }

    /** A Lua number as a bin value: a double read from a bin stays one; an integral number is an integer. */
    static Value number(LuaDouble d) {
        double x = d.todouble();
        Session s = Session.currentOrNull();
        if (x == Math.rint(x) && Math.abs(x) < 9.223372036854775807E18 && (s == null || !s.isFloat(d))) {
            return Value.of((long) x);
        }
        return Value.of(x);
    }

    /** The bytes of a Lua string (which holds bytes, not characters). */
    static byte[] bytes(LuaString s) {
        byte[] out = new byte[s.rawlen()];
        s.copyInto(0, out, 0, out.length);
        return out;
    }

    static LuaString string(String s) {
        return LuaString.valueOf(s.getBytes(StandardCharsets.UTF_8));
    }
}
