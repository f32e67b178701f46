package io.aerolog.cli.cluster;

import io.aerolog.protocol.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each partition's active task is behind its namespace's command log, read from Kafka: the
 * commands topic's end offset minus the offset the namespace's Kafka Streams application
 * ({@code aerolog.<cluster>.<ns>}) last committed. A task applies a command before it commits it, so
 * this is an upper bound of what is not applied yet, and it includes up to one commit interval
 * (500 ms by default) of writes under load; 0 when the task has caught up and committed.
 */
final class CommitLag implements AutoCloseable {
    private final Admin admin;
    private final long timeoutMillis;

    CommitLag(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "aerolog-cli");
        this.admin = Admin.create(p);
        this.timeoutMillis = timeout.toMillis();
    }

    /** Lag by Kafka partition of {@code namespace}; throws when Kafka does not answer in time. */
    Map<Integer, Long> lags(String cluster, String namespace, int partitions) throws Exception {
        String topic = Topics.commands(namespace);
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ask.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        ListOffsetsResult ends = admin.listOffsets(ask);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = ends.all()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets("aerolog." + cluster + "." + namespace).partitionsToOffsetAndMetadata()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<Integer, Long> out = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long endOffset = end.get(tp).offset();
            OffsetAndMetadata c = committed.get(tp);
            out.put(p, Math.max(0, endOffset - (c == null ? 0 : c.offset())));
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofMillis(timeoutMillis));
    }
}
