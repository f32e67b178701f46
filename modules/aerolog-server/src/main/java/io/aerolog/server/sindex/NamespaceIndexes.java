package io.aerolog.server.sindex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secondary indexes of the partitions whose active task runs on this node, as their processors
 * registered them: where queries find a partition's index entries, and what info reports (build progress,
 * truncate times). Each processor registers when its task starts and removes itself when it stops.
 */
public final class NamespaceIndexes {
    private final ConcurrentHashMap<Integer, PartitionIndexes> partitions = new ConcurrentHashMap<>();

    public void opened(PartitionIndexes indexes) {
        partitions.put(indexes.partition(), indexes);
    }

    public void closed(PartitionIndexes indexes) {
        partitions.remove(indexes.partition(), indexes);
    }

    /** The indexes of {@code partition}, or null when its active task does not run here. */
    public PartitionIndexes of(int partition) {
        return partitions.get(partition);
    }

    /** The partitions served here, with their indexes. */
    public List<PartitionIndexes> served() {
        return new ArrayList<>(partitions.values());
    }

    /** The latest truncate time of each set ("" for the whole namespace) over the partitions served here. */
    public Map<String, Long> truncateTimes() {
        Map<String, Long> out = new HashMap<>();
        for (PartitionIndexes p : partitions.values()) {
            p.truncateTimes().forEach((set, t) -> out.merge(set, t, Math::max));
        }
        return out;
    }

    /**
     * How far index {@code name} is built on this node, 0 to 100 (the least of the partitions served here);
     * -1 when no partition served here has it.
     */
    public int loadPercent(String name) {
        int pct = -1;
        for (PartitionIndexes p : partitions.values()) {
            PartitionIndexes.Index index = p.find(name);
            if (index == null) {
                continue;
            }
            pct = pct < 0 ? index.loadPercent() : Math.min(pct, index.loadPercent());
        }
        return pct;
    }
}
