package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader over an expression's msgpack bytes, reading them the way Aerospike's server does
 * ({@code msgpack_in.c}). An expression mixes two kinds of msgpack string: names (bins, variables, a
 * regex) are plain strings, while values carry Aerospike's particle-type byte first (3 string, 4 blob,
 * 18 HLL, 23 GeoJSON); only a reader that knows which position it reads can tell them apart, which is
 * why expressions are compiled from their bytes. Data elements (literal lists and maps, operation
 * arguments) decode to {@link Value}s, keeping the order flags of ordered lists and maps and
 * Aerospike's wildcard and infinity. Every read is bounded by the buffer; anything malformed is
 * PARAMETER_ERROR.
 */
final class Wire {
    static final int PARTICLE_STRING = 3;
    static final int PARTICLE_BLOB = 4;
    static final int PARTICLE_HLL = 18;
    static final int PARTICLE_GEOJSON = 23;

    private static final int CMP_EXT_TYPE = 0xff;
    private static final int CMP_WILDCARD = 0x00;
    private static final int CMP_INF = 0x01;

    /** What the next element is, as {@code msgpack_peek_type} classifies it. */
    enum Kind { NIL, FALSE, TRUE, INT, DOUBLE, STRING, BYTES, GEOJSON, LIST, MAP, EXT, WILDCARD, INFINITY }

    private final byte[] buf;
    private final int end;
    private int pos;

    Wire(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int remaining() {
        return end - pos;
    }

    Kind peek() {
        need(1);
        int b = u8At(pos);
        if (b < 0x80 || b >= 0xe0) {
            return Kind.INT;
        }
        if ((b & 0xe0) == 0xa0) {
            return rawKind(pos + 1, b & 0x1f);
        }
        if ((b & 0xf0) == 0x80) {
            return Kind.MAP;
        }
        if ((b & 0xf0) == 0x90) {
            return Kind.LIST;
        }
        return switch (b) {
            case 0xc0 -> Kind.NIL;
            case 0xc2 -> Kind.FALSE;
            case 0xc3 -> Kind.TRUE;
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> Kind.INT;
            case 0xca, 0xcb -> Kind.DOUBLE;
            case 0xc4, 0xd9 -> rawKind(pos + 2, u8At(pos + 1));
            case 0xc5, 0xda -> rawKind(pos + 3, u8At(pos + 1) << 8 | u8At(pos + 2));
            case 0xc6, 0xdb -> rawKind(pos + 5, (int) Math.min(Integer.MAX_VALUE, beAt(pos + 1, 4)));
            case 0xdc, 0xdd -> Kind.LIST;
            case 0xde, 0xdf -> Kind.MAP;
            case 0xd4 -> extKind(pos + 1);
            case 0xc7 -> u8At(pos + 1) == 1 ? extKind(pos + 2) : Kind.EXT;
            case 0xd5, 0xd6, 0xd7, 0xd8, 0xc8, 0xc9 -> Kind.EXT;
            default -> throw malformed("unknown msgpack type 0x" + Integer.toHexString(b));
        };
    }

    private Kind rawKind(int typeAt, int length) {
        if (length == 0) {
            return Kind.BYTES;
        }
        return switch (u8At(typeAt)) {
            case PARTICLE_STRING -> Kind.STRING;
            case PARTICLE_GEOJSON -> Kind.GEOJSON;
            default -> Kind.BYTES;
        };
    }

    private Kind extKind(int typeAt) {
        if (u8At(typeAt) != CMP_EXT_TYPE) {
            return Kind.EXT;
        }
        return switch (u8At(typeAt + 1)) {
            case CMP_WILDCARD -> Kind.WILDCARD;
            case CMP_INF -> Kind.INFINITY;
            default -> Kind.EXT;
        };
    }

    /** A list header's element count ({@code msgpack_get_list_ele_count}). */
    int listHeader() {
        int b = u8();
        int count;
        if ((b & 0xf0) == 0x90) {
            count = b & 0x0f;
        } else {
            count = switch (b) {
                case 0xdc -> (int) be(2);
                case 0xdd -> count(be(4));
                default -> throw malformed("expected a list at byte " + (pos - 1));
            };
        }
        // each element takes a byte at least: a claim beyond the bytes left must not size anything
        if (count > end - pos) {
            throw malformed("a list of " + count + " elements cannot fit in the " + (end - pos) + " bytes left");
        }
        return count;
    }

    private int mapHeader() {
        int b = u8();
        if ((b & 0xf0) == 0x80) {
            return b & 0x0f;
        }
        return switch (b) {
            case 0xde -> (int) be(2);
            case 0xdf -> count(be(4));
            default -> throw malformed("expected a map at byte " + (pos - 1));
        };
    }

    /** Any msgpack integer, its 64 bits as the server's {@code msgpack_get_uint64/int64} keep them. */
    long integer() {
        int b = u8();
        if (b < 0x80) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        return switch (b) {
            case 0xcc -> u8();
            case 0xcd -> be(2);
            case 0xce -> be(4);
            case 0xcf -> be(8);
            case 0xd0 -> (byte) u8();
            case 0xd1 -> (short) be(2);
            case 0xd2 -> (int) be(4);
            case 0xd3 -> be(8);
            default -> throw malformed("expected an integer at byte " + (pos - 1));
        };
    }

    double dbl() {
        int b = u8();
        return switch (b) {
            case 0xca -> Float.intBitsToFloat((int) be(4));
            case 0xcb -> Double.longBitsToDouble(be(8));
            default -> throw malformed("expected a float at byte " + (pos - 1));
        };
    }

    boolean bool() {
        int b = u8();
        if (b != 0xc2 && b != 0xc3) {
            throw malformed("expected a boolean at byte " + (pos - 1));
        }
        return b == 0xc3;
    }

    /** The bytes of a msgpack str or bin, as they are ({@code msgpack_get_bin}): names have no type byte. */
    byte[] raw() {
        int b = u8();
        int size;
        if ((b & 0xe0) == 0xa0) {
            size = b & 0x1f;
        } else {
            size = switch (b) {
                case 0xc4, 0xd9 -> u8();
                case 0xc5, 0xda -> (int) be(2);
                case 0xc6, 0xdb -> count(be(4));
                default -> throw malformed("expected a string at byte " + (pos - 1));
            };
        }
        need(size);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + size);
        pos += size;
        return out;
    }

    /** Skips one element (with everything nested in it) and returns where it started. */
    int skip() {
        int start = pos;
        skip(0);
        return start;
    }

    private void skip(int depth) {
        if (depth > Limits.MAX_NESTING + Value.MAX_DECODE_DEPTH) {
            throw malformed("msgpack nests more than " + (Limits.MAX_NESTING + Value.MAX_DECODE_DEPTH) + " levels deep");
        }
        int b = u8();
        if (b < 0x80 || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
            return;
        }
        if ((b & 0xe0) == 0xa0) {
            advance(b & 0x1f);
            return;
        }
        if ((b & 0xf0) == 0x80 || (b & 0xf0) == 0x90) {
            long n = (long) (b & 0x0f) * ((b & 0xf0) == 0x80 ? 2 : 1);
            skipElements(n, depth);
            return;
        }
        switch (b) {
            case 0xcc, 0xd0 -> advance(1);
            case 0xcd, 0xd1 -> advance(2);
            case 0xce, 0xd2, 0xca -> advance(4);
            case 0xcf, 0xd3, 0xcb -> advance(8);
            case 0xc4, 0xd9 -> advance(u8());
            case 0xc5, 0xda -> advance((int) be(2));
            case 0xc6, 0xdb -> advance(count(be(4)));
            case 0xdc -> skipElements(be(2), depth);
            case 0xdd -> skipElements(be(4), depth);
            case 0xde -> skipElements(2 * be(2), depth);
            case 0xdf -> skipElements(2 * be(4), depth);
            case 0xd4 -> advance(2);
            case 0xd5 -> advance(3);
            case 0xd6 -> advance(5);
            case 0xd7 -> advance(9);
            case 0xd8 -> advance(17);
            case 0xc7 -> advance(1 + u8());
            case 0xc8 -> advance(1 + (int) be(2));
            case 0xc9 -> advance(1 + count(be(4)));
            default -> throw malformed("unknown msgpack type 0x" + Integer.toHexString(b));
        }
    }

    private void skipElements(long n, int depth) {
        if (n > end - pos) {
            throw malformed("a list or map of " + n + " elements cannot fit in the " + (end - pos) + " bytes left");
        }
        for (long i = 0; i < n; i++) {
            skip(depth + 1);
        }
    }

    /** One data element as a value: particle-typed strings, ordered lists and maps, wildcard, infinity. */
    Value data() {
        return data(0);
    }

    private Value data(int depth) {
        if (depth > Value.MAX_DECODE_DEPTH) {
            throw malformed("a value nests lists and maps more than " + Value.MAX_DECODE_DEPTH + " levels deep");
        }
        Kind kind = peek();
        return switch (kind) {
            case NIL -> {
                pos++;
                yield Value.NIL;
            }
            case FALSE, TRUE -> new Value.BoolValue(bool());
            case INT -> new Value.IntegerValue(integer());
            case DOUBLE -> new Value.DoubleValue(dbl());
            case STRING, BYTES, GEOJSON -> particle(raw());
            case WILDCARD -> {
                skip();
                yield Value.WILDCARD;
            }
            case INFINITY -> {
                skip();
                yield Value.INFINITY;
            }
            case LIST -> list(depth);
            case MAP -> map(depth);
            case EXT -> throw malformed("msgpack ext at byte " + pos
                    + " is only allowed as a list's or map's first element (its order flags)");
        };
    }

    /** A typed string's value: Aerospike's particle type byte, then the bytes. */
    static Value particle(byte[] raw) {
        if (raw.length == 0) {
            throw malformed("a string or bytes value has no particle type byte");
        }
        byte[] body = Arrays.copyOfRange(raw, 1, raw.length);
        return switch (raw[0] & 0xff) {
            case PARTICLE_STRING -> new Value.StringValue(new String(body, StandardCharsets.UTF_8));
            case PARTICLE_GEOJSON -> new Value.GeoJsonValue(new String(body, StandardCharsets.UTF_8));
            case PARTICLE_HLL -> new Value.HllValue(body);
            default -> new Value.BytesValue(body);
        };
    }

    private Value list(int depth) {
        int count = listHeader();
        if (count > end - pos) {
            throw malformed("a list of " + count + " elements cannot fit in the " + (end - pos) + " bytes left");
        }
        boolean ordered = false;
        List<Value> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i == 0 && peek() == Kind.EXT) {
                ordered = (extFlags() & 1) != 0;
                continue;
            }
            items.add(data(depth + 1));
        }
        return new Value.ListValue(items, ordered);
    }

    private Value map(int depth) {
        int count = mapHeader();
        if (count > (end - pos) / 2) {
            throw malformed("a map of " + count + " entries cannot fit in the " + (end - pos) + " bytes left");
        }
        Value.MapOrder order = Value.MapOrder.UNORDERED;
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            if (i == 0 && peek() == Kind.EXT) {
                order = Value.MapOrder.ofFlags(extFlags() & 3);
                skip();
                continue;
            }
            Value key = data(depth + 1);
            if (entries.putIfAbsent(key, data(depth + 1)) != null) {
                throw malformed("map key " + key + " appears twice");
            }
        }
        return new Value.MapValue(entries, order);
    }

    /** Reads an ext element and returns its type byte, which holds a list's or map's order flags. */
    private int extFlags() {
        int b = u8();
        int size = switch (b) {
            case 0xd4 -> 1;
            case 0xd5 -> 2;
            case 0xd6 -> 4;
            case 0xd7 -> 8;
            case 0xd8 -> 16;
            case 0xc7 -> u8();
            case 0xc8 -> (int) be(2);
            case 0xc9 -> count(be(4));
            default -> throw malformed("expected an ext at byte " + (pos - 1));
        };
        int type = u8();
        advance(size);
        return type;
    }

    private void advance(int n) {
        need(n);
        pos += n;
    }

    private int count(long n) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw malformed("a length of " + n + " at byte " + pos);
        }
        return (int) n;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw malformed("truncated: " + n + " more bytes needed at byte " + pos);
        }
    }

    private int u8At(int at) {
        if (at >= end) {
            throw malformed("truncated at byte " + at);
        }
        return buf[at] & 0xff;
    }

    private long beAt(int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | u8At(at + i);
        }
        return v;
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private long be(int n) {
        need(n);
        long v = beAt(pos, n);
        pos += n;
        return v;
    }

    static AerologException malformed(String what) {
        return new AerologException(ResultCode.PARAMETER_ERROR, "malformed expression: " + what);
    }
}
