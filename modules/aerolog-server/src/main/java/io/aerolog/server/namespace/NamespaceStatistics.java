package io.aerolog.server.namespace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a namespace holds on this node, as Aerospike's info commands report it: records and their stored
 * bytes, in all and per set, over the partitions whose active task runs here ({@link PartitionCounts},
 * kept by each partition's processor), and the records expired here since the node started.
 *
 * <p>Sets are listed in the order this node first saw them (Aerospike lists them by set id, given on
 * first write) and stay listed when they empty, as Aerospike's do. At most {@value #MAX_SETS} sets are
 * told apart, Aerospike's own limit; records of sets past it count in the namespace's totals only.
 * Read by any thread without locks; a snapshot is a sum taken while processors write, each counter exact.
 */
public final class NamespaceStatistics {
    /** Aerospike's most sets per namespace (set ids are 12 bits, 0 meaning no set). */
    public static final int MAX_SETS = 4095;

    /** One set's records and their stored bytes on this node. */
    public record SetTotals(String name, long objects, long bytes) {
    }

    /**
     * The namespace on this node now: records and stored bytes in all, the sets in the order first seen,
     * the records expired here, and whether every partition served here has been counted since it opened.
     */
    public record Totals(long objects, long bytes, List<SetTotals> sets, long expired, boolean counted) {
        /** The set named {@code name}, or null when this node has not seen it. */
        public SetTotals set(String name) {
            for (SetTotals s : sets) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final int kafkaPartitions;
    private final ConcurrentHashMap<Integer, PartitionCounts> partitions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> setOrder = new ConcurrentHashMap<>();
    private final AtomicInteger nextSetId = new AtomicInteger();
    private final LongAdder expired = new LongAdder();

    NamespaceStatistics(int kafkaPartitions) {
        this.kafkaPartitions = kafkaPartitions;
    }

    /** The counts of {@code partition}, whose processor opened {@code store} here and keeps them from now on. */
    PartitionCounts opened(int partition, KeyValueStore<Bytes, byte[]> store) {
        PartitionCounts counts = new PartitionCounts(partition, store, kafkaPartitions, this);
        partitions.put(partition, counts);
        return counts;
    }

    /** The processor of {@code partition} closed here: its records no longer count on this node. */
    void closed(int partition, PartitionCounts counts) {
        partitions.remove(partition, counts);
    }

    /**
     * Whether records of set {@code name} are told apart: true for records without a set and the first
     * {@value #MAX_SETS} sets seen.
     */
    boolean tracks(String name) {
        if (name.isEmpty() || setOrder.containsKey(name)) {
            return true;
        }
        synchronized (setOrder) {
            if (!setOrder.containsKey(name) && setOrder.size() < MAX_SETS) {
                setOrder.put(name, nextSetId.getAndIncrement());
            }
            return setOrder.containsKey(name);
        }
    }

    void expired(int n) {
        expired.add(n);
    }

    /** The namespace's records on this node now. */
    public Totals totals() {
        Map<String, long[]> bySet = new HashMap<>();
        long objects = 0;
        long bytes = 0;
        boolean counted = true;
        for (PartitionCounts p : partitions.values()) {
            counted &= p.counted();
            objects += p.untrackedObjects();
            bytes += p.untrackedBytes();
            for (Map.Entry<String, PartitionCounts.SetCounts> e : p.sets().entrySet()) {
                long[] sum = bySet.computeIfAbsent(e.getKey(), k -> new long[2]);
                long o = e.getValue().objects();
                long b = e.getValue().bytes();
                sum[0] += o;
                sum[1] += b;
                objects += o;
                bytes += b;
            }
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(setOrder.entrySet());
        order.sort(Comparator.comparingInt(Map.Entry::getValue));
        List<SetTotals> sets = new ArrayList<>(order.size());
        for (Map.Entry<String, Integer> e : order) {
            long[] sum = bySet.getOrDefault(e.getKey(), new long[2]);
            sets.add(new SetTotals(e.getKey(), sum[0], sum[1]));
        }
        return new Totals(objects, bytes, List.copyOf(sets), expired.sum(), counted);
    }
}
