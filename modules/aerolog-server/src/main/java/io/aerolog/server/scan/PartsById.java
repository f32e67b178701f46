package io.aerolog.server.scan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The requested parts of one Kafka partition, found by Aerospike partition id: sized by what the request names
 * (about 4096 divided by the Kafka partitions), not by Aerospike's 4096, since a query makes one per Kafka
 * partition it reads.
 */
public final class PartsById {
    private final int[] ids;
    private final PartitionPart[] parts;

    public PartsById(List<PartitionPart> parts) {
        this.parts = parts.toArray(PartitionPart[]::new);
        Arrays.sort(this.parts, Comparator.comparingInt(PartitionPart::id));
        this.ids = new int[this.parts.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = this.parts[i].id();
        }
    }

    /** The part of partition {@code id} the request names; null when it names none. */
    public PartitionPart of(int id) {
        int at = Arrays.binarySearch(ids, id);
        return at < 0 ? null : parts[at];
    }
}
