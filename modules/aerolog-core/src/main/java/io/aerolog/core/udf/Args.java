package io.aerolog.core.udf;

import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The argument checks of Lua's C API ({@code luaL_optinteger}, {@code luaL_checkudata} and the like), with
 * Lua's messages: {@code bad argument #2 to 'append' (number expected, got table)}.
 */
final class Args {
    private Args() {
    }

    static LuaError bad(int arg, String function, String what) {
        return new LuaError(LuaValue.valueOf("bad argument #" + arg + " to '" + function + "' (" + what + ")"));
    }

    /** {@code luaL_optinteger}: absent or nil gives {@code def}; a number or numeric string its integer value. */
    static long optInteger(Varargs args, int arg, long def, String function) {
        LuaValue v = args.arg(arg);
        if (v.isnil()) {
            return def;
        }
        return integer(v, arg, function);
    }

    static long integer(LuaValue v, int arg, String function) {
        if (v instanceof LuaInteger i) {
            return i.v;
        }
        LuaValue n = v instanceof LuaString ? v.tonumber() : v;
        if (n instanceof LuaInteger i) {
            return i.v;
        }
        if (n instanceof LuaDouble d) {
            double x = d.todouble();
            if (x == Math.rint(x) && Math.abs(x) < 9.223372036854775807E18) {
                return (long) x;
            }
            throw bad(arg, function, "number has no integer representation");
        }
        throw bad(arg, function, "number expected, got " + typeName(v));
    }

    /** {@code luaL_optstring}: absent or nil gives null; numbers are written as strings. */
    static LuaString optString(Varargs args, int arg, String function) {
        LuaValue v = args.arg(arg);
        if (v.isnil()) {
            return null;
        }
        return string(v, arg, function);
    }

    static LuaString string(LuaValue v, int arg, String function) {
        if (v instanceof LuaString s) {
            return s;
        }
        if (v instanceof LuaInteger) {
            return LuaString.valueOf(v.tojstring());
        }
        if (v instanceof LuaDouble d) {
            return LuaText.number(d);
        }
        throw bad(arg, function, "string expected, got " + typeName(v));
    }

    /** {@code luaL_checkudata}: the argument must be a {@code type}. */
    static <T extends UdfObject> T check(Varargs args, int arg, Class<T> type, String typeName, String function) {
        LuaValue v = args.arg(arg);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw bad(arg, function, typeName + " expected, got " + typeName(v));
    }

    /** The name Lua's errors give a value's type ({@code no value} for a missing argument). */
    static String typeName(LuaValue v) {
        if (v == LuaValue.NONE) {
            return "no value";
        }
        return v.typename();
    }
}
