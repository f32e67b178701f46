package io.aerolog.bench.layers;

import io.aerolog.core.Key;
import java.util.Arrays;

/**
 * Which loaded record was the last of each partition. Each partition applies (and its store's
 * changelog holds) commands in the order they were sent, so once the last record of every partition
 * reads, every record does.
 */
final class LastKeys {
    private LastKeys() {
    }

    /** The record name the restore benchmark loads as number {@code i}. */
    static String key(long i) {
        return "r" + i;
    }

    /** For each of {@code partitions} partitions, the highest {@code i < records} whose key lands there, or -1. */
    static long[] lastPerPartition(String namespace, String set, long records, int partitions) {
        long[] last = new long[partitions];
        Arrays.fill(last, -1);
        int missing = partitions;
        for (long i = records - 1; i >= 0 && missing > 0; i--) {
            int p = Key.of(namespace, set, key(i)).digest().kafkaPartition(partitions);
            if (last[p] < 0) {
                last[p] = i;
                missing--;
            }
        }
        return last;
    }
}
