package io.aerolog.bench.faults;

import io.aerolog.core.Key;

/** User keys chosen to fall on a given Kafka partition of a namespace (Aerolog's placement of a digest). */
final class Keys {
    private Keys() {
    }

    /** The first {@code prefix + i} whose record lives on Kafka partition {@code partition} of {@code partitions}. */
    static String forPartition(String namespace, String set, String prefix, int partition, int partitions) {
        for (int i = 0; ; i++) {
            String k = prefix + i;
            if (Key.of(namespace, set, k).digest().kafkaPartition(partitions) == partition) {
                return k;
            }
        }
    }
}
