package io.aerolog.bench.faults;

import io.aerolog.client.kafka.RecordChangeSerde;
import io.aerolog.core.Change;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A namespace's changes topic as a downstream reader sees it: read_committed, from offsets marked before a
 * repetition's writes began until everything written since is committed. A transaction that stays open keeps
 * what follows it from read_committed readers; the read then stops at the timeout and says so.
 */
final class ChangesTopic {
    private final String bootstrap;
    private final String topic;

    ChangesTopic(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** The end (high watermark) of each partition now: where a repetition's changes begin at the earliest. */
    Map<TopicPartition, Long> ends() {
        try (KafkaConsumer<byte[], byte[]> c = consumer("read_uncommitted")) {
            return c.endOffsets(partitions(c), Duration.ofSeconds(30));
        }
    }

    /**
     * Reads every change of {@code set} from {@code from} up to the end each partition has now, read_committed,
     * into a tally; {@code complete} is false when the committed end did not reach it within {@code timeout}.
     */
    Read read(Map<TopicPartition, Long> from, String set, Duration timeout) {
        ChangeTally tally = new ChangeTally();
        RecordChangeSerde serde = new RecordChangeSerde();
        try (KafkaConsumer<byte[], byte[]> ends = consumer("read_uncommitted");
             KafkaConsumer<byte[], byte[]> c = consumer("read_committed")) {
            List<TopicPartition> parts = partitions(c);
            Map<TopicPartition, Long> target = ends.endOffsets(parts, Duration.ofSeconds(30));
            c.assign(parts);
            for (TopicPartition tp : parts) {
                c.seek(tp, from.getOrDefault(tp, 0L));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Change change = serde.deserializer().deserialize(topic, r.value());
                    if (change != null && change.set().equals(set)) {
                        tally.add(change.digest(), change.generation());
                    }
                }
                Map<TopicPartition, Long> behind = new HashMap<>();
                for (TopicPartition tp : parts) {
                    long position = c.position(tp);
                    if (position < target.get(tp)) {
                        behind.put(tp, target.get(tp) - position);
                    }
                }
                if (behind.isEmpty()) {
                    return new Read(tally, true, "");
                }
                if (System.nanoTime() > deadline) {
                    return new Read(tally, false, "read_committed stopped short of the end by " + behind
                            + " after " + timeout.toSeconds() + " s (a transaction left open)");
                }
            }
        }
    }

    /** The tally, whether the read reached the end, and why not. */
    record Read(ChangeTally tally, boolean complete, String problem) {
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        return c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
