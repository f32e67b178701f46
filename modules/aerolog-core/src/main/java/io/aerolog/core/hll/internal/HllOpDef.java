package io.aerolog.core.hll.internal;

import java.util.List;

/**
 * Aerospike's HyperLogLog operations, one constant per op code, as the op tables of the server's
 * {@code particle_hll.c} define them: the code on the wire, the name the server logs, the write flags
 * the operation accepts and its arguments in order.
 */
enum HllOpDef {
    INIT(0, "hll_init", true, HllFlags.CREATE_ONLY | HllFlags.UPDATE_ONLY | HllFlags.NO_FAIL, 0,
            Arg.INDEX_BITS, Arg.MINHASH_BITS, Arg.FLAGS),
    ADD(1, "hll_add", true, HllFlags.CREATE_ONLY | HllFlags.NO_FAIL, 1,
            Arg.ELEMENTS, Arg.INDEX_BITS, Arg.MINHASH_BITS, Arg.FLAGS),
    SET_UNION(2, "hll_set_union", true,
            HllFlags.CREATE_ONLY | HllFlags.UPDATE_ONLY | HllFlags.ALLOW_FOLD | HllFlags.NO_FAIL, 1,
            Arg.HLLS, Arg.FLAGS),
    REFRESH_COUNT(3, "hll_refresh_count", true, 0, 0),
    FOLD(4, "hll_fold", true, 0, 1, Arg.INDEX_BITS),

    COUNT(50, "hll_get_count", false, 0, 0),
    GET_UNION(51, "hll_get_union", false, 0, 1, Arg.HLLS),
    UNION_COUNT(52, "hll_get_union_count", false, 0, 1, Arg.HLLS),
    INTERSECT_COUNT(53, "hll_get_intersect_count", false, 0, 1, Arg.HLLS_INTERSECT),
    SIMILARITY(54, "hll_get_similarity", false, 0, 1, Arg.HLLS_INTERSECT),
    DESCRIBE(55, "hll_describe", false, 0, 0),
    MAY_CONTAIN(56, "hll_may_contain", false, 0, 1, Arg.ELEMENTS);

    /** How an argument is read and checked (the server's {@code hll_parse_*} functions). */
    enum Arg { INDEX_BITS, MINHASH_BITS, FLAGS, ELEMENTS, HLLS, HLLS_INTERSECT }

    final int code;
    final String wireName;
    final boolean modify;
    final long allowedFlags;
    final int minArgs;
    final List<Arg> args;

    HllOpDef(int code, String wireName, boolean modify, long allowedFlags, int minArgs, Arg... args) {
        this.code = code;
        this.wireName = wireName;
        this.modify = modify;
        this.allowedFlags = allowedFlags;
        this.minArgs = minArgs;
        this.args = List.of(args);
    }

    /** The operation of {@code code} among modify or read operations, or null when Aerospike defines none. */
    static HllOpDef of(long code, boolean modify) {
        for (HllOpDef def : values()) {
            if (def.code == code && def.modify == modify) {
                return def;
            }
        }
        return null;
    }
}
