package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
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
               List<Integer> otherFields, byte[] batchField, int batchFieldType, Value filter, List<Op> ops) {

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

    static final int HEADER_SIZE = 22;

    /** One operation: its wire type, the particle type and bytes of its value, and its bin name. */
    record Op(int type, int particleType, String bin, byte[] buf, int valueOffset, int valueLength) {
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

    /** One key of a batch read: its index in the client's batch, and what to read of it. */
    record BatchKey(int index, String namespace, String set, byte[] digest, int readAttr, List<Op> ops) {
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
        List<Field> fields = new ArrayList<>(nFields);
        int p = readFields(buf, off + headerSize, end, nFields, fields, "the message");
        List<Op> ops = new ArrayList<>(nOps);
        readOps(buf, p, end, nOps, ops, "the message");
        String namespace = null;
        String set = null;
        byte[] digest = null;
        int keyType = -1;
        byte[] keyBytes = null;
        byte[] batch = null;
        int batchType = -1;
        Value filter = null;
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
                case FIELD_FILTER_EXP -> filter = MsgPack.unpackList(buf, f.offset(), f.length());
                case FIELD_SOCKET_TIMEOUT -> { }
                default -> other.add(f.type());
            }
        }
        return new Request(info1, info2, info3, info4, generation, recordTtl, timeout, namespace, set, digest, keyType,
                keyBytes, other, batch, batchType, filter, ops);
    }

    /**
     * Reads {@code n} fields (4-byte size counting the type byte, type, data) from {@code p} into
     * {@code into}; returns where they end. {@code where} names the container in errors.
     */
    static int readFields(byte[] buf, int p, int end, int n, List<Field> into, String where) {
        for (int i = 0; i < n; i++) {
            if (p + 5 > end) {
                throw malformed("field " + i + " runs past " + where);
            }
            int size = intAt(buf, p);
            int type = buf[p + 4] & 0xFF;
            if (size < 1 || p + 4 + size > end) {
                throw malformed("field " + i + " (type " + type + ") of " + size + " bytes runs past " + where);
            }
            into.add(new Field(type, p + 5, size - 1));
            p += 4 + size;
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
            int size = intAt(buf, p);
            int type = buf[p + 4] & 0xFF;
            int particle = buf[p + 5] & 0xFF;
            int nameLen = buf[p + 7] & 0xFF;
            int valueLen = size - 4 - nameLen;
            if (valueLen < 0 || p + 4 + size > end) {
                throw malformed("operation " + i + " of " + size + " bytes runs past " + where);
            }
            String bin = nameLen == 0 ? null : new String(buf, p + 8, nameLen, StandardCharsets.UTF_8);
            into.add(new Op(type, particle, bin, buf, p + 8 + nameLen, valueLen));
            p += 4 + size;
        }
        return p;
    }

    /**
     * The keys of a batch-index field: a count and flags, then per key its index, digest and either 1
     * ("as the key before") or 0 followed by read flags, field and operation counts, fields (namespace,
     * set) and operations.
     */
    static List<BatchKey> batchKeys(byte[] b) {
        if (b.length < 5) {
            throw malformed("a batch field of " + b.length + " bytes");
        }
        int count = intAt(b, 0);
        List<BatchKey> keys = new ArrayList<>(Math.max(0, Math.min(count, 10_000)));
        int p = 5;
        BatchKey previous = null;
        for (int i = 0; i < count; i++) {
            if (p + 25 > b.length) {
                throw malformed("batch key " + i + " runs past the batch field");
            }
            int index = intAt(b, p);
            byte[] digest = Arrays.copyOfRange(b, p + 4, p + 24);
            boolean repeat = b[p + 24] == 1;
            p += 25;
            if (repeat) {
                if (previous == null) {
                    throw malformed("batch key " + i + " repeats a key before it, but it is the first");
                }
                previous = new BatchKey(index, previous.namespace(), previous.set(), digest, previous.readAttr(),
                        previous.ops());
            } else {
                if (p + 5 > b.length) {
                    throw malformed("batch key " + i + " runs past the batch field");
                }
                int readAttr = b[p] & 0xFF;
                int nFields = shortAt(b, p + 1);
                int nOps = shortAt(b, p + 3);
                List<Field> fields = new ArrayList<>(nFields);
                p = readFields(b, p + 5, b.length, nFields, fields, "the batch field");
                List<Op> ops = new ArrayList<>(nOps);
                p = readOps(b, p, b.length, nOps, ops, "the batch field");
                String namespace = null;
                String set = null;
                for (Field f : fields) {
                    if (f.type() == FIELD_NAMESPACE) {
                        namespace = f.text(b);
                    } else if (f.type() == FIELD_SET) {
                        set = f.text(b);
                    }
                }
                if (namespace == null) {
                    throw malformed("batch key " + i + " names no namespace");
                }
                previous = new BatchKey(index, namespace, set, digest, readAttr, ops);
            }
            keys.add(previous);
        }
        return keys;
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
