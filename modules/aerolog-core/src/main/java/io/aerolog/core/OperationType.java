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
    DELETE(true);

    private final boolean write;

    OperationType(boolean write) {
        this.write = write;
    }

    public boolean isWrite() {
        return write;
    }
}
