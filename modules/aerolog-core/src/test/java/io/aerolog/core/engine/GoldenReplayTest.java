package io.aerolog.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Command;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's golden replay: a committed command log ({@code golden/replay/commands.bin}, Avro-encoded commands at
 * fixed times in March 2024) replayed through {@link RecordEngine#apply} gives, byte for byte, the committed answers
 * ({@code answers.txt}) and final store ({@code store.txt}). A change of any answer, of a record's bytes, or of how an
 * old command decodes fails here; {@link GoldenLog#main} writes the files again when a change is intended.
 */
class GoldenReplayTest {
    private static final String HOW_TO_REGENERATE = "the engine's answers to the golden log changed; if that is"
            + " intended, run GoldenLog.main and review the diff of answers.txt (see its Javadoc)";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenReplayTest.class.getResourceAsStream("/" + GoldenLog.RESOURCE_DIR + "/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<byte[]> committedLog() throws IOException {
        try (InputStream in = GoldenReplayTest.class.getResourceAsStream("/" + GoldenLog.RESOURCE_DIR + "/commands.bin")) {
            assertThat(in).isNotNull();
            return GoldenReplay.unframe(in);
        }
    }

    @Test
    void theGoldenLogReplaysToTheGoldenAnswersAndStoreByteForByte() throws IOException {
        GoldenReplay.Replay replay = GoldenReplay.replay(committedLog(), GoldenReplay.Timing.COMMAND_TIME);
        String answers = new String(resource("answers.txt"), StandardCharsets.UTF_8);
        String store = new String(resource("store.txt"), StandardCharsets.UTF_8);
        assertThat(replay.answers().lines()).as(HOW_TO_REGENERATE).containsExactlyElementsOf(answers.lines().toList());
        assertThat(replay.store().lines()).as(HOW_TO_REGENERATE).containsExactlyElementsOf(store.lines().toList());
        assertThat(replay.answers().getBytes(StandardCharsets.UTF_8)).isEqualTo(resource("answers.txt"));
        assertThat(replay.store().getBytes(StandardCharsets.UTF_8)).isEqualTo(resource("store.txt"));
    }

    @Test
    void replayingTwiceGivesTheSameBytes() throws IOException {
        GoldenReplay.Replay first = GoldenReplay.replay(committedLog(), GoldenReplay.Timing.COMMAND_TIME);
        GoldenReplay.Replay second = GoldenReplay.replay(committedLog(), GoldenReplay.Timing.COMMAND_TIME);
        assertThat(second.answers()).isEqualTo(first.answers());
        assertThat(second.store()).isEqualTo(first.store());
    }

    /** The committed log is the generator's: what {@link GoldenLog#commands} says is what the test replays. */
    @Test
    void theCommittedLogDecodesToTheGeneratorsCommands() throws IOException {
        List<byte[]> log = committedLog();
        List<Command> generated = GoldenLog.commands();
        assertThat(log).hasSameSizeAs(generated);
        for (int i = 0; i < log.size(); i++) {
            assertThat(AvroCodec.decodeCommand(log.get(i))).as("command %d", i).isEqualTo(generated.get(i));
        }
    }

    @Test
    void theLogCoversEveryOperationFamilyPolicyAndRefusal() throws IOException {
        List<byte[]> log = committedLog();
        GoldenReplay.Replay replay = GoldenReplay.replay(log, GoldenReplay.Timing.COMMAND_TIME);
        Set<OperationType> types = EnumSet.noneOf(OperationType.class);
        Set<RecordExistsAction> actions = EnumSet.noneOf(RecordExistsAction.class);
        Set<GenerationPolicy> generations = EnumSet.noneOf(GenerationPolicy.class);
        Set<String> expirations = new java.util.TreeSet<>();
        int filters = 0;
        boolean durable = false;
        boolean sendKey = false;
        for (byte[] bytes : log) {
            Command c = AvroCodec.decodeCommand(bytes);
            c.operations().stream().map(Operation::type).forEach(types::add);
            WritePolicy p = c.policy();
            actions.add(p.recordExistsAction());
            generations.add(p.generationPolicy());
            expirations.add(switch (p.expiration()) {
                case WritePolicy.TTL_DONT_UPDATE -> "keep";
                case WritePolicy.TTL_NEVER_EXPIRE -> "never";
                case WritePolicy.TTL_NAMESPACE_DEFAULT -> "default";
                default -> p.expiration() < 0 ? "invalid" : p.expiration() > RecordEngine.MAX_TTL_SECONDS
                        ? "over ten years" : "seconds";
            });
            filters += c.filter() == null ? 0 : 1;
            durable |= p.durableDelete();
            sendKey |= p.sendKey();
        }
        // every family but UDF calls, which came with Command v3 after the log was written (its bytes are v2's, so
        // it also keeps the codec's v2 history tested); their replay from the log's bytes is UdfReplayTest's
        assertThat(types).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(OperationType.UDF)));
        assertThat(actions).containsExactlyInAnyOrder(RecordExistsAction.values());
        assertThat(generations).containsExactlyInAnyOrder(GenerationPolicy.values());
        assertThat(expirations).containsExactlyInAnyOrder("keep", "never", "default", "invalid", "over ten years",
                "seconds");
        assertThat(filters).isGreaterThanOrEqualTo(8);
        assertThat(durable).isTrue();
        assertThat(sendKey).isTrue();

        Set<ResultCode> codes = EnumSet.noneOf(ResultCode.class);
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        for (Outcome o : replay.outcomes()) {
            codes.add(o.resultCode());
            effects.add(o.effect());
        }
        assertThat(codes).contains(ResultCode.OK, ResultCode.KEY_NOT_FOUND_ERROR, ResultCode.KEY_EXISTS_ERROR,
                ResultCode.GENERATION_ERROR, ResultCode.PARAMETER_ERROR, ResultCode.BIN_TYPE_ERROR,
                ResultCode.BIN_NAME_TOO_LONG, ResultCode.RECORD_TOO_BIG, ResultCode.FILTERED_OUT,
                ResultCode.OP_NOT_APPLICABLE, ResultCode.ELEMENT_EXISTS, ResultCode.BIN_EXISTS_ERROR);
        assertThat(effects).containsExactlyInAnyOrder(Effect.values());
        assertThat(replay.records()).as("the final store holds records of several keys").hasSizeGreaterThanOrEqualTo(6);
    }

    /**
     * Each record is alive at the time of the command that wrote it and long expired at today's wall clock, so an
     * engine that consulted the wall clock would see none of them.
     */
    @Test
    void everyRecordIsAliveAtItsCommandsTimeAndExpiredAtTodaysWallClock() throws IOException {
        List<byte[]> log = committedLog();
        GoldenReplay.Replay replay = GoldenReplay.replay(log, GoldenReplay.Timing.COMMAND_TIME);
        long now = System.currentTimeMillis();
        int expiring = 0;
        for (int i = 0; i < log.size(); i++) {
            Command c = AvroCodec.decodeCommand(log.get(i));
            assertThat(c.timeMillis()).as("command %d is in the past", i)
                    .isBetween(GoldenLog.T0, now - TimeUnit.DAYS.toMillis(2));
            Outcome o = replay.outcomes().get(i);
            if (o.effect() == Effect.WRITE && o.record().voidTimeMillis() != 0) {
                expiring++;
                assertThat(o.record().isExpiredAt(c.timeMillis())).as("command %d's record is alive then", i).isFalse();
                assertThat(o.record().isExpiredAt(now)).as("command %d's record is expired now", i).isTrue();
            }
        }
        assertThat(expiring).isGreaterThan(30);
        for (Record r : replay.records().values()) {
            assertThat(r.voidTimeMillis() == 0 || r.isExpiredAt(now)).as("%s", r).isTrue();
        }
    }

    /**
     * The comparison catches an engine that reads the wall clock: one that takes it as every command's time, and one
     * that writes at the command's time but judges a stored record's expiry by it. Neither replays to the golden
     * answers, and the first lines that differ are those where time matters.
     */
    @Test
    void anEngineThatReadTheWallClockFailsTheComparison() throws IOException {
        String golden = new String(resource("answers.txt"), StandardCharsets.UTF_8);
        for (GoldenReplay.Timing wrong : new GoldenReplay.Timing[] {GoldenReplay.Timing.WALL_CLOCK,
                GoldenReplay.Timing.WALL_CLOCK_EXPIRY}) {
            GoldenReplay.Replay replay = GoldenReplay.replay(committedLog(), wrong);
            assertThat(replay.answers()).as("%s", wrong).isNotEqualTo(golden);
            assertThat(replay.store()).as("%s", wrong)
                    .isNotEqualTo(new String(resource("store.txt"), StandardCharsets.UTF_8));
            List<String> differing = new ArrayList<>();
            List<String> expected = golden.lines().toList();
            List<String> actual = replay.answers().lines().toList();
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    differing.add(expected.get(i).substring(0, 3));
                }
            }
            assertThat(differing).as("%s: answers that differ", wrong).hasSizeGreaterThan(10);
        }
        List<String> expiryOnly = GoldenReplay.replay(committedLog(), GoldenReplay.Timing.WALL_CLOCK_EXPIRY).answers()
                .lines().toList();
        assertThat(expiryOnly.get(1)).as("the second write finds the first expired: it creates again")
                .contains(" gen=1 ");
        assertThat(golden.lines().toList().get(1)).contains(" gen=2 ");
    }
}
