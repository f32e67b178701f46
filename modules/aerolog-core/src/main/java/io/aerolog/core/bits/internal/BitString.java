package io.aerolog.core.bits.internal;

/**
 * Bit ranges of a byte array, bit 0 being the most significant bit of byte 0 (Aerospike's bit order).
 * Ranges are read out left-aligned (the first bit of the range becomes the top bit of byte 0, unused
 * trailing bits are zero) and written back without touching the bits around them.
 */
final class BitString {
    private BitString() {
    }

    /** The {@code nBits} bits of {@code src} from bit {@code from}, left-aligned. */
    static byte[] get(byte[] src, long from, int nBits) {
        int n = (nBits + 7) >>> 3;
        byte[] out = new byte[n];
        int shift = (int) (from & 7);
        int first = (int) (from >>> 3);
        for (int j = 0; j < n; j++) {
            int hi = src[first + j] & 0xff;
            int lo = shift != 0 && first + j + 1 < src.length ? src[first + j + 1] & 0xff : 0;
            out[j] = (byte) (hi << shift | lo >>> (8 - shift));
        }
        clearTail(out, nBits);
        return out;
    }

    /** Writes the first {@code nBits} bits of {@code bits} (left-aligned; missing bytes are zeros) at bit {@code at}. */
    static void put(byte[] dst, long at, int nBits, byte[] bits) {
        if (nBits == 0) {
            return;
        }
        int shift = (int) (at & 7);
        int first = (int) (at >>> 3);
        int endBit = shift + nBits;
        int n = (endBit + 7) >>> 3;
        for (int j = 0; j < n; j++) {
            int previous = j >= 1 && j - 1 < bits.length ? bits[j - 1] & 0xff : 0;
            int current = j < bits.length ? bits[j] & 0xff : 0;
            int v = (previous << (8 - shift) | current >>> shift) & 0xff;
            int mask = 0xff;
            if (j == 0) {
                mask &= 0xff >>> shift;
            }
            if (j == n - 1) {
                int used = endBit - 8 * j;
                mask &= 0xff << (8 - used);
            }
            dst[first + j] = (byte) (dst[first + j] & ~mask | v & mask);
        }
    }

    /** Zeroes the bits of a left-aligned range past its first {@code nBits}. */
    static void clearTail(byte[] bits, int nBits) {
        int rest = nBits & 7;
        if (rest != 0) {
            bits[nBits >>> 3] &= (byte) (0xff << (8 - rest));
        }
    }

    /** The unsigned integer held in {@code nBits} (1 to 64) bits of {@code src} from bit {@code from}. */
    static long getLong(byte[] src, long from, int nBits) {
        byte[] bits = get(src, from, nBits);
        long v = 0;
        for (int j = 0; j < 8; j++) {
            v = v << 8 | (j < bits.length ? bits[j] & 0xff : 0);
        }
        return v >>> (64 - nBits);
    }

    /** Writes the low {@code nBits} (1 to 64) bits of {@code value} at bit {@code at}. */
    static void putLong(byte[] dst, long at, int nBits, long value) {
        long aligned = value << (64 - nBits);
        byte[] bits = new byte[8];
        for (int j = 0; j < 8; j++) {
            bits[j] = (byte) (aligned >>> (56 - 8 * j));
        }
        put(dst, at, nBits, bits);
    }
}
