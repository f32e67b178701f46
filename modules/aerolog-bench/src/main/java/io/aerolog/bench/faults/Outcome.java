package io.aerolog.bench.faults;

import java.util.List;

/**
 * The figures of one repetition of one fault on one target. Times are milliseconds, -1 where they do not
 * apply or were not reached: {@code failoverMs} from the fault (for a paused embedded node: from its
 * resumption) until every partition took a probe write again; {@code longestGapMs} the longest time a partition
 * took none, fault to end; {@code upMs} and {@code firstReadMs} from the restart (or the resumption) of the
 * process until {@code /health} answered 200, and until a read of an acknowledged record succeeded on it.
 * {@code failures} are what went wrong beyond the counts (a wait that timed out); {@code details} the first cases.
 */
record Outcome(String target, String scenario, int repetition, String victim,
               long ackedPuts, long doubtPuts, long ackedIncrements, long doubtIncrements,
               long lostPuts, long doubledPuts, long reads, long missingReads, long countersOutside,
               long changes, long changesLost, long changesDoubled, boolean changesComplete,
               long failoverMs, long longestGapMs, long upMs, long firstReadMs, long outOfOrderSequenceLines,
               List<String> failures, List<String> details) {
    Outcome {
        failures = List.copyOf(failures);
        details = List.copyOf(details);
    }

    /** Nothing acknowledged lost or doubled, no acknowledged write read as missing, and it recovered. */
    boolean ok() {
        return lostPuts == 0 && doubledPuts == 0 && missingReads == 0 && countersOutside == 0 && changesLost == 0
                && changesDoubled == 0 && changesComplete && failures.isEmpty();
    }
}
