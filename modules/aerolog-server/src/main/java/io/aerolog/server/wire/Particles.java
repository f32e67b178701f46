package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bin values as the Aerospike wire protocol carries them: a particle type and the value's bytes
 * (integers and doubles as 8 bytes big-endian, strings as UTF-8, lists and maps as Aerospike's
 * msgpack, GeoJSON behind a cell header).
 */
final class Particles {
    static final int NULL = 0;
    static final int INTEGER = 1;
    static final int DOUBLE = 2;
    static final int STRING = 3;
    static final int BLOB = 4;
    static final int JBLOB = 7;
    static final int BOOL = 17;
    static final int HLL = 18;
    static final int MAP = 19;
    static final int LIST = 20;
    static final int GEOJSON = 23;
    /**
     * The bytes before a GeoJSON particle's JSON: flags (1) and the count of cell ids that follow (2), all zero in
     * the particles Aerolog writes (it sends no cells).
     */
    static final int GEOJSON_HEADER_SIZE = 3;

    private Particles() {
    }

    /** The value of particle {@code type} in {@code len} bytes of {@code buf} from {@code off}. */
    static Value decode(int type, byte[] buf, int off, int len) {
        switch (type) {
            case NULL:
                return Value.NIL;
            case INTEGER:
                if (len > 8) {
                    throw bad("an integer of " + len + " bytes (at most 8)");
                }
                long v = len == 0 ? 0 : buf[off];
                for (int i = 1; i < len; i++) {
                    v = (v << 8) | (buf[off + i] & 0xFF);
                }
                return Value.of(v);
            case DOUBLE:
                if (len != 8) {
                    throw bad("a double of " + len + " bytes (8 expected)");
                }
                return Value.of(Double.longBitsToDouble(longAt(buf, off)));
            case STRING:
                return Value.of(new String(buf, off, len, StandardCharsets.UTF_8));
            case BLOB:
                return Value.of(Arrays.copyOfRange(buf, off, off + len));
            case BOOL:
                if (len != 1) {
                    throw bad("a boolean of " + len + " bytes (1 expected)");
                }
                return Value.of(buf[off] != 0);
            case LIST:
            case MAP: {
                // with its order flags: a key-ordered map stays key-ordered, an ordered list ordered
                Value collection = MsgPack.unpack(buf, off, len);
                if (collection.type() != (type == LIST ? Value.Type.LIST : Value.Type.MAP)) {
                    throw bad("a " + (type == LIST ? "list" : "map") + " particle holding a " + collection.type());
                }
                return collection;
            }
            case GEOJSON: {
                if (len < GEOJSON_HEADER_SIZE) {
                    throw bad("a GeoJSON value of " + len + " bytes");
                }
                int cells = ((buf[off + 1] & 0xFF) << 8) | (buf[off + 2] & 0xFF);
                int header = GEOJSON_HEADER_SIZE + cells * 8;
                if (header > len) {
                    throw bad("a GeoJSON value whose cell header is longer than the value");
                }
                return Value.ofGeoJson(new String(buf, off + header, len - header, StandardCharsets.UTF_8));
            }
            case JBLOB:
                throw new AerologException(ResultCode.PARAMETER_ERROR, "Java-serialized values are not stored by"
                        + " Aerolog: write bytes, a string, a number, a list or a map");
            case HLL:
                return new Value.HllValue(Arrays.copyOfRange(buf, off, off + len));
            default:
                throw bad("particle type " + type);
        }
    }

    /** The particle type of {@code value}. */
    static int typeOf(Value value) {
        return switch (value.type()) {
            case NIL -> NULL;
            case BOOL -> BOOL;
            case INTEGER -> INTEGER;
            case DOUBLE -> DOUBLE;
            case STRING -> STRING;
            case BYTES -> BLOB;
            case LIST -> LIST;
            case MAP -> MAP;
            case GEOJSON -> GEOJSON;
            case HLL -> HLL;
            case INFINITY, WILDCARD -> throw new IllegalArgumentException(value.type() + " is not a particle");
        };
    }

    /** The bytes of {@code value} as its particle. */
    static byte[] encode(Value value) {
        if (value instanceof Value.IntegerValue i) {
            return longBytes(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            return longBytes(Double.doubleToLongBits(d.value()));
        } else if (value instanceof Value.StringValue s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Value.BytesValue b) {
            return b.value();
        } else if (value instanceof Value.HllValue h) {
            return h.value();
        } else if (value instanceof Value.BoolValue b) {
            return new byte[] {(byte) (b.value() ? 1 : 0)};
        } else if (value instanceof Value.GeoJsonValue g) {
            byte[] json = g.json().getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[GEOJSON_HEADER_SIZE + json.length];
            System.arraycopy(json, 0, out, GEOJSON_HEADER_SIZE, json.length);
            return out;
        } else if (value instanceof Value.ListValue || value instanceof Value.MapValue) {
            return MsgPack.pack(value);
        }
        return new byte[0];
    }

    /**
     * Writes {@code value}'s particle to {@code out}: the bytes of {@link #encode}, without an
     * intermediate array for the common scalar types (a read's reply writes one per bin).
     */
    static void write(ByteBuf out, Value value) {
        if (value instanceof Value.IntegerValue i) {
            out.writeLong(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            out.writeLong(Double.doubleToLongBits(d.value()));
        } else if (value instanceof Value.StringValue s) {
            out.writeCharSequence(s.value(), StandardCharsets.UTF_8);
        } else {
            out.writeBytes(encode(value));
        }
    }

    /** At least the bytes {@link #write} takes for the common types, so a reply's buffer is sized once. */
    static int sizeHint(Value value) {
        if (value instanceof Value.StringValue s) {
            return 3 * s.value().length(); // what writing UTF-8 reserves
        }
        return Math.max(16, value.estimatedSize());
    }

    static long longAt(byte[] buf, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[off + i] & 0xFF);
        }
        return v;
    }

    private static byte[] longBytes(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }

    private static AerologException bad(String what) {
        return new AerologException(ResultCode.PARAMETER_ERROR, "the request carries " + what);
    }
}
