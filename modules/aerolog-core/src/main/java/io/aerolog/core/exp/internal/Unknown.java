package io.aerolog.core.exp.internal;

/**
 * Aerospike's third truth value: an expression whose value cannot be known on this record (a bin of
 * another type, a division by zero, a failed collection call). It unwinds evaluation to the nearest
 * instruction that handles it ({@code and}, {@code or}, {@code let}) or to the top, where a filter
 * reads it as false and an operation as a failure. Carries no stack trace: it is control flow.
 */
final class Unknown extends RuntimeException {
    static final Unknown INSTANCE = new Unknown();

    private Unknown() {
        super("unknown", null, false, false);
    }
}
