package io.aerolog.core.bits.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One bit operation read from its wire form {@code [code, arguments...]}, with each argument checked
 * as the server's {@code bits_parse_*} functions check it (every failure is PARAMETER_ERROR). Offsets and
 * sizes are in bits, as the server normalises them; {@code offset} may still be negative (from the end).
 */
final class BitOp {
    final BitOpDef def;
    long offset;
    long size;
    long value;
    byte[] buf;
    long flags;
    long subflags;

    private BitOp(BitOpDef def) {
        this.def = def;
    }

    /** The operation {@code wire} holds, among modify or read operations. */
    static BitOp parse(Value wire, boolean modify) {
        if (!(wire instanceof Value.ListValue list) || list.items().isEmpty()) {
            throw parameter("a bit operation is a list [code, arguments...], not " + describe(wire));
        }
        List<Value> items = list.items();
        if (!(items.get(0) instanceof Value.IntegerValue code)) {
            throw parameter("a bit operation's first item is its code, not " + describe(items.get(0)));
        }
        BitOpDef def = BitOpDef.of(code.value(), modify);
        if (def == null) {
            throw parameter("bit operation code " + Long.toUnsignedString(code.value()) + " is not a "
                    + (modify ? "modify" : "read") + " operation of Aerospike");
        }
        int nArgs = items.size() - 1;
        if (nArgs < def.minArgs || nArgs > def.args.size()) {
            throw parameter(def.wireName + " takes " + def.minArgs + (def.minArgs == def.args.size() ? "" : " to "
                    + def.args.size()) + " arguments, not " + nArgs);
        }
        BitOp op = new BitOp(def);
        for (int i = 0; i < nArgs; i++) {
            op.read(def.args.get(i), items.get(i + 1));
        }
        return op;
    }

    private void read(BitOpDef.Arg arg, Value v) {
        switch (arg) {
            case BYTE_OFFSET -> {
                long o = integer(v, "byte offset");
                if (o < -BitFlags.PROTO_SIZE_MAX || o > BitFlags.PROTO_SIZE_MAX) {
                    throw parameter(def.wireName + " byte offset " + o + " is beyond " + BitFlags.PROTO_SIZE_MAX);
                }
                offset = o * 8;
            }
            case OFFSET -> {
                long o = integer(v, "bit offset");
                if (o < -BitFlags.PROTO_SIZE_MAX * 8 || o > BitFlags.PROTO_SIZE_MAX * 8) {
                    throw parameter(def.wireName + " bit offset " + o + " is beyond " + BitFlags.PROTO_SIZE_MAX * 8);
                }
                offset = o;
            }
            case BYTE_SIZE, BYTE_SIZE_ALLOW_ZERO -> {
                long s = integer(v, "byte size");
                if (s == 0 && arg == BitOpDef.Arg.BYTE_SIZE) {
                    throw parameter(def.wireName + " byte size may not be 0");
                }
                if (Long.compareUnsigned(s, BitFlags.PROTO_SIZE_MAX) > 0) {
                    throw parameter(def.wireName + " byte size " + Long.toUnsignedString(s) + " is larger than "
                            + BitFlags.PROTO_SIZE_MAX);
                }
                size = s * 8;
            }
            case INTEGER_SIZE -> {
                long s = integer(v, "integer size");
                if (s == 0 || Long.compareUnsigned(s, 64) > 0) {
                    throw parameter(def.wireName + " integer size " + Long.toUnsignedString(s)
                            + " is not 1 to 64 bits");
                }
                size = s;
            }
            case SIZE -> {
                long s = integer(v, "bit size");
                if (s == 0) {
                    throw parameter(def.wireName + " bit size may not be 0");
                }
                if (Long.compareUnsigned(s, BitFlags.PROTO_SIZE_MAX * 8) > 0) {
                    throw parameter(def.wireName + " bit size " + Long.toUnsignedString(s) + " is larger than "
                            + BitFlags.PROTO_SIZE_MAX * 8);
                }
                size = s;
            }
            case BOOLEAN_VALUE -> {
                if (!(v instanceof Value.BoolValue b)) {
                    throw parameter(def.wireName + " scans for a boolean, not " + describe(v));
                }
                value = b.value() ? 1 : 0;
            }
            case N_BITS_VALUE -> {
                value = integer(v, "shift");
                if (Long.compareUnsigned(value, BitFlags.PROTO_SIZE_MAX * 8) > 0) {
                    throw parameter(def.wireName + " shift of " + Long.toUnsignedString(value)
                            + " bits is larger than " + BitFlags.PROTO_SIZE_MAX * 8);
                }
            }
            case INTEGER_VALUE -> value = integer(v, "value");
            case BUF -> readBuf(v);
            case FLAGS -> {
                flags = integer(v, "flags");
                if ((flags & ~def.allowedFlags) != 0) {
                    throw parameter(def.wireName + " does not take bit write flags 0x" + Long.toHexString(flags));
                }
                if ((flags & BitFlags.CREATE_ONLY) != 0 && (flags & BitFlags.UPDATE_ONLY) != 0) {
                    throw parameter(def.wireName + ": CREATE_ONLY and UPDATE_ONLY exclude each other");
                }
            }
            case RESIZE_SUBFLAGS -> {
                subflags = integer(v, "resize flags");
                long known = BitFlags.RESIZE_FROM_FRONT | BitFlags.RESIZE_GROW_ONLY | BitFlags.RESIZE_SHRINK_ONLY;
                if ((subflags & ~known) != 0) {
                    throw parameter(def.wireName + " does not take resize flags 0x" + Long.toHexString(subflags));
                }
                if ((subflags & BitFlags.RESIZE_GROW_ONLY) != 0 && (subflags & BitFlags.RESIZE_SHRINK_ONLY) != 0) {
                    throw parameter(def.wireName + ": GROW_ONLY and SHRINK_ONLY exclude each other");
                }
            }
            case ARITHMETIC_SUBFLAGS -> {
                subflags = integer(v, "overflow flags");
                long known = BitFlags.INT_SIGNED | BitFlags.INT_SATURATE | BitFlags.INT_WRAP;
                if ((subflags & ~known) != 0) {
                    throw parameter(def.wireName + " does not take integer flags 0x" + Long.toHexString(subflags));
                }
                if ((subflags & BitFlags.INT_SATURATE) != 0 && (subflags & BitFlags.INT_WRAP) != 0) {
                    throw parameter(def.wireName + ": overflow actions SATURATE and WRAP exclude each other");
                }
            }
            case GET_INTEGER_SUBFLAGS -> {
                subflags = integer(v, "integer flags");
                if ((subflags & ~BitFlags.INT_SIGNED) != 0) {
                    throw parameter(def.wireName + " takes only the SIGNED flag, not 0x"
                            + Long.toHexString(subflags));
                }
            }
        }
    }

    /** The bytes argument; the server ignores the particle type byte and refuses an empty one. */
    private void readBuf(Value v) {
        byte[] bytes = raw(v);
        if (bytes == null || bytes.length == 0) {
            throw parameter(def.wireName + " needs a non-empty bytes value, not " + describe(v));
        }
        long bits = bytes.length * 8L;
        if (size != 0) {
            if (bits < size) {
                throw parameter(def.wireName + " has " + bits + " bits of value for a size of " + size + " bits");
            }
        } else {
            size = bits;
        }
        buf = bytes;
    }

    private long integer(Value v, String what) {
        if (v instanceof Value.IntegerValue i) {
            return i.value();
        }
        throw parameter(def.wireName + " " + what + " must be an integer, not " + describe(v));
    }

    /** The bytes of a msgpack str or bin argument (Aerospike reads either as bytes). */
    static byte[] raw(Value v) {
        if (v instanceof Value.BytesValue b) {
            return b.value();
        }
        if (v instanceof Value.StringValue s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Value.HllValue h) {
            return h.value();
        }
        if (v instanceof Value.GeoJsonValue g) {
            return g.json().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static String describe(Value v) {
        return v == null ? "nothing" : v.type().toString();
    }

    static AerologException parameter(String message) {
        return new AerologException(ResultCode.PARAMETER_ERROR, message);
    }
}
