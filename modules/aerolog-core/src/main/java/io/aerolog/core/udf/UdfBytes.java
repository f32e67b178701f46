package io.aerolog.core.udf;

import io.aerolog.core.Value;
import java.util.Arrays;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Aerospike's Lua bytes ({@code mod_lua_bytes.c} over {@code as_bytes}): a buffer with a size and a capacity,
 * 1-based, {@code b[i]} and {@code b[i] = byte}, {@code #b}, and the {@code bytes} library (integers of 8 to 64
 * bits big- or little-endian, 7-bit variable-length integers, strings and other bytes, at a position or
 * appended). Writes past the size grow it (zeros between); a read past it returns nothing. Each keeps its
 * Aerospike type: 4 (a blob) unless read from a HyperLogLog bin (18) or set with {@code set_type}.
 *
 * <p>As on Aerospike's server, {@code set_var_int} and {@code append_var_int} write into the buffer without
 * moving its size ({@code as_bytes_set_var_int} never updates it), so what they append is not seen until a
 * later write covers it.
 */
final class UdfBytes extends UdfObject {
    static final int BLOB = 4;
    static final int HLL = 18;

    private byte[] data;
    private int size;
    int type;

    UdfBytes(byte[] value, int type) {
        super(Session.current().bytesMeta);
        this.data = value;
        this.size = value.length;
        this.type = type;
    }

    private UdfBytes(int capacity) {
        this(new byte[0], BLOB);
        ensure(capacity, true);
    }

    byte[] value() {
        return Arrays.copyOf(data, size);
    }

    int size() {
        return size;
    }

    /** {@code as_bytes_ensure}: room for {@code capacity} bytes, growing when {@code resize}. */
    private boolean ensure(long capacity, boolean resize) {
        if (capacity <= data.length) {
            return true;
        }
        if (!resize || capacity > Integer.MAX_VALUE - 8) {
            return false;
        }
        Session.current().budget.charge(capacity - data.length);
        data = Arrays.copyOf(data, (int) capacity);
        return true;
    }

    /** {@code as_bytes_set}: writes {@code n} bytes at {@code pos}, growing the size to cover them. */
    private boolean write(long pos, byte[] src, int off, int n) {
        if (pos + n > data.length) {
            return false;
        }
        System.arraycopy(src, off, data, (int) pos, n);
        size = (int) Math.max(size, pos + n);
        return true;
    }

    /** Writes {@code width} bytes of {@code v} at {@code pos} (growing the buffer), big- or little-endian. */
    private boolean writeInt(long pos, long v, int width, boolean little) {
        if (!ensure(pos + width, true)) {
            return false;
        }
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            int shift = little ? 8 * i : 8 * (width - 1 - i);
            b[i] = (byte) (v >>> shift);
        }
        return write(pos, b, 0, width);
    }

    /** Reads {@code width} bytes at {@code pos} as a signed integer; null when they run past the size. */
    private Long readInt(long pos, int width, boolean little) {
        if (pos + width > size) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            int b = data[(int) pos + (little ? width - 1 - i : i)] & 0xFF;
            v = (v << 8) | b;
        }
        int unused = 64 - 8 * width;
        return (v << unused) >> unused;
    }

    /** {@code as_bytes_set_var_int}: 7 bits a byte, high bit for "more"; the size does not move. */
    private int writeVarInt(long pos, long value) {
        if (!ensure(pos + 5, true)) {
            return 0;
        }
        long v = value & 0xFFFF_FFFFL;
        int p = (int) pos;
        while (p < data.length && v >= 0x80) {
            data[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        if (p < data.length) {
            data[p++] = (byte) v;
            return p - (int) pos;
        }
        return 0;
    }

    @Override
    public LuaValue get(LuaValue key) {
        long i = Args.integer(key, 2, "__index");
        return i >= 1 && i <= size ? valueOf(data[(int) (i - 1)] & 0xFF) : NIL;
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        long i = Args.integer(key, 2, "__newindex");
        long v = Args.integer(value, 3, "__newindex");
        if (i >= 1 && i <= 0xFFFF_FFFFL && v >= 0 && v <= 255) {
            writeInt(i - 1, v, 1, false);
        }
    }

    @Override
    public LuaValue len() {
        return valueOf(size);
    }

    @Override
    LuaString text() {
        if (size == 0) {
            return LuaString.valueOf("Bytes()");
        }
        StringBuilder out = new StringBuilder(size * 3);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Character.forDigit((data[i] >> 4) & 0xF, 16)).append(Character.forDigit(data[i] & 0xF, 16));
        }
        Session.current().budget.charge(out.length());
        return LuaString.valueOf(out.toString().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    Value toValue(int depth) {
        return type == HLL ? new Value.HllValue(value()) : Value.of(value());
    }

    // ---- the Bytes metatable and the bytes library

    private static final LuaValue GET_BYTE = new Method("get_byte");
    private static final LuaValue SET_BYTE = new Method("set_byte");
    private static final LuaValue SIZE = new Method("size");
    private static final LuaValue TO_STRING = new Method("tostring");

    static LuaTable metatable() {
        LuaTable meta = new LuaTable();
        meta.set(INDEX, GET_BYTE);
        meta.set(NEWINDEX, SET_BYTE);
        meta.set(LEN, SIZE);
        meta.set(TOSTRING, TO_STRING);
        return meta;
    }

    private static final String[] FUNCTIONS = {"size", "set_size", "get_type", "set_type", "get_string", "get_bytes",
        "get_byte", "get_int16", "get_int16_be", "get_int16_le", "get_int32", "get_int32_be", "get_int32_le",
        "get_int64", "get_int64_be", "get_int64_le", "get_var_int", "set_string", "set_bytes", "set_byte",
        "set_int16", "set_int16_be", "set_int16_le", "set_int32", "set_int32_be", "set_int32_le", "set_int64",
        "set_int64_be", "set_int64_le", "set_var_int", "append_string", "append_bytes", "append_byte",
        "append_int16", "append_int16_be", "append_int16_le", "append_int32", "append_int32_be", "append_int32_le",
        "append_int64", "append_int64_be", "append_int64_le", "append_var_int", "tostring"};

    private static final Libraries.Functions LIB = Libraries.functions(Method::new, FUNCTIONS);
    private static final Libraries.Functions CALLABLE = Libraries.functions(Method::new, "__call");

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
            if (name.equals("__call")) {
                if (args.narg() == 1) {
                    return new UdfBytes(0);
                }
                if (args.narg() == 2) {
                    long n = Args.optInteger(args, 2, 0, "bytes");
                    return new UdfBytes((int) Math.max(0, Math.min(n, 0xFFFF_FFFFL)));
                }
                return NONE;
            }
            int n = args.narg();
            if (name.startsWith("get_") && !name.equals("get_type") && n != 2 && n != 3) {
                return NONE;
            }
            UdfBytes b = Args.check(args, 1, UdfBytes.class, "Bytes", name);
            return switch (name) {
                case "size" -> n != 1 ? valueOf(0) : valueOf(b.size);
                case "tostring" -> n != 1 ? valueOf(0) : b.text();
                case "set_size" -> {
                    long c = Args.optInteger(args, 2, 0, name);
                    long r = Args.optInteger(args, 3, 0, name);
                    yield valueOf(n >= 2 && c >= 0 && c <= 0xFFFF_FFFFL && (r == 0 || r == 1) && b.ensure(c, r == 1));
                }
                case "get_type" -> n < 1 ? NONE : valueOf(b.type);
                case "set_type" -> {
                    long t = Args.optInteger(args, 2, 0, name);
                    if (n != 2 || t == 0) {
                        yield FALSE;
                    }
                    b.type = (int) t;
                    yield TRUE;
                }
                case "get_byte" -> readInt(b, args, 1, false);
                case "get_int16", "get_int16_be" -> readInt(b, args, 2, false);
                case "get_int16_le" -> readInt(b, args, 2, true);
                case "get_int32", "get_int32_be" -> readInt(b, args, 4, false);
                case "get_int32_le" -> readInt(b, args, 4, true);
                case "get_int64", "get_int64_be" -> readInt(b, args, 8, false);
                case "get_int64_le" -> readInt(b, args, 8, true);
                case "get_var_int" -> getVarInt(b, args);
                case "get_string", "get_bytes" -> getRange(b, args);
                case "set_byte" -> setInt(b, args, 1, false, 0, 255);
                case "set_int16", "set_int16_be" -> setInt(b, args, 2, false, Short.MIN_VALUE, Short.MAX_VALUE);
                case "set_int16_le" -> setInt(b, args, 2, true, Short.MIN_VALUE, Short.MAX_VALUE);
                case "set_int32", "set_int32_be" -> setInt(b, args, 4, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "set_int32_le" -> setInt(b, args, 4, true, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "set_int64", "set_int64_be" -> setInt(b, args, 8, false, Long.MIN_VALUE, Long.MAX_VALUE);
                case "set_int64_le" -> setInt(b, args, 8, true, Long.MIN_VALUE, Long.MAX_VALUE);
                case "set_var_int" -> {
                    long i = Args.optInteger(args, 2, 0, name);
                    long v = Args.optInteger(args, 3, 0, name);
                    if (n != 3 || i < 1 || i > 0xFFFF_FFFFL || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        yield valueOf(0);
                    }
                    yield valueOf(b.writeVarInt(i - 1, v));
                }
                case "set_string" -> {
                    long i = Args.optInteger(args, 2, 0, name);
                    LuaString s = Args.optString(args, 3, name);
                    if (n != 3 || i < 1 || i > 0xFFFF_FFFFL || s == null) {
                        yield FALSE;
                    }
                    yield valueOf(b.ensure(i - 1 + s.rawlen(), true) && b.write(i - 1, Values.bytes(s), 0, s.rawlen()));
                }
                case "set_bytes" -> {
                    long i = Args.optInteger(args, 2, 0, name);
                    UdfBytes v = Args.check(args, 3, UdfBytes.class, "Bytes", name);
                    long count = Args.optInteger(args, 4, 0, name);
                    if (n != 4 || i < 1 || i > 0xFFFF_FFFFL || count < 0 || count > v.size) {
                        yield FALSE;
                    }
                    yield valueOf(b.ensure(i - 1 + count, true) && b.write(i - 1, v.data, 0, (int) count));
                }
                case "append_byte" -> append(b, args, 1, false, 0, 255);
                case "append_int16", "append_int16_be" -> append(b, args, 2, false, Short.MIN_VALUE, Short.MAX_VALUE);
                case "append_int16_le" -> append(b, args, 2, true, Short.MIN_VALUE, Short.MAX_VALUE);
                case "append_int32", "append_int32_be" -> append(b, args, 4, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "append_int32_le" -> append(b, args, 4, true, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "append_int64", "append_int64_be" -> append(b, args, 8, false, Long.MIN_VALUE, Long.MAX_VALUE);
                case "append_int64_le" -> append(b, args, 8, true, Long.MIN_VALUE, Long.MAX_VALUE);
                case "append_var_int" -> {
                    long v = Args.optInteger(args, 2, 0, name);
                    if (n != 2 || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        yield valueOf(0);
                    }
                    yield valueOf(b.writeVarInt(b.size, v));
                }
                case "append_string" -> {
                    LuaString s = Args.optString(args, 2, name);
                    if (n != 2 || s == null || s.rawlen() == 0) {
                        yield FALSE;
                    }
                    yield valueOf(b.ensure((long) b.size + s.rawlen(), true)
                            && b.write(b.size, Values.bytes(s), 0, s.rawlen()));
                }
                case "append_bytes" -> {
                    UdfBytes v = Args.check(args, 2, UdfBytes.class, "Bytes", name);
                    long count = Args.optInteger(args, 3, 0, name);
                    if (n != 3 || count < 0 || count > 0xFFFF_FFFFL) {
                        yield FALSE;
                    }
                    int c = (int) Math.min(count, v.size);
                    byte[] src = Arrays.copyOf(v.data, c);
                    yield valueOf(b.ensure((long) b.size + c, true) && b.write(b.size, src, 0, c));
                }
                default -> throw new IllegalStateException(name);
            };
        }

        private Varargs readInt(UdfBytes b, Varargs args, int width, boolean little) {
            long i = Args.optInteger(args, 2, 0, name);
            if (i < 1 || i > 0xFFFF_FFFFL) {
                return NONE;
            }
            Long v = b.readInt(i - 1, width, little);
            if (v == null) {
                return NONE;
            }
            return width == 1 ? valueOf(v & 0xFF) : Values.integer(v, "bytes." + name);
        }

        private Varargs getVarInt(UdfBytes b, Varargs args) {
            long i = Args.optInteger(args, 2, 0, name);
            if (i < 1 || i > b.size) {
                return NONE;
            }
            long v = 0;
            int shift = 0;
            int p = (int) (i - 1);
            int start = p;
            while (p < b.size && shift < 35) {
                int x = b.data[p++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                shift += 7;
                if ((x & 0x80) == 0) {
                    return varargsOf(valueOf(v & 0xFFFF_FFFFL), valueOf(p - start));
                }
            }
            return NONE;
        }

        private Varargs getRange(UdfBytes b, Varargs args) {
            long i = Args.optInteger(args, 2, 0, name);
            long count = Args.optInteger(args, 3, 0, name);
            if (i < 1 || i > 0xFFFF_FFFFL || count < 0 || i - 1 + count > b.size) {
                return NONE;
            }
            byte[] out = Arrays.copyOfRange(b.data, (int) (i - 1), (int) (i - 1 + count));
            Session.current().budget.charge(out.length);
            return name.equals("get_string") ? LuaString.valueOf(out) : new UdfBytes(out, BLOB);
        }

        private Varargs setInt(UdfBytes b, Varargs args, int width, boolean little, long min, long max) {
            long i = Args.optInteger(args, 2, 0, name);
            long v = Args.optInteger(args, 3, 0, name);
            if (args.narg() != 3 || i < 1 || i > 0xFFFF_FFFFL || v < min || v > max) {
                return FALSE;
            }
            return valueOf(b.writeInt(i - 1, v, width, little));
        }

        private Varargs append(UdfBytes b, Varargs args, int width, boolean little, long min, long max) {
            long v = Args.optInteger(args, 2, 0, name);
            if (args.narg() != 2 || v < min || v > max) {
                return FALSE;
            }
            return valueOf(b.writeInt(b.size, v, width, little));
        }
    }
}
