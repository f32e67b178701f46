package io.aerolog.core;

/** What one operation of a command does. */
public enum OperationType {
    /** Set a bin; writing nil deletes it. */
    WRITE(true),
    /** Remove a bin. */
    DELETE_BIN(true),
    /** Add an integer to an integer bin, or a double to a double bin. */
    ADD(true),
    /** Append a string to a string bin, or bytes to a bytes bin. */
    APPEND(true),
    /** Prepend a string to a string bin, or bytes to a bytes bin. */
    PREPEND(true),
    /** Reset the TTL and bump the generation. */
    TOUCH(true),
    /** Read one bin, or all bins when no bin is named. */
    READ(false),
    /** Read the metadata (generation, TTL) only. */
    READ_HEADER(false),
    /** Delete the whole record. */
    DELETE(true),
    /** A list or map (collection data type) read; the value is Aerospike's operation as a value tree. */
    CDT_READ(false),
    /** A list or map modification; the value is Aerospike's operation as a value tree. */
    CDT_MODIFY(true),
    /** A bit read on a bytes bin. */
    BIT_READ(false),
    /** A bit modification of a bytes bin. */
    BIT_MODIFY(true),
    /** A HyperLogLog read. */
    HLL_READ(false),
    /** A HyperLogLog modification. */
    HLL_MODIFY(true),
    /** An expression evaluated on the record, its result returned under the bin name. */
    EXP_READ(false),
    /** An expression evaluated on the record, its result written to the bin. */
    EXP_MODIFY(true),
    /**
     * A record UDF call, alone in its command: the value is the call ({@code io.aerolog.core.udf.UdfCall}:
     * module, version, function, arguments and the module's source). Applied by the UDF engine.
     */
    UDF(true);

    private final boolean write;

    OperationType(boolean write) {
        this.write = write;
    }

    public boolean isWrite() {
        return write;
    }
}
