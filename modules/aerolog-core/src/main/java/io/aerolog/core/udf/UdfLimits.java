package io.aerolog.core.udf;

/**
 * The bounds every UDF call runs within. They are constants, not settings: a call's outcome must be the
 * same wherever and whenever its command is applied again (replay, another node), so the bounds that can
 * end it are part of the log's meaning and may not differ between nodes.
 */
public final class UdfLimits {
    /**
     * Lua VM instructions one call may run (the module's top level, the function and everything it calls);
     * past it the call fails with Aerospike's "UDF Execution Timeout". Counted, not timed, so that replay
     * ends a call at the same instruction. About a tenth of a second of a busy stream thread.
     */
    public static final long MAX_INSTRUCTIONS = 10_000_000L;
    /**
     * Bytes one call may allocate in strings, lists, maps, bytes and the values it reads (counted as it
     * goes, freed or not); past it the call fails with Lua's "not enough memory".
     */
    public static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;
    /** Lua functions nested in one call; past it, Lua's "stack overflow" (an error the UDF may catch). */
    public static final int MAX_CALL_DEPTH = 200;
    /** The largest module Aerospike's server registers (its MAX_UDF_CONTENT_LENGTH), in bytes of source. */
    public static final int MAX_MODULE_BYTES = 1024 * 1024;
    /** Aerospike's longest module file name (MAX_FILE_NAME_SZ, with its terminator). */
    public static final int MAX_MODULE_NAME_CHARS = 127;
    /** Aerospike's longest function name (udf_def's function buffer, with its terminator). */
    public static final int MAX_FUNCTION_NAME_CHARS = 127;
    /** Lines {@code aerospike:log} writes per call, and characters per line; the rest is dropped. */
    public static final int MAX_LOG_LINES = 100;
    public static final int MAX_LOG_CHARS = 1024;

    private UdfLimits() {
    }
}
