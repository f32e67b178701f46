package io.aerolog.core.codec;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bytes of LIST (particle type 20) and MAP (19) bins on Aerospike's wire protocol, written and read
 * exactly as Aerospike's Java client does ({@code com.aerospike.client.util.Packer} and {@code Unpacker}),
 * so that the wire listener takes a client's list and map bins as they are and answers with bytes the
 * client decodes; and the operation payloads of Aerospike's list, map, bit and HyperLogLog operations
 * ({@link #unpack}).
 *
 * <p>The encoding is msgpack with Aerospike's conventions: strings, blobs and GeoJSON are all written
 * as msgpack str (raw) whose first byte is the particle type (3, 4, 23); integers take the smallest
 * msgpack form; doubles are always 8 bytes (0xcb). An ordered list and a key-ordered or
 * key-value-ordered map are written as Aerospike's server stores and returns them: one more element in
 * the header, then an ext element carrying the order flags ({@code c7 00 flags}), followed for a map by
 * a nil to complete the pair; the client writes a key-ordered map the same way and reads such a map
 * back as its sorted map. An unordered map is written as the client writes it (no flags), in the order
 * of its entries.
 *
 * <p>{@link #unpackList} and {@link #unpackMap} read bins as the client reads them: a first ext element
 * (order flags) is skipped, blobs of other particle types read as bytes, msgpack bin headers
 * (0xc4-0xc6) read like str and 4-byte floats as doubles. {@link #unpack} reads an operation's payload
 * as Aerospike's server reads it: order flags become ordered lists and maps, and the comparison
 * values (ext type 0xff) become {@link Value#WILDCARD} and {@link Value#INFINITY}.
 *
 * <p>Reading is stricter than the client, which guesses or stops quietly: input that is truncated, has
 * bytes after the value, an unknown or misplaced type, an ext anywhere but first (other than a
 * comparison value, for {@link #unpack}), a raw without its particle type byte, a map key twice, or
 * more than {@value #MAX_DEPTH} levels of nesting is refused with {@link ResultCode#PARAMETER_ERROR}.
 */
public final class MsgPack {
    /** Lists and maps nested deeper are refused ({@link Value#MAX_DECODE_DEPTH}). */
    public static final int MAX_DEPTH = Value.MAX_DECODE_DEPTH;

    private static final int PARTICLE_STRING = 3;
    private static final int PARTICLE_BLOB = 4;
    private static final int PARTICLE_GEOJSON = 23;
    private static final int PARTICLE_HLL = 18;

    /** The ext type of Aerospike's comparison values, and their one data byte. */
    private static final int EXT_COMPARISON = 0xff;
    private static final int COMPARISON_WILDCARD = 0x00;
    private static final int COMPARISON_INFINITY = 0x01;

    /** The order flag bits of a list's or map's ext element. */
    private static final int LIST_FLAG_ORDERED = 0x01;
    private static final int MAP_FLAGS_ORDER = 0x03;

    private MsgPack() {
    }

    /**
     * The bytes of a list or map value, nested values of any type included; an ordered list and a map
     * with an order carry their order flags, as Aerospike's server writes them.
     *
     * @throws IllegalArgumentException when {@code value} is neither a list nor a map
     * @throws AerologException PARAMETER_ERROR when a string has an unpaired surrogate (the client
     *     refuses those too)
     */
    public static byte[] pack(Value value) {
        if (!(value instanceof Value.ListValue) && !(value instanceof Value.MapValue)) {
            throw new IllegalArgumentException("only lists and maps are msgpack particles, not " + value.type());
        }
        Out out = new Out();
        packValue(out, value);
        return out.toByteArray();
    }

    /**
     * The list held in {@code length} bytes of {@code buf} from {@code offset}.
     *
     * @throws AerologException PARAMETER_ERROR when those bytes are not exactly one msgpack array
     * @throws IndexOutOfBoundsException when the range is not inside {@code buf}
     */
    public static Value unpackList(byte[] buf, int offset, int length) {
        return new In(buf, offset, length, false).readParticle(true);
    }

    /**
     * The map held in {@code length} bytes of {@code buf} from {@code offset}, its entries in the order
     * they come.
     *
     * @throws AerologException PARAMETER_ERROR when those bytes are not exactly one msgpack map
     * @throws IndexOutOfBoundsException when the range is not inside {@code buf}
     */
    public static Value unpackMap(byte[] buf, int offset, int length) {
        return new In(buf, offset, length, false).readParticle(false);
    }

    /**
     * The value held in {@code length} bytes of {@code buf} from {@code offset}, of any type, read as
     * Aerospike's server reads an operation's payload: a list's or map's first ext element gives its
     * order (an ordered list; a key-ordered or key-value-ordered map), and ext type 0xff with data
     * byte 0 or 1 is {@link Value#WILDCARD} or {@link Value#INFINITY}, anywhere. A list flagged
     * ordered whose items are out of order, or a key-ordered map whose keys are not strictly
     * increasing, is refused, as the server refuses them ({@code cdt_untrusted_rewrite}).
     *
     * @throws AerologException PARAMETER_ERROR when those bytes are not exactly one msgpack value, or
     *     use an ext Aerospike's clients do not send (a map flagged value-ordered but not key-ordered,
     *     an ext other than a comparison value anywhere but first in a list or map)
     * @throws IndexOutOfBoundsException when the range is not inside {@code buf}
     */
    public static Value unpack(byte[] buf, int offset, int length) {
        return new In(buf, offset, length, true).readAny();
    }

    private static void packValue(Out out, Value value) {
        if (value instanceof Value.NilValue) {
            out.u8(0xc0);
        } else if (value instanceof Value.BoolValue b) {
            out.u8(b.value() ? 0xc3 : 0xc2);
        } else if (value instanceof Value.IntegerValue i) {
            packLong(out, i.value());
        } else if (value instanceof Value.DoubleValue d) {
            out.u64(0xcb, Double.doubleToLongBits(d.value()));
        } else if (value instanceof Value.StringValue s) {
            packRaw(out, PARTICLE_STRING, utf8(s.value()));
        } else if (value instanceof Value.BytesValue b) {
            packRaw(out, PARTICLE_BLOB, b.value());
        } else if (value instanceof Value.GeoJsonValue g) {
            packRaw(out, PARTICLE_GEOJSON, utf8(g.json()));
        } else if (value instanceof Value.HllValue h) {
            packRaw(out, PARTICLE_HLL, h.value());
        } else if (value instanceof Value.WildcardValue) {
            packComparison(out, COMPARISON_WILDCARD);
        } else if (value instanceof Value.InfinityValue) {
            packComparison(out, COMPARISON_INFINITY);
        } else if (value instanceof Value.ListValue l) {
            if (l.ordered()) {
                packHeader(out, l.items().size() + 1, 0x90, 0xdc, 0xdd);
                packOrderFlags(out, LIST_FLAG_ORDERED);
            } else {
                packHeader(out, l.items().size(), 0x90, 0xdc, 0xdd);
            }
            for (Value item : l.items()) {
                packValue(out, item);
            }
        } else {
            Value.MapValue map = (Value.MapValue) value;
            Map<Value, Value> entries = map.entries();
            int flags = map.order().flags();
            if (flags != 0) {
                packHeader(out, entries.size() + 1, 0x80, 0xde, 0xdf);
                packOrderFlags(out, flags);
                out.u8(0xc0);
            } else {
                packHeader(out, entries.size(), 0x80, 0xde, 0xdf);
            }
            for (Map.Entry<Value, Value> e : entries.entrySet()) {
                packValue(out, e.getKey());
                packValue(out, e.getValue());
            }
        }
    }

    /** An ext of no data whose type is the order flags: {@code c7 00 flags}, as the server writes it. */
    private static void packOrderFlags(Out out, int flags) {
        out.u8(0xc7);
        out.u8(0);
        out.u8(flags);
    }

    /** A comparison value as the client packs it: fixext 1 of type 0xff. */
    private static void packComparison(Out out, int which) {
        out.u8(0xd4);
        out.u8(EXT_COMPARISON);
        out.u8(which);
    }

    private static void packHeader(Out out, int size, int fix, int type16, int type32) {
        if (size < 16) {
            out.u8(fix | size);
        } else if (size < 65536) {
            out.u16(type16, size);
        } else {
            out.u32(type32, size);
        }
    }

    private static void packLong(Out out, long v) {
        if (v >= 0) {
            if (v < 128) {
                out.u8((int) v);
            } else if (v < 256) {
                out.u8(0xcc, (int) v);
            } else if (v < 65536) {
                out.u16(0xcd, (int) v);
            } else if (v < 0x1_0000_0000L) {
                out.u32(0xce, (int) v);
            } else {
                out.u64(0xcf, v);
            }
        } else if (v >= -32) {
            out.u8((int) v & 0xff);
        } else if (v >= Byte.MIN_VALUE) {
            out.u8(0xd0, (int) v);
        } else if (v >= Short.MIN_VALUE) {
            out.u16(0xd1, (int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out.u32(0xd2, (int) v);
        } else {
            out.u64(0xd3, v);
        }
    }

    /** A str header for the bytes and their particle type byte, then both: the client's form for all three. */
    private static void packRaw(Out out, int particleType, byte[] bytes) {
        int size = bytes.length + 1;
        if (size < 32) {
            out.u8(0xa0 | size);
        } else if (size < 256) {
            out.u8(0xd9, size);
        } else if (size < 65536) {
            out.u16(0xda, size);
        } else {
            out.u32(0xdb, size);
        }
        out.u8(particleType);
        out.bytes(bytes);
    }

    private static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new AerologException(ResultCode.PARAMETER_ERROR,
                            "string has an unpaired surrogate at index " + i + ": it has no UTF-8 form");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A growing byte buffer. */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int len;

        private void room(int n) {
            int needed = Math.addExact(len, n);
            if (needed > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * buf.length, needed)));
            }
        }

        void u8(int b) {
            room(1);
            buf[len++] = (byte) b;
        }

        void u8(int type, int b) {
            room(2);
            buf[len++] = (byte) type;
            buf[len++] = (byte) b;
        }

        void u16(int type, int v) {
            room(3);
            buf[len++] = (byte) type;
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        void u32(int type, int v) {
            room(5);
            buf[len++] = (byte) type;
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[len++] = (byte) (v >>> shift);
            }
        }

        void u64(int type, long v) {
            room(9);
            buf[len++] = (byte) type;
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[len++] = (byte) (v >>> shift);
            }
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** A reader over one particle's bytes that refuses to read past them. */
    private static final class In {
        private final byte[] buf;
        private final int start;
        private final int end;
        /** Reading an operation's payload (orders and comparison values), not a bin as the client reads it. */
        private final boolean payload;
        private int pos;

        In(byte[] buf, int offset, int length, boolean payload) {
            Objects.checkFromIndexSize(offset, length, buf.length);
            this.buf = buf;
            this.start = offset;
            this.end = offset + length;
            this.payload = payload;
            this.pos = offset;
        }

        Value readAny() {
            if (pos == end) {
                throw malformed("a payload has no bytes");
            }
            Value value = readValue(0);
            if (pos != end) {
                throw malformed("a payload has " + (end - pos) + " bytes after its value ends at byte " + (pos - start));
            }
            return value;
        }

        Value readParticle(boolean list) {
            String what = list ? "a LIST bin" : "a MAP bin";
            if (pos == end) {
                throw malformed(what + " has no bytes; an empty " + (list ? "list" : "map") + " is one byte");
            }
            int first = buf[pos] & 0xff;
            boolean header = list
                    ? (first & 0xf0) == 0x90 || first == 0xdc || first == 0xdd
                    : (first & 0xf0) == 0x80 || first == 0xde || first == 0xdf;
            if (!header) {
                throw malformed(what + " must start with a msgpack " + (list ? "array" : "map") + " header, not 0x"
                        + Integer.toHexString(first));
            }
            Value value = readValue(0);
            if (pos != end) {
                throw malformed(what + " has " + (end - pos) + " bytes after its value ends at byte " + (pos - start));
            }
            return value;
        }

        private Value readValue(int depth) {
            int at = pos;
            int type = u8();
            if (type < 0x80) {
                return new Value.IntegerValue(type);
            }
            if (type >= 0xe0) {
                return new Value.IntegerValue((byte) type);
            }
            if (type <= 0x8f) {
                return readMap(type & 0x0f, depth + 1);
            }
            if (type <= 0x9f) {
                return readList(type & 0x0f, depth + 1);
            }
            if (type <= 0xbf) {
                return readRaw(type & 0x1f);
            }
            return switch (type) {
                case 0xc0 -> Value.NIL;
                case 0xc2 -> new Value.BoolValue(false);
                case 0xc3 -> new Value.BoolValue(true);
                case 0xca -> new Value.DoubleValue(Float.intBitsToFloat(i32()));
                case 0xcb -> new Value.DoubleValue(Double.longBitsToDouble(i64()));
                case 0xcc -> new Value.IntegerValue(u8());
                case 0xcd -> new Value.IntegerValue(u16());
                case 0xce -> new Value.IntegerValue(i32() & 0xffff_ffffL);
                case 0xcf, 0xd3 -> new Value.IntegerValue(i64());
                case 0xd0 -> new Value.IntegerValue((byte) u8());
                case 0xd1 -> new Value.IntegerValue((short) u16());
                case 0xd2 -> new Value.IntegerValue(i32());
                case 0xc4, 0xd9 -> readRaw(u8());
                case 0xc5, 0xda -> readRaw(u16());
                case 0xc6, 0xdb -> readRaw(count("string or bytes", i32()));
                case 0xdc -> readList(u16(), depth + 1);
                case 0xdd -> readList(count("list", i32()), depth + 1);
                case 0xde -> readMap(u16(), depth + 1);
                case 0xdf -> readMap(count("map", i32()), depth + 1);
                case 0xc7, 0xc8, 0xc9, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> readComparison(at);
                default -> throw malformed("unknown msgpack type 0x" + Integer.toHexString(type) + " at byte "
                        + (at - start));
            };
        }

        /**
         * A comparison value (only in a payload: {@code d4 ff 00|01} or {@code c7 01 ff 00|01}, the
         * forms the server reads as one); any other ext here is misplaced.
         */
        private Value readComparison(int at) {
            pos = at;
            int length = payload ? comparisonLength() : 0;
            if (length == 0) {
                throw malformed("msgpack ext (0x" + Integer.toHexString(buf[at] & 0xff) + ") at byte " + (at - start)
                        + " is only allowed as a list's or map's first element (its order flags)"
                        + (payload ? " or as a wildcard or infinity (ext type 0xff)" : ""));
            }
            Value value = buf[pos + length - 1] == COMPARISON_WILDCARD ? Value.WILDCARD : Value.INFINITY;
            pos += length;
            return value;
        }

        /** The length of the comparison value at {@code pos} (3 or 4 bytes), or 0 when there is none. */
        private int comparisonLength() {
            int header;
            if (end - pos >= 3 && (buf[pos] & 0xff) == 0xd4) {
                header = 2;
            } else if (end - pos >= 4 && (buf[pos] & 0xff) == 0xc7 && buf[pos + 1] == 1) {
                header = 3;
            } else {
                return 0;
            }
            int which = buf[pos + header] & 0xff;
            boolean comparison = (buf[pos + header - 1] & 0xff) == EXT_COMPARISON
                    && (which == COMPARISON_WILDCARD || which == COMPARISON_INFINITY);
            return comparison ? header + 1 : 0;
        }

        private Value readList(int count, int depth) {
            nested(count, 1, depth);
            List<Value> items = new ArrayList<>(count);
            boolean ordered = false;
            for (int i = 0; i < count; i++) {
                if (i == 0 && payload) {
                    int flags = readOrderFlags();
                    if (flags >= 0) {
                        ordered = (flags & LIST_FLAG_ORDERED) != 0;
                        continue;
                    }
                } else if (i == 0 && skipExt()) {
                    continue;
                }
                int at = pos;
                Value item = readValue(depth);
                if (ordered && !items.isEmpty() && ValueOrder.compare(items.get(items.size() - 1), item) > 0) {
                    throw malformed("a list flagged ordered has an item out of order at byte " + (at - start)
                            + ", as Aerospike's server refuses it");
                }
                items.add(item);
            }
            return new Value.ListValue(items, ordered);
        }

        private Value readMap(int count, int depth) {
            nested(count, 2, depth);
            Map<Value, Value> entries = new LinkedHashMap<>();
            Value.MapOrder order = Value.MapOrder.UNORDERED;
            Value previous = null;
            for (int i = 0; i < count; i++) {
                if (i == 0 && payload) {
                    int at = pos;
                    int flags = readOrderFlags();
                    if (flags >= 0) {
                        order = mapOrder(flags & MAP_FLAGS_ORDER, at);
                        readValue(depth);
                        continue;
                    }
                } else if (i == 0 && skipExt()) {
                    readValue(depth);
                    continue;
                }
                int at = pos;
                Value key = readValue(depth);
                if (order != Value.MapOrder.UNORDERED && previous != null && ValueOrder.compare(previous, key) >= 0) {
                    throw malformed("a map flagged key-ordered has key " + key + " out of order at byte " + (at - start)
                            + ", as Aerospike's server refuses it");
                }
                previous = key;
                if (entries.putIfAbsent(key, readValue(depth)) != null) {
                    throw malformed("map key " + key + " at byte " + (at - start) + " appears twice");
                }
            }
            return new Value.MapValue(entries, order);
        }

        private Value.MapOrder mapOrder(int flags, int at) {
            if (flags == 2) {
                throw malformed("map order flags at byte " + (at - start)
                        + " are value-ordered without key-ordered, an order Aerospike's clients do not write");
            }
            return Value.MapOrder.ofFlags(flags);
        }

        /**
         * The flags of the order ext at {@code pos}, consumed, or -1 (nothing consumed) when the next
         * element is not an ext or is a comparison value.
         */
        private int readOrderFlags() {
            need(1);
            int type = buf[pos] & 0xff;
            boolean ext = type >= 0xc7 && type <= 0xc9 || type >= 0xd4 && type <= 0xd8;
            if (!ext || comparisonLength() != 0) {
                return -1;
            }
            pos++;
            int size = switch (type) {
                case 0xd4 -> 1;
                case 0xd5 -> 2;
                case 0xd6 -> 4;
                case 0xd7 -> 8;
                case 0xd8 -> 16;
                case 0xc7 -> u8();
                case 0xc8 -> u16();
                default -> count("ext", i32());
            };
            int flags = u8();
            need(size);
            pos += size;
            return flags;
        }

        /** Refuses a list or map nested too deep, or with more elements than bytes left to hold them. */
        private void nested(int count, int bytesPerElement, int depth) {
            if (depth > MAX_DEPTH) {
                throw malformed("lists and maps nest more than " + MAX_DEPTH + " levels deep");
            }
            if (count > (end - pos) / bytesPerElement) {
                throw malformed("a list or map of " + count + " elements cannot fit in the " + (end - pos)
                        + " bytes left at byte " + (pos - start));
            }
        }

        /** Skips the ext (order flags) at {@code pos} if there is one. */
        private boolean skipExt() {
            need(1);
            int type = buf[pos] & 0xff;
            int size;
            switch (type) {
                case 0xd4 -> size = 1;
                case 0xd5 -> size = 2;
                case 0xd6 -> size = 4;
                case 0xd7 -> size = 8;
                case 0xd8 -> size = 16;
                case 0xc7, 0xc8, 0xc9 -> {
                    pos++;
                    int length = type == 0xc7 ? u8() : type == 0xc8 ? u16() : count("ext", i32());
                    need(1 + length);
                    pos += 1 + length;
                    return true;
                }
                default -> {
                    return false;
                }
            }
            pos++;
            need(1 + size);
            pos += 1 + size;
            return true;
        }

        private Value readRaw(int size) {
            if (size == 0) {
                throw malformed("a string or bytes at byte " + (pos - start)
                        + " has no particle type byte: Aerospike's have at least one byte");
            }
            need(size);
            int particleType = buf[pos] & 0xff;
            int from = pos + 1;
            int n = size - 1;
            pos += size;
            return switch (particleType) {
                case PARTICLE_STRING -> new Value.StringValue(new String(buf, from, n, StandardCharsets.UTF_8));
                case PARTICLE_GEOJSON -> new Value.GeoJsonValue(new String(buf, from, n, StandardCharsets.UTF_8));
                default -> new Value.BytesValue(Arrays.copyOfRange(buf, from, from + n));
            };
        }

        private int count(String what, int n) {
            if (n < 0) {
                throw malformed("a " + what + " at byte " + (pos - start) + " claims " + (n & 0xffff_ffffL)
                        + " elements or bytes");
            }
            return n;
        }

        private void need(int n) {
            if (end - pos < n) {
                throw malformed("truncated: " + n + " more bytes needed at byte " + (pos - start) + " of "
                        + (end - start));
            }
        }

        private int u8() {
            need(1);
            return buf[pos++] & 0xff;
        }

        private int u16() {
            need(2);
            int v = (buf[pos] & 0xff) << 8 | buf[pos + 1] & 0xff;
            pos += 2;
            return v;
        }

        private int i32() {
            need(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = v << 8 | buf[pos++] & 0xff;
            }
            return v;
        }

        private long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | buf[pos++] & 0xff;
            }
            return v;
        }

        private static AerologException malformed(String what) {
            return new AerologException(ResultCode.PARAMETER_ERROR, "malformed msgpack: " + what);
        }
    }
}
