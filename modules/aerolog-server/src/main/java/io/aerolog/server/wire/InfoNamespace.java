package io.aerolog.server.wire;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.NamespaceStatistics;
import io.aerolog.server.namespace.PartitionOwners;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the info commands read of a namespace on this node, and nothing else: its configuration, the
 * node's settings it runs with, what it holds here, and which partitions are served where. Every method
 * answers from memory at once (info is answered on an event loop).
 */
interface InfoNamespace {
    NamespaceConfig config();

    /** The cluster's name. */
    String cluster();

    /** How often expired records are removed (Aerospike's {@code nsup-period}). */
    Duration expiryScanInterval();

    /** Where the namespace's stores live on this node. */
    Path stateDir();

    /** What the namespace holds on this node now. */
    NamespaceStatistics.Totals totals();

    /** Whether its stream processing runs (its stores restored). */
    boolean running();

    /** Whether its stream processing has run since the node started: its partition map is known. */
    boolean hasRun();

    /** Whether the active task of Kafka partition {@code partition} runs here. */
    boolean mastersHere(int partition);

    /** Who serves each Kafka partition. */
    PartitionOwners owners();

    /** This node's name in {@link #owners()}. */
    String self();

    /** The namespace's secondary indexes, as the catalog lists them. */
    default java.util.List<io.aerolog.core.index.IndexDefinition> indexes() {
        return java.util.List.of();
    }

    /** How far index {@code name} is built on this node (100 when no partition here has yet to build it). */
    default int loadPercent(String name) {
        return 100;
    }

    /** The truncate time (epoch ms) of each set ("" for the whole namespace) of the partitions mastered here. */
    default java.util.Map<String, Long> truncateTimes() {
        return java.util.Map.of();
    }

    /** The view of a running namespace. */
    static InfoNamespace of(NamespaceService ns) {
        return new InfoNamespace() {
            @Override
            public NamespaceConfig config() {
                return ns.config();
            }

            @Override
            public String cluster() {
                return ns.node().cluster();
            }

            @Override
            public Duration expiryScanInterval() {
                return ns.node().expiryScanInterval();
            }

            @Override
            public Path stateDir() {
                return ns.node().stateDir();
            }

            @Override
            public NamespaceStatistics.Totals totals() {
                return ns.statistics().totals();
            }

            @Override
            public boolean running() {
                return ns.state() == KafkaStreams.State.RUNNING;
            }

            @Override
            public boolean hasRun() {
                return ns.hasRun();
            }

            @Override
            public boolean mastersHere(int partition) {
                return ns.router().mastersHere(partition);
            }

            @Override
            public PartitionOwners owners() {
                return ns.router().owners();
            }

            @Override
            public String self() {
                return ns.router().self();
            }

            @Override
            public java.util.List<io.aerolog.core.index.IndexDefinition> indexes() {
                return ns.catalog().list();
            }

            @Override
            public int loadPercent(String name) {
                int pct = ns.indexes().loadPercent(name);
                return pct < 0 ? (ns.indexes().served().isEmpty() ? 100 : 0) : pct;
            }

            @Override
            public java.util.Map<String, Long> truncateTimes() {
                return ns.indexes().truncateTimes();
            }
        };
    }
}
