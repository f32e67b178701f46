package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Aerospike message (AS_MSG) as a client sends it: the 22-byte header, its fields (namespace,
 * set, digest, user key, ...) and its operations. Only parsing; what it means is decided by
 * {@link Commands}.
 */
record Request(int info1, int info2, int info3, int info4, int generation, int recordTtl, int timeoutMillis,
               String namespace, String set, byte[] digest, int keyType, byte[] keyBytes,
               List<Integer> otherFields, byte[] batchField, int batchFieldType, Value filter, List<Op> ops,
               Udf udf) {

    static final int INFO1_READ = 1;
    static final int INFO1_GET_ALL = 2;
    static final int INFO1_BATCH = 8;
    static final int INFO1_XDR = 16;
    static final int INFO1_NOBINDATA = 32;
    static final int INFO2_WRITE = 1;
    static final int INFO2_DELETE = 2;
    static final int INFO2_GENERATION = 4;
    static final int INFO2_GENERATION_GT = 8;
    static final int INFO2_DURABLE_DELETE = 16;
    static final int INFO2_CREATE_ONLY = 32;
    static final int INFO2_RESPOND_ALL_OPS = 128;
    static final int INFO3_LAST = 1;
    static final int INFO3_UPDATE_ONLY = 8;
    static final int INFO3_CREATE_OR_REPLACE = 16;
    static final int INFO3_REPLACE_ONLY = 32;

    static final int FIELD_NAMESPACE = 0;
    static final int FIELD_SET = 1;
    static final int FIELD_KEY = 2;
    static final int FIELD_DIGEST = 4;
    static final int FIELD_SOCKET_TIMEOUT = 9;
    static final int FIELD_BATCH_INDEX = 41;
    static final int FIELD_BATCH_INDEX_WITH_SET = 42;
    static final int FIELD_FILTER_EXP = 43;
    static final int FIELD_UDF_PACKAGE_NAME = 30;
    static final int FIELD_UDF_FUNCTION = 31;
    static final int FIELD_UDF_ARGLIST = 32;

    static final int HEADER_SIZE = 22;

    /** One operation: its wire type, the particle type and bytes of its value, and its bin name. */
    record Op(int type, int particleType, String bin, byte[] buf, int valueOffset, int valueLength) {
    }

    /**
     * A record UDF call's fields: the package (module file name without {@code .lua}), the function and the
     * arguments as the client packed them (a msgpack list); a part the message lacks is null.
     */
    record Udf(String packageName, String function, byte[] args) {
    }

    /** One field of a message: its type and where its data lies in the buffer. */
    record Field(int type, int offset, int length) {
        String text(byte[] buf) {
            return new String(buf, offset, length, StandardCharsets.UTF_8);
        }

        byte[] bytes(byte[] buf, int skip) {
            return Arrays.copyOfRange(buf, offset + skip, offset + length);
        }
    }


    boolean isWrite() {
        return (info2 & INFO2_WRITE) != 0;
    }

    /** Parses {@code len} bytes of {@code buf} from {@code off} (the message after the 8-byte proto header). */
    static Request parse(byte[] buf, int off, int len) {
        if (len < HEADER_SIZE) {
            throw malformed("a message of " + len + " bytes is shorter than its 22-byte header");
        }
        int headerSize = buf[off] & 0xFF;
        if (headerSize < HEADER_SIZE || headerSize > len) {
            throw malformed("header size " + headerSize);
        }
        int info1 = buf[off + 1] & 0xFF;
        int info2 = buf[off + 2] & 0xFF;
        int info3 = buf[off + 3] & 0xFF;
        int info4 = buf[off + 4] & 0xFF;
        int generation = intAt(buf, off + 6);
        int recordTtl = intAt(buf, off + 10);
        int timeout = intAt(buf, off + 14);
        int nFields = shortAt(buf, off + 18);
        int nOps = shortAt(buf, off + 20);
        int end = off + len;
        List<Field> fields = new ArrayList<>(Math.min(nFields, 16));
        // Aerospike's server parses a batch's fields leniently (as_batch_queue_task): clients of its old
        // batch form write the batch field's size as if it came first, so with a filter field before it the
        // size runs past the message by that field's length; the rows are bounded by the message anyway
        boolean batch = (info1 & INFO1_BATCH) != 0;
        int p = readFields(buf, off + headerSize, end, nFields, fields, "the message", batch);
        List<Op> ops = new ArrayList<>(Math.min(nOps, 16));
        readOps(buf, p, end, nOps, ops, "the message");
        return fromFields(info1, info2, info3, info4, generation, recordTtl, timeout, buf, fields, ops, null);
    }

    /** A request of its header values and the fields and operations read from {@code buf}. */
    private static Request fromFields(int info1, int info2, int info3, int info4, int generation, int recordTtl,
                                      int timeout, byte[] buf, List<Field> fields, List<Op> ops, byte[] digestOf) {
        String namespace = null;
        String set = null;
        byte[] digest = digestOf;
        int keyType = -1;
        byte[] keyBytes = null;
        byte[] batch = null;
        int batchType = -1;
        Value filter = null;
        String udfPackage = null;
        String udfFunction = null;
        byte[] udfArgs = null;
        List<Integer> other = new ArrayList<>(0);
        for (Field f : fields) {
            switch (f.type()) {
                case FIELD_NAMESPACE -> namespace = f.text(buf);
                case FIELD_SET -> set = f.text(buf);
                case FIELD_DIGEST -> {
                    if (f.length() != 20) {
                        throw malformed("a digest of " + f.length() + " bytes (20 expected)");
                    }
                    digest = f.bytes(buf, 0);
                }
                case FIELD_KEY -> {
                    if (f.length() < 1) {
                        throw malformed("an empty key field");
                    }
                    keyType = buf[f.offset()] & 0xFF;
                    keyBytes = f.bytes(buf, 1);
                }
                case FIELD_BATCH_INDEX, FIELD_BATCH_INDEX_WITH_SET -> {
                    batch = f.bytes(buf, 0);
                    batchType = f.type();
                }
                // an expression is kept as the client packed it: its names are msgpack strings without
                // Aerospike's particle type byte, which a value decoder would take for one
                case FIELD_FILTER_EXP -> filter = Value.of(f.bytes(buf, 0));
                case FIELD_SOCKET_TIMEOUT -> { }
                case FIELD_UDF_PACKAGE_NAME -> udfPackage = f.text(buf);
                case FIELD_UDF_FUNCTION -> udfFunction = f.text(buf);
                case FIELD_UDF_ARGLIST -> udfArgs = f.bytes(buf, 0);
                default -> other.add(f.type());
            }
        }
        Udf udf = udfPackage == null && udfFunction == null && udfArgs == null ? null
                : new Udf(udfPackage, udfFunction, udfArgs);
        return new Request(info1, info2, info3, info4, generation, recordTtl, timeout, namespace, set, digest, keyType,
                keyBytes, other, batch, batchType, filter, ops, udf);
    }

    static int readFields(byte[] buf, int p, int end, int n, List<Field> into, String where) {
        return readFields(buf, p, end, n, into, where, false);
    }

    /**
     * Reads {@code n} fields (4-byte size counting the type byte, type, data) from {@code p} into
     * {@code into}; returns where they end. {@code where} names the container in errors. With
     * {@code lenientLast}, a last field whose size runs past {@code end} ends at {@code end}.
     */
    static int readFields(byte[] buf, int p, int end, int n, List<Field> into, String where, boolean lenientLast) {
        for (int i = 0; i < n; i++) {
            if (p + 5 > end) {
                throw malformed("field " + i + " runs past " + where);
            }
            long size = intAt(buf, p) & 0xFFFF_FFFFL;
            int type = buf[p + 4] & 0xFF;
            if (size < 1) {
                throw malformed("field " + i + " (type " + type + ") of " + size + " bytes");
            }
            if (p + 4 + size > end) {
                if (!(lenientLast && i == n - 1)) {
                    throw malformed("field " + i + " (type " + type + ") of " + size + " bytes runs past " + where);
                }
                size = end - p - 4;
            }
            into.add(new Field(type, p + 5, (int) size - 1));
            p += 4 + (int) size;
        }
        return p;
    }

    /**
     * Reads {@code n} operations (4-byte size, op type, particle type, version, name length, name,
     * value) from {@code p} into {@code into}; returns where they end.
     */
    static int readOps(byte[] buf, int p, int end, int n, List<Op> into, String where) {
        for (int i = 0; i < n; i++) {
            if (p + 8 > end) {
                throw malformed("operation " + i + " runs past " + where);
            }
            long size = intAt(buf, p) & 0xFFFF_FFFFL;
            int type = buf[p + 4] & 0xFF;
            int particle = buf[p + 5] & 0xFF;
            int nameLen = buf[p + 7] & 0xFF;
            long valueLen = size - 4 - nameLen;
            if (valueLen < 0 || p + 4 + size > end) {
                throw malformed("operation " + i + " of " + size + " bytes runs past " + where);
            }
            String bin = nameLen == 0 ? null : new String(buf, p + 8, nameLen, StandardCharsets.UTF_8);
            into.add(new Op(type, particle, bin, buf, p + 8 + nameLen, (int) valueLen));
            p += 4 + (int) size;
        }
        return p;
    }

    /** The batch's flags byte: answer every key whatever the errors (Aerospike's {@code respondAllKeys}). */
    static final int BATCH_RESPOND_ALL_KEYS = 0x4;
    private static final int BATCH_REPEAT = 0x1;
    private static final int BATCH_HAS_INFO = 0x2;
    private static final int BATCH_HAS_GENERATION = 0x4;
    private static final int BATCH_HAS_TTL = 0x8;
    private static final int BATCH_HAS_INFO4 = 0x10;
    /** The most keys a batch may have, as Aerospike's default batch-max-requests. */
    static final int MAX_BATCH_KEYS = 5000;

    /** A batch: its flags and its rows, each a single-record request answered under its index. */
    record Batch(int flags, List<Row> rows) {
        boolean respondAllKeys() {
            return (flags & BATCH_RESPOND_ALL_KEYS) != 0;
        }
    }

    /** One key of a batch: its index in the client's batch and the single-record request it stands for. */
    record Row(int index, Request request) {
    }

    /**
     * The rows of a batch message, in either of Aerospike's forms (as {@code as_batch_queue_task} reads
     * them): a count and flags, then per key its index, digest and a type byte. 1 repeats the row before
     * (another key, the same request); 0 is the old read form (read flags, field and operation counts,
     * fields, operations); otherwise the byte says which of read/write/info flags, info4, generation and
     * TTL follow before the field and operation counts. A row without a filter expression of its own
     * takes the batch's.
     */
    Batch batch() {
        byte[] b = batchField;
        if (b == null || b.length < 5) {
            throw malformed("a batch field of " + (b == null ? 0 : b.length) + " bytes");
        }
        int count = intAt(b, 0);
        if (count <= 0) {
            throw malformed("a batch of " + count + " keys");
        }
        if (count > MAX_BATCH_KEYS) {
            throw new AerologException(ResultCode.BATCH_MAX_REQUESTS_EXCEEDED, "a batch of " + count
                    + " keys is over the " + MAX_BATCH_KEYS + " a node serves in one request: split it");
        }
        int flags = b[4] & 0xFF;
        List<Row> rows = new ArrayList<>(count);
        int p = 5;
        Request previous = null;
        for (int i = 0; i < count; i++) {
            if (p + 25 > b.length) {
                throw malformed("batch key " + i + " runs past the batch field");
            }
            int index = intAt(b, p);
            byte[] rowDigest = Arrays.copyOfRange(b, p + 4, p + 24);
            int type = b[p + 24] & 0xFF;
            p += 25;
            Request row;
            if ((type & BATCH_REPEAT) != 0) {
                if (previous == null) {
                    throw malformed("batch key " + i + " repeats a key before it, but it is the first");
                }
                if (previous.keyBytes() != null) {
                    throw malformed("batch key " + i + " repeats a row that carries its own user key");
                }
                row = previous.withDigest(rowDigest);
            } else {
                int info1;
                int info2 = 0;
                int info3 = 0;
                int info4 = 0;
                int gen = 0;
                int ttl = 0;
                int fixed = 1 + ((type & BATCH_HAS_INFO) != 0 ? 2 : 0) + ((type & BATCH_HAS_INFO4) != 0 ? 1 : 0)
                        + ((type & BATCH_HAS_GENERATION) != 0 ? 2 : 0) + ((type & BATCH_HAS_TTL) != 0 ? 4 : 0) + 4;
                if (p + fixed > b.length) {
                    throw malformed("batch key " + i + " runs past the batch field");
                }
                info1 = b[p++] & 0xFF;
                if ((type & BATCH_HAS_INFO) != 0) {
                    info2 = b[p++] & 0xFF;
                    info3 = b[p++] & 0xFF;
                }
                if ((type & BATCH_HAS_INFO4) != 0) {
                    info4 = b[p++] & 0xFF;
                }
                if ((type & BATCH_HAS_GENERATION) != 0) {
                    gen = shortAt(b, p);
                    p += 2;
                }
                if ((type & BATCH_HAS_TTL) != 0) {
                    ttl = intAt(b, p);
                    p += 4;
                }
                int nFields = Math.max(1, shortAt(b, p));
                int nOps = shortAt(b, p + 2);
                List<Field> fields = new ArrayList<>(nFields);
                p = readFields(b, p + 4, b.length, nFields, fields, "the batch field");
                List<Op> ops = new ArrayList<>(nOps);
                p = readOps(b, p, b.length, nOps, ops, "the batch field");
                row = fromFields(info1 & ~(INFO1_BATCH), info2, info3, info4, gen, ttl, timeoutMillis, b, fields, ops,
                        rowDigest);
                if (row.namespace() == null) {
                    throw malformed("batch key " + i + " names no namespace");
                }
                if (row.filter() == null && filter != null) {
                    row = row.withFilter(filter);
                }
            }
            rows.add(new Row(index, row));
            previous = row;
        }
        return new Batch(flags, rows);
    }

    /** This request for another key, known by its digest. */
    Request withDigest(byte[] other) {
        return new Request(info1, info2, info3, info4, generation, recordTtl, timeoutMillis, namespace, set, other,
                keyType, keyBytes, otherFields, batchField, batchFieldType, filter, ops, udf);
    }

    Request withFilter(Value expression) {
        return new Request(info1, info2, info3, info4, generation, recordTtl, timeoutMillis, namespace, set, digest,
                keyType, keyBytes, otherFields, batchField, batchFieldType, expression, ops, udf);
    }

    static int intAt(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 24 | (buf[off + 1] & 0xFF) << 16 | (buf[off + 2] & 0xFF) << 8 | buf[off + 3] & 0xFF;
    }

    static int shortAt(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
    }

    static AerologException malformed(String what) {
        return new AerologException(ResultCode.PARAMETER_ERROR, "malformed Aerospike message: " + what);
    }
}
