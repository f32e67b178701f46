package io.aerolog.core.udf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.IdentityHashMap;
import java.util.Map;
import org.luaj.vm2.LuaBoolean;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNil;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Values as Lua writes them, where LuaJ writes them otherwise: numbers with C's {@code %.14g} (LuaJ
 * writes 1/3 as the Java float 0.33333334 and 1e300 as Infinity), integral values as integers, doubles
 * read from bins with Lua 5.4's ".0", and tables and functions with an address that is the same on every
 * replay (LuaJ writes their identity hash, which is not).
 */
final class LuaText {
    private static final double TWO_63 = 9223372036854775808.0;

    private LuaText() {
    }

    /** The string Lua writes for the number {@code d} of the running call. */
    static LuaString number(LuaDouble d) {
        Session session = Session.currentOrNull();
        return LuaString.valueOf(numberText(d.todouble(), session != null && session.isFloat(d)));
    }

    /**
     * The string Lua writes for {@code d}: C's {@code %.14g}, except that an integral value is written as the
     * integer it is (as Lua 5.4 writes integers), and an integral double read from a bin ({@code isFloat})
     * with Lua 5.4's ".0".
     */
    static String numberText(double d, boolean isFloat) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d)) {
            if (isFloat) {
                String g = g(d, 14, false, false);
                return g.indexOf('.') < 0 && g.indexOf('e') < 0 ? g + ".0" : g;
            }
            if (Math.abs(d) < TWO_63) {
                return Long.toString((long) d);
            }
        }
        return g(d, 14, false, false);
    }

    /**
     * C's {@code %g} of {@code d} with {@code precision} significant digits: fixed notation when the exponent
     * is at least -4 and below the precision, scientific otherwise; trailing zeros removed unless {@code alt}.
     */
    static String g(double d, int precision, boolean alt, boolean upper) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
        }
        int p = precision == 0 ? 1 : precision;
        if (d == 0) {
            String zero = (1 / d < 0 ? "-" : "") + (alt ? "0." + "0".repeat(p - 1) : "0");
            return zero;
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String out;
        if (exponent < -4 || exponent >= p) {
            out = e(d, p - 1, alt, upper);
            if (!alt) {
                int at = out.indexOf(upper ? 'E' : 'e');
                out = stripZeros(out.substring(0, at)) + out.substring(at);
            }
        } else {
            out = rounded.setScale(Math.max(0, p - 1 - exponent), RoundingMode.HALF_EVEN).toPlainString();
            if (!alt) {
                out = stripZeros(out);
            } else if (!out.contains(".")) {
                out = out + ".";
            }
        }
        return out;
    }

    /** C's {@code %e}: one digit, {@code precision} decimals, an exponent of at least two digits. */
    static String e(double d, int precision, boolean alt, boolean upper) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
        }
        String s = String.format(java.util.Locale.ROOT, "%." + precision + "e", d);
        if (alt && precision == 0) {
            int at = s.indexOf('e');
            s = s.substring(0, at) + "." + s.substring(at);
        }
        return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A chunk's name as Lua shows it in positions: without the {@code @} or {@code =} that marks a file or a literal name. */
    static String source(LuaString source) {
        if (source == null) {
            return "?";
        }
        String s = source.tojstring();
        return s.startsWith("@") || s.startsWith("=") ? s.substring(1) : s;
    }

    /**
     * What {@code tostring} gives: {@code __tostring} where the value has one, numbers as Lua writes them,
     * and tables, functions and the like with an address numbered in the order this call first wrote them.
     */
    static LuaValue tostring(LuaValue v, Addresses addresses) {
        if (v instanceof LuaString) {
            return v;
        }
        if (v instanceof LuaInteger) {
            return LuaString.valueOf(v.tojstring());
        }
        if (v instanceof LuaDouble d) {
            return number(d);
        }
        if (v instanceof LuaNil || v instanceof LuaBoolean) {
            return LuaString.valueOf(v.tojstring());
        }
        if (v instanceof UdfObject u) {
            return u.text();
        }
        LuaValue meta = v.getmetatable();
        if (meta != null) {
            LuaValue f = meta.rawget(LuaValue.TOSTRING);
            if (!f.isnil()) {
                LuaValue s = f.call(v);
                if (!s.isstring()) {
                    throw new org.luaj.vm2.LuaError(LuaValue.valueOf("'__tostring' must return a string"));
                }
                return s.isnumber() ? tostring(s, addresses) : s;
            }
        }
        return LuaString.valueOf(v.typename() + ": 0x" + String.format("%08x", addresses.of(v)));
    }

    /** The addresses one call has shown: 1, 2, 3... in the order it first showed each object. */
    static final class Addresses {
        private final Map<Object, Integer> numbers = new IdentityHashMap<>();

        int of(Object o) {
            return numbers.computeIfAbsent(o, k -> numbers.size() + 1);
        }
    }
}
