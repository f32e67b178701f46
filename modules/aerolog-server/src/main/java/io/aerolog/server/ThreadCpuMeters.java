package io.aerolog.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The node's CPU time by the part of it that spends it: the embedded broker, the stream threads that
 * apply commands, the Kafka clients' network threads, the front doors (Aerospike protocol, HTTP and
 * the node's own threads that serve them), and the rest. It tells which layer a write's cost goes to (issue 16's counting); the JVM's own
 * threads (GC, JIT) are the process CPU less these. Threads that ended keep the time they had
 * when last seen (at most half a second before they ended).
 */
final class ThreadCpuMeters {
    /** The parts a thread belongs to, by its name. */
    enum Part {
        BROKER, STREAM, KAFKA_CLIENT, FRONT_DOOR, OTHER;

        static Part of(String thread) {
            if (thread.startsWith("kafka-producer-network-thread") || thread.startsWith("kafka-coordinator-heartbeat")
                    || thread.contains("-consumer-network-thread") || thread.startsWith("kafka-admin-client-thread")) {
                return KAFKA_CLIENT;
            }
            if (thread.contains("StreamThread")) {
                return STREAM;
            }
            if (thread.startsWith("aerolog-") || thread.startsWith("XNIO") || thread.startsWith("epollEventLoopGroup")
                    || thread.startsWith("nioEventLoopGroup")) {
                return FRONT_DOOR;
            }
            if (thread.startsWith("data-plane-") || thread.startsWith("kafka-") || thread.startsWith("ReplicaFetcher")
                    || thread.startsWith("controller-") || thread.startsWith("quorum-") || thread.startsWith("broker-")
                    || thread.startsWith("raft-") || thread.startsWith("ExpirationReaper") || thread.startsWith("group-coordinator")
                    || thread.startsWith("transaction") || thread.startsWith("LogDirFailureHandler")
                    || thread.startsWith("share-") || thread.startsWith("executor-") || thread.startsWith("TxnMarkerSender")
                    || thread.startsWith("BrokerLifecycle") || thread.startsWith("persister")) {
                return BROKER;
            }
            return OTHER;
        }
    }

    private static final long REFRESH_NANOS = 500_000_000L;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, Part> partOf = new HashMap<>();
    private final EnumMap<Part, Long> ended = new EnumMap<>(Part.class);
    private final EnumMap<Part, Long> total = new EnumMap<>(Part.class);
    private long refreshedAt;
    private boolean refreshed;

    private ThreadCpuMeters() {
        for (Part p : Part.values()) {
            ended.put(p, 0L);
            total.put(p, 0L);
        }
    }

    /** Registers {@code aerolog.thread.cpu.time{part=...}} (nanoseconds) when the JVM measures thread CPU. */
    static void bindTo(MeterRegistry registry) {
        ThreadCpuMeters meters = new ThreadCpuMeters();
        if (!meters.threads.isThreadCpuTimeSupported()) {
            return;
        }
        meters.threads.setThreadCpuTimeEnabled(true);
        for (Part part : Part.values()) {
            // the meter holds its object weakly: give it the platform's thread bean (never collected) and
            // keep the meters in the function, which it holds strongly
            FunctionCounter.builder("aerolog.thread.cpu.time", meters.threads, t -> meters.nanos(part))
                    .tag("part", part.name().toLowerCase(java.util.Locale.ROOT))
                    .baseUnit("nanoseconds")
                    .description("CPU time of the node's threads by the part they serve")
                    .register(registry);
        }
    }

    private synchronized double nanos(Part part) {
        long now = System.nanoTime();
        if (!refreshed || now - refreshedAt > REFRESH_NANOS) {
            refresh();
            refreshedAt = now;
            refreshed = true;
        }
        return total.get(part);
    }

    private void refresh() {
        EnumMap<Part, Long> live = new EnumMap<>(Part.class);
        Map<Long, Long> seen = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            Part part = partOf.get(id);
            if (part == null) {
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                part = Part.of(info.getThreadName());
                partOf.put(id, part);
            }
            seen.put(id, cpu);
            live.merge(part, cpu, Long::sum);
        }
        for (Map.Entry<Long, Long> gone : lastSeen.entrySet()) {
            if (!seen.containsKey(gone.getKey())) {
                ended.merge(partOf.remove(gone.getKey()), gone.getValue(), Long::sum);
            }
        }
        lastSeen.clear();
        lastSeen.putAll(seen);
        for (Part p : Part.values()) {
            total.put(p, ended.get(p) + live.getOrDefault(p, 0L));
        }
    }
}
