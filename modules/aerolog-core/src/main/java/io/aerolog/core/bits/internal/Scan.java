package io.aerolog.core.bits.internal;

/**
 * Aerospike's bit_lscan and bit_rscan: the position, from the start of the range, of the first (last)
 * bit equal to the value, or -1. One quirk of the server's {@code bits_read_op_rscan} is kept: it does
 * not mask the bits before the range in the range's first byte, so when the range holds no such bit
 * but those leading bits do, it answers the (negative) position of the last of them.
 */
final class Scan {
    private Scan() {
    }

    static long left(byte[] blob, long start, int n, boolean value) {
        byte[] bits = BitString.get(blob, start, n);
        for (int j = 0; j < bits.length; j++) {
            int x = matches(bits[j], value) & tailMask(j, bits.length, n);
            if (x != 0) {
                return j * 8L + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return -1;
    }

    static long right(byte[] blob, long start, int n, boolean value) {
        byte[] bits = BitString.get(blob, start, n);
        for (int j = bits.length - 1; j >= 0; j--) {
            int x = matches(bits[j], value) & tailMask(j, bits.length, n);
            if (x != 0) {
                return j * 8L + 7 - Integer.numberOfTrailingZeros(x);
            }
        }
        int leading = (int) (start & 7);
        if (leading != 0) {
            int x = matches(blob[(int) (start >>> 3)], value) & (0xff << (8 - leading)) & 0xff;
            if (x != 0) {
                return 7 - Integer.numberOfTrailingZeros(x) - leading;
            }
        }
        return -1;
    }

    private static int matches(byte b, boolean value) {
        return (value ? b : ~b) & 0xff;
    }

    private static int tailMask(int j, int nBytes, int nBits) {
        int rest = nBits & 7;
        return j == nBytes - 1 && rest != 0 ? 0xff << (8 - rest) & 0xff : 0xff;
    }
}
