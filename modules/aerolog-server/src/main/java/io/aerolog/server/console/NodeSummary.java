package io.aerolog.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.NamespaceStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Collection;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the console shows of one node, computed from its own meters (the ones {@code /metrics} exports) and
 * namespaces: cumulative counts of reads, writes and applied commands and cumulative latency histograms (the
 * page takes the difference of two answers a second apart, as Prometheus' {@code rate} and
 * {@code histogram_quantile} do, so the node keeps no state per viewer), the apply lag's recent percentiles,
 * heap and RocksDB memory, and per namespace its records, bytes, sets and partitions.
 *
 * <p>Bounded: at most {@value #MAX_SETS} sets per namespace are listed (the rest are counted in
 * {@code setsNotListed}); the histograms have the fixed buckets of every request timer.
 */
public final class NodeSummary {
    /** Sets listed per namespace. */
    static final int MAX_SETS = 200;
    private static final Set<String> HTTP_READS = Set.of("kvs.get", "kvs.exists", "batch");
    private static final Set<String> HTTP_WRITES = Set.of("kvs.post", "kvs.put", "kvs.patch", "kvs.delete", "operate");

    private NodeSummary() {
    }

    /**
     * The summary of this node ({@code node} its id, {@code http} its advertised address, {@code health} what
     * {@code /health} says) at {@code timeMillis}.
     */
    public static ObjectNode of(String node, String http, String health, long timeMillis, MeterRegistry registry,
                                Collection<NamespaceService> namespaces) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("node", node);
        o.put("http", http);
        o.put("health", health);
        o.put("time", timeMillis);
        Histogram reads = new Histogram();
        Histogram writes = new Histogram();
        double applied = 0;
        double p50 = 0;
        double p99 = 0;
        double heapUsed = 0;
        double heapMax = 0;
        double rocksUsed = 0;
        double rocksLimit = 0;
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            switch (id.getName()) {
                case "aerolog.http.request.duration" -> {
                    String route = id.getTag("route");
                    if (HTTP_READS.contains(route)) {
                        reads.add((Timer) meter);
                    } else if (HTTP_WRITES.contains(route)) {
                        writes.add((Timer) meter);
                    }
                }
                case "aerolog.aerospike.request.duration" -> {
                    if ("write".equals(id.getTag("kind"))) {
                        writes.add((Timer) meter);
                    } else {
                        reads.add((Timer) meter);
                    }
                }
                case "aerolog.commands.applied" -> applied += ((Counter) meter).count();
                case "aerolog.commands.apply.lag" -> {
                    for (ValueAtPercentile v : ((Timer) meter).takeSnapshot().percentileValues()) {
                        double seconds = v.value(TimeUnit.SECONDS);
                        if (v.percentile() == 0.5) {
                            p50 = Math.max(p50, seconds);
                        } else if (v.percentile() == 0.99) {
                            p99 = Math.max(p99, seconds);
                        }
                    }
                }
                case "jvm.memory.used" -> heapUsed += "heap".equals(id.getTag("area")) ? value(meter) : 0;
                case "jvm.memory.max" -> heapMax += "heap".equals(id.getTag("area")) ? Math.max(0, value(meter)) : 0;
                case "aerolog.rocksdb.memory.used" -> rocksUsed = value(meter);
                case "aerolog.rocksdb.memory.limit" -> rocksLimit = value(meter);
                default -> {
                }
            }
        }
        o.put("reads", reads.count);
        o.put("writes", writes.count);
        o.put("applied", (long) applied);
        o.set("readLatency", reads.toJson());
        o.set("writeLatency", writes.toJson());
        ObjectNode lag = o.putObject("applyLag");
        lag.put("p50", p50);
        lag.put("p99", p99);
        ObjectNode memory = o.putObject("memory");
        memory.put("heapUsed", (long) heapUsed);
        memory.put("heapMax", (long) heapMax);
        memory.put("rocksdbUsed", (long) rocksUsed);
        memory.put("rocksdbLimit", (long) rocksLimit);
        ArrayNode list = o.putArray("namespaces");
        for (NamespaceService ns : namespaces) {
            list.add(namespace(ns));
        }
        return o;
    }

    private static double value(Meter meter) {
        return meter instanceof Gauge g ? g.value() : 0;
    }

    private static ObjectNode namespace(NamespaceService ns) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        NamespaceStatistics.Totals totals = ns.statistics().totals();
        int partitions = ns.config().partitions();
        int active = 0;
        for (int p = 0; p < partitions; p++) {
            active += ns.router().mastersHere(p) ? 1 : 0;
        }
        o.put("name", ns.config().name());
        o.put("state", ns.state().name());
        o.put("partitions", partitions);
        o.put("replicationFactor", ns.config().replicationFactor());
        o.put("activeHere", active);
        o.put("catchingUp", ns.router().catchingUp().size());
        o.put("objects", totals.objects());
        o.put("bytes", totals.bytes());
        o.put("counted", totals.counted());
        ArrayNode sets = o.putArray("sets");
        int listed = 0;
        for (NamespaceStatistics.SetTotals set : totals.sets()) {
            if (listed++ == MAX_SETS) {
                break;
            }
            sets.addObject().put("name", set.name()).put("objects", set.objects()).put("bytes", set.bytes());
        }
        o.put("setsNotListed", Math.max(0, totals.sets().size() - MAX_SETS));
        return o;
    }

    /** A sum of request histograms of the same buckets: cumulative counts per upper bound (seconds). */
    private static final class Histogram {
        private final TreeMap<Double, Long> buckets = new TreeMap<>();
        private long count;

        void add(Timer timer) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            count += snapshot.count();
            for (CountAtBucket b : snapshot.histogramCounts()) {
                buckets.merge(b.bucket(TimeUnit.SECONDS), (long) b.count(), Long::sum);
            }
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode le = o.putArray("le");
            ArrayNode counts = o.putArray("counts");
            buckets.forEach((bound, n) -> {
                le.add(bound);
                counts.add(n);
            });
            o.put("count", count);
            return o;
        }
    }
}
