package io.aerolog.server.sindex;

import io.aerolog.core.Digest;
import io.aerolog.server.store.DigestWalk;
import java.util.Arrays;

/**
 * The layout of a partition's index store: one entry per (index, value, record), keyed by the index's
 * 4-byte id (assigned by the partition in log order), the 64-bit index value with its sign bit flipped
 * (big-endian, so keys sort as signed values) and the record's 20-byte digest; the value is empty. An
 * index's entries are one key range, a numeric range query is one sub-range of it, and within one value
 * entries sort by digest: the (value, digest) order a query resumes in.
 */
public final class IndexKeys {
    public static final int SIZE = 4 + 8 + Digest.SIZE;
    static final byte[] EMPTY = new byte[0];

    private IndexKeys() {
    }

    public static byte[] key(int id, long value, byte[] digest) {
        byte[] k = new byte[SIZE];
        putInt(k, 0, id);
        putLong(k, 4, value ^ Long.MIN_VALUE);
        System.arraycopy(digest, 0, k, 12, Digest.SIZE);
        return k;
    }

    /** The first key of index {@code id} at value {@code value}. */
    public static byte[] from(int id, long value) {
        return key(id, value, DigestWalk.first());
    }

    /** The last key of index {@code id} at value {@code value}. */
    public static byte[] to(int id, long value) {
        return key(id, value, DigestWalk.last());
    }

    public static long value(byte[] key) {
        long v = 0;
        for (int i = 4; i < 12; i++) {
            v = v << 8 | (key[i] & 0xFF);
        }
        return v ^ Long.MIN_VALUE;
    }

    public static byte[] digest(byte[] key) {
        return Arrays.copyOfRange(key, 12, SIZE);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
