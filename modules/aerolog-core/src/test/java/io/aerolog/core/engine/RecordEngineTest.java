package io.aerolog.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record engine against Aerospike's single-record semantics. The clock is the command's time,
 * fixed at {@link #NOW}: no sleeps and no wall clock.
 */
class RecordEngineTest {
    static final long NOW = 1_700_000_000_000L;
    static final NamespaceConfig NS = NamespaceConfig.defaults("test");
    static final Key KEY = Key.of("test", "s", "k");
    static final int GEN = 5;
    static final long FUTURE_VOID = NOW + 100_000;

    // ---------------------------------------------------------------- helpers

    static Map<String, Value> bins(Object... nameValue) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Value) nameValue[i + 1]);
        }
        return m;
    }

    static Record present(Map<String, Value> bins) {
        return new Record("s", null, bins, GEN, FUTURE_VOID, NOW - 10_000);
    }

    static Record present() {
        return present(bins("a", Value.of(1L), "b", Value.of("x")));
    }

    static Outcome apply(Record current, Operation... ops) {
        return apply(current, WritePolicy.DEFAULT, ops);
    }

    static Outcome apply(Record current, WritePolicy policy, Operation... ops) {
        return RecordEngine.apply(current, Command.of(KEY, policy, NOW, ops), NS);
    }

    static void assertRefused(Outcome o, ResultCode code) {
        assertThat(o.resultCode()).as(o.message()).isEqualTo(code);
        assertThat(o.isOk()).isFalse();
        assertThat(o.effect()).isEqualTo(Effect.NONE);
        assertThat(o.record()).isNull();
        assertThat(o.change()).isNull();
        assertThat(o.message()).isNotBlank();
    }

    static void assertWritten(Outcome o, Map<String, Value> expectedBins, int expectedGeneration) {
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.WRITE);
        assertThat(o.change()).isEqualTo(ChangeKind.WRITE);
        assertThat(o.record().bins()).containsExactlyInAnyOrderEntriesOf(expectedBins);
        assertThat(o.record().generation()).isEqualTo(expectedGeneration);
        assertThat(o.generation()).isEqualTo(expectedGeneration);
        assertThat(o.record().lastUpdateMillis()).isEqualTo(NOW);
    }

    // ---------------------------------------------------------------- exists action x generation x state

    enum State { ABSENT, PRESENT, EXPIRED, EXPIRED_EXACTLY_NOW }

    enum GenCase {
        NONE(GenerationPolicy.NONE, 0, true),
        EQUAL_ZERO(GenerationPolicy.EXPECT_GEN_EQUAL, 0, false),
        EQUAL_MATCHING(GenerationPolicy.EXPECT_GEN_EQUAL, GEN, true),
        EQUAL_LOWER(GenerationPolicy.EXPECT_GEN_EQUAL, GEN - 1, false),
        EQUAL_HIGHER(GenerationPolicy.EXPECT_GEN_EQUAL, GEN + 1, false),
        GT_GREATER(GenerationPolicy.EXPECT_GEN_GT, GEN + 1, true),
        GT_MUCH_GREATER(GenerationPolicy.EXPECT_GEN_GT, GEN + 100, true),
        GT_EQUAL(GenerationPolicy.EXPECT_GEN_GT, GEN, false),
        GT_LOWER(GenerationPolicy.EXPECT_GEN_GT, GEN - 1, false);

        final GenerationPolicy policy;
        final int generation;
        final boolean passesOnPresent;

        GenCase(GenerationPolicy policy, int generation, boolean passesOnPresent) {
            this.policy = policy;
            this.generation = generation;
            this.passesOnPresent = passesOnPresent;
        }

        /** Aerospike's generation_check against a record being created, whose generation is 0. */
        boolean passesOnAbsent() {
            return switch (policy) {
                case NONE -> true;
                case EXPECT_GEN_EQUAL -> generation == 0;
                case EXPECT_GEN_GT -> generation > 0;
            };
        }
    }

    static Record recordIn(State state) {
        Map<String, Value> old = bins("a", Value.of(1L), "b", Value.of("x"));
        return switch (state) {
            case ABSENT -> null;
            case PRESENT -> present(old);
            case EXPIRED -> new Record("s", null, old, GEN, NOW - 1, NOW - 10_000);
            case EXPIRED_EXACTLY_NOW -> new Record("s", null, old, GEN, NOW, NOW - 10_000);
        };
    }

    static Stream<Arguments> policyMatrix() {
        List<Arguments> all = new ArrayList<>();
        for (RecordExistsAction action : RecordExistsAction.values()) {
            for (GenCase gen : GenCase.values()) {
                for (State state : State.values()) {
                    all.add(Arguments.of(action, gen, state));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} on {2}")
    @MethodSource("policyMatrix")
    void existsActionAndGenerationPolicy(RecordExistsAction action, GenCase gen, State state) {
        WritePolicy policy = WritePolicy.DEFAULT.withRecordExistsAction(action).withGeneration(gen.policy, gen.generation);
        Outcome o = apply(recordIn(state), policy, Operation.write("a", Value.of(100L)),
                Operation.write("c", Value.of("new")));

        boolean exists = state == State.PRESENT;
        boolean requiresRecord = action == RecordExistsAction.UPDATE_ONLY || action == RecordExistsAction.REPLACE_ONLY;
        boolean merges = action == RecordExistsAction.UPDATE || action == RecordExistsAction.UPDATE_ONLY;
        if (!exists && requiresRecord) {
            assertRefused(o, ResultCode.KEY_NOT_FOUND_ERROR);
        } else if (exists && action == RecordExistsAction.CREATE_ONLY) {
            assertRefused(o, ResultCode.KEY_EXISTS_ERROR);
        } else if (exists && !gen.passesOnPresent) {
            assertRefused(o, ResultCode.GENERATION_ERROR);
        } else if (exists) {
            Map<String, Value> expected = merges
                    ? bins("a", Value.of(100L), "b", Value.of("x"), "c", Value.of("new"))
                    : bins("a", Value.of(100L), "c", Value.of("new"));
            assertWritten(o, expected, GEN + 1);
        } else if (!gen.passesOnAbsent()) {
            // write_master checks a record it creates (or rescues from expiry) against generation 0
            assertRefused(o, ResultCode.GENERATION_ERROR);
        } else {
            assertWritten(o, bins("a", Value.of(100L), "c", Value.of("new")), 1);
        }
    }

    @Test
    void refusedCodesAreAerospikesNumbers() {
        assertThat(ResultCode.KEY_NOT_FOUND_ERROR.code()).isEqualTo(2);
        assertThat(ResultCode.GENERATION_ERROR.code()).isEqualTo(3);
        assertThat(ResultCode.KEY_EXISTS_ERROR.code()).isEqualTo(5);
    }

    @Test
    void generationCheckAppliesToDelete() {
        assertRefused(apply(present(), WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, GEN - 1),
                Operation.delete()), ResultCode.GENERATION_ERROR);
        Outcome ok = apply(present(), WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, GEN),
                Operation.delete());
        assertThat(ok.effect()).isEqualTo(Effect.DELETE);
    }

    // ---------------------------------------------------------------- WRITE and DELETE_BIN

    static Stream<Value> nonNilValues() {
        return Stream.of(Value.of(true), Value.of(-7L), Value.of(2.5), Value.of("str"), Value.of(new byte[] {1, 2}),
                Value.ofList(List.of(Value.of(1L), Value.of("two"))),
                Value.ofMap(Map.of(Value.of("k"), Value.of(1L))),
                Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[1,2]}"));
    }

    @ParameterizedTest
    @MethodSource("nonNilValues")
    void writeOfEachTypeCreatesAndOverwrites(Value value) {
        assertWritten(apply(null, Operation.write("v", value)), bins("v", value), 1);
        assertWritten(apply(present(), Operation.write("a", value)), bins("a", value, "b", Value.of("x")), GEN + 1);
    }

    @Test
    void writeOfNilDeletesTheBin() {
        assertWritten(apply(present(), Operation.write("a", Value.NIL)), bins("b", Value.of("x")), GEN + 1);
        assertWritten(apply(present(), Operation.write("zz", Value.NIL)),
                bins("a", Value.of(1L), "b", Value.of("x")), GEN + 1);
    }

    @Test
    void deleteBin() {
        assertWritten(apply(present(), Operation.deleteBin("b")), bins("a", Value.of(1L)), GEN + 1);
    }

    @Test
    void deletingTheLastBinDeletesTheRecord() {
        Record one = present(bins("a", Value.of(1L)));
        for (Operation op : List.of(Operation.deleteBin("a"), Operation.write("a", Value.NIL))) {
            Outcome o = apply(one, op);
            assertThat(o.resultCode()).isEqualTo(ResultCode.OK);
            assertThat(o.effect()).isEqualTo(Effect.DELETE);
            assertThat(o.change()).isEqualTo(ChangeKind.DELETE);
            assertThat(o.record().bins()).isEmpty();
        }
        Outcome both = apply(present(), Operation.deleteBin("a"), Operation.deleteBin("b"));
        assertThat(both.effect()).isEqualTo(Effect.DELETE);
    }

    @Test
    void missingBinNameOrValueIsAParameterError() {
        assertRefused(apply(present(), Operation.write("", Value.of(1L))), ResultCode.PARAMETER_ERROR);
        assertRefused(apply(present(), Operation.write(null, Value.of(1L))), ResultCode.PARAMETER_ERROR);
        assertRefused(apply(present(), Operation.write("a", null)), ResultCode.PARAMETER_ERROR);
        assertRefused(apply(present()), ResultCode.PARAMETER_ERROR);
    }

    // ---------------------------------------------------------------- ADD

    @Test
    void addIntegerToInteger() {
        assertWritten(apply(present(), Operation.add("a", Value.of(41L))), bins("a", Value.of(42L), "b", Value.of("x")),
                GEN + 1);
        assertWritten(apply(present(), Operation.add("a", Value.of(-3L))), bins("a", Value.of(-2L), "b", Value.of("x")),
                GEN + 1);
    }

    @Test
    void addDoubleToDouble() {
        Record r = present(bins("d", Value.of(1.5)));
        assertWritten(apply(r, Operation.add("d", Value.of(2.25))), bins("d", Value.of(3.75)), GEN + 1);
    }

    @Test
    void addOnAnAbsentBinOrRecordCreatesIt() {
        assertWritten(apply(present(), Operation.add("n", Value.of(7L))),
                bins("a", Value.of(1L), "b", Value.of("x"), "n", Value.of(7L)), GEN + 1);
        assertWritten(apply(null, Operation.add("n", Value.of(7L))), bins("n", Value.of(7L)), 1);
        assertWritten(apply(null, Operation.add("d", Value.of(0.5))), bins("d", Value.of(0.5)), 1);
    }

    @ParameterizedTest
    @MethodSource("nonNumericBinValues")
    void addOnANonNumericBinIsABinTypeError(Value binValue) {
        Record r = present(bins("a", binValue));
        assertRefused(apply(r, Operation.add("a", Value.of(1L))), ResultCode.BIN_TYPE_ERROR);
        assertRefused(apply(r, Operation.add("a", Value.of(1.0))), ResultCode.BIN_TYPE_ERROR);
    }

    static Stream<Value> nonNumericBinValues() {
        return Stream.of(Value.of("s"), Value.of(new byte[] {1}), Value.of(true), Value.ofList(List.of()),
                Value.ofMap(Map.of()), Value.ofGeoJson("{}"));
    }

    @Test
    void addMixingIntegerAndDoubleIsABinTypeError() {
        assertRefused(apply(present(bins("d", Value.of(1.5))), Operation.add("d", Value.of(1L))),
                ResultCode.BIN_TYPE_ERROR);
        assertRefused(apply(present(bins("i", Value.of(1L))), Operation.add("i", Value.of(1.5))),
                ResultCode.BIN_TYPE_ERROR);
        assertThat(ResultCode.BIN_TYPE_ERROR.code()).isEqualTo(12);
    }

    /**
     * Aerospike's {@code as_bin_particle_modify_from_client}: an increment of an existing integer bin by
     * another type is AS_ERR_INCOMPATIBLE_TYPE (12), while on an absent bin every operand creates the bin.
     */
    @ParameterizedTest
    @MethodSource("nonNumericBinValues")
    void addOfANonNumericValueIsABinTypeErrorOnABinAndCreatesAnAbsentOne(Value delta) {
        assertRefused(apply(present(), Operation.add("a", delta)), ResultCode.BIN_TYPE_ERROR);
        assertWritten(apply(present(), Operation.add("new", delta)),
                bins("a", Value.of(1L), "b", Value.of("x"), "new", delta), GEN + 1);
        assertRefused(apply(present(), Operation.add("a", Value.NIL)), ResultCode.PARAMETER_ERROR);
    }

    // ---------------------------------------------------------------- APPEND and PREPEND

    @Test
    void appendAndPrependStrings() {
        Record r = present(bins("s", Value.of("mid")));
        assertWritten(apply(r, Operation.append("s", Value.of("-end"))), bins("s", Value.of("mid-end")), GEN + 1);
        assertWritten(apply(r, Operation.prepend("s", Value.of("start-"))), bins("s", Value.of("start-mid")), GEN + 1);
        assertWritten(apply(r, Operation.append("s", Value.of("")), Operation.prepend("s", Value.of("é"))),
                bins("s", Value.of("émid")), GEN + 1);
    }

    @Test
    void appendAndPrependBytes() {
        Record r = present(bins("b", Value.of(new byte[] {2, 3})));
        assertWritten(apply(r, Operation.append("b", Value.of(new byte[] {4}))), bins("b", Value.of(new byte[] {2, 3, 4})),
                GEN + 1);
        assertWritten(apply(r, Operation.prepend("b", Value.of(new byte[] {0, 1}))),
                bins("b", Value.of(new byte[] {0, 1, 2, 3})), GEN + 1);
    }

    @ParameterizedTest
    @EnumSource(value = io.aerolog.core.OperationType.class, names = {"APPEND", "PREPEND"})
    void appendOrPrependOnAnAbsentBinCreatesIt(io.aerolog.core.OperationType type) {
        assertWritten(apply(null, new Operation(type, "s", Value.of("x"))), bins("s", Value.of("x")), 1);
    }

    @ParameterizedTest
    @EnumSource(value = io.aerolog.core.OperationType.class, names = {"APPEND", "PREPEND"})
    void appendOrPrependOntoAMismatchedTypeIsABinTypeError(io.aerolog.core.OperationType type) {
        assertRefused(apply(present(bins("b", Value.of(new byte[] {1}))), new Operation(type, "b", Value.of("s"))),
                ResultCode.BIN_TYPE_ERROR);
        assertRefused(apply(present(bins("s", Value.of("s"))), new Operation(type, "s", Value.of(new byte[] {1}))),
                ResultCode.BIN_TYPE_ERROR);
        assertRefused(apply(present(bins("i", Value.of(1L))), new Operation(type, "i", Value.of("s"))),
                ResultCode.BIN_TYPE_ERROR);
        assertRefused(apply(present(bins("g", Value.ofGeoJson("{}"))), new Operation(type, "g", Value.of("s"))),
                ResultCode.BIN_TYPE_ERROR);
    }

    /** As Aerospike's server: another type onto a string bin is BIN_TYPE_ERROR; onto no bin it creates the bin. */
    @ParameterizedTest
    @EnumSource(value = io.aerolog.core.OperationType.class, names = {"APPEND", "PREPEND"})
    void appendOrPrependOfANonStringValueIsABinTypeErrorOnABinAndCreatesAnAbsentOne(io.aerolog.core.OperationType type) {
        Record r = present(bins("s", Value.of("s")));
        for (Value v : List.of(Value.of(1L), Value.of(1.0), Value.of(true), Value.ofList(List.of()),
                Value.ofGeoJson("{}"))) {
            assertRefused(apply(r, new Operation(type, "s", v)), ResultCode.BIN_TYPE_ERROR);
            assertWritten(apply(r, new Operation(type, "t", v)), bins("s", Value.of("s"), "t", v), GEN + 1);
        }
        assertRefused(apply(r, new Operation(type, "s", Value.NIL)), ResultCode.PARAMETER_ERROR);
    }

    // ---------------------------------------------------------------- TOUCH

    @Test
    void touchBumpsGenerationAndResetsTtl() {
        Outcome o = apply(present(), WritePolicy.DEFAULT.withExpiration(500), Operation.touch());
        assertWritten(o, bins("a", Value.of(1L), "b", Value.of("x")), GEN + 1);
        assertThat(o.record().voidTimeMillis()).isEqualTo(NOW + 500_000);
        Outcome never = apply(present(), WritePolicy.DEFAULT.withExpiration(-1), Operation.touch());
        assertThat(never.record().voidTimeMillis()).isZero();
    }

    @Test
    void touchOfAnAbsentOrExpiredRecordIsKeyNotFound() {
        assertRefused(apply(null, Operation.touch()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(recordIn(State.EXPIRED), Operation.touch()), ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void aGenerationCheckOnAMissingRecordComparesWithZeroButADeleteAnswersNotFoundFirst() {
        WritePolicy expectFive = WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, GEN);
        assertRefused(apply(null, expectFive, Operation.touch()), ResultCode.GENERATION_ERROR);
        assertRefused(apply(null, expectFive, Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(recordIn(State.EXPIRED), expectFive, Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertWritten(apply(null, WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 0),
                Operation.write("a", Value.of(1L))), bins("a", Value.of(1L)), 1);
    }

    // ---------------------------------------------------------------- reads

    @Test
    void readOneBinAllBinsAndAMissingBin() {
        Record r = present();
        Outcome one = apply(r, Operation.read("b"));
        assertThat(one.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(one.reads()).containsExactly(Map.entry("b", Value.of("x")));
        assertThat(one.effect()).isEqualTo(Effect.NONE);
        assertThat(one.change()).isNull();
        assertThat(one.record()).isEqualTo(r);

        assertThat(apply(r, Operation.readAll()).reads())
                .containsExactly(Map.entry("a", Value.of(1L)), Map.entry("b", Value.of("x")));
        Outcome missing = apply(r, Operation.read("nope"));
        assertThat(missing.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(missing.reads()).isEmpty();
    }

    @Test
    void readHeaderReturnsMetadataOnly() {
        Outcome o = apply(present(), Operation.readHeader());
        assertThat(o.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(o.reads()).isEmpty();
        assertThat(o.generation()).isEqualTo(GEN);
        assertThat(o.record().voidTimeMillis()).isEqualTo(FUTURE_VOID);
        assertThat(o.effect()).isEqualTo(Effect.NONE);
    }

    @Test
    void readOnlyCommandOnAnAbsentOrExpiredRecordIsKeyNotFound() {
        for (Record r : new Record[] {null, recordIn(State.EXPIRED), recordIn(State.EXPIRED_EXACTLY_NOW)}) {
            assertRefused(apply(r, Operation.read("a")), ResultCode.KEY_NOT_FOUND_ERROR);
            assertRefused(apply(r, Operation.readAll()), ResultCode.KEY_NOT_FOUND_ERROR);
            assertRefused(apply(r, Operation.readHeader()), ResultCode.KEY_NOT_FOUND_ERROR);
        }
    }

    @Test
    void readsInAWriteCommandSeeTheEarlierWritesOfTheCommand() {
        Outcome o = apply(present(), Operation.read("a"), Operation.add("a", Value.of(10L)), Operation.read("b"),
                Operation.write("c", Value.of("c")), Operation.readAll());
        // as Aerospike's clients present an operate: a bin read more than once holds each value, in order
        assertThat(o.reads()).containsExactly(
                Map.entry("a", Value.ofList(List.of(Value.of(1L), Value.of(11L)))),
                Map.entry("b", Value.ofList(List.of(Value.of("x"), Value.of("x")))),
                Map.entry("c", Value.of("c")));
        Outcome first = apply(present(), Operation.add("a", Value.of(10L)), Operation.read("a"));
        assertThat(first.reads()).containsExactly(Map.entry("a", Value.of(11L)));
        Outcome before = apply(present(), Operation.read("a"), Operation.write("a", Value.of(2L)));
        assertThat(before.reads()).containsExactly(Map.entry("a", Value.of(1L)));
        assertThat(before.record().bins()).containsEntry("a", Value.of(2L));
        Outcome created = apply(null, Operation.write("n", Value.of(1L)), Operation.read("n"));
        assertThat(created.reads()).containsExactly(Map.entry("n", Value.of(1L)));
    }

    // ---------------------------------------------------------------- DELETE

    @Test
    void deleteOfAPresentRecord() {
        Outcome o = apply(present(), Operation.delete());
        assertThat(o.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.DELETE);
        assertThat(o.change()).isEqualTo(ChangeKind.DELETE);
        assertThat(o.record().bins()).isEmpty();
        assertThat(o.record().generation()).isEqualTo(GEN);
    }

    @Test
    void deleteOfAnAbsentOrExpiredRecordIsKeyNotFound() {
        assertRefused(apply(null, Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(recordIn(State.EXPIRED), Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(recordIn(State.EXPIRED_EXACTLY_NOW), Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
    }

    // ---------------------------------------------------------------- bin names

    @Test
    void binNamesUpTo15BytesOfUtf8() {
        String fifteen = "b".repeat(15);
        assertWritten(apply(null, Operation.write(fifteen, Value.of(1L))), bins(fifteen, Value.of(1L)), 1);
        String fifteenBytes = "é".repeat(7) + "b"; // 8 chars, 15 bytes
        assertWritten(apply(null, Operation.write(fifteenBytes, Value.of(1L))), bins(fifteenBytes, Value.of(1L)), 1);
    }

    @Test
    void binNameOf16BytesIsTooLong() {
        assertThat(ResultCode.BIN_NAME_TOO_LONG.code()).isEqualTo(21);
        String sixteen = "b".repeat(16);
        assertRefused(apply(null, Operation.write(sixteen, Value.of(1L))), ResultCode.BIN_NAME_TOO_LONG);
        assertRefused(apply(present(), Operation.write(sixteen, Value.of(1L))), ResultCode.BIN_NAME_TOO_LONG);
        assertRefused(apply(present(), Operation.read(sixteen)), ResultCode.BIN_NAME_TOO_LONG);
        assertRefused(apply(present(), Operation.add(sixteen, Value.of(1L))), ResultCode.BIN_NAME_TOO_LONG);
        // 8 characters, 16 bytes
        assertRefused(apply(null, Operation.write("é".repeat(8), Value.of(1L))), ResultCode.BIN_NAME_TOO_LONG);
        // a later operation's bad name refuses the whole command
        assertRefused(apply(present(), Operation.write("ok", Value.of(1L)), Operation.write("日本語日本語", Value.of(1L))),
                ResultCode.BIN_NAME_TOO_LONG);
    }

    // ---------------------------------------------------------------- record size

    @Test
    void recordOverTheNamespaceMaxSizeIsRefusedAndNothingChanges() {
        Record r = present();
        Operation big = Operation.write("big", Value.of(new byte[500]));
        Outcome fits = apply(r, big);
        int size = fits.record().estimatedSize();
        NamespaceConfig exact = NS.withMaxRecordSize(size);
        NamespaceConfig under = NS.withMaxRecordSize(size - 1);

        Outcome atLimit = RecordEngine.apply(r, Command.of(KEY, WritePolicy.DEFAULT, NOW, big), exact);
        assertThat(atLimit.resultCode()).isEqualTo(ResultCode.OK);
        Outcome over = RecordEngine.apply(r, Command.of(KEY, WritePolicy.DEFAULT, NOW, big), under);
        assertRefused(over, ResultCode.RECORD_TOO_BIG);
        assertThat(ResultCode.RECORD_TOO_BIG.code()).isEqualTo(13);
        assertThat(r.bins()).containsOnlyKeys("a", "b");

        Outcome huge = RecordEngine.apply(null, Command.of(KEY, WritePolicy.DEFAULT, NOW,
                Operation.write("big", Value.of(new byte[NamespaceConfig.DEFAULT_MAX_RECORD_SIZE + 1]))), NS);
        assertRefused(huge, ResultCode.RECORD_TOO_BIG);
    }

    // ---------------------------------------------------------------- expiration

    static Outcome writeWithExpiration(Record current, int expiration, NamespaceConfig ns) {
        return RecordEngine.apply(current, Command.of(KEY, WritePolicy.DEFAULT.withExpiration(expiration), NOW,
                Operation.write("a", Value.of(2L))), ns);
    }

    @Test
    void expirationMinusOneNeverExpires() {
        NamespaceConfig withTtl = NS.withDefaultTtlSeconds(3600);
        assertThat(writeWithExpiration(null, -1, withTtl).record().voidTimeMillis()).isZero();
        assertThat(writeWithExpiration(present(), -1, withTtl).record().voidTimeMillis()).isZero();
        assertThat(writeWithExpiration(present(), -1, withTtl).record().ttlSecondsAt(NOW)).isEqualTo(-1);
    }

    @Test
    void expirationMinusTwoKeepsTheCurrentVoidTime() {
        assertThat(writeWithExpiration(present(), -2, NS).record().voidTimeMillis()).isEqualTo(FUTURE_VOID);
        Record never = new Record("s", null, bins("a", Value.of(1L)), GEN, 0, NOW - 1);
        assertThat(writeWithExpiration(never, -2, NS.withDefaultTtlSeconds(60)).record().voidTimeMillis()).isZero();
        // a new record takes the namespace default
        assertThat(writeWithExpiration(null, -2, NS).record().voidTimeMillis()).isZero();
        assertThat(writeWithExpiration(null, -2, NS.withDefaultTtlSeconds(60)).record().voidTimeMillis())
                .isEqualTo(NOW + 60_000);
        assertThat(writeWithExpiration(recordIn(State.EXPIRED), -2, NS.withDefaultTtlSeconds(60)).record()
                .voidTimeMillis()).isEqualTo(NOW + 60_000);
    }

    @Test
    void expirationZeroIsTheNamespaceDefault() {
        assertThat(writeWithExpiration(null, 0, NS.withDefaultTtlSeconds(3600)).record().voidTimeMillis())
                .isEqualTo(NOW + 3_600_000);
        assertThat(writeWithExpiration(present(), 0, NS.withDefaultTtlSeconds(3600)).record().voidTimeMillis())
                .isEqualTo(NOW + 3_600_000);
        assertThat(writeWithExpiration(null, 0, NS).record().voidTimeMillis()).isZero();
        assertThat(writeWithExpiration(present(), 0, NS).record().voidTimeMillis()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 86_400, 315_360_000})
    void expirationInSeconds(int seconds) {
        Outcome o = writeWithExpiration(present(), seconds, NS.withDefaultTtlSeconds(5));
        assertThat(o.record().voidTimeMillis()).isEqualTo(NOW + seconds * 1000L);
        assertThat(o.record().ttlSecondsAt(NOW)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(ints = {-3, -4, -100, Integer.MIN_VALUE})
    void otherNegativeExpirationsAreParameterErrors(int expiration) {
        assertRefused(writeWithExpiration(null, expiration, NS), ResultCode.PARAMETER_ERROR);
        assertRefused(writeWithExpiration(present(), expiration, NS), ResultCode.PARAMETER_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {315_360_001, Integer.MAX_VALUE})
    void expirationsOverTenYearsAreParameterErrors(int expiration) {
        assertRefused(writeWithExpiration(null, expiration, NS), ResultCode.PARAMETER_ERROR);
        assertRefused(writeWithExpiration(present(), expiration, NS), ResultCode.PARAMETER_ERROR);
    }

    // Aerospike's write_master: a command that leaves a record which did not exist without bins
    // answers AS_ERR_NOT_FOUND; together with a bin write, touch and delete apply in order.

    @Test
    void aCommandThatLeavesAnAbsentRecordWithoutBinsIsNotFound() {
        assertRefused(apply(null, Operation.write("a", Value.NIL)), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(null, Operation.deleteBin("a")), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(null, Operation.touch()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(null, Operation.delete()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertRefused(apply(null, Operation.write("a", Value.of(1L)), Operation.delete()),
                ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void touchAndDeleteTogetherWithAWriteCreateTheRecord() {
        assertWritten(apply(null, Operation.write("a", Value.of(1L)), Operation.touch()), bins("a", Value.of(1L)), 1);
        assertWritten(apply(null, Operation.delete(), Operation.write("b", Value.of(2L))), bins("b", Value.of(2L)), 1);
        assertWritten(apply(present(), Operation.delete(), Operation.write("b", Value.of(2L))),
                bins("b", Value.of(2L)), GEN + 1);
    }

    @Test
    void aRecordIsAbsentExactlyAtItsVoidTime() {
        Record r = new Record("s", null, bins("a", Value.of(1L)), GEN, NOW, NOW - 1000);
        assertThat(r.isExpiredAt(NOW - 1)).isFalse();
        assertThat(r.isExpiredAt(NOW)).isTrue();
        assertThat(r.isExpiredAt(NOW + 1)).isTrue();
        assertThat(new Record("s", null, Map.of(), 1, 0, 0).isExpiredAt(Long.MAX_VALUE)).isFalse();

        Command read = Command.of(KEY, WritePolicy.DEFAULT, NOW, Operation.readAll());
        assertRefused(RecordEngine.apply(r, read, NS), ResultCode.KEY_NOT_FOUND_ERROR);
        Outcome justBefore = RecordEngine.apply(r, read.withTime(NOW - 1), NS);
        assertThat(justBefore.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(justBefore.reads()).containsEntry("a", Value.of(1L));

        Command update = Command.of(KEY, WritePolicy.DEFAULT, NOW, Operation.write("b", Value.of(2L)));
        Outcome onExpired = RecordEngine.apply(r, update, NS);
        assertWritten(onExpired, bins("b", Value.of(2L)), 1);
        Outcome onLive = RecordEngine.apply(r, update.withTime(NOW - 1), NS);
        assertThat(onLive.record().bins()).containsOnlyKeys("a", "b");
        assertThat(onLive.generation()).isEqualTo(GEN + 1);
    }

    @Test
    void ttlSecondsAtRoundsUp() {
        assertThat(new Record("s", null, Map.of(), 1, 0, 0).ttlSecondsAt(NOW)).isEqualTo(-1);
        assertThat(withVoid(NOW + 1).ttlSecondsAt(NOW)).isEqualTo(1);
        assertThat(withVoid(NOW + 999).ttlSecondsAt(NOW)).isEqualTo(1);
        assertThat(withVoid(NOW + 1000).ttlSecondsAt(NOW)).isEqualTo(1);
        assertThat(withVoid(NOW + 1001).ttlSecondsAt(NOW)).isEqualTo(2);
        assertThat(withVoid(NOW + 60_000).ttlSecondsAt(NOW)).isEqualTo(60);
        assertThat(withVoid(NOW).ttlSecondsAt(NOW)).isZero();
        assertThat(withVoid(NOW - 5000).ttlSecondsAt(NOW)).isZero();
    }

    private static Record withVoid(long voidTime) {
        return new Record("s", null, Map.of(), 1, voidTime, 0);
    }

    // ---------------------------------------------------------------- send key, generation

    @Test
    void sendKeyStoresTheUserKeyOtherwiseNot() {
        Outcome sent = apply(null, WritePolicy.DEFAULT.withSendKey(true), Operation.write("a", Value.of(1L)));
        assertThat(sent.record().userKey()).isEqualTo(Value.of("k"));
        Outcome notSent = apply(null, Operation.write("a", Value.of(1L)));
        assertThat(notSent.record().userKey()).isNull();
        // a later write without sendKey keeps the stored key
        Outcome later = apply(sent.record(), Operation.write("a", Value.of(2L)));
        assertThat(later.record().userKey()).isEqualTo(Value.of("k"));
        // a digest-only key has no user key to store
        Key byDigest = Key.ofDigest("test", "s", KEY.digest());
        Outcome digestOnly = RecordEngine.apply(null, Command.of(byDigest, WritePolicy.DEFAULT.withSendKey(true), NOW,
                Operation.write("a", Value.of(1L))), NS);
        assertThat(digestOnly.record().userKey()).isNull();
        Outcome longKey = RecordEngine.apply(null, Command.of(Key.of("test", "s", -9L),
                WritePolicy.DEFAULT.withSendKey(true), NOW, Operation.write("a", Value.of(1L))), NS);
        assertThat(longKey.record().userKey()).isEqualTo(Value.of(-9L));
    }

    @Test
    void generationWrapsFrom65535To1() {
        Record at = new Record("s", null, bins("a", Value.of(1L)), 0xFFFF, 0, 0);
        assertThat(apply(at, Operation.write("a", Value.of(2L))).generation()).isEqualTo(1);
        Record before = new Record("s", null, bins("a", Value.of(1L)), 0xFFFE, 0, 0);
        assertThat(apply(before, Operation.write("a", Value.of(2L))).generation()).isEqualTo(0xFFFF);
        assertThat(apply(at, WritePolicy.DEFAULT.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 0xFFFF),
                Operation.touch()).generation()).isEqualTo(1);
    }

    @Test
    void writesAcrossSeveralCommandsCountGenerations() {
        Record r = null;
        for (int i = 1; i <= 10; i++) {
            Outcome o = RecordEngine.apply(r, Command.of(KEY, WritePolicy.DEFAULT, NOW + i, Operation.add("n", Value.of(1L))), NS);
            assertThat(o.generation()).isEqualTo(i);
            r = o.record();
        }
        assertThat(r.bins()).containsExactly(Map.entry("n", Value.of(10L)));
        assertThat(r.lastUpdateMillis()).isEqualTo(NOW + 10);
    }

    @Test
    void aRefusedOperationLaterInTheCommandUndoesTheEarlierOnes() {
        Record r = present();
        Outcome o = apply(r, Operation.write("a", Value.of(99L)), Operation.add("b", Value.of(1L)));
        assertRefused(o, ResultCode.BIN_TYPE_ERROR);
        assertThat(r.bins()).containsEntry("a", Value.of(1L));
    }

    @Test
    void aWriteByDigestKeepsTheRecordsSet() {
        Key byDigest = Key.ofDigest("test", null, KEY.digest());
        Outcome o = RecordEngine.apply(present(), Command.of(byDigest, WritePolicy.DEFAULT, NOW,
                Operation.write("a", Value.of(2L))), NS);
        assertThat(o.record().set()).isEqualTo("s");
        Outcome created = apply(null, Operation.write("a", Value.of(2L)));
        assertThat(created.record().set()).isEqualTo("s");
    }

    @Test
    void changeOfAnOutcome() {
        Outcome w = apply(present(), WritePolicy.DEFAULT.withSendKey(true), Operation.write("c", Value.of(3L)));
        Digest d = KEY.digest();
        io.aerolog.core.Change c = io.aerolog.core.Change.of("test", d, w.change(), w.record(), 3, 42L);
        assertThat(c.bins()).isEqualTo(w.record().bins());
        assertThat(c.generation()).isEqualTo(GEN + 1);
        assertThat(c.userKey()).isEqualTo(Value.of("k"));
        assertThat(c.sourceOffset()).isEqualTo(42L);
        Outcome del = apply(present(), Operation.delete());
        assertThat(io.aerolog.core.Change.of("test", d, del.change(), del.record(), 3, 43L).bins()).isEmpty();
    }
}
