package io.aerolog.server.namespace;

import static io.aerolog.server.namespace.PartitionCountsTest.KAFKA_PARTITIONS;
import static io.aerolog.server.namespace.PartitionCountsTest.PARTITION;
import static io.aerolog.server.namespace.PartitionCountsTest.keyInPartition;
import static io.aerolog.server.namespace.PartitionCountsTest.recount;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.Control;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexType;
import io.aerolog.protocol.Topics;
import io.aerolog.server.sindex.NamespaceIndexes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * What removes many stored entries is lazy, so that no command holds its stream thread past its transaction. A
 * truncate, as in Aerospike: applying it records its time and nothing else, the records it hides are absent at once
 * for the engine and the readers, and a punctuator then removes them a bounded slice at a time, keeping counts,
 * expiry and secondary indexes in step. An index drop: the index is gone at once for queries and writes, and its
 * entries (one per record) are removed a bounded slice at a time in the same way.
 */
class CommandProcessorLazyRemovalTest {
    private static final int GONE = 50_000;
    private static final int KEPT = 500;
    private static final long WRITTEN_AT = 1_000_000L;
    private static final long TRUNCATED_AT = 2_000_000L;
    private static final IndexDefinition INDEX =
            new IndexDefinition("by_n", "", "n", IndexType.NUMERIC, CollectionType.DEFAULT, null);

    private final MockProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<Bytes, byte[]> records;
    private final KeyValueStore<Bytes, byte[]> expiry;
    private final KeyValueStore<Bytes, byte[]> index;
    private final KeyValueStore<Bytes, byte[]> meta;
    private final NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
    private final ActiveStores activeStores = new ActiveStores(1 << 20, p -> CompletableFuture.completedFuture(null));
    private final Waiters waiters = new Waiters();
    private final NamespaceIndexes namespaceIndexes = new NamespaceIndexes();
    private final List<Key> gone = new ArrayList<>();
    private final List<Key> kept = new ArrayList<>();
    private long offset;

    CommandProcessorLazyRemovalTest() throws Exception {
        File dir = Files.createTempDirectory("truncate").toFile();
        dir.deleteOnExit();
        context = new MockProcessorContext<>(new Properties(), new TaskId(0, PARTITION), dir);
        records = store("records");
        expiry = store("expiry");
        index = store(NamespaceTopology.INDEX_STORE);
        meta = store(NamespaceTopology.META_STORE);
        for (KeyValueStore<Bytes, byte[]> s : List.of(records, expiry, index, meta)) {
            context.addStateStore(s);
        }
        for (int i = 0; i < GONE; i++) {
            gone.add(keyInPartition("gone", i));
        }
        for (int i = 0; i < KEPT; i++) {
            kept.add(keyInPartition("kept", i));
        }
    }

    private KeyValueStore<Bytes, byte[]> store(String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private CommandProcessor processor() {
        return new CommandProcessor(NamespaceConfig.defaults("test"), "records", "expiry", waiters,
                Duration.ofSeconds(10), new NamespaceMetrics(new SimpleMeterRegistry(), "test"), activeStores,
                statistics, namespaceIndexes);
    }

    private void process(CommandProcessor processor, Command command) {
        context.setRecordMetadata(Topics.commands("test"), PARTITION, offset++);
        processor.process(new org.apache.kafka.streams.processor.api.Record<>(command.key().digest().bytes(),
                AvroCodec.encodeCommand(command), command.timeMillis()));
    }

    private AppliedWrite write(CommandProcessor processor, Key key, WritePolicy policy, long time, Operation... ops)
            throws Exception {
        String id = "r" + offset;
        CompletableFuture<AppliedWrite> answer = waiters.register(id);
        process(processor, Command.of(key, policy, time, ops).withRequest(id, "node-1"));
        return answer.get(5, TimeUnit.SECONDS);
    }

    /** The processor over a store of GONE records of set "gone" and KEPT of "kept", counted and indexed. */
    private CommandProcessor opened() throws Exception {
        for (List<Key> keys : List.of(gone, kept)) {
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                records.put(Bytes.wrap(key.digest().bytes()), AvroCodec.encodeRecord(new Record(key.set(), null,
                        Map.of("n", Value.of((long) i)), 4, i % 10 == 0 ? Long.MAX_VALUE - i : 0, WRITTEN_AT)));
            }
        }
        CommandProcessor processor = processor();
        processor.init(context);
        process(processor, Command.control("test", PARTITION, Control.createIndex(INDEX), WRITTEN_AT));
        runToEnd(CommandProcessor.BUILD_EVERY);
        runToEnd(PartitionCounts.COUNT_EVERY);
        assertThat(count(index)).as("every record indexed").isEqualTo(GONE + KEPT);
        context.resetForwards();
        return processor;
    }

    /** Runs every live punctuator of {@code interval} until it cancels itself. */
    private void runToEnd(Duration interval) {
        context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(interval) && !p.cancelled())
                .forEach(p -> {
                    while (!p.cancelled()) {
                        p.getPunctuator().punctuate(System.currentTimeMillis());
                    }
                });
    }

    private static long count(KeyValueStore<Bytes, byte[]> store) {
        long n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private Route.Active route() {
        return new Route.Active(PARTITION, activeStores.of(PARTITION));
    }

    private void truncate(CommandProcessor processor, String set) {
        process(processor, Command.control("test", PARTITION, Control.truncate(set, TRUNCATED_AT), TRUNCATED_AT + 5));
    }

    private List<Change> changes() {
        return context.forwarded().stream().filter(f -> CommandProcessor.CHANGES_SINK.equals(f.childName().orElse(null)))
                .map(f -> AvroCodec.decodeChange(f.record().value())).toList();
    }

    @Test
    void applyingATruncateOnlyRecordsItsTimeAndItsRecordsAreGoneAtOnce() throws Exception {
        CommandProcessor processor = opened();

        truncate(processor, "gone");

        assertThat(count(records)).as("nothing removed in the processing call").isEqualTo(GONE + KEPT);
        for (Key key : gone.subList(0, 2_000)) {
            assertThat(route().get(key)).as("gone for readers at once").isNull();
        }
        for (Key key : kept) {
            assertThat(route().get(key)).as("another set").isNotNull();
        }
        assertThat(changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.TRUNCATE);
            assertThat(c.set()).isEqualTo("gone");
        });
        assertThat(activeStores.of(PARTITION).truncation().get().of("gone")).isEqualTo(TRUNCATED_AT);
    }

    @Test
    void theEngineTreatsATruncatedRecordAsAbsentAsAerospikeDoes() throws Exception {
        CommandProcessor processor = opened();
        truncate(processor, "gone");
        long now = TRUNCATED_AT + 100;

        AppliedWrite rewritten = write(processor, gone.get(0), WritePolicy.DEFAULT, now, Operation.write("m", Value.of(1L)));
        assertThat(rewritten.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(rewritten.generation()).as("a fresh record").isEqualTo(1);
        Record fresh = route().get(gone.get(0));
        assertThat(fresh.bins()).as("none of the old bins").containsOnlyKeys("m");
        assertThat(fresh.lastUpdateMillis()).isEqualTo(now);

        assertThat(write(processor, gone.get(1), WritePolicy.DEFAULT.withRecordExistsAction(RecordExistsAction.CREATE_ONLY),
                now, Operation.write("m", Value.of(1L))).resultCode()).isEqualTo(ResultCode.OK);
        assertThat(write(processor, gone.get(2), WritePolicy.DEFAULT.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY),
                now, Operation.write("m", Value.of(1L))).resultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        WritePolicy oldGeneration = WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 4);
        assertThat(write(processor, gone.get(3), oldGeneration, now, Operation.write("m", Value.of(1L))).resultCode())
                .as("a generation check meets no record, as for a key never written")
                .isEqualTo(write(processor, keyInPartition("never", 0), oldGeneration, now,
                        Operation.write("m", Value.of(1L))).resultCode());
        assertThat(write(processor, gone.get(4), WritePolicy.DEFAULT, now, Operation.readAll()).resultCode())
                .isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(write(processor, gone.get(5), WritePolicy.DEFAULT, now, Operation.delete()).resultCode())
                .isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(write(processor, kept.get(0), WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 4),
                now, Operation.write("m", Value.of(1L))).generation()).as("another set keeps its records").isEqualTo(5);

        AppliedWrite late = write(processor, gone.get(6), WritePolicy.DEFAULT, TRUNCATED_AT - 50,
                Operation.write("m", Value.of(1L)));
        assertThat(late.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(route().get(gone.get(6))).as("a write after the truncate in the log, from a clock behind it, is kept")
                .isNotNull().extracting(Record::lastUpdateMillis).isEqualTo(TRUNCATED_AT);

        runToEnd(CommandProcessor.SWEEP_EVERY);
        int after = route().get(gone.get(3)) == null ? 3 : 5; // and the two generation-checked writes, if they created
        assertThat(count(records)).as("the other set and the records written after the truncate").isEqualTo(KEPT + after);
        assertThat(recount(records)).isEqualTo(totals());
    }

    @Test
    void punctuationsRemoveTheTruncatedRecordsInBoundedSlicesKeepingEverythingInStep() throws Exception {
        CommandProcessor processor = opened();
        truncate(processor, "gone");
        context.resetForwards();

        MockProcessorContext.CapturedPunctuator sweep = sweeper();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int slices = 0;
        long slowest = 0;
        long slowestWall = 0;
        long before = count(records);
        while (!sweep.cancelled()) {
            long start = cpu.getCurrentThreadCpuTime();
            long startWall = System.nanoTime();
            sweep.getPunctuator().punctuate(System.currentTimeMillis());
            slowest = Math.max(slowest, cpu.getCurrentThreadCpuTime() - start);
            slowestWall = Math.max(slowestWall, System.nanoTime() - startWall);
            long now = count(records);
            assertThat(before - now).as("at most one slice per punctuation").isLessThanOrEqualTo(CommandProcessor.SWEEP_SLICE);
            before = now;
            slices++;
        }

        assertThat(slices).isGreaterThanOrEqualTo((GONE + KEPT) / CommandProcessor.SWEEP_SLICE);
        assertThat(count(records)).isEqualTo(KEPT);
        assertThat(count(index)).as("the index entries of the removed records went with them").isEqualTo(KEPT);
        assertThat(count(expiry)).as("and their expiry entries (and the index's built mark)").isEqualTo(KEPT / 10 + 1);
        assertThat(recount(records)).isEqualTo(totals());
        assertThat(changes()).as("no change per removed record").isEmpty();
        assertThat(meta.get(TruncateSweep.CURSOR)).as("the sweep is over").isNull();
        System.out.printf("truncate sweep: %d records in %d slices, slowest %.1f ms of CPU (%.1f ms wall)%n", GONE,
                slices, slowest / 1e6, slowestWall / 1e6);
        assertThat(Duration.ofNanos(slowest)).as("a slice's CPU time stays under 100 ms (a generous bound)")
                .isLessThan(Duration.ofMillis(100));
    }

    @Test
    void aTaskThatStartsAgainMidSweepGoesOnFromItsCursor() throws Exception {
        CommandProcessor processor = opened();
        truncate(processor, "");
        MockProcessorContext.CapturedPunctuator sweep = sweeper();
        for (int i = 0; i < 3; i++) {
            sweep.getPunctuator().punctuate(System.currentTimeMillis());
        }
        byte[] cursor = meta.get(TruncateSweep.CURSOR);
        assertThat(cursor).isNotNull();
        long left = count(records);
        assertThat(left).isLessThan(GONE + KEPT).isGreaterThan(0);
        processor.close();

        sweep.cancel();
        CommandProcessor again = processor();
        again.init(context);
        for (Key key : kept.subList(0, 100)) {
            assertThat(route().get(key)).as("a namespace truncate: every set").isNull();
        }
        MockProcessorContext.CapturedPunctuator resumed = sweeper();
        assertThat(resumed).as("the sweep resumes when the task starts").isNotSameAs(sweep);
        resumed.getPunctuator().punctuate(System.currentTimeMillis());
        assertThat(count(records)).as("from its cursor: the records before it are not read again")
                .isEqualTo(left - CommandProcessor.SWEEP_SLICE);
        runToEnd(CommandProcessor.SWEEP_EVERY);
        assertThat(count(records)).isZero();
        assertThat(count(index)).isZero();
    }

    @Test
    void droppingAnIndexEndsItAtOnceAndRemovesItsEntriesInBoundedSlices() throws Exception {
        CommandProcessor processor = opened();

        process(processor, Command.control("test", PARTITION, Control.dropIndex(INDEX), TRUNCATED_AT));

        assertThat(count(index)).as("nothing removed in the processing call").isEqualTo(GONE + KEPT);
        assertThat(namespaceIndexes.of(PARTITION).find(INDEX.name())).as("gone for queries at once").isNull();
        AppliedWrite rewritten = write(processor, kept.get(0), WritePolicy.DEFAULT, TRUNCATED_AT + 1,
                Operation.write("n", Value.of(-1L)));
        assertThat(rewritten.resultCode()).isEqualTo(ResultCode.OK);
        MockProcessorContext.CapturedPunctuator upkeep = upkeeper();
        int slices = 0;
        long before = count(index);
        assertThat(before).as("a write after the drop adds no entry").isEqualTo(GONE + KEPT);
        while (!upkeep.cancelled()) {
            upkeep.getPunctuator().punctuate(System.currentTimeMillis());
            long now = count(index);
            assertThat(before - now).as("at most one slice per punctuation").isLessThanOrEqualTo(CommandProcessor.BUILD_SLICE);
            before = now;
            slices++;
        }

        assertThat(slices).isGreaterThanOrEqualTo((GONE + KEPT) / CommandProcessor.BUILD_SLICE);
        assertThat(count(index)).isZero();
        assertThat(namespaceIndexes.of(PARTITION).dropping()).isFalse();
        assertThat(count(records)).as("the records stay").isEqualTo(GONE + KEPT);
    }

    @Test
    void anIndexCreatedAgainUnderADroppedNameIsBuiltWhileTheOldEntriesGoAndATaskStartedAgainGoesOn() throws Exception {
        CommandProcessor processor = opened();
        process(processor, Command.control("test", PARTITION, Control.dropIndex(INDEX), TRUNCATED_AT));
        upkeeper().getPunctuator().punctuate(System.currentTimeMillis());
        process(processor, Command.control("test", PARTITION, Control.createIndex(INDEX), TRUNCATED_AT + 1));
        upkeeper().getPunctuator().punctuate(System.currentTimeMillis());
        long midway = count(index);
        assertThat(midway).as("old entries still being removed").isGreaterThan(KEPT + GONE - 3L * CommandProcessor.BUILD_SLICE);
        processor.close();
        context.scheduledPunctuators().forEach(MockProcessorContext.CapturedPunctuator::cancel);

        CommandProcessor again = processor();
        again.init(context);
        assertThat(namespaceIndexes.of(PARTITION).dropping()).as("the drop is remembered in the meta store").isTrue();
        runToEnd(CommandProcessor.BUILD_EVERY);

        assertThat(namespaceIndexes.of(PARTITION).dropping()).isFalse();
        assertThat(namespaceIndexes.of(PARTITION).find(INDEX.name()).built()).isTrue();
        assertThat(count(index)).as("exactly the new index's entries, one per record").isEqualTo(GONE + KEPT);
    }

    /** The index upkeep's punctuator (build and drop), the last one scheduled. */
    private MockProcessorContext.CapturedPunctuator upkeeper() {
        List<MockProcessorContext.CapturedPunctuator> live = context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(CommandProcessor.BUILD_EVERY) && !p.cancelled()).toList();
        assertThat(live).isNotEmpty();
        return live.get(live.size() - 1);
    }

    /** The truncate sweep's punctuator, the last one scheduled. */
    private MockProcessorContext.CapturedPunctuator sweeper() {
        List<MockProcessorContext.CapturedPunctuator> live = context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(CommandProcessor.SWEEP_EVERY) && !p.cancelled()).toList();
        assertThat(live).isNotEmpty();
        return live.get(live.size() - 1);
    }

    private java.util.Map<String, List<Long>> totals() {
        java.util.Map<String, List<Long>> out = new java.util.HashMap<>();
        for (NamespaceStatistics.SetTotals set : statistics.totals().sets()) {
            if (set.objects() != 0) {
                out.put(set.name(), List.of(set.objects(), set.bytes()));
            }
        }
        return out;
    }
}
