package io.aerolog.server.metrics;

import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.PartitionOwners;
import io.aerolog.server.namespace.RocksDbMemory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;

/**
 * The node-wide meters that no single component owns: RocksDB's shared memory, what each namespace holds
 * here, where its partitions are served, and the peers the failure detector declared dead. Dashboards and
 * the console read them from {@code /metrics}; every value is read when scraped, from state kept anyway.
 */
public final class NodeMeters {
    private final Counter evictions;

    /** Registers the meters of {@code namespaces}, whose RocksDB stores share a budget of {@code rocksDbBytes}. */
    public NodeMeters(MeterRegistry registry, Collection<NamespaceService> namespaces, long rocksDbBytes) {
        Gauge.builder("aerolog.rocksdb.memory.used", () -> RocksDbMemory.usedBytes(rocksDbBytes)).baseUnit("bytes")
                .description("bytes held in RocksDB's shared block cache, memtables included").register(registry);
        Gauge.builder("aerolog.rocksdb.memory.limit", () -> rocksDbBytes).baseUnit("bytes")
                .description("RocksDB's memory budget for every store of the node (rocksdbMemoryMb)").register(registry);
        for (NamespaceService ns : namespaces) {
            String name = ns.config().name();
            int partitions = ns.config().partitions();
            Gauge.builder("aerolog.namespace.objects", () -> ns.statistics().totals().objects())
                    .description("records of the namespace in the partitions mastered here").tag("namespace", name)
                    .register(registry);
            Gauge.builder("aerolog.namespace.stored", () -> ns.statistics().totals().bytes()).baseUnit("bytes")
                    .description("stored bytes of those records").tag("namespace", name).register(registry);
            Gauge.builder("aerolog.partitions.active", () -> active(ns, partitions))
                    .description("Kafka partitions of the namespace whose active task runs here")
                    .tag("namespace", name).register(registry);
            Gauge.builder("aerolog.partitions.standby", () -> standby(ns))
                    .description("Kafka partitions of the namespace of which this node keeps a standby copy")
                    .tag("namespace", name).register(registry);
            Gauge.builder("aerolog.partitions.catching.up", () -> ns.router().catchingUp().size())
                    .description("partitions started here that are still applying their log (not serving reads)")
                    .tag("namespace", name).register(registry);
        }
        evictions = Counter.builder("aerolog.failover.evictions")
                .description("peers the failure detector found dead, whose partitions it moved to the others")
                .register(registry);
    }

    /** Counts a peer found dead. */
    public void evicted() {
        evictions.increment();
    }

    private static int active(NamespaceService ns, int partitions) {
        int n = 0;
        for (int p = 0; p < partitions; p++) {
            if (ns.router().mastersHere(p)) {
                n++;
            }
        }
        return n;
    }

    private static int standby(NamespaceService ns) {
        String self = ns.router().self();
        int n = 0;
        for (PartitionOwners.Owner owner : ns.router().owners().partitions().values()) {
            if (owner.standbys().contains(self)) {
                n++;
            }
        }
        return n;
    }
}
