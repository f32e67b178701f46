package io.aerolog.server.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The requests the embedded broker has served, by kind, from the broker's own request meters: what a
 * write costs in Kafka requests (produce, fetch, the transaction requests of each commit) is read off
 * {@code aerolog.broker.requests} before and after a load. Only for the embedded broker, whose meters
 * live in this JVM; an external cluster has its own JMX.
 */
public final class BrokerRequestMeters {
    /** The request kinds a write and its commit cause. */
    static final List<String> KINDS = List.of("Produce", "Fetch", "AddPartitionsToTxn", "AddOffsetsToTxn",
            "TxnOffsetCommit", "EndTxn", "WriteTxnMarkers", "InitProducerId", "OffsetCommit", "Heartbeat", "Metadata",
            "ListOffsets", "FindCoordinator");

    private BrokerRequestMeters() {
    }

    /** Registers {@code aerolog.broker.requests{request=...}} for each of {@link #KINDS}. */
    public static void bindTo(MeterRegistry registry) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String kind : KINDS) {
            FunctionCounter.builder("aerolog.broker.requests", server, s -> count(s, kind))
                    .tag("request", kind.toLowerCase(Locale.ROOT))
                    .description("Requests the embedded broker served, by kind")
                    .register(registry);
        }
    }

    /** The broker's count of {@code kind} requests, summed over the request versions it meters apart. */
    static double count(MBeanServer server, String kind) {
        try {
            double sum = 0;
            ObjectName pattern = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + kind + ",*");
            for (ObjectName name : server.queryNames(pattern, null)) {
                Object count = server.getAttribute(name, "Count");
                if (count instanceof Number n) {
                    sum += n.doubleValue();
                }
            }
            return sum;
        } catch (javax.management.JMException e) {
            return Double.NaN;
        }
    }
}
