package io.aerolog.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Waits until every partition of every topic has all its replicas in sync again, so that the next fault
 * does not meet a broker still catching up (with replication 3 and min.insync.replicas 2, killing a second
 * broker then would stop writes for reasons of its own).
 */
final class Replicas {
    private Replicas() {
    }

    static void awaitInSync(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<String> behind = new ArrayList<>();
                try {
                    var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
                    for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                        for (TopicPartitionInfo p : d.partitions()) {
                            if (p.isr().size() < p.replicas().size()) {
                                behind.add(d.name() + "-" + p.partition());
                            }
                        }
                    }
                    if (behind.isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                    behind.add("(" + e.getMessage() + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("replicas not in sync after " + timeout.toSeconds() + " s: "
                            + behind.subList(0, Math.min(5, behind.size())));
                }
                Thread.sleep(500);
            }
        }
    }
}
