package io.aerolog.core.bits.internal;

/** Aerospike's bit write flags and sub-flags, with the server's values ({@code as_bits_flags} in proto.h). */
final class BitFlags {
    static final long CREATE_ONLY = 1;
    static final long UPDATE_ONLY = 1 << 1;
    static final long NO_FAIL = 1 << 2;
    static final long PARTIAL = 1 << 3;

    static final long RESIZE_FROM_FRONT = 1;
    static final long RESIZE_GROW_ONLY = 1 << 1;
    static final long RESIZE_SHRINK_ONLY = 1 << 2;

    static final long INT_SIGNED = 1;
    static final long INT_SATURATE = 1 << 1;
    static final long INT_WRAP = 1 << 2;

    /** Aerospike's largest message ({@code PROTO_SIZE_MAX}, 128 MiB): the bound of every size and offset. */
    static final long PROTO_SIZE_MAX = 128L * 1024 * 1024;

    private BitFlags() {
    }
}
