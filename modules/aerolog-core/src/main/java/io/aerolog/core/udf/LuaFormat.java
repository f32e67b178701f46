package io.aerolog.core.udf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code string.format} as Lua 5.4's: C's conversions {@code d i c x X o e E f F g G q s %} with flags
 * {@code -+ #0}, a width and a precision of at most two digits each. LuaJ's ignores precisions and widths
 * ({@code %5.2f} of pi is 3.14159 there), which a UDF formatting numbers would get silently wrong.
 */
final class LuaFormat {
    private LuaFormat() {
    }

    private static LuaError error(String message) {
        return new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + message));
    }

    static LuaString format(Varargs args) {
        LuaString fmt = Args.string(args.arg(1), 1, "format");
        byte[] f = Values.bytes(fmt);
        ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + 16);
        Budget budget = Session.current().budget;
        int arg = 1;
        int i = 0;
        while (i < f.length) {
            byte c = f[i++];
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i >= f.length) {
                throw error("invalid conversion '%' to 'format'");
            }
            if (f[i] == '%') {
                out.write('%');
                i++;
                continue;
            }
            int start = i;
            while (i < f.length && "-+ #0".indexOf(f[i]) >= 0) {
                i++;
            }
            String flags = new String(f, start, i - start, StandardCharsets.ISO_8859_1);
            int widthStart = i;
            while (i < f.length && Character.isDigit(f[i])) {
                i++;
            }
            if (i - widthStart > 2) {
                throw error("invalid conversion '%" + spec(f, start, i) + "' to 'format'");
            }
            int width = i > widthStart ? Integer.parseInt(new String(f, widthStart, i - widthStart, StandardCharsets.ISO_8859_1)) : -1;
            int precision = -1;
            if (i < f.length && f[i] == '.') {
                i++;
                int precisionStart = i;
                while (i < f.length && Character.isDigit(f[i])) {
                    i++;
                }
                if (i - precisionStart > 2) {
                    throw error("invalid conversion '%" + spec(f, start, i) + "' to 'format'");
                }
                precision = i > precisionStart ? Integer.parseInt(new String(f, precisionStart, i - precisionStart,
                        StandardCharsets.ISO_8859_1)) : 0;
            }
            if (i >= f.length) {
                throw error("invalid conversion '%" + spec(f, start, i) + "' to 'format'");
            }
            char conv = (char) f[i++];
            arg++;
            if (arg > args.narg() && conv != '%') {
                throw Args.bad(arg, "format", "no value");
            }
            LuaValue v = args.arg(arg);
            byte[] piece = switch (conv) {
                case 'd', 'i' -> pad(integer(v, arg, flags, precision), width, flags, true);
                case 'c' -> pad(new byte[] {(byte) Args.integer(v, arg, "format")}, width, flags, false);
                case 'x', 'X', 'o' -> pad(unsigned(Args.integer(v, arg, "format"), conv, flags, precision), width, flags, true);
                case 'e', 'E', 'f', 'F', 'g', 'G' -> pad(floating(number(v, arg), conv, flags, precision), width, flags, true);
                case 'q' -> quoted(v, arg);
                case 's' -> {
                    LuaString s = (LuaString) LuaText.tostring(v, Session.current().addresses);
                    byte[] b = Values.bytes(s);
                    if (precision >= 0 && precision < b.length) {
                        b = java.util.Arrays.copyOf(b, precision);
                    }
                    yield pad(b, width, flags, false);
                }
                default -> throw error("invalid conversion '%" + spec(f, start, i) + "' to 'format'");
            };
            budget.charge(piece.length);
            out.write(piece, 0, piece.length);
        }
        budget.charge(f.length);
        return LuaString.valueOf(out.toByteArray());
    }

    private static String spec(byte[] f, int from, int to) {
        return new String(f, from, Math.min(to, f.length) - from, StandardCharsets.ISO_8859_1);
    }

    private static double number(LuaValue v, int arg) {
        LuaValue n = v instanceof LuaString ? v.tonumber() : v;
        if (!(n instanceof LuaInteger) && !(n instanceof LuaDouble)) {
            throw Args.bad(arg, "format", "number expected, got " + Args.typeName(v));
        }
        return n.todouble();
    }

    private static byte[] integer(LuaValue v, int arg, String flags, int precision) {
        long n = Args.integer(v, arg, "format");
        String digits = Long.toString(Math.abs(n));
        if (n == Long.MIN_VALUE) {
            digits = "9223372036854775808";
        }
        if (precision >= 0) {
            digits = precision == 0 && n == 0 ? "" : "0".repeat(Math.max(0, precision - digits.length())) + digits;
        }
        String sign = n < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        return (sign + digits).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] unsigned(long n, char conv, String flags, int precision) {
        String digits = conv == 'o' ? Long.toOctalString(n) : Long.toHexString(n);
        if (conv == 'X') {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        if (precision >= 0) {
            digits = precision == 0 && n == 0 ? "" : "0".repeat(Math.max(0, precision - digits.length())) + digits;
        }
        if (flags.indexOf('#') >= 0 && n != 0) {
            digits = (conv == 'o' ? "0" : conv == 'x' ? "0x" : "0X") + digits;
        }
        return digits.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] floating(double d, char conv, String flags, int precision) {
        int p = precision < 0 ? 6 : precision;
        boolean alt = flags.indexOf('#') >= 0;
        boolean upper = Character.isUpperCase(conv);
        String body;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            if (upper) {
                body = body.toUpperCase(Locale.ROOT);
            }
        } else {
            body = switch (Character.toLowerCase(conv)) {
                case 'e' -> LuaText.e(d, p, alt, upper);
                case 'f' -> {
                    String s = new java.math.BigDecimal(d).setScale(p, java.math.RoundingMode.HALF_EVEN).toPlainString();
                    if (d < 0 && !s.startsWith("-")) {
                        s = "-" + s;
                    } else if (d == 0 && 1 / d < 0 && !s.startsWith("-")) {
                        s = "-" + s;
                    }
                    yield alt && p == 0 ? s + "." : s;
                }
                default -> LuaText.g(d, p, alt, upper);
            };
        }
        if (!body.startsWith("-")) {
            body = (flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "") + body;
        }
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Pads {@code s} to {@code width}: left-justified with '-', with zeros after the sign for numbers with '0'. */
    private static byte[] pad(byte[] s, int width, String flags, boolean numeric) {
        if (width <= s.length) {
            return s;
        }
        int fill = width - s.length;
        byte[] out = new byte[width];
        if (flags.indexOf('-') >= 0) {
            System.arraycopy(s, 0, out, 0, s.length);
            java.util.Arrays.fill(out, s.length, width, (byte) ' ');
        } else if (numeric && flags.indexOf('0') >= 0 && s.length > 0 && Character.isDigit(s[s.length - 1])) {
            int sign = s.length > 0 && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
            if (s.length > sign + 1 && s[sign] == '0' && (s[sign + 1] == 'x' || s[sign + 1] == 'X')) {
                sign += 2;
            }
            System.arraycopy(s, 0, out, 0, sign);
            java.util.Arrays.fill(out, sign, sign + fill, (byte) '0');
            System.arraycopy(s, sign, out, sign + fill, s.length - sign);
        } else {
            java.util.Arrays.fill(out, 0, fill, (byte) ' ');
            System.arraycopy(s, 0, out, fill, s.length);
        }
        return out;
    }

    /** {@code %q}: a string as a Lua literal that reads back the same; numbers, booleans and nil as themselves. */
    private static byte[] quoted(LuaValue v, int arg) {
        if (v instanceof LuaString s) {
            byte[] b = Values.bytes(s);
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2);
            out.write('"');
            for (int i = 0; i < b.length; i++) {
                int c = b[i] & 0xFF;
                if (c == '"' || c == '\\' || c == '\n') {
                    out.write('\\');
                    out.write(c);
                } else if (c == '\r') {
                    out.writeBytes("\\r".getBytes(StandardCharsets.ISO_8859_1));
                } else if (c == 0) {
                    boolean digitNext = i + 1 < b.length && Character.isDigit(b[i + 1]);
                    out.writeBytes((digitNext ? "\\000" : "\\0").getBytes(StandardCharsets.ISO_8859_1));
                } else if (c < 32 || c == 127) {
                    boolean digitNext = i + 1 < b.length && Character.isDigit(b[i + 1]);
                    out.writeBytes(("\\" + (digitNext ? String.format("%03d", c) : Integer.toString(c)))
                            .getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    out.write(c);
                }
            }
            out.write('"');
            return out.toByteArray();
        }
        if (v instanceof LuaInteger || v instanceof LuaDouble || v.isnil() || v.isboolean()) {
            return Values.bytes((LuaString) LuaText.tostring(v, Session.current().addresses));
        }
        throw Args.bad(arg, "format", "value has no literal form");
    }
}
