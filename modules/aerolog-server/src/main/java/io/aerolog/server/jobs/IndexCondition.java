package io.aerolog.server.jobs;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;
import io.aerolog.server.scan.IndexFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The index condition of a background query as an Aerospike filter expression (packed), so that each match's
 * command carries it and the engine checks it again on the record as it is when the command is applied, as the
 * server's {@code record_matches_query} does in the write of a background job: a record changed out of the
 * query's range between the match and the apply is not touched. A numeric range is {@code begin <= v <= end}
 * on an integer, a string or blob filter equality; a list, map-keys or map-values index asks for a count of
 * matching elements above 0 (at the index's context, when it has one). Deterministic: the same bytes for the
 * same filter, evaluated by the engine's expression evaluator only.
 */
final class IndexCondition {
    private static final int EQ = 1;
    private static final int GE = 4;
    private static final int LE = 6;
    private static final int GT = 3;
    private static final int AND = 16;
    private static final int BIN = 81;
    private static final int CALL = 127;
    private static final int CALL_CDT = 0;
    private static final int CONTEXT = 0xff;
    private static final int TYPE_INT = 2;
    private static final int TYPE_STRING = 3;
    private static final int TYPE_LIST = 4;
    private static final int TYPE_MAP = 5;
    private static final int TYPE_BLOB = 6;
    private static final int PARTICLE_STRING = 3;
    private static final int PARTICLE_BLOB = 4;
    private static final int RETURN_COUNT = 5;
    private static final int LIST_GET_BY_VALUE = 22;
    private static final int LIST_GET_BY_VALUE_INTERVAL = 25;
    private static final int MAP_GET_BY_KEY = 97;
    private static final int MAP_GET_BY_VALUE = 102;
    private static final int MAP_GET_BY_KEY_INTERVAL = 103;
    private static final int MAP_GET_BY_VALUE_INTERVAL = 105;

    private IndexCondition() {
    }

    /**
     * The condition of {@code filter} as a packed boolean expression.
     *
     * @throws AerologException UNSUPPORTED_FEATURE for a condition it cannot state (a geo2dsphere filter, a
     *                          single value at a context): a job that could not check it again is not started
     */
    static Value of(IndexFilter filter) {
        if (filter.type() == IndexType.GEO2DSPHERE) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a background query on a geo2dsphere index"
                    + " is not served: its condition could not be checked again when each record's command applies"
                    + " (run the query and write the records it returns)");
        }
        boolean context = filter.context() != null && filter.context().length > 0;
        if (filter.collection() == CollectionType.DEFAULT && context) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a background query on an index with a"
                    + " context of a single value is not served: its condition could not be checked again when each"
                    + " record's command applies");
        }
        Packer out = new Packer();
        if (filter.collection() == CollectionType.DEFAULT) {
            if (filter.type() == IndexType.NUMERIC) {
                out.array(3).integer(AND);
                out.array(3).integer(GE);
                bin(out, TYPE_INT, filter.bin());
                out.integer(filter.begin());
                out.array(3).integer(LE);
                bin(out, TYPE_INT, filter.bin());
                out.integer(filter.end());
            } else {
                boolean string = filter.type() == IndexType.STRING;
                out.array(3).integer(EQ);
                bin(out, string ? TYPE_STRING : TYPE_BLOB, filter.bin());
                out.particle(string ? PARTICLE_STRING : PARTICLE_BLOB, filter.equal());
            }
            return Value.of(out.bytes());
        }
        // count of the collection's matching elements > 0
        out.array(3).integer(GT);
        out.array(5).integer(CALL).integer(TYPE_INT).integer(CALL_CDT);
        if (context) {
            out.array(3).integer(CONTEXT).raw(filter.context());
        }
        boolean list = filter.collection() == CollectionType.LIST;
        boolean keys = filter.collection() == CollectionType.MAPKEYS;
        if (filter.type() == IndexType.NUMERIC) {
            int op = list ? LIST_GET_BY_VALUE_INTERVAL : keys ? MAP_GET_BY_KEY_INTERVAL : MAP_GET_BY_VALUE_INTERVAL;
            boolean open = filter.end() == Long.MAX_VALUE;
            out.array(open ? 3 : 4).integer(op).integer(RETURN_COUNT).integer(filter.begin());
            if (!open) {
                out.integer(filter.end() + 1);
            }
        } else {
            int op = list ? LIST_GET_BY_VALUE : keys ? MAP_GET_BY_KEY : MAP_GET_BY_VALUE;
            out.array(3).integer(op).integer(RETURN_COUNT)
                    .particle(filter.type() == IndexType.STRING ? PARTICLE_STRING : PARTICLE_BLOB, filter.equal());
        }
        bin(out, list ? TYPE_LIST : TYPE_MAP, filter.bin());
        out.integer(0);
        return Value.of(out.bytes());
    }

    /** {@code a and b} (b may be null: then {@code a}), both packed boolean expressions. */
    static Value and(Value a, Value b) {
        if (b == null) {
            return a;
        }
        return Value.of(new Packer().array(3).integer(AND).raw(bytes(a)).raw(bytes(b)).bytes());
    }

    private static byte[] bytes(Value v) {
        if (!(v instanceof Value.BytesValue b)) {
            throw new IllegalArgumentException("a packed expression, not " + v.type());
        }
        return b.value();
    }

    private static void bin(Packer out, int type, String name) {
        out.array(3).integer(BIN).integer(type).string(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The few msgpack forms an expression needs, as Aerospike's client packs them. */
    private static final class Packer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Packer array(int n) {
            if (n < 16) {
                out.write(0x90 | n);
            } else {
                out.write(0xdc);
                out.write(n >>> 8);
                out.write(n);
            }
            return this;
        }

        Packer integer(long v) {
            if (v >= 0 && v < 128 || v >= -32 && v < 0) {
                out.write((int) v);
                return this;
            }
            out.write(0xd3);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
            return this;
        }

        Packer string(byte[] utf8) {
            header(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        /** A string or blob with Aerospike's particle type first, as values in expressions are packed. */
        Packer particle(int type, byte[] value) {
            header(value.length + 1);
            out.write(type);
            out.writeBytes(value);
            return this;
        }

        Packer raw(byte[] packed) {
            out.writeBytes(packed);
            return this;
        }

        private void header(int n) {
            if (n < 32) {
                out.write(0xa0 | n);
            } else if (n < 256) {
                out.write(0xd9);
                out.write(n);
            } else if (n < 65536) {
                out.write(0xda);
                out.write(n >>> 8);
                out.write(n);
            } else {
                out.write(0xdb);
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.write(n >>> shift);
                }
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
