package io.aerolog.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class BrokerRequestMetersTest {
    /** The shape of the broker's request meter: a Count attribute. */
    public interface MeterMBean {
        long getCount();
    }

    public static final class Meter implements MeterMBean {
        private final long count;

        Meter(long count) {
            this.count = count;
        }

        @Override
        public long getCount() {
            return count;
        }
    }

    @Test
    void sumsARequestKindOverItsVersionsAndNothingElse() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName v9 = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=EndTxn,version=4");
        ObjectName v10 = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=EndTxn,version=5");
        ObjectName other = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=EndTxnX,version=1");
        server.registerMBean(new Meter(3), v9);
        server.registerMBean(new Meter(4), v10);
        server.registerMBean(new Meter(100), other);
        try {
            assertThat(BrokerRequestMeters.count(server, "EndTxn")).isEqualTo(7.0);
            assertThat(BrokerRequestMeters.count(server, "WriteTxnMarkers")).isZero();
        } finally {
            server.unregisterMBean(v9);
            server.unregisterMBean(v10);
            server.unregisterMBean(other);
        }
    }
}
