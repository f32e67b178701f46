package io.aerolog.core.bits.internal;

/**
 * Aerospike's bit_add and bit_subtract on an integer of 1 to 64 bits, with its overflow rules
 * ({@code bits_modify_op_add}, {@code bits_modify_op_subtract}, {@code handle_signed_overflow}): the
 * operand is cut to the integer's width; WRAP keeps the low bits; otherwise an unsigned result that
 * wrapped, or a signed one whose sign flipped when both inputs shared the other sign, saturates
 * (SATURATE) or fails. The signed test is strict, as the server's: a result of exactly 0 is no overflow.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    static long mask(int nBits) {
        return -1L >>> (64 - nBits);
    }

    /** The new integer, or null when the operation overflows with the FAIL action. */
    static Long apply(boolean add, long load, long operand, int nBits, long subflags) {
        long mask = mask(nBits);
        long value = operand & mask;
        long result = (add ? load + value : load - value) & mask;
        boolean signed = (subflags & BitFlags.INT_SIGNED) != 0;
        boolean wrap = (subflags & BitFlags.INT_WRAP) != 0;
        boolean saturate = (subflags & BitFlags.INT_SATURATE) != 0;
        if (wrap) {
            return result;
        }
        if (signed) {
            return signedOverflow(nBits, saturate, load, add ? value : -value, result);
        }
        boolean wrapped = add ? Long.compareUnsigned(result, load) < 0 : Long.compareUnsigned(result, load) > 0;
        if (!wrapped) {
            return result;
        }
        if (!saturate) {
            return null;
        }
        return add ? mask : 0L;
    }

    private static Long signedOverflow(int nBits, boolean saturate, long load, long value, long result) {
        int leading = 64 - nBits;
        long mask = mask(nBits);
        long sResult = result << leading >> leading;
        long sLoad = load << leading >> leading;
        long sValue = value << leading >> leading;
        if (sLoad < 0 && sValue < 0 && sResult > 0) {
            return saturate ? (mask >>> (nBits - 1)) << (nBits - 1) : null;
        }
        if (sLoad > 0 && sValue > 0 && sResult < 0) {
            return saturate ? mask >>> 1 : null;
        }
        return result;
    }
}
