package io.aerolog.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeTallyTest {
    private static Digest d(String k) {
        return Key.of("test", "s", k).digest();
    }

    @Test
    void everyAcknowledgedWriteOnceAndCountersInBoundsIsClean() {
        ChangeTally t = new ChangeTally();
        t.add(d("a"), 1);
        t.add(d("b"), 1);
        t.add(d("doubt-applied"), 1);
        for (int g = 1; g <= 5; g++) {
            t.add(d("ctr"), g);
        }
        ChangeTally.Verdict v = t.verdict(Set.of(d("a"), d("b")), Set.of(d("doubt-applied"), d("doubt-not")),
                Map.of(d("ctr"), new long[] {4, 2}));

        assertThat(v.changes()).isEqualTo(8);
        assertThat(v.lost()).isZero();
        assertThat(v.doubled()).isZero();
        assertThat(v.samples()).isEmpty();
    }

    @Test
    void anAcknowledgedPutWithNoChangeIsLostAndOneWithTwoIsDoubled() {
        ChangeTally t = new ChangeTally();
        t.add(d("b"), 1);
        t.add(d("b"), 1);
        t.add(d("doubt"), 1);
        t.add(d("doubt"), 1);
        ChangeTally.Verdict v = t.verdict(Set.of(d("a"), d("b")), Set.of(d("doubt")), Map.of());

        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.doubled()).isEqualTo(2);
        assertThat(v.samples()).hasSize(3);
    }

    @Test
    void aCounterGenerationTwiceIsDoubledAndAGapOrTooFewChangesIsLost() {
        ChangeTally t = new ChangeTally();
        t.add(d("twice"), 1);
        t.add(d("twice"), 2);
        t.add(d("twice"), 2);
        t.add(d("gap"), 1);
        t.add(d("gap"), 3);
        t.add(d("few"), 1);
        ChangeTally.Verdict v = t.verdict(Set.of(), Set.of(), Map.of(
                d("twice"), new long[] {2, 0},
                d("gap"), new long[] {2, 0},
                d("few"), new long[] {3, 5}));

        assertThat(v.doubled()).as("generation 2 of 'twice' seen twice").isEqualTo(1);
        assertThat(v.lost()).as("generation 2 of 'gap' missing, 'few' has 1 change for 3 acknowledged").isEqualTo(3);
    }

    @Test
    void moreCounterChangesThanAcknowledgedAndInDoubtIncrementsAreDoubled() {
        ChangeTally t = new ChangeTally();
        for (int g = 1; g <= 4; g++) {
            t.add(d("ctr"), g);
        }
        ChangeTally.Verdict v = t.verdict(Set.of(), Set.of(), Map.of(d("ctr"), new long[] {2, 1}));

        assertThat(v.doubled()).isEqualTo(1);
        assertThat(v.lost()).isZero();
    }
}
