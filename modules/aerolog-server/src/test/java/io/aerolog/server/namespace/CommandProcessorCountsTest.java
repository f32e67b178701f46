package io.aerolog.server.namespace;

import static io.aerolog.server.namespace.PartitionCountsTest.KAFKA_PARTITIONS;
import static io.aerolog.server.namespace.PartitionCountsTest.PARTITION;
import static io.aerolog.server.namespace.PartitionCountsTest.keyInPartition;
import static io.aerolog.server.namespace.PartitionCountsTest.recount;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.protocol.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The command processor keeps its partition's counts: it counts the records its store opened with, a
 * bounded number per punctuation, while it applies commands (to records read from the store or found in the
 * record cache), and counts expiries; the totals then equal a recount of the store.
 */
class CommandProcessorCountsTest {
    private final MockProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<Bytes, byte[]> records;
    private final NamespaceStatistics statistics = new NamespaceStatistics(KAFKA_PARTITIONS);
    private final ActiveStores activeStores = new ActiveStores(1 << 20, p -> CompletableFuture.completedFuture(null));
    private final CommandProcessor processor;
    private long offset;

    CommandProcessorCountsTest() throws Exception {
        File dir = Files.createTempDirectory("counts").toFile();
        dir.deleteOnExit();
        context = new MockProcessorContext<>(new Properties(), new TaskId(0, PARTITION), dir);
        records = store("records");
        context.addStateStore(records);
        context.addStateStore(store("expiry"));
        context.addStateStore(store(NamespaceTopology.INDEX_STORE));
        context.addStateStore(store(NamespaceTopology.META_STORE));
        processor = new CommandProcessor(NamespaceConfig.defaults("test"), "records", "expiry", new Waiters(),
                Duration.ofSeconds(10), new NamespaceMetrics(new SimpleMeterRegistry(), "test"),
                activeStores, statistics, new io.aerolog.server.sindex.NamespaceIndexes());
    }

    private KeyValueStore<Bytes, byte[]> store(String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private void apply(Key key, WritePolicy policy, Operation... operations) {
        context.setRecordMetadata(Topics.commands("test"), PARTITION, offset++);
        Command command = Command.of(key, policy, System.currentTimeMillis(), operations);
        processor.process(new org.apache.kafka.streams.processor.api.Record<>(key.digest().bytes(),
                AvroCodec.encodeCommand(command), System.currentTimeMillis()));
    }

    private MockProcessorContext.CapturedPunctuator punctuator(Duration interval) {
        return context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(interval)).findFirst()
                .orElseThrow();
    }

    /** Runs the counting punctuator, if the processor scheduled one (it counts a small store when it opens), to the end. */
    private void countAll() {
        context.scheduledPunctuators().stream().filter(p -> p.getInterval().equals(PartitionCounts.COUNT_EVERY))
                .forEach(p -> {
                    while (!p.cancelled()) {
                        p.getPunctuator().punctuate(System.currentTimeMillis());
                    }
                });
        assertThat(statistics.totals().counted()).isTrue();
    }

    private Map<String, List<Long>> totals() {
        Map<String, List<Long>> out = new HashMap<>();
        NamespaceStatistics.Totals totals = statistics.totals();
        long inSets = 0;
        for (NamespaceStatistics.SetTotals set : totals.sets()) {
            if (set.objects() != 0) {
                out.put(set.name(), List.of(set.objects(), set.bytes()));
                inSets += set.objects();
            }
        }
        if (totals.objects() > inSets) {
            long bytesInSets = totals.sets().stream().mapToLong(NamespaceStatistics.SetTotals::bytes).sum();
            out.put("", List.of(totals.objects() - inSets, totals.bytes() - bytesInSets));
        }
        return out;
    }

    @Test
    void theProcessorCountsTheStoreItOpenedWhileItAppliesCommands() {
        Random random = new Random(7);
        List<Key> keys = new ArrayList<>();
        int opened = 4 * PartitionCounts.MAX_RECORDS_PER_CALL + 100;
        for (int i = 0; i < opened + 300; i++) {
            keys.add(keyInPartition(List.of("", "users", "orders").get(i % 3), i));
        }
        for (Key key : keys.subList(0, opened)) {
            records.put(Bytes.wrap(key.digest().bytes()), AvroCodec.encodeRecord(
                    new Record(key.set(), null, Map.of("b", Value.of(key.set())), 1, 0, 1)));
        }
        processor.init(context);
        RecordCache cache = activeStores.of(PARTITION).cache();
        MockProcessorContext.CapturedPunctuator counting = punctuator(PartitionCounts.COUNT_EVERY);
        int punctuations = 0;
        for (int step = 0; step < 1_000 || !counting.cancelled(); step++) {
            if (!counting.cancelled() && random.nextInt(20) == 0) {
                counting.getPunctuator().punctuate(System.currentTimeMillis());
                punctuations++;
                continue;
            }
            Key key = keys.get(random.nextInt(keys.size()));
            Bytes storeKey = Bytes.wrap(key.digest().bytes());
            byte[] stored = records.get(storeKey);
            if (stored != null && random.nextBoolean()) { // a reader puts it in the cache: the processor takes it there
                cache.offer(storeKey, AvroCodec.decodeRecord(stored), cache.writes());
            }
            if (random.nextInt(5) == 0) {
                apply(key, WritePolicy.DEFAULT, Operation.delete());
            } else {
                apply(key, WritePolicy.DEFAULT, Operation.write("b", Value.of("v".repeat(random.nextInt(30)))));
            }
        }
        assertThat(punctuations).as("counted over several punctuations, not at once").isGreaterThanOrEqualTo(3);
        assertThat(statistics.totals().counted()).isTrue();
        assertThat(totals()).isEqualTo(recount(records));
    }

    @Test
    void expiredRecordsTheProcessorRemovesAreCounted() {
        processor.init(context);
        countAll();
        Key shortLived = keyInPartition("s", 1);
        Key kept = keyInPartition("s", 2);
        apply(shortLived, WritePolicy.DEFAULT.withExpiration(1), Operation.write("b", Value.of(1L)));
        apply(kept, WritePolicy.DEFAULT, Operation.write("b", Value.of(1L)));
        assertThat(statistics.totals().set("s").objects()).isEqualTo(2);

        punctuator(Duration.ofSeconds(10)).getPunctuator().punctuate(System.currentTimeMillis() + 5_000);

        NamespaceStatistics.Totals totals = statistics.totals();
        assertThat(totals.set("s").objects()).isEqualTo(1);
        assertThat(totals.expired()).isEqualTo(1);
        assertThat(totals()).isEqualTo(recount(records));
    }

    @Test
    void aClosedProcessorsPartitionNoLongerCounts() {
        processor.init(context);
        apply(keyInPartition("s", 1), WritePolicy.DEFAULT, Operation.write("b", Value.of(1L)));
        countAll();
        assertThat(statistics.totals().objects()).isEqualTo(1);
        processor.close();
        assertThat(statistics.totals().objects()).isZero();
    }
}
