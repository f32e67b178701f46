package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.Control;
import io.aerolog.core.Digest;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.Topics;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.schema.Rejected;
import io.aerolog.server.sindex.NamespaceIndexes;
import io.aerolog.server.sindex.PartitionIndexes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a partition's commands in log order to its record store.
 *
 * <p>Design note. Each command is decoded, applied with {@link RecordEngine#apply} to the stored
 * record, and its effect written to the store, its change forwarded to the changelog sink, and its
 * answer handed to this node's waiter, all within the Kafka Streams transaction of the task
 * ({@code exactly_once_v2}). The engine's clock is the command's time (or the Kafka record's
 * timestamp when the producer left it 0), so replay gives the same store and answers. Nothing that
 * arrives on the topic can stop the thread: bytes that do not decode, commands for another namespace
 * or partition, and refused fire-and-forget commands become dead letters on the rejected topic.
 * Expired records are invisible at once (the engine and the read path treat them as absent); a
 * wall-clock punctuator removes them from the store later and publishes EXPIRE, reading only the
 * records due from an {@link ExpiryIndex} kept beside the records.
 */
final class CommandProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    static final String CHANGES_SINK = "changes";
    static final String REJECTED_SINK = "rejected";
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
    private static final int MAX_EXPIRIES_PER_SCAN = 10_000;
    /** Records an index build indexes per punctuation, and how often it runs: a build never holds commands up long. */
    static final int BUILD_SLICE = 5_000;
    static final Duration BUILD_EVERY = Duration.ofMillis(10);

    private final NamespaceConfig namespace;
    private final String storeName;
    private final String expiryStoreName;
    private final Waiters waiters;
    private final Duration expiryScanInterval;
    private final NamespaceMetrics metrics;
    private final ActiveStores activeStores;
    private final NamespaceStatistics statistics;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private ExpiryIndex expiry;
    /** Decoded hot records, written through here; null when the node caches none. */
    private RecordCache cache;
    /** The partition's records per set, for Aerospike's info commands; counted from the store once it opens. */
    private PartitionCounts counts;
    private Cancellable counting;
    /** The partition's secondary indexes and truncate times. */
    private PartitionIndexes indexes;
    private Cancellable building;
    private final NamespaceIndexes namespaceIndexes;

    CommandProcessor(NamespaceConfig namespace, String storeName, String expiryStoreName, Waiters waiters,
                     Duration expiryScanInterval, NamespaceMetrics metrics, ActiveStores activeStores,
                     NamespaceStatistics statistics, NamespaceIndexes namespaceIndexes) {
        this.namespaceIndexes = namespaceIndexes;
        this.namespace = namespace;
        this.storeName = storeName;
        this.expiryStoreName = expiryStoreName;
        this.waiters = waiters;
        this.expiryScanInterval = expiryScanInterval;
        this.metrics = metrics;
        this.activeStores = activeStores;
        this.statistics = statistics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.expiry = new ExpiryIndex(context.getStateStore(expiryStoreName));
        expiry.buildIfMissing(store, AvroCodec::decodeRecord);
        // What this node applied before is forgotten: the store may have been restored to its last commit
        // (a task closed dirty), and reads and consistency tokens must wait for what it applies again. Seed
        // it from the store's position, so that a token issued before a restart is honoured at once.
        int partition = context.taskId().partition();
        waiters.restarted(partition);
        Long restored = store.getPosition().getPartitionPositions(
                Topics.commands(namespace.name())).get(partition);
        if (restored != null) {
            waiters.applied(partition, restored);
        }
        context.schedule(expiryScanInterval, PunctuationType.WALL_CLOCK_TIME, this::removeExpired);
        indexes = new PartitionIndexes(partition, context.getStateStore(NamespaceTopology.META_STORE),
                context.getStateStore(NamespaceTopology.INDEX_STORE), store);
        namespaceIndexes.opened(indexes);
        if (indexes.building()) {
            scheduleBuild();
        }
        cache = activeStores.opened(partition, store);
        counts = statistics.opened(partition, store);
        if (!counts.countSome()) {
            counting = context.schedule(PartitionCounts.COUNT_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                if (counts.countSome()) {
                    counting.cancel();
                }
            });
        }
    }

    /** Builds the partition's new indexes from its stored records, a slice at a time, until none is left. */
    private void scheduleBuild() {
        if (building == null) {
            building = context.schedule(BUILD_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                if (indexes.buildSome(BUILD_SLICE)) {
                    building.cancel();
                    building = null;
                }
            });
        }
    }

    @Override
    public void close() {
        namespaceIndexes.closed(indexes);
        activeStores.closed(context.taskId().partition(), store);
        statistics.closed(context.taskId().partition(), counts);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> kafkaRecord) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        int partition = meta.partition();
        long offset = meta.offset();
        try {
            apply(kafkaRecord, partition, offset);
        } finally {
            waiters.applied(partition, offset);
        }
    }

    private void apply(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> kafkaRecord, int partition,
                       long offset) {
        Command command;
        try {
            command = AvroCodec.decodeCommand(kafkaRecord.value());
        } catch (AerologException e) {
            reject(kafkaRecord, e.resultCode(), e.getMessage(), null, partition, offset);
            return;
        } catch (StackOverflowError e) {
            // Avro's decoder recurses per level of nesting: a command nested thousands deep ends here, one
            // nested more than Value.MAX_DEPTH but less is refused by the depth check, with the same answer
            reject(kafkaRecord, ResultCode.PARAMETER_ERROR, "a value of the command nests lists and maps more than "
                    + Value.MAX_DECODE_DEPTH + " levels deep", null, partition, offset);
            return;
        } catch (RuntimeException e) {
            reject(kafkaRecord, ResultCode.PARSE_ERROR, "command does not decode: " + e, null, partition, offset);
            return;
        }
        String misplaced = misplaced(command, kafkaRecord.key(), partition);
        if (misplaced != null) {
            ResultCode code = command.key().namespace().equals(namespace.name())
                    ? ResultCode.PARAMETER_ERROR : ResultCode.INVALID_NAMESPACE;
            reject(kafkaRecord, code, misplaced, command.requestId(), partition, offset);
            waiters.complete(command.requestId(), new AppliedWrite(code, misplaced, 0, 0, null,
                    new ConsistencyToken(partition, offset), command.timeMillis()));
            return;
        }
        long time = command.timeMillis() > 0 ? command.timeMillis() : kafkaRecord.timestamp();
        if (command.control() != null) {
            control(kafkaRecord, command.withTime(time), partition, offset);
            return;
        }
        Command timed = command.withTime(time);
        Digest digest = command.key().digest();
        Bytes storeKey = Bytes.wrap(digest.bytes());
        Record current = cache == null ? null : cache.get(storeKey);
        byte[] storedBytes = null;
        if (current == null) {
            storedBytes = store.get(storeKey);
            current = storedBytes == null ? null : AvroCodec.decodeRecord(storedBytes);
        }
        Outcome outcome = RecordEngine.apply(current, timed, namespace);
        if (outcome.effect() == Effect.WRITE) {
            byte[] encoded = AvroCodec.encodeRecord(outcome.record());
            counts.writing(storeKey, current, storedBytes, outcome.record(), encoded.length);
            store.put(storeKey, encoded);
            if (cache != null) {
                cache.written(storeKey, outcome.record());
            }
            expiry.update(digest.bytes(), current, outcome.record());
            indexes.written(digest.bytes(), current, outcome.record());
        } else if (outcome.effect() == Effect.DELETE) {
            counts.removing(storeKey, current, storedBytes);
            store.delete(storeKey);
            if (cache != null) {
                cache.deleted(storeKey);
            }
            expiry.update(digest.bytes(), current, null);
            indexes.written(digest.bytes(), current, null);
        }
        if (outcome.change() != null) {
            Change change = Change.of(namespace.name(), digest, outcome.change(), outcome.record(), partition, offset);
            publish(kafkaRecord, change, time);
        }
        metrics.applied(outcome.resultCode());
        if (command.origin() != null) {
            metrics.applyLag(System.currentTimeMillis() - command.timeMillis());
        }
        if (!outcome.isOk() && command.requestId() == null) {
            reject(kafkaRecord, outcome.resultCode(), outcome.message(), null, partition, offset);
        }
        Record after = outcome.record();
        waiters.complete(command.requestId(), new AppliedWrite(outcome.resultCode(), outcome.message(),
                after == null ? 0 : after.generation(), after == null ? 0 : after.voidTimeMillis(),
                outcome.results(), new ConsistencyToken(partition, offset), time));
    }

    /**
     * Applies a control command: a truncation removes the records it names here and now (and publishes one
     * TRUNCATE change for the partition); an index is created (then built by a punctuator) or dropped.
     */
    private void control(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> kafkaRecord, Command command,
                         int partition, long offset) {
        Control control = command.control();
        switch (control.kind()) {
            case TRUNCATE -> {
                int removed = truncate(control.set(), control.beforeMillis());
                indexes.truncated(control.set(), control.beforeMillis());
                Change change = new Change(namespace.name(), control.set(), command.key().digest(), null,
                        ChangeKind.TRUNCATE, 0, control.beforeMillis(), 0, null, partition, offset);
                publish(kafkaRecord, change, command.timeMillis());
                LOG.debug("partition {} truncated {} records of set '{}' before {}", partition, removed, control.set(),
                        control.beforeMillis());
            }
            case INDEX_CREATE -> {
                indexes.create(control.index());
                scheduleBuild();
            }
            case INDEX_DROP -> indexes.drop(control.index());
        }
        waiters.complete(command.requestId(), new AppliedWrite(ResultCode.OK, null, 0, 0, null,
                new ConsistencyToken(partition, offset), command.timeMillis()));
    }

    /** Removes the records of {@code set} (every set when empty) last updated before {@code beforeMillis}. */
    private int truncate(String set, long beforeMillis) {
        int removed = 0;
        byte[] from = new byte[Digest.SIZE];
        byte[] last = new byte[Digest.SIZE];
        java.util.Arrays.fill(last, (byte) -1);
        while (from != null) {
            List<KeyValue<Bytes, byte[]>> slice = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(last))) {
                while (it.hasNext() && slice.size() < 10_000) {
                    slice.add(it.next());
                }
                from = it.hasNext() ? it.peekNextKey().get() : null;
            }
            for (KeyValue<Bytes, byte[]> kv : slice) {
                if (kv.key.get().length != Digest.SIZE || !set.isEmpty() && !set.equals(PartitionCounts.setOf(kv.value))) {
                    continue;
                }
                Record record = AvroCodec.decodeRecord(kv.value);
                if (record.lastUpdateMillis() >= beforeMillis) {
                    continue;
                }
                counts.removing(kv.key, record, kv.value);
                store.delete(kv.key);
                if (cache != null) {
                    cache.deleted(kv.key);
                }
                expiry.update(kv.key.get(), record, null);
                indexes.written(kv.key.get(), record, null);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Publishes {@code change} to the changes topic, keyed as {@code keyed}, unless the namespace has its changes
     * feed off (then the change is not even encoded).
     */
    private void publish(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> keyed, Change change,
                         long timestamp) {
        if (namespace.changesFeed()) {
            context.forward(keyed.withValue(AvroCodec.encodeChange(change)).withTimestamp(timestamp), CHANGES_SINK);
        }
    }

    private String misplaced(Command command, byte[] kafkaKey, int partition) {
        if (!command.key().namespace().equals(namespace.name())) {
            return "command for namespace '" + command.key().namespace() + "' on the topic of namespace '"
                    + namespace.name() + "'";
        }
        int expected = command.key().digest().kafkaPartition(namespace.partitions());
        if (expected != partition) {
            return "command for Kafka partition " + expected + " arrived on partition " + partition
                    + ": producers must use io.aerolog.client.kafka.AerologPartitioner";
        }
        if (kafkaKey != null && !java.util.Arrays.equals(kafkaKey, command.key().digest().bytes())) {
            return "the Kafka record key must be the command's 20-byte digest";
        }
        return null;
    }

    private void reject(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> kafkaRecord, ResultCode code,
                        String reason, String requestId, int partition, long offset) {
        metrics.rejected(code);
        LOG.debug("dead letter from {}:{}: {} {}", partition, offset, code, reason);
        Rejected rejected = new Rejected(
                kafkaRecord.key() == null ? null : ByteBuffer.wrap(kafkaRecord.key()),
                kafkaRecord.value() == null ? null : ByteBuffer.wrap(kafkaRecord.value()),
                code.code(), code.name(), reason == null ? code.name() : reason, partition, offset, requestId);
        context.forward(kafkaRecord.withValue(AvroCodec.encodeRejected(rejected)), REJECTED_SINK);
    }

    private void removeExpired(long wallClockMillis) {
        int removed = 0;
        for (ExpiryIndex.Due due : expiry.due(wallClockMillis, MAX_EXPIRIES_PER_SCAN)) {
            expiry.remove(due);
            Bytes key = Bytes.wrap(due.digest().bytes());
            byte[] bytes = store.get(key);
            Record record = bytes == null ? null : AvroCodec.decodeRecord(bytes);
            if (record == null || record.voidTimeMillis() != due.voidTimeMillis() || !record.isExpiredAt(wallClockMillis)) {
                continue; // an entry the record has left behind
            }
            counts.expiring(key, record, bytes);
            store.delete(key);
            indexes.written(due.digest().bytes(), record, null);
            if (cache != null) {
                cache.deleted(key);
            }
            Change change = Change.of(namespace.name(), due.digest(), ChangeKind.EXPIRE, record,
                    context.taskId().partition(), -1);
            publish(new org.apache.kafka.streams.processor.api.Record<>(key.get(), null, wallClockMillis), change,
                    wallClockMillis);
            removed++;
        }
        if (removed > 0) {
            metrics.expired(removed);
        }
    }

    static Optional<java.util.Set<Integer>> partitionOf(byte[] key, int partitions) {
        if (key == null || key.length != Digest.SIZE) {
            return Optional.empty();
        }
        return Optional.of(java.util.Set.of(Digest.of(key).kafkaPartition(partitions)));
    }
}
