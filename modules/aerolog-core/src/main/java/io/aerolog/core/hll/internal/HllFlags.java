package io.aerolog.core.hll.internal;

/** Aerospike's HLL write flags, with the server's values ({@code as_hll_flags} in proto.h). */
final class HllFlags {
    static final long CREATE_ONLY = 1;
    static final long UPDATE_ONLY = 1 << 1;
    static final long NO_FAIL = 1 << 2;
    static final long ALLOW_FOLD = 1 << 3;

    /** The index or minhash bits an operation leaves to the bin ({@code -1} on the wire, 0xFF in the server). */
    static final int UNSET = 0xff;

    private HllFlags() {
    }
}
