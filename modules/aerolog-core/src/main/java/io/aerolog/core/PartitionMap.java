package io.aerolog.core;

/**
 * The one function every writer uses to place a record: Aerospike partition id modulo the number of
 * Kafka partitions of the namespace's topics (a power of two, at most 4096), so that each Kafka
 * partition holds whole Aerospike partitions.
 */
public final class PartitionMap {
    private PartitionMap() {
    }

    public static int kafkaPartition(int partitionId, int kafkaPartitions) {
        if (!isValidPartitionCount(kafkaPartitions)) {
            throw new IllegalArgumentException("partitions must be a power of two from 1 to 4096, got " + kafkaPartitions);
        }
        return partitionId % kafkaPartitions;
    }

    public static boolean isValidPartitionCount(int n) {
        return n >= 1 && n <= Digest.PARTITIONS && Integer.bitCount(n) == 1;
    }
}
