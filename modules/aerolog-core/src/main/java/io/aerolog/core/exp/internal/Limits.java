package io.aerolog.core.exp.internal;

/**
 * The bounds that keep a hostile expression from stalling a stream thread or exhausting its stack.
 * Aerospike refuses an expression whose compiled form reaches {@code EXP_MAX_SIZE} (1 MiB, in
 * {@code exp.c}); Aerolog bounds the wire bytes by the same figure, the nesting of instructions, and
 * the work of the two evaluations whose cost is not linear in the expression: regex matching and the
 * collection, bit and HyperLogLog calls (bounded by their own operations).
 */
final class Limits {
    /** Aerospike's {@code EXP_MAX_SIZE}: 1 MiB. */
    static final int EXP_MAX_SIZE = 1024 * 1024;
    /**
     * Instructions nested deeper are refused: the compiler and evaluator recurse once per level, and
     * a JIT-compiled level can take kilobytes of stack, so 64 levels stay far inside a 1 MB thread
     * stack (the Java client's own builder recurses the same way).
     */
    static final int MAX_NESTING = 64;
    /** Steps of the regex automaton (states visited, summed over the subject's characters) per match. */
    static final long MAX_REGEX_STEPS = 20_000_000L;
    /** Instructions of a compiled regex. */
    static final int MAX_REGEX_PROGRAM = 100_000;

    private Limits() {
    }
}
