package io.aerolog.core.bits.internal;

import java.util.List;

/**
 * Aerospike's bit operations, one constant per op code, as the op tables of the server's
 * {@code particle_blob.c} define them: the code on the wire, the name the server logs, the write flags
 * the operation accepts, how many arguments it takes and how each is read, and how it sizes its effect.
 */
enum BitOpDef {
    RESIZE(0, "bit_resize", Prepare.RESIZE, BitFlags.CREATE_ONLY | BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL, 1,
            Arg.BYTE_SIZE_ALLOW_ZERO, Arg.FLAGS, Arg.RESIZE_SUBFLAGS),
    INSERT(1, "bit_insert", Prepare.INSERT, BitFlags.CREATE_ONLY | BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL, 2,
            Arg.BYTE_OFFSET, Arg.BUF, Arg.FLAGS),
    REMOVE(2, "bit_remove", Prepare.REMOVE, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 2,
            Arg.BYTE_OFFSET, Arg.BYTE_SIZE, Arg.FLAGS),
    SET(3, "bit_set", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.BUF, Arg.FLAGS),
    OR(4, "bit_or", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.BUF, Arg.FLAGS),
    XOR(5, "bit_xor", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.BUF, Arg.FLAGS),
    AND(6, "bit_and", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.BUF, Arg.FLAGS),
    NOT(7, "bit_not", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 2,
            Arg.OFFSET, Arg.SIZE, Arg.FLAGS),
    LSHIFT(8, "bit_lshift", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.N_BITS_VALUE, Arg.FLAGS),
    RSHIFT(9, "bit_rshift", Prepare.MODIFY, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL | BitFlags.PARTIAL, 3,
            Arg.OFFSET, Arg.SIZE, Arg.N_BITS_VALUE, Arg.FLAGS),
    ADD(10, "bit_add", Prepare.INTEGER, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL, 3,
            Arg.OFFSET, Arg.INTEGER_SIZE, Arg.INTEGER_VALUE, Arg.FLAGS, Arg.ARITHMETIC_SUBFLAGS),
    SUBTRACT(11, "bit_subtract", Prepare.INTEGER, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL, 3,
            Arg.OFFSET, Arg.INTEGER_SIZE, Arg.INTEGER_VALUE, Arg.FLAGS, Arg.ARITHMETIC_SUBFLAGS),
    SET_INT(12, "bit_set_int", Prepare.INTEGER, BitFlags.UPDATE_ONLY | BitFlags.NO_FAIL, 3,
            Arg.OFFSET, Arg.INTEGER_SIZE, Arg.INTEGER_VALUE, Arg.FLAGS),

    GET(50, "bit_get", Prepare.READ, 0, 2, Arg.OFFSET, Arg.SIZE),
    COUNT(51, "bit_count", Prepare.READ, 0, 2, Arg.OFFSET, Arg.SIZE),
    LSCAN(52, "bit_lscan", Prepare.READ, 0, 3, Arg.OFFSET, Arg.SIZE, Arg.BOOLEAN_VALUE),
    RSCAN(53, "bit_rscan", Prepare.READ, 0, 3, Arg.OFFSET, Arg.SIZE, Arg.BOOLEAN_VALUE),
    GET_INT(54, "bit_get_int", Prepare.READ, 0, 2, Arg.OFFSET, Arg.INTEGER_SIZE, Arg.GET_INTEGER_SUBFLAGS);

    /** How an argument is read and bounded (the server's {@code bits_parse_*} functions). */
    enum Arg {
        BYTE_OFFSET, OFFSET, BYTE_SIZE, BYTE_SIZE_ALLOW_ZERO, INTEGER_SIZE, SIZE, BOOLEAN_VALUE, N_BITS_VALUE,
        INTEGER_VALUE, BUF, FLAGS, RESIZE_SUBFLAGS, ARITHMETIC_SUBFLAGS, GET_INTEGER_SUBFLAGS
    }

    /** How the operation sizes the blob it leaves or reads (the server's {@code bits_prepare_*_op}). */
    enum Prepare { RESIZE, INSERT, REMOVE, MODIFY, INTEGER, READ }

    final int code;
    final String wireName;
    final Prepare prepare;
    final long allowedFlags;
    final int minArgs;
    final List<Arg> args;

    BitOpDef(int code, String wireName, Prepare prepare, long allowedFlags, int minArgs, Arg... args) {
        this.code = code;
        this.wireName = wireName;
        this.prepare = prepare;
        this.allowedFlags = allowedFlags;
        this.minArgs = minArgs;
        this.args = List.of(args);
    }

    boolean isModify() {
        return prepare != Prepare.READ;
    }

    /** The operation of {@code code} among modify or read operations, or null when Aerospike defines none. */
    static BitOpDef of(long code, boolean modify) {
        for (BitOpDef def : values()) {
            if (def.code == code && def.isModify() == modify) {
                return def;
            }
        }
        return null;
    }
}
