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
import io.aerolog.server.scan.TruncateTimes;
import io.aerolog.server.sindex.PartitionIndexes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 * records due from an {@link ExpiryIndex} kept beside the records. A truncate is lazy, as in Aerospike: applying
 * it records its time (O(1)); the records it hides are absent at once for the engine and every reader
 * ({@link TruncateTimes}), and a punctuator removes them from the store a bounded slice at a time
 * ({@link TruncateSweep}), so no command, however many records it names, holds the stream thread up.
 */
final class CommandProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    static final String CHANGES_SINK = "changes";
    static final String REJECTED_SINK = "rejected";
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
    private static final int MAX_EXPIRIES_PER_SCAN = 10_000;
    /**
     * Records an index build indexes (or entries of a dropped index removed) per punctuation, and how often it runs:
     * index upkeep never holds commands up long.
     */
    static final int BUILD_SLICE = 5_000;
    static final Duration BUILD_EVERY = Duration.ofMillis(10);
    /** Stored records a truncate sweep reads per punctuation, and how often it runs (a slice takes a few ms). */
    static final int SWEEP_SLICE = 1_000;
    static final Duration SWEEP_EVERY = Duration.ofMillis(10);

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
    private Cancellable upkeep;
    private TruncateSweep sweep;
    private Cancellable sweeping;
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
        if (indexes.building() || indexes.dropping()) {
            scheduleUpkeep();
        }
        sweep = new TruncateSweep(store, context.getStateStore(NamespaceTopology.META_STORE), this::remove);
        if (sweep.pending()) {
            scheduleSweep();
        }
        cache = activeStores.opened(partition, store, indexes::truncation);
        counts = statistics.opened(partition, store);
        if (!counts.countSome()) {
            counting = context.schedule(PartitionCounts.COUNT_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                if (counts.countSome()) {
                    counting.cancel();
                }
            });
        }
    }

    /**
     * Removes the partition's dropped indexes' entries and builds its new indexes from its stored records, a slice
     * at a time, until neither is left.
     */
    private void scheduleUpkeep() {
        if (upkeep == null) {
            upkeep = context.schedule(BUILD_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                if (indexes.maintainSome(BUILD_SLICE)) {
                    upkeep.cancel();
                    upkeep = null;
                }
            });
        }
    }

    /** Removes the records the partition's truncates hid, a slice at a time, until none is left. */
    private void scheduleSweep() {
        if (sweeping == null) {
            sweeping = context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                int removed = sweep.sweepSome(indexes.truncation(), SWEEP_SLICE);
                if (removed > 0) {
                    LOG.debug("partition {} removed {} truncated records", context.taskId().partition(), removed);
                }
                if (!sweep.pending()) {
                    sweeping.cancel();
                    sweeping = null;
                }
            });
        }
    }

    /** Removes a stored record the engine will not see again, keeping counts, cache, expiry and indexes in step. */
    private void remove(Bytes key, Record record, byte[] stored) {
        counts.removing(key, record, stored);
        store.delete(key);
        if (cache != null) {
            cache.deleted(key);
        }
        expiry.update(key.get(), record, null);
        indexes.written(key.get(), record, null);
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
        TruncateTimes truncation = indexes.truncation();
        // A command after a truncate in the log comes after it, even when its node's clock is behind the
        // truncate's: it is applied at the truncate time at the earliest, so what it writes is not hidden.
        time = Math.max(time, truncation.of(command.key().set()));
        Command timed = command.withTime(time);
        Digest digest = command.key().digest();
        Bytes storeKey = Bytes.wrap(digest.bytes());
        Record stored = cache == null ? null : cache.get(storeKey);
        byte[] storedBytes = null;
        if (stored == null) {
            storedBytes = store.get(storeKey);
            stored = storedBytes == null ? null : AvroCodec.decodeRecord(storedBytes);
        }
        // A truncated record is absent for the engine (a write creates a fresh record, generation 1, as in
        // Aerospike's server); the stored one is what the counts, expiry and indexes replace.
        Record current = truncation.visible(stored);
        Outcome outcome = RecordEngine.apply(current, timed, namespace);
        if (outcome.effect() == Effect.WRITE) {
            byte[] encoded = AvroCodec.encodeRecord(outcome.record());
            counts.writing(storeKey, stored, storedBytes, outcome.record(), encoded.length);
            store.put(storeKey, encoded);
            if (cache != null) {
                cache.written(storeKey, outcome.record());
            }
            expiry.update(digest.bytes(), stored, outcome.record());
            indexes.written(digest.bytes(), stored, outcome.record());
        } else if (outcome.effect() == Effect.DELETE) {
            remove(storeKey, stored, storedBytes);
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
     * Applies a control command: a truncation records its time (the records it hides are gone at once and
     * removed later by the sweep) and publishes one TRUNCATE change for the partition; an index is created
     * (then built by a punctuator) or dropped.
     */
    private void control(org.apache.kafka.streams.processor.api.Record<byte[], byte[]> kafkaRecord, Command command,
                         int partition, long offset) {
        Control control = command.control();
        switch (control.kind()) {
            case TRUNCATE -> {
                indexes.truncated(control.set(), control.beforeMillis());
                sweep.start();
                scheduleSweep();
                Change change = new Change(namespace.name(), control.set(), command.key().digest(), null,
                        ChangeKind.TRUNCATE, 0, control.beforeMillis(), 0, null, partition, offset);
                publish(kafkaRecord, change, command.timeMillis());
                LOG.debug("partition {} truncated set '{}' before {}", partition, control.set(), control.beforeMillis());
            }
            case INDEX_CREATE -> {
                indexes.create(control.index());
                scheduleUpkeep();
            }
            case INDEX_DROP -> {
                indexes.drop(control.index());
                scheduleUpkeep();
            }
        }
        waiters.complete(command.requestId(), new AppliedWrite(ResultCode.OK, null, 0, 0, null,
                new ConsistencyToken(partition, offset), command.timeMillis()));
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
            if (indexes.truncation().hides(record)) {
                remove(key, record, bytes); // gone with its truncate, which published the change
                continue;
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
