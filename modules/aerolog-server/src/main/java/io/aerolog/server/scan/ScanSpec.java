package io.aerolog.server.scan;

import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a scan or query asks, whichever door it came through: the namespace and set (null or empty for the
 * whole namespace), the bins to return (null: all), whether to return no bins at all, Aerospike's filter
 * expression (packed, or null), the most records to return (0: no bound), the records-per-second throttle
 * (0: none), the partitions to read, and for a secondary-index query its filter (null for a scan).
 */
public record ScanSpec(String namespace, String set, List<String> bins, boolean noBins, Value filter,
                       long maxRecords, int recordsPerSecond, List<PartitionPart> parts, IndexFilter index) {
    public ScanSpec {
        set = set == null ? "" : set;
        bins = bins == null ? null : List.copyOf(bins);
        parts = List.copyOf(parts);
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords " + maxRecords + " is negative");
        }
        if (recordsPerSecond < 0) {
            throw new IllegalArgumentException("recordsPerSecond " + recordsPerSecond + " is negative");
        }
    }

    /** The partitions asked for, grouped in order by the Kafka partition (of {@code kafkaPartitions}) holding them. */
    public SortedMap<Integer, List<PartitionPart>> byKafkaPartition(int kafkaPartitions) {
        TreeMap<Integer, List<PartitionPart>> byKafka = new TreeMap<>();
        for (PartitionPart part : parts()) {
            byKafka.computeIfAbsent(part.id() % kafkaPartitions, k -> new ArrayList<>()).add(part);
        }
        return byKafka;
    }
}
