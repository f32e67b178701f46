package io.aerolog.core.udf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A UDF's random numbers are java.util.Random's specified sequence for the command's seed, and only that. */
class SeededRandomTest {
    @Test
    void givesJavaUtilRandomsSequenceForASeed() {
        for (long seed : new long[] {0, 1, -1, 42, 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_000L}) {
            Random expected = new Random(seed);
            SeededRandom actual = new SeededRandom(seed);
            for (int i = 0; i < 1_000; i++) {
                if (i % 2 == 0) {
                    assertThat(actual.nextLong()).as("seed %d, draw %d", seed, i).isEqualTo(expected.nextLong());
                } else {
                    assertThat(actual.nextDouble()).as("seed %d, draw %d", seed, i).isEqualTo(expected.nextDouble());
                }
            }
        }
    }

    @Test
    void reseedingStartsTheSequenceAgain() {
        SeededRandom r = new SeededRandom(7);
        long first = r.nextLong();
        double second = r.nextDouble();
        r.nextLong();
        r.setSeed(7);
        assertThat(r.nextLong()).isEqualTo(first);
        assertThat(r.nextDouble()).isEqualTo(second);
        r.setSeed(8);
        assertThat(r.nextLong()).isNotEqualTo(first);
    }
}
