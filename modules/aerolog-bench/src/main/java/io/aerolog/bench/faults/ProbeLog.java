package io.aerolog.bench.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * The successful probe writes of each partition, in the order they were sent (one prober per partition), and
 * what they say: when every partition was writable again after a moment, which were not, and the longest time
 * one went without a success. Thread-safe; times are {@link System#nanoTime()}.
 */
final class ProbeLog {
    private final List<List<long[]>> successes = new ArrayList<>();

    ProbeLog(int partitions) {
        for (int p = 0; p < partitions; p++) {
            successes.add(new ArrayList<>());
        }
    }

    /** A probe of {@code partition} sent at {@code sent} was acknowledged at {@code ack}. */
    void success(int partition, long sent, long ack) {
        List<long[]> s = successes.get(partition);
        synchronized (s) {
            s.add(new long[] {sent, ack});
        }
    }

    /**
     * When every partition had acknowledged a probe sent at or after {@code since}: the latest of those first
     * acknowledgements, or -1 while a partition has none.
     */
    long allWritableAfter(long since) {
        long latest = since;
        for (List<long[]> s : successes) {
            long first = -1;
            synchronized (s) {
                for (long[] sa : s) {
                    if (sa[0] >= since) {
                        first = sa[1];
                        break;
                    }
                }
            }
            if (first < 0) {
                return -1;
            }
            latest = Math.max(latest, first);
        }
        return latest;
    }

    /** The partitions that have not acknowledged a probe sent at or after {@code since}. */
    List<Integer> notWritableSince(long since) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < successes.size(); p++) {
            List<long[]> s = successes.get(p);
            synchronized (s) {
                if (s.stream().noneMatch(sa -> sa[0] >= since)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The longest time any partition went without an acknowledged probe within [from, to]. */
    long longestGap(long from, long to) {
        long worst = 0;
        for (List<long[]> s : successes) {
            long last = from;
            synchronized (s) {
                for (long[] sa : s) {
                    if (sa[1] < from) {
                        continue;
                    }
                    if (sa[1] > to) {
                        break;
                    }
                    worst = Math.max(worst, sa[1] - last);
                    last = sa[1];
                }
            }
            worst = Math.max(worst, to - last);
        }
        return worst;
    }
}
