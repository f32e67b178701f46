package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Aerospike message (AS_MSG) as a client sends it: the 22-byte header, its fields (namespace,
 * set, digest, user key, ...) and its operations. Only parsing; what it means is decided by
 * {@link Commands}.
 */
record Request(int info1, int info2, int info3, int generation, int recordTtl, int timeoutMillis,
               String namespace, String set, byte[] digest, int keyType, byte[] keyBytes,
               List<Integer> otherFields, byte[] batchField, List<Op> ops) {

    static final int INFO1_READ = 1;
    static final int INFO1_GET_ALL = 2;
    static final int INFO1_BATCH = 8;
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

    static final int HEADER_SIZE = 22;

    /** One operation: its wire type, the particle type and bytes of its value, and its bin name. */
    record Op(int type, int particleType, String bin, byte[] buf, int valueOffset, int valueLength) {
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
        int generation = intAt(buf, off + 6);
        int recordTtl = intAt(buf, off + 10);
        int timeout = intAt(buf, off + 14);
        int nFields = shortAt(buf, off + 18);
        int nOps = shortAt(buf, off + 20);
        int end = off + len;
        int p = off + headerSize;
        String namespace = null;
        String set = null;
        byte[] digest = null;
        int keyType = -1;
        byte[] keyBytes = null;
        byte[] batch = null;
        List<Integer> other = new ArrayList<>(0);
        for (int i = 0; i < nFields; i++) {
            if (p + 5 > end) {
                throw malformed("field " + i + " runs past the message");
            }
            int size = intAt(buf, p);
            int type = buf[p + 4] & 0xFF;
            int dataLen = size - 1;
            int data = p + 5;
            if (size < 1 || data + dataLen > end) {
                throw malformed("field " + i + " (type " + type + ") of " + size + " bytes runs past the message");
            }
            switch (type) {
                case FIELD_NAMESPACE -> namespace = new String(buf, data, dataLen, StandardCharsets.UTF_8);
                case FIELD_SET -> set = new String(buf, data, dataLen, StandardCharsets.UTF_8);
                case FIELD_DIGEST -> {
                    if (dataLen != 20) {
                        throw malformed("a digest of " + dataLen + " bytes (20 expected)");
                    }
                    digest = Arrays.copyOfRange(buf, data, data + 20);
                }
                case FIELD_KEY -> {
                    if (dataLen < 1) {
                        throw malformed("an empty key field");
                    }
                    keyType = buf[data] & 0xFF;
                    keyBytes = Arrays.copyOfRange(buf, data + 1, data + dataLen);
                }
                case FIELD_BATCH_INDEX -> batch = Arrays.copyOfRange(buf, data, data + dataLen);
                case FIELD_SOCKET_TIMEOUT -> { }
                default -> other.add(type);
            }
            p = data + dataLen;
        }
        List<Op> ops = new ArrayList<>(nOps);
        for (int i = 0; i < nOps; i++) {
            if (p + 8 > end) {
                throw malformed("operation " + i + " runs past the message");
            }
            int size = intAt(buf, p);
            int type = buf[p + 4] & 0xFF;
            int particle = buf[p + 5] & 0xFF;
            int nameLen = buf[p + 7] & 0xFF;
            int valueLen = size - 4 - nameLen;
            if (valueLen < 0 || p + 4 + size > end) {
                throw malformed("operation " + i + " of " + size + " bytes runs past the message");
            }
            String bin = nameLen == 0 ? null : new String(buf, p + 8, nameLen, StandardCharsets.UTF_8);
            ops.add(new Op(type, particle, bin, buf, p + 8 + nameLen, valueLen));
            p += 4 + size;
        }
        return new Request(info1, info2, info3, generation, recordTtl, timeout, namespace, set, digest, keyType,
                keyBytes, other, batch, ops);
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
