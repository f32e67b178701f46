package io.aerolog.bench.faults;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * After a repetition, every acknowledged put read back through Aerospike's client: absent is lost, a
 * generation other than 1 applied twice (each key was put once); each counter against its acknowledged and
 * in-doubt increments. Keys that keep failing to read are retried, and reported when they never answer.
 */
final class ReadBack {
    private static final int CHUNK = 500;

    /** Counts, the first few cases, and the first keys that could not be read (for {@link ReadBackDiagnosis}). */
    record Result(long lost, long doubled, long countersOutside, long unreadable, List<String> details,
                  List<Key> unreadableKeys) {
    }

    private ReadBack() {
    }

    /**
     * Reads everything back within {@code budget}: keys not reached by then count as unreadable (a partition
     * that never serves again must not keep the suite waiting for hours of per-key retries).
     */
    static Result check(AerospikeClient client, String namespace, Workload load, Duration budget)
            throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        BatchPolicy bp = new BatchPolicy();
        bp.totalTimeout = 30_000;
        bp.socketTimeout = 30_000;
        bp.maxRetries = 3;
        bp.sleepBetweenRetries = 500;
        Policy rp = new Policy();
        rp.totalTimeout = 10_000;
        rp.maxRetries = 5;
        rp.sleepBetweenRetries = 500;
        long lost = 0;
        long doubled = 0;
        long unreadable = 0;
        List<String> details = new ArrayList<>();
        List<Key> unreadableKeys = new ArrayList<>();
        List<Workload.Ack> acked = load.acked();
        for (int from = 0; from < acked.size(); from += CHUNK) {
            if (System.nanoTime() > deadline) {
                unreadable += acked.size() - from;
                add(details, (acked.size() - from) + " acknowledged puts not read back: the read-back's "
                        + budget.toSeconds() + " s were up");
                break;
            }
            List<Workload.Ack> chunk = acked.subList(from, Math.min(acked.size(), from + CHUNK));
            Key[] keys = chunk.stream().map(a -> new Key(namespace, load.set(), a.key())).toArray(Key[]::new);
            Read[] reads = new Read[keys.length];
            try {
                Record[] records = client.get(bp, keys);
                for (int i = 0; i < keys.length; i++) {
                    reads[i] = new Read(records[i], null);
                }
            } catch (AerospikeException e) {
                for (int i = 0; i < keys.length; i++) {
                    reads[i] = System.nanoTime() > deadline ? new Read(null, "not read: the read-back's time was up")
                            : get(client, rp, keys[i]);
                }
            }
            for (int i = 0; i < keys.length; i++) {
                Read r = reads[i];
                if (r.error() != null) {
                    unreadable++;
                    if (unreadableKeys.size() < 1000) {
                        unreadableKeys.add(keys[i]);
                    }
                    add(details, "acknowledged put " + chunk.get(i).key() + " could not be read: " + r.error());
                } else if (r.record() == null) {
                    lost++;
                    add(details, "acknowledged put " + chunk.get(i).key() + " is missing after the run");
                } else if (r.record().generation != 1) {
                    doubled++;
                    add(details, "acknowledged put " + chunk.get(i).key() + " has generation " + r.record().generation);
                }
            }
        }
        long outside = 0;
        Key[] counters = load.counters();
        for (int p = 0; p < counters.length; p++) {
            long[] c = load.counter(p);
            Read r = System.nanoTime() > deadline ? new Read(null, "not read: the read-back's time was up")
                    : get(client, rp, counters[p]);
            if (r.error() != null) {
                unreadable++;
                add(details, "counter of partition " + p + " could not be read: " + r.error());
                continue;
            }
            long value = r.record() == null ? 0 : r.record().getLong("n");
            if (value < c[0] || value > c[0] + c[1]) {
                outside++;
                add(details, "counter of partition " + p + " is " + value + ", outside [" + c[0] + ", " + (c[0] + c[1])
                        + "] (acknowledged, plus in doubt)");
            }
        }
        return new Result(lost, doubled, outside, unreadable, details, unreadableKeys);
    }

    /** A record (null: not found), or the error of the last of 5 attempts. */
    private record Read(Record record, String error) {
    }

    private static Read get(AerospikeClient client, Policy rp, Key key) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Read(client.get(rp, key), null);
            } catch (AerospikeException e) {
                if (attempt == 5) {
                    return new Read(null, e.getMessage());
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static void add(List<String> details, String s) {
        if (details.size() < 10) {
            details.add(s);
        }
    }
}
