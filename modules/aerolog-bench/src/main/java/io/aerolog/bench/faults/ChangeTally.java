package io.aerolog.bench.faults;

import io.aerolog.core.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the changes topic says about one repetition's writes, checked against what the writers were told:
 * every acknowledged put of a unique key appears exactly once (generation 1), an in-doubt one at most once, and
 * each counter's changes carry generations 1..n with none twice, n between its acknowledged increments and those
 * plus the in-doubt ones. A generation seen twice is a doubled change; a generation missing below the highest
 * one is a lost change. Pure: fed the changes of the repetition's set, in topic order.
 */
final class ChangeTally {
    private final Map<Digest, List<Integer>> generations = new HashMap<>();
    private long changes;

    /** One WRITE change of the set (other kinds are not written by the suite and count as doubled). */
    void add(Digest digest, int generation) {
        generations.computeIfAbsent(digest, d -> new ArrayList<>()).add(generation);
        changes++;
    }

    long changes() {
        return changes;
    }

    /** The verdict over unique puts (acknowledged and in doubt) and counters. */
    Verdict verdict(Set<Digest> ackedPuts, Set<Digest> doubtPuts, Map<Digest, long[]> counters) {
        long lost = 0;
        long doubled = 0;
        List<String> samples = new ArrayList<>();
        for (Digest d : ackedPuts) {
            List<Integer> g = generations.getOrDefault(d, List.of());
            if (g.isEmpty()) {
                lost++;
                sample(samples, "acknowledged put " + d.toHex() + " has no change");
            } else if (g.size() > 1 || g.get(0) != 1) {
                doubled += g.size() - 1;
                sample(samples, "acknowledged put " + d.toHex() + " has changes of generations " + g);
            }
        }
        for (Digest d : doubtPuts) {
            List<Integer> g = generations.getOrDefault(d, List.of());
            if (g.size() > 1) {
                doubled += g.size() - 1;
                sample(samples, "in-doubt put " + d.toHex() + " has changes of generations " + g);
            }
        }
        for (Map.Entry<Digest, long[]> c : counters.entrySet()) {
            long acked = c.getValue()[0];
            long doubt = c.getValue()[1];
            TreeMap<Integer, Integer> seen = new TreeMap<>();
            for (int g : generations.getOrDefault(c.getKey(), List.of())) {
                seen.merge(g, 1, Integer::sum);
            }
            for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
                if (e.getValue() > 1) {
                    doubled += e.getValue() - 1;
                    sample(samples, "counter " + c.getKey().toHex() + " has generation " + e.getKey() + " "
                            + e.getValue() + " times");
                }
            }
            int highest = seen.isEmpty() ? 0 : seen.lastKey();
            long gaps = highest - seen.size();
            if (gaps > 0) {
                lost += gaps;
                sample(samples, "counter " + c.getKey().toHex() + " misses " + gaps + " of generations 1.." + highest);
            }
            if (seen.size() < acked) {
                lost += acked - seen.size();
                sample(samples, "counter " + c.getKey().toHex() + " has " + seen.size() + " changes for " + acked
                        + " acknowledged increments");
            } else if (seen.size() > acked + doubt) {
                doubled += seen.size() - acked - doubt;
                sample(samples, "counter " + c.getKey().toHex() + " has " + seen.size() + " changes for " + acked
                        + " acknowledged and " + doubt + " in-doubt increments");
            }
        }
        return new Verdict(changes, lost, doubled, List.copyOf(samples));
    }

    private static void sample(List<String> samples, String s) {
        if (samples.size() < 10) {
            samples.add(s);
        }
    }

    /** Changes read, changes lost (acknowledged but absent), changes doubled, and the first few cases. */
    record Verdict(long changes, long lost, long doubled, List<String> samples) {
    }
}
