package io.aerolog.cli.backup;

import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.core.Change;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.protocol.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A point-in-time backup read from a namespace's changes topic, without asking any node: every partition
 * is read from its start up to its end offset taken when the backup starts (read-committed, so the point
 * is the last committed change of each partition at that moment), keeping the last image per digest
 * (WRITE keeps it, DELETE and EXPIRE drop it, a TRUNCATE drops the partition's records of its set, or of
 * every set, last updated before its time). Then each image left is written, expired ones skipped.
 * Memory is bounded: the images kept may hold at most {@code maxBytes} of encoded changes, past which the
 * backup stops with a message rather than run the JVM out of memory. A topic whose retention has deleted
 * changes (a partition not starting at offset 0) is refused: records last written before would be missing.
 */
final class ChangesBackup {
    /** How long the consumer may go without progress before the backup gives up. */
    static final Duration STALL = Duration.ofSeconds(60);

    /** What was read: records written, changes read, expired images skipped, and the offsets read up to. */
    record Result(long records, long changes, long expired, Map<Integer, Long> endOffsets) {
    }

    private final String bootstrap;
    private final String namespace;
    private final String set;
    private final long maxBytes;
    private final Map<String, String> kafkaProperties;

    ChangesBackup(String bootstrap, String namespace, String set, long maxBytes, Map<String, String> kafkaProperties) {
        this.bootstrap = bootstrap;
        this.namespace = namespace;
        this.set = set;
        this.maxBytes = maxBytes;
        this.kafkaProperties = kafkaProperties;
    }

    Result run(BackupWriter writer, Progress progress) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "aerolog-backup");
        p.putAll(kafkaProperties);
        String topic = Topics.changes(namespace);
        Map<Integer, Map<ByteBuffer, byte[]>> images = new TreeMap<>();
        long kept = 0;
        long changes = 0;
        Map<Integer, Long> ends = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new CliFailure(ExitCode.CANNOT_CONNECT, "cannot reach Kafka at " + bootstrap + " within 30 s: "
                        + e.getMessage() + " (--bootstrap-server takes a broker of the cluster the nodes use)", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, "no topic " + topic + " at " + bootstrap
                        + ": is the namespace's name right, and has a node ever served it?");
            }
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : infos) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(parts);
            for (Map.Entry<TopicPartition, Long> first : consumer.beginningOffsets(parts, Duration.ofSeconds(30)).entrySet()) {
                if (first.getValue() > 0) {
                    throw new CliFailure(ExitCode.REFUSED, "partition " + first.getKey().partition() + " of " + topic
                            + " starts at offset " + first.getValue() + ": the topic's retention deleted older changes,"
                            + " so records last written before them would be missing; back up through a scan"
                            + " (without --from-changes)");
                }
            }
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(parts, Duration.ofSeconds(30));
            endOffsets.forEach((tp, end) -> ends.put(tp.partition(), end));
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : parts) {
                if (consumer.position(tp, Duration.ofSeconds(30)) < endOffsets.get(tp)) {
                    open.add(tp);
                }
            }
            consumer.assign(open);
            long lastProgress = System.nanoTime();
            while (!open.isEmpty()) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= ends.get(r.partition()) || r.value() == null) {
                        continue;
                    }
                    any = true;
                    changes++;
                    Map<ByteBuffer, byte[]> partition = images.computeIfAbsent(r.partition(), k -> new HashMap<>());
                    kept += apply(partition, r.value());
                    if (kept > maxBytes) {
                        throw new CliFailure(ExitCode.USAGE, String.format(java.util.Locale.ROOT, "the images kept"
                                + " passed --max-memory (%,d bytes) after %,d changes: raise it (and the JVM's heap,"
                                + " AEROLOG_JAVA_OPTS=-Xmx...), back up a set at a time (-s), or back up through a"
                                + " scan (without --from-changes)", maxBytes, changes));
                    }
                }
                Iterator<TopicPartition> it = open.iterator();
                while (it.hasNext()) {
                    TopicPartition tp = it.next();
                    if (consumer.position(tp) >= endOffsets.get(tp)) {
                        it.remove();
                    }
                }
                consumer.assign(open);
                if (any) {
                    lastProgress = System.nanoTime();
                    progress.update(changes, writer.bytes());
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new CliFailure(ExitCode.TIMEOUT, "no change read from " + topic + " for " + STALL.toSeconds()
                            + " s while " + open.size() + " partition(s) had not reached their end offset");
                }
            }
        }
        long written = 0;
        long expired = 0;
        long nowMillis = System.currentTimeMillis();
        for (Map<ByteBuffer, byte[]> partition : images.values()) {
            for (byte[] bytes : partition.values()) {
                Change c = AvroCodec.decodeChange(bytes);
                if (set != null && !set.equals(c.set())) {
                    continue;
                }
                if (c.voidTimeMillis() > 0 && c.voidTimeMillis() <= nowMillis) {
                    expired++;
                    continue;
                }
                writer.record(ChangeValues.record(c));
                written++;
            }
        }
        return new Result(written, changes, expired, ends);
    }

    /** Applies one change to its partition's images; returns the change in bytes kept. */
    private static long apply(Map<ByteBuffer, byte[]> partition, byte[] value) {
        Change c = AvroCodec.decodeChange(value);
        ByteBuffer digest = ByteBuffer.wrap(c.digest().bytes());
        if (c.kind() == ChangeKind.TRUNCATE) {
            long removed = 0;
            Iterator<byte[]> it = partition.values().iterator();
            while (it.hasNext()) {
                byte[] bytes = it.next();
                Change image = AvroCodec.decodeChange(bytes);
                if ((c.set().isEmpty() || c.set().equals(image.set())) && image.lastUpdateMillis() < c.lastUpdateMillis()) {
                    removed -= bytes.length;
                    it.remove();
                }
            }
            return removed;
        }
        byte[] before = c.kind() == ChangeKind.WRITE ? partition.put(digest, value) : partition.remove(digest);
        return (c.kind() == ChangeKind.WRITE ? value.length : 0) - (before == null ? 0 : before.length);
    }
}
