package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.core.engine.OpResult;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.Topics;
import io.aerolog.schema.Rejected;
import io.aerolog.server.sindex.NamespaceIndexes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The namespace's topology run by Kafka Streams' {@link TopologyTestDriver} (partition 0 of a namespace of 8): what a
 * command does to the record store, the changes topic, the dead letters and this node's waiters, and what the
 * wall-clock punctuator expires. Every input is a real Kafka record through the real processor and stores.
 */
class CommandProcessorTest {
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test").withMaxRecordSize(64 * 1024);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private NamespaceConfig ns = NS;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> commands;
    private TestOutputTopic<byte[], byte[]> changes;
    private TestOutputTopic<byte[], byte[]> rejected;
    private KeyValueStore<Bytes, byte[]> records;
    private KeyValueStore<Bytes, byte[]> expiry;
    private Waiters waiters;
    private SimpleMeterRegistry registry;
    private Path stateDir;

    @BeforeEach
    void start() throws Exception {
        stateDir = Files.createTempDirectory("command-processor");
        waiters = new Waiters();
        registry = new SimpleMeterRegistry();
        open();
    }

    /** Starts the topology over the state folder, as a task that starts (again) on this node with {@link #waiters}. */
    private void open() {
        NodeSettings node = new NodeSettings("c", "node-1", "unused:9092", stateDir, "127.0.0.1:1",
                Duration.ofSeconds(5), Duration.ofSeconds(1), 1, Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofMillis(1), 16L << 20, 1L << 20, Duration.ofSeconds(3));
        ActiveStores active = new ActiveStores(1L << 20, p -> CompletableFuture.completedFuture(null));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "command-processor-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(NamespaceTopology.topology(ns, node, waiters,
                new NamespaceMetrics(registry, ns.name()), active, new NamespaceStatistics(ns.partitions()),
                new NamespaceIndexes()), p, START);
        commands = driver.createInputTopic(Topics.commands(NS.name()), new ByteArraySerializer(),
                new ByteArraySerializer(), START, Duration.ofMillis(10));
        changes = driver.createOutputTopic(Topics.changes(NS.name()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        rejected = driver.createOutputTopic(Topics.rejected(NS.name()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        records = driver.getKeyValueStore(NamespaceTopology.STORE);
        expiry = driver.getKeyValueStore(NamespaceTopology.EXPIRY_STORE);
    }

    @AfterEach
    void stop() throws Exception {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** A key of set "s" whose digest places it on Kafka partition {@code partition} of the namespace. */
    private static Key keyOn(int partition, int skip) {
        int found = 0;
        for (int i = 0; ; i++) {
            Key k = Key.of("test", "s", "k" + i);
            if (k.digest().kafkaPartition(NS.partitions()) == partition && found++ == skip) {
                return k;
            }
        }
    }

    private static Key key(int n) {
        return keyOn(0, n);
    }

    private void pipe(Command c) {
        commands.pipeInput(c.key().digest().bytes(), AvroCodec.encodeCommand(c));
    }

    private Record stored(Key key) {
        byte[] bytes = records.get(Bytes.wrap(key.digest().bytes()));
        return bytes == null ? null : AvroCodec.decodeRecord(bytes);
    }

    private List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : changes.readRecordsToList()) {
            out.add(AvroCodec.decodeChange(r.value()));
        }
        return out;
    }

    private List<Rejected> deadLetters() {
        return rejected.readValuesToList().stream().map(AvroCodec::decodeRejected).toList();
    }

    private double counted(String name, ResultCode code) {
        var counter = registry.find(name).tag("result", code.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Command write(Key key, long time, String bin, Value value) {
        return Command.of(key, WritePolicy.DEFAULT, time, Operation.write(bin, value));
    }

    @Test
    void aCommandIsStoredPublishedAndAnswered() throws Exception {
        Key key = key(0);
        CompletableFuture<AppliedWrite> answer = waiters.register("r-1");
        long time = START.toEpochMilli() + 5;
        pipe(new Command("r-1", "node-1", key, List.of(Operation.write("a", Value.of(1L)), Operation.read("a")),
                WritePolicy.DEFAULT.withSendKey(true).withExpiration(600), time));

        AppliedWrite applied = answer.get(5, TimeUnit.SECONDS);
        assertThat(applied.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(applied.generation()).isEqualTo(1);
        assertThat(applied.voidTimeMillis()).isEqualTo(time + 600_000);
        assertThat(applied.results()).containsExactly(new OpResult("a", null), new OpResult("a", Value.of(1L)));
        assertThat(applied.token()).isEqualTo(new ConsistencyToken(0, 0));
        assertThat(applied.ttlSeconds()).isEqualTo(600);

        Record record = stored(key);
        assertThat(record.bins()).containsExactly(java.util.Map.entry("a", Value.of(1L)));
        assertThat(record.userKey()).as("sendKey stores the user key").isEqualTo(key.userKey());
        assertThat(record.lastUpdateMillis()).isEqualTo(time);

        List<TestRecord<byte[], byte[]>> published = changes.readRecordsToList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo(key.digest().bytes());
        assertThat(published.get(0).timestamp()).isEqualTo(time);
        Change change = AvroCodec.decodeChange(published.get(0).value());
        assertThat(change.kind()).isEqualTo(ChangeKind.WRITE);
        assertThat(change.generation()).isEqualTo(1);
        assertThat(change.bins()).containsEntry("a", Value.of(1L));
        assertThat(change.userKey()).isEqualTo(record.userKey());
        assertThat(change.sourcePartition()).isZero();
        assertThat(change.sourceOffset()).isZero();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(expiry.get(expiryEntry(time + 600_000, key))).as("indexed for the punctuator").isNotNull();
        assertThat(counted("aerolog.commands.applied", ResultCode.OK)).isEqualTo(1);
        assertThat(waiters.pendingWrites()).isZero();
    }

    @Test
    void aNamespaceWithItsChangesFeedOffAppliesAndAnswersButPublishesNoChange() throws Exception {
        driver.close();
        ns = NS.withChangesFeed(false);
        open();
        Key key = key(0);
        Key expiring = key(1);
        long t = START.toEpochMilli();
        CompletableFuture<AppliedWrite> answer = waiters.register("r-1");
        pipe(new Command("r-1", "node-1", key, List.of(Operation.write("a", Value.of(1L))), WritePolicy.DEFAULT, t));
        pipe(Command.of(key, WritePolicy.DEFAULT, t + 1, Operation.add("a", Value.of(41L))));
        pipe(Command.of(expiring, WritePolicy.DEFAULT.withExpiration(1), t, Operation.write("a", Value.of(1L))));
        pipe(Command.of(key(2), WritePolicy.DEFAULT, t + 2, Operation.write("a", Value.of(1L))));
        pipe(Command.of(key(2), WritePolicy.DEFAULT, t + 3, Operation.delete()));
        driver.advanceWallClockTime(Duration.ofSeconds(12));

        assertThat(answer.get(5, TimeUnit.SECONDS).resultCode()).isEqualTo(ResultCode.OK);
        assertThat(stored(key).bins().get("a")).isEqualTo(Value.of(42L));
        assertThat(stored(expiring)).as("expired").isNull();
        assertThat(stored(key(2))).as("deleted").isNull();
        assertThat(changes.isEmpty()).as("nothing on " + Topics.changes(NS.name())).isTrue();
    }

    @Test
    void aCommandWithoutATimeIsAppliedAtItsKafkaRecordsTimestamp() {
        Key key = key(0);
        commands.pipeInput(new TestRecord<>(key.digest().bytes(), AvroCodec.encodeCommand(write(key, 0, "a",
                Value.of(1L))), START.plusSeconds(30)));
        assertThat(stored(key).lastUpdateMillis()).isEqualTo(START.plusSeconds(30).toEpochMilli());
    }

    @Test
    void commandsOfAKeyApplyInLogOrderAndADeletePublishesADelete() {
        Key key = key(1);
        long t = START.toEpochMilli();
        pipe(write(key, t + 1, "a", Value.of(1L)));
        pipe(Command.of(key, WritePolicy.DEFAULT, t + 2, Operation.add("a", Value.of(41L))));
        assertThat(stored(key).bins().get("a")).isEqualTo(Value.of(42L));
        assertThat(stored(key).generation()).isEqualTo(2);
        pipe(Command.of(key, WritePolicy.DEFAULT, t + 3, Operation.delete()));
        assertThat(stored(key)).isNull();
        assertThat(changes()).extracting(Change::kind, Change::generation, Change::sourceOffset).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeKind.WRITE, 1, 0L),
                org.assertj.core.groups.Tuple.tuple(ChangeKind.WRITE, 2, 1L),
                org.assertj.core.groups.Tuple.tuple(ChangeKind.DELETE, 2, 2L));
    }

    @Test
    void bytesThatDoNotDecodeAreADeadLetterAndTheNextCommandStillApplies() {
        commands.pipeInput(new byte[] {1, 2}, "not avro".getBytes());
        commands.pipeInput((byte[]) null, (byte[]) null);
        Key key = key(0);
        pipe(write(key, START.toEpochMilli(), "a", Value.of(1L)));

        List<Rejected> dead = deadLetters();
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.getResultCode()).isEqualTo(ResultCode.PARSE_ERROR.code());
            assertThat(r.getResultName()).isEqualTo("PARSE_ERROR");
            assertThat(r.getSourcePartition()).isZero();
        });
        assertThat(dead.get(0).getSourceOffset()).isZero();
        assertThat(dead.get(0).getPayload()).isEqualTo(ByteBuffer.wrap("not avro".getBytes()));
        assertThat(dead.get(1).getPayload()).isNull();
        assertThat(stored(key)).isNotNull();
        assertThat(changes()).hasSize(1);
        assertThat(counted("aerolog.commands.rejected", ResultCode.PARSE_ERROR)).isEqualTo(2);
    }

    @Test
    void aCommandOfAnotherNamespaceIsADeadLetterAndItsWaiterIsAnswered() throws Exception {
        Key other = Key.of("other", "s", "x");
        CompletableFuture<AppliedWrite> answer = waiters.register("r-ns");
        commands.pipeInput(other.digest().bytes(), AvroCodec.encodeCommand(new Command("r-ns", "node-1", other,
                List.of(Operation.write("a", Value.of(1L))), WritePolicy.DEFAULT, START.toEpochMilli())));
        assertThat(answer.get(5, TimeUnit.SECONDS).resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
        Rejected dead = deadLetters().get(0);
        assertThat(dead.getResultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(dead.getRequestId()).isEqualTo("r-ns");
        assertThat(dead.getReason()).contains("namespace 'other'");
        assertThat(stored(Key.of("test", "s", "x"))).isNull();
        assertThat(records.get(Bytes.wrap(other.digest().bytes()))).isNull();
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aCommandOnAnotherPartitionIsADeadLetter() {
        Key elsewhere = keyOn(3, 0);
        pipe(write(elsewhere, START.toEpochMilli(), "a", Value.of(1L)));
        Rejected dead = deadLetters().get(0);
        assertThat(dead.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(dead.getReason()).contains("for Kafka partition 3 arrived on partition 0");
        assertThat(stored(elsewhere)).isNull();
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aCommandWhoseKafkaKeyIsNotItsDigestIsADeadLetter() {
        Key key = key(0);
        commands.pipeInput(key(1).digest().bytes(), AvroCodec.encodeCommand(write(key, START.toEpochMilli(), "a",
                Value.of(1L))));
        Rejected dead = deadLetters().get(0);
        assertThat(dead.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(dead.getReason()).contains("Kafka record key must be the command's 20-byte digest");
        assertThat(stored(key)).isNull();
        assertThat(stored(key(1))).isNull();
    }

    @Test
    void aRefusedFireAndForgetCommandIsADeadLetterAndARefusedRequestIsAnsweredInstead() throws Exception {
        Key key = key(0);
        long t = START.toEpochMilli();
        pipe(write(key, t, "s", Value.of("text")));
        pipe(Command.of(key, WritePolicy.DEFAULT, t + 1, Operation.add("s", Value.of(1L))));
        CompletableFuture<AppliedWrite> answer = waiters.register("r-2");
        pipe(new Command("r-2", "node-1", key, List.of(Operation.add("s", Value.of(1L))), WritePolicy.DEFAULT, t + 2));

        List<Rejected> dead = deadLetters();
        assertThat(dead).as("only the fire-and-forget one").hasSize(1);
        assertThat(dead.get(0).getResultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR.code());
        assertThat(dead.get(0).getSourceOffset()).isEqualTo(1);
        assertThat(dead.get(0).getRequestId()).isNull();
        assertThat(answer.get(5, TimeUnit.SECONDS).resultCode()).isEqualTo(ResultCode.BIN_TYPE_ERROR);
        assertThat(answer.get().token()).isEqualTo(new ConsistencyToken(0, 2));
        assertThat(stored(key).generation()).as("refusals change nothing").isEqualTo(1);
        assertThat(changes()).hasSize(1);
    }

    /**
     * A list nested 3,000 deep (far past what a bin may hold and what a decoder should follow) is a dead letter with
     * PARAMETER_ERROR, whichever of the decoder and the engine refuses it, and the partition goes on.
     */
    @Test
    void aCommandNested3000DeepIsADeadLetterAndTheNextCommandStillApplies() throws Exception {
        Key key = key(0);
        byte[] deep = encodedInABigStack(write(key, START.toEpochMilli(), "deep", nestedLists(3_000)));
        commands.pipeInput(key.digest().bytes(), deep);
        pipe(write(key, START.toEpochMilli() + 1, "a", Value.of(1L)));

        List<Rejected> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(dead.get(0).getSourceOffset()).isZero();
        assertThat(dead.get(0).getReason()).contains("levels deep");
        assertThat(stored(key).bins()).containsOnlyKeys("a");
        assertThat(stored(key).generation()).isEqualTo(1);
        assertThat(changes()).hasSize(1);
    }

    @Test
    void theWallClockPunctuatorExpiresARecordAndPublishesExpire() {
        Key key = key(0);
        Key lasting = key(1);
        long t = START.toEpochMilli();
        pipe(Command.of(key, WritePolicy.DEFAULT.withExpiration(2), t, Operation.write("a", Value.of(1L))));
        pipe(Command.of(lasting, WritePolicy.DEFAULT.withExpiration(60), t, Operation.write("a", Value.of(1L))));
        assertThat(changes()).hasSize(2);

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(stored(key)).as("not yet due").isNotNull();
        assertThat(changes.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(stored(key)).as("expired and removed").isNull();
        assertThat(stored(lasting)).isNotNull();
        List<Change> expired = changes();
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).kind()).isEqualTo(ChangeKind.EXPIRE);
        assertThat(expired.get(0).digest()).isEqualTo(key.digest());
        assertThat(expired.get(0).voidTimeMillis()).isEqualTo(t + 2_000);
        assertThat(expired.get(0).bins()).isEmpty();
        assertThat(expiry.get(expiryEntry(t + 2_000, key))).as("its index entry is gone").isNull();
        assertThat(registry.find("aerolog.records.expired").counter().count()).isEqualTo(1);

        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(changes.isEmpty()).as("expired once").isTrue();
    }

    @Test
    void aRecordRewrittenBeforeItsOldVoidTimeIsNotExpiredByItsOldIndexEntry() {
        Key key = key(0);
        long t = START.toEpochMilli();
        pipe(Command.of(key, WritePolicy.DEFAULT.withExpiration(2), t, Operation.write("a", Value.of(1L))));
        pipe(Command.of(key, WritePolicy.DEFAULT.withExpiration(-1), t + 1, Operation.write("a", Value.of(2L))));
        changes.readRecordsToList();
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(stored(key).bins().get("a")).isEqualTo(Value.of(2L));
        assertThat(changes.isEmpty()).isTrue();
    }

    /**
     * {@link Waiters#whenApplied}: a wait for an offset not yet applied completes exactly when its command is
     * applied (and not before), one for an applied offset at once, and a wait that gave up is dropped.
     */
    @Test
    void waitsForOffsetsCompleteWhenTheirCommandIsAppliedAndNotBefore() throws Exception {
        Key key = key(0);
        long t = START.toEpochMilli();
        CompletableFuture<Void> second = waiters.whenApplied(0, 1);
        CompletableFuture<Void> third = waiters.whenApplied(0, 2);
        CompletableFuture<Void> abandoned = waiters.whenApplied(0, 5).orTimeout(1, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> otherPartition = waiters.whenApplied(1, 0);
        assertThat(waiters.appliedOffset(0)).isEqualTo(-1);

        pipe(write(key, t, "a", Value.of(1L)));
        assertThat(waiters.appliedOffset(0)).isZero();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();

        pipe(write(key, t + 1, "a", Value.of(2L)));
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(waiters.whenApplied(0, 0)).as("an applied offset: at once").isCompleted();
        assertThat(waiters.whenApplied(0, 1)).isCompleted();

        AtomicReference<Throwable> gaveUp = new AtomicReference<>();
        abandoned.whenComplete((v, e) -> gaveUp.set(e)).exceptionally(e -> null).get(5, TimeUnit.SECONDS);
        assertThat(gaveUp.get()).isInstanceOf(TimeoutException.class);
        // the waiters drop it in their own callback on the future, which may run just after this test's
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiters.offsetWaits() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(waiters.offsetWaits()).as("the abandoned wait is dropped; offset 2 and partition 1 wait")
                .isEqualTo(2);

        commands.pipeInput(new byte[] {9}, new byte[] {9});
        assertThat(third).as("a dead letter is applied too: its offset is passed").isCompleted();
        assertThat(otherPartition).isNotDone();
        assertThat(waiters.offsetWaits()).isEqualTo(1);
    }

    /**
     * A task closed dirty (fenced after its transaction timed out) starts again on the same node with its store
     * restored to its last commit: the commands it applied after that commit are applied again, and until then
     * a read must wait. What the node applied before must not count (it once did: reads right after the restart
     * found acknowledged records missing).
     */
    @Test
    void aTaskThatStartsAgainOnAStoreRestoredToLessWaitsForWhatItAppliesAgain() throws Exception {
        long t = START.toEpochMilli();
        for (int i = 0; i < 3; i++) {
            pipe(write(key(i), t + i, "a", Value.of((long) i)));
        }
        assertThat(waiters.appliedOffset(0)).isEqualTo(2);
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(f -> !f.equals(stateDir))
                    .forEach(f -> f.toFile().delete());
        }
        open();

        assertThat(waiters.appliedOffset(0)).as("the new store holds nothing of the log").isEqualTo(-1);
        CompletableFuture<Void> caughtUp = waiters.whenApplied(0, 2);
        assertThat(caughtUp).as("offset 2 is not in the new store yet").isNotDone();
        assertThat(stored(key(2))).isNull();
        for (int i = 0; i < 3; i++) {
            pipe(write(key(i), t + i, "a", Value.of((long) i)));
        }
        assertThat(caughtUp).isCompleted();
        assertThat(stored(key(2))).isNotNull();
    }

    @Test
    void aWriteAnswerCarriesEveryOperationsResultInOrder() throws Exception {
        Key key = key(0);
        long t = START.toEpochMilli();
        pipe(write(key, t, "n", Value.of(1L)));
        CompletableFuture<AppliedWrite> answer = waiters.register("r-ops");
        pipe(new Command("r-ops", "node-1", key, List.of(Operation.add("n", Value.of(2L)), Operation.read("n"),
                Operation.append("s", Value.of("x")), Operation.read("s"), Operation.readHeader()),
                WritePolicy.DEFAULT, t + 1));
        AppliedWrite applied = answer.get(5, TimeUnit.SECONDS);
        assertThat(applied.results()).containsExactly(new OpResult("n", null), new OpResult("n", Value.of(3L)),
                new OpResult("s", null), new OpResult("s", Value.of("x")), new OpResult(null, null));
        assertThat(applied.reads()).containsExactly(java.util.Map.entry("n", Value.of(3L)),
                java.util.Map.entry("s", Value.of("x")));
        assertThat(applied.generation()).isEqualTo(2);
        assertThat(applied.token()).isEqualTo(new ConsistencyToken(0, 1));
    }

    @Test
    void anUnknownRequestIdAnswersNobodyAndHarmsNothing() {
        Key key = key(0);
        pipe(new Command("nobody-waits", "node-2", key, List.of(Operation.write("a", Value.of(1L))),
                WritePolicy.DEFAULT, START.toEpochMilli()));
        assertThat(stored(key)).isNotNull();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(waiters.pendingWrites()).isZero();
    }

    private static Bytes expiryEntry(long voidTime, Key key) {
        return Bytes.wrap(ByteBuffer.allocate(8 + 20).putLong(voidTime).put(key.digest().bytes()).array());
    }

    private static Value nestedLists(int depth) {
        Value v = Value.of(1L);
        for (int i = 0; i < depth; i++) {
            v = Value.ofList(List.of(v));
        }
        return v;
    }

    /** Encodes a deeply nested command on a thread with room for the encoder's recursion. */
    private static byte[] encodedInABigStack(Command c) throws Exception {
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                out.complete(AvroCodec.encodeCommand(c));
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        }, "deep-encoder", 256L << 20);
        t.start();
        return out.get(60, TimeUnit.SECONDS);
    }
}
