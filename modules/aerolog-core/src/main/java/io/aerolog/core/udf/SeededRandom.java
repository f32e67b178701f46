package io.aerolog.core.udf;

/**
 * A UDF call's random numbers: the 48-bit linear congruential sequence {@code java.util.Random} specifies (the
 * same multiplier, increment and seed scrambling, so the same numbers for a seed), written out here so the
 * engine holds no source of randomness at all: a call's numbers come from its command's seed and nothing else,
 * on every node and replay.
 */
final class SeededRandom {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    SeededRandom(long seed) {
        setSeed(seed);
    }

    void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    long nextLong() {
        return ((long) next(32) << 32) + next(32);
    }

    /** A double in [0, 1), 53 bits of the sequence. */
    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }
}
