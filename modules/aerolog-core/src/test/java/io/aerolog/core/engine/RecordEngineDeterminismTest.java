package io.aerolog.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.CoreArbitraries;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Replaying a command log from scratch gives the same records and the same outcomes, byte for byte:
 * the engine reads nothing but its arguments.
 */
class RecordEngineDeterminismTest {
    private static final NamespaceConfig NS = NamespaceConfig.defaults("test").withDefaultTtlSeconds(30)
            .withMaxRecordSize(600);
    private static final List<Key> KEYS = List.of(Key.of("test", "s", "a"), Key.of("test", "s", 2L),
            Key.of("test", "", new byte[] {3}), Key.ofDigest("test", "s", Key.of("test", "s", "a").digest()));

    /** A log entry: which key, what to do, and how much later than the previous command. */
    record Step(int key, List<Operation> operations, WritePolicy policy, long delayMillis) {
    }

    @Provide
    Arbitrary<List<Step>> logs() {
        Arbitrary<Value> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-5, 5).map(Value::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0.5, -1.25, Double.NaN).map(Value::of)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("x", "yz", "").map(Value::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(new byte[] {1}, new byte[0]).map(Value::of)),
                net.jqwik.api.Tuple.of(1, CoreArbitraries.values(2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Value.of(new byte[300]))));
        Arbitrary<String> bins = Arbitraries.of("a", "b", "c", "much_too_long_bin").injectNull(0.05);
        Arbitrary<Operation> ops = Combinators.combine(Arbitraries.of(OperationType.WRITE, OperationType.DELETE_BIN, OperationType.ADD,
                        OperationType.APPEND, OperationType.PREPEND, OperationType.TOUCH, OperationType.READ,
                        OperationType.READ_HEADER, OperationType.DELETE), bins,
                values.injectNull(0.05)).as(Operation::new);
        Arbitrary<WritePolicy> policies = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(WritePolicy.DEFAULT)),
                net.jqwik.api.Tuple.of(2, CoreArbitraries.policies()
                        .map(p -> p.withExpiration(Math.floorMod(p.expiration(), 60) - 3)
                                .withGeneration(p.generationPolicy(), Math.floorMod(p.generation(), 8)))));
        Arbitrary<Step> steps = Combinators.combine(Arbitraries.integers().between(0, KEYS.size() - 1),
                ops.list().ofMinSize(1).ofMaxSize(4), policies,
                Arbitraries.longs().between(0, 20_000)).as(Step::new);
        return steps.list().ofMaxSize(60);
    }

    /** The log as a producer writes it, with times; commands go through their bytes, as replay reads them. */
    private static List<byte[]> encodeLog(List<Step> steps) {
        List<byte[]> log = new ArrayList<>();
        long time = 1_700_000_000_000L;
        for (Step s : steps) {
            time += s.delayMillis();
            Command c = new Command("r" + log.size(), "node-1", KEYS.get(s.key()), s.operations(), s.policy(), time);
            log.add(AvroCodec.encodeCommand(c));
        }
        return log;
    }

    /** The result of one replay: final store (digest hex -> encoded record) and every outcome's bytes. */
    record Replay(Map<String, byte[]> store, List<byte[]> outcomes, int writes, int deletes, int refusals) {
    }

    private static Replay replay(List<byte[]> log) {
        Map<Digest, Record> store = new LinkedHashMap<>();
        List<byte[]> outcomes = new ArrayList<>();
        int writes = 0;
        int deletes = 0;
        int refusals = 0;
        for (int offset = 0; offset < log.size(); offset++) {
            Command c = AvroCodec.decodeCommand(log.get(offset));
            Digest d = c.key().digest();
            Outcome o = RecordEngine.apply(store.get(d), c, NS);
            switch (o.effect()) {
                case WRITE -> {
                    store.put(d, o.record());
                    writes++;
                }
                case DELETE -> {
                    store.remove(d);
                    deletes++;
                }
                case NONE -> refusals += o.isOk() ? 0 : 1;
            }
            outcomes.add(encodeOutcome(o, d, offset));
            checkInvariants(o, c);
        }
        Map<String, byte[]> encodedStore = new TreeMap<>();
        store.forEach((d, r) -> encodedStore.put(d.toHex(), AvroCodec.encodeRecord(r)));
        return new Replay(encodedStore, outcomes, writes, deletes, refusals);
    }

    private static void checkInvariants(Outcome o, Command c) {
        if (!o.isOk()) {
            assertThat(o.effect()).isEqualTo(Effect.NONE);
            assertThat(o.record()).isNull();
            assertThat(o.change()).isNull();
        }
        if (o.effect() == Effect.WRITE) {
            assertThat(o.record().bins()).isNotEmpty();
            assertThat(o.record().generation()).isBetween(1, RecordEngine.MAX_GENERATION);
            assertThat(o.record().lastUpdateMillis()).isEqualTo(c.timeMillis());
            assertThat(o.record().estimatedSize()).isLessThanOrEqualTo(NS.maxRecordSize());
            assertThat(o.change()).isEqualTo(ChangeKind.WRITE);
        }
        if (o.effect() == Effect.DELETE) {
            assertThat(o.change()).isEqualTo(ChangeKind.DELETE);
        }
    }

    /** An outcome as bytes: code, effect, message, reads, record and the change it publishes. */
    private static byte[] encodeOutcome(Outcome o, Digest d, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = o.resultCode() + "|" + o.effect() + "|" + o.change() + "|" + o.message() + "|";
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(AvroCodec.encodeRecord(new Record("", null, o.reads(), 0, 0, 0)));
        if (o.record() != null) {
            out.writeBytes(AvroCodec.encodeRecord(o.record()));
        }
        if (o.change() != null) {
            out.writeBytes(AvroCodec.encodeChange(Change.of("test", d, o.change(), o.record(), 0, offset)));
        }
        return out.toByteArray();
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void replayingTheLogTwiceGivesTheSameStateAndOutcomes(@ForAll("logs") List<Step> steps) {
        List<byte[]> log = encodeLog(steps);
        Replay first = replay(log);
        Replay second = replay(encodeLog(steps));

        assertThat(second.outcomes()).hasSameSizeAs(first.outcomes());
        for (int i = 0; i < first.outcomes().size(); i++) {
            assertThat(second.outcomes().get(i)).as("outcome %d", i).isEqualTo(first.outcomes().get(i));
        }
        assertThat(second.store().keySet()).containsExactlyElementsOf(first.store().keySet());
        first.store().forEach((digest, bytes) -> assertThat(second.store().get(digest)).isEqualTo(bytes));
        assertThat(second.writes()).isEqualTo(first.writes());
        assertThat(second.deletes()).isEqualTo(first.deletes());
        assertThat(second.refusals()).isEqualTo(first.refusals());
        // the generated logs must exercise every effect, or the property proves little
        Statistics.label("writes").collect(first.writes() > 0)
                .coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("refusals").collect(first.refusals() > 0)
                .coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("deletes").collect(first.deletes() > 0)
                .coverage(c -> c.check(true).percentage(p -> p > 10));
    }
}
