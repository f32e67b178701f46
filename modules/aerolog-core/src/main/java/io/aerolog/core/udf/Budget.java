package io.aerolog.core.udf;

/**
 * What one UDF call has used of its {@link UdfLimits}: instructions, bytes allocated, ids handed to the
 * objects it created, log lines. Counted in the order the call runs, so a replay counts the same.
 */
final class Budget {
    private final long maxInstructions;
    private final long maxBytes;
    private long instructions;
    private long bytes;
    private int nextId;
    private int logLines;

    Budget(long maxInstructions, long maxBytes) {
        this.maxInstructions = maxInstructions;
        this.maxBytes = maxBytes;
    }

    /** Counts one instruction; false once the call has run out of them (and at every one after). */
    boolean step() {
        return ++instructions <= maxInstructions;
    }

    /** Counts {@code n} instructions of work done in Java on the call's behalf (pattern matching). */
    void steps(long n) {
        instructions += n;
        if (instructions > maxInstructions) {
            throw UdfAbort.timeout("");
        }
    }

    long instructions() {
        return instructions;
    }

    /** Charges {@code n} bytes about to be allocated; past the limit the call ends with "not enough memory". */
    void charge(long n) {
        bytes += Math.max(0, n);
        if (bytes > maxBytes) {
            throw UdfAbort.memory();
        }
    }

    long bytes() {
        return bytes;
    }

    /** A number for an object the call created, the same on every replay (its hash in Lua tables). */
    int nextId() {
        return ++nextId;
    }

    /** Whether another {@code aerospike:log} line may be written. */
    boolean mayLog() {
        return ++logLines <= UdfLimits.MAX_LOG_LINES;
    }
}
