package io.aerolog.server.namespace;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of a topic's partitions, and the offsets a consumer group committed on it, asked of the
 * brokers without blocking the caller; end offsets are remembered for a short while so that many readers
 * asking at once cost one request.
 */
final class EndOffsets {
    private final Admin admin;
    private final String topic;
    private final long maxAgeNanos;
    private final ConcurrentHashMap<Integer, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<Long> end, long askedAt) {
    }

    EndOffsets(Admin admin, String topic, Duration maxAge) {
        this.admin = admin;
        this.topic = topic;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The partition's end offset (the offset of its next record), at most {@code maxAge} old. */
    CompletableFuture<Long> of(int partition) {
        long now = System.nanoTime();
        Entry e = cache.compute(partition, (p, old) -> old != null && now - old.askedAt() < maxAgeNanos
                && !old.end().isCompletedExceptionally() ? old : new Entry(ask(p), now));
        return e.end();
    }

    /** The end offset as the brokers say it now, not remembered. */
    CompletableFuture<Long> fresh(int partition) {
        CompletableFuture<Long> f = ask(partition);
        cache.put(partition, new Entry(f, System.nanoTime()));
        return f;
    }

    /**
     * The offset {@code group} committed on the partition (0 when none): every command before it is in the
     * stores that group's tasks restore.
     */
    CompletableFuture<Long> committed(String group, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        CompletableFuture<Long> committed = new CompletableFuture<>();
        try {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().whenComplete((offsets, error) -> {
                if (error != null) {
                    committed.completeExceptionally(error);
                } else {
                    var at = offsets.get(tp);
                    committed.complete(at == null ? 0L : at.offset());
                }
            });
        } catch (RuntimeException e) {
            committed.completeExceptionally(e);
        }
        return committed;
    }

    /** Asks the brokers; the answer comes in a future of our own (Kafka's own futures refuse to be completed by callers). */
    private CompletableFuture<Long> ask(int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        CompletableFuture<Long> end = new CompletableFuture<>();
        try {
            admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).whenComplete((info, error) -> {
                if (error != null) {
                    end.completeExceptionally(error);
                } else {
                    end.complete(info.offset());
                }
            });
        } catch (RuntimeException e) {
            end.completeExceptionally(e);
        }
        return end;
    }
}
