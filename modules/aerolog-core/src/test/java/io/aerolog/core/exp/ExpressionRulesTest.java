package io.aerolog.core.exp;

import static io.aerolog.core.exp.ExpFixtures.NOW;
import static io.aerolog.core.exp.ExpFixtures.bins;
import static io.aerolog.core.exp.ExpFixtures.filter;
import static io.aerolog.core.exp.ExpFixtures.matches;
import static io.aerolog.core.exp.ExpFixtures.read;
import static io.aerolog.core.exp.ExpFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ListExp;
import com.aerospike.client.exp.HLLExp;
import com.aerospike.client.exp.BitExp;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.query.RegexFlag;
import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The build rules of Aerospike's {@code exp.c} (argument counts, static types, variable scoping, names),
 * metadata, let/cond, regex, calls and the bounds that keep a hostile expression cheap.
 */
class ExpressionRulesTest {
    static final Record R = record(bins("i", Value.of(7L), "f", Value.of(1.5), "s", Value.of("hello world"),
            "l", new Value.ListValue(List.of(Value.of(1L), Value.of(2L))), "b", Value.of(new byte[] {1, 2, 3})));

    static ResultCode code(Supplier<?> call) {
        try {
            call.get();
        } catch (AerologException e) {
            return e.resultCode();
        }
        throw new AssertionError("no exception");
    }

    static ResultCode filterCode(Exp e) {
        return code(() -> matches(e, R));
    }

    static byte[] b(int... ints) {
        byte[] bytes = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            bytes[i] = (byte) ints[i];
        }
        return bytes;
    }

    static ResultCode rawCode(int... ints) {
        byte[] bytes = b(ints);
        return code(() -> Expressions.matches(new Value.BytesValue(bytes), R, NOW));
    }

    // ---------------------------------------------------------------- static types (build_*)

    @Test
    void mismatchedTypesAreParameterErrors() {
        // build_compare: both sides of one type, and not GEOJSON or HLL
        assertThat(filterCode(Exp.eq(Exp.intBin("i"), Exp.val("7")))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.hllBin("h"), Exp.hllBin("h")))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_math_vargs: no mixing of INT and FLOAT, no strings
        assertThat(filterCode(Exp.eq(Exp.add(Exp.intBin("i"), Exp.val(1.0)), Exp.val(8))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.add(Exp.stringBin("s")), Exp.val("x")))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_math_pow / log: FLOAT only; build_math_mod: INT only
        assertThat(filterCode(Exp.eq(Exp.pow(Exp.val(2), Exp.val(3)), Exp.val(8)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.mod(Exp.val(2.0), Exp.val(3.0)), Exp.val(2.0))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_float_op / build_int_op
        assertThat(filterCode(Exp.eq(Exp.floor(Exp.val(2)), Exp.val(2)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.toFloat(Exp.val(2.0)), Exp.val(2.0)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.intAnd(Exp.val(2.0)), Exp.val(2)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_int_scan: an integer and a boolean
        assertThat(filterCode(Exp.eq(Exp.lscan(Exp.val(2), Exp.val(1)), Exp.val(2)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_logical_vargs / not: booleans, at least two for and/or
        assertThat(filterCode(Exp.and(Exp.val(true)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.not(Exp.val(1)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // build_cmp_regex: a string subject
        assertThat(filterCode(Exp.regexCompare("a", 0, Exp.intBin("i")))).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    /** build_cond: at least 3 arguments, a default, one value type; unknown() fits any branch. */
    @Test
    void condRules() {
        assertThat(filterCode(Exp.cond(Exp.val(true), Exp.val(true)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.cond(Exp.val(true), Exp.val(1), Exp.val("x")), Exp.val(1))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.cond(Exp.val(1), Exp.val(true), Exp.val(false)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(read(Exp.cond(Exp.val(false), Exp.unknown(), Exp.val(3)), R)).isEqualTo(Value.of(3L));
        assertThat(read(Exp.cond(Exp.eq(Exp.intBin("i"), Exp.val(7)), Exp.val("seven"), Exp.val("other")), R))
                .isEqualTo(Value.of("seven"));
        // a condition that is unknown ends the cond with unknown, whatever the default
        assertThat(matches(Exp.eq(Exp.cond(Exp.eq(Exp.intBin("none"), Exp.val(1)), Exp.val(1), Exp.val(2)),
                Exp.val(2)), R)).isFalse();
    }

    /** build_let / build_var: scoping, names, no use before definition; unknown values held lazily. */
    @Test
    void letRules() {
        assertThat(read(Exp.let(Exp.def("x", Exp.intBin("i")), Exp.def("y", Exp.add(Exp.var("x"), Exp.val(1))),
                Exp.mul(Exp.var("x"), Exp.var("y"))), R)).isEqualTo(Value.of(56L));
        // nested scopes see the outer variables; the inner ones end with their let
        assertThat(read(Exp.let(Exp.def("x", Exp.val(2)),
                Exp.add(Exp.let(Exp.def("y", Exp.val(3)), Exp.mul(Exp.var("x"), Exp.var("y"))), Exp.var("x"))), R))
                .isEqualTo(Value.of(8L));
        assertThat(filterCode(Exp.eq(Exp.var("x"), Exp.val(1)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.let(Exp.def("x", Exp.val(1)), Exp.def("x", Exp.val(2)), Exp.val(true))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.let(Exp.def("x", Exp.var("x")), Exp.val(true)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.let(Exp.def("1x", Exp.val(1)), Exp.val(true)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.let(Exp.def("a-b", Exp.val(1)), Exp.val(true)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(matches(Exp.let(Exp.def("_ok9", Exp.val(1)), Exp.eq(Exp.var("_ok9"), Exp.val(1))), R)).isTrue();
        // an unknown definition is unknown only where it is used
        assertThat(read(Exp.let(Exp.def("x", Exp.intBin("none")), Exp.val(5)), R)).isEqualTo(Value.of(5L));
        assertThat(matches(Exp.let(Exp.def("x", Exp.intBin("none")), Exp.eq(Exp.var("x"), Exp.val(1))), R)).isFalse();
    }

    /** build_bin / build_bin_type: bin names under 16 bytes without NUL. */
    @Test
    void binNameRules() {
        assertThat(filterCode(Exp.eq(Exp.intBin("0123456789abcdef"), Exp.val(1)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(Exp.binType("a\0b"), Exp.val(1)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(matches(Exp.eq(Exp.intBin("0123456789abcde"), Exp.val(1)), R)).isFalse();
    }

    // ---------------------------------------------------------------- wire form and bounds

    @Test
    void malformedWireIsParameterError() {
        assertThat(rawCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(rawCode(0x90)).isEqualTo(ResultCode.PARAMETER_ERROR); // an empty instruction
        assertThat(rawCode(0x93, 1, 1)).isEqualTo(ResultCode.PARAMETER_ERROR); // truncated
        assertThat(rawCode(0xc3, 0xc3)).isEqualTo(ResultCode.PARAMETER_ERROR); // bytes after
        assertThat(rawCode(0x91, 10)).isEqualTo(ResultCode.PARAMETER_ERROR); // no instruction 10
        assertThat(rawCode(0x91, 0xcc, (byte) 128)).isEqualTo(ResultCode.PARAMETER_ERROR); // past 127
        assertThat(rawCode(0x92, 0, 1)).isEqualTo(ResultCode.PARAMETER_ERROR); // unknown takes nothing
        // a blob value must be typed 4 (blob) or 18 (HLL): here type 9
        assertThat(rawCode(0x93, 1, 0xa2, 9, 1, 0xa2, 9, 1)).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(rawCode(0xc1)).isEqualTo(ResultCode.PARAMETER_ERROR); // not msgpack
    }

    @Test
    void oversizedOrDeepExpressionsAreRefused() {
        byte[] big = new byte[1024 * 1024 + 8];
        big[0] = (byte) 0xc3;
        assertThat(code(() -> Expressions.matches(new Value.BytesValue(big), R, NOW))).isEqualTo(ResultCode.PARAMETER_ERROR);
        Exp deep = Exp.val(true);
        for (int i = 0; i < 70; i++) {
            deep = Exp.not(deep);
        }
        Exp hostile = deep;
        assertThat(filterCode(hostile)).isEqualTo(ResultCode.PARAMETER_ERROR);
        Exp fine = Exp.val(true);
        for (int i = 0; i < 62; i++) {
            fine = Exp.not(fine);
        }
        assertThat(matches(fine, R)).isTrue();
    }

    /** On a thread with a tiny stack, a deep expression is refused, never a StackOverflowError. */
    @Test
    void tinyStackRefusesInsteadOfOverflowing() throws InterruptedException {
        Exp deep = Exp.val(true);
        for (int i = 0; i < 62; i++) {
            deep = Exp.not(deep);
        }
        Value filter = filter(deep);
        Object[] outcome = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = Expressions.matches(filter, R, NOW);
            } catch (Throwable e) {
                outcome[0] = e;
            }
        }, "tiny-stack", 16 * 1024);
        t.start();
        t.join();
        if (outcome[0] instanceof Throwable e) {
            assertThat(e).isInstanceOf(AerologException.class);
            assertThat(((AerologException) e).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
        } else {
            assertThat(outcome[0]).isEqualTo(Boolean.TRUE);
        }
    }

    /** Codes the server has and Aerolog does not serve are UNSUPPORTED_FEATURE, by name; a bad GeoJSON literal is a bad parameter. */
    @Test
    void unservedInstructionsAreUnsupportedByName() {
        AerologException removal = (AerologException) failure(
                () -> Expressions.matches(new Value.BytesValue(b(0x91, 100)), R, NOW));
        assertThat(removal.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
        assertThat(removal.getMessage()).contains("result_remove");
        AerologException geo = (AerologException) failure(() -> matches(Exp.geoCompare(Exp.geoBin("g"),
                Exp.geo("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}")), R));
        assertThat(geo.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(geo.getMessage()).contains("GeoJSON").contains("less than 4 points");
        AerologException backReference = (AerologException) failure(
                () -> matches(Exp.regexCompare("(a)\\1", RegexFlag.EXTENDED, Exp.stringBin("s")), R));
        assertThat(backReference.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
        assertThat(backReference.getMessage()).contains("back-references");
    }

    private static Throwable failure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }

    // ---------------------------------------------------------------- metadata (eval_meta_*)

    @Test
    void metadataAsTheServerAnswersIt() {
        long lut = NOW - 5_000;
        Record r = new Record("people", Value.of("user-1"), bins("a", Value.of(1L)), 4, NOW + 90_500, lut);
        assertThat(read(Exp.setName(), r)).isEqualTo(Value.of("people"));
        assertThat(read(Exp.setName(), new Record(null, null, bins("a", Value.of(1L)), 1, 0, lut)))
                .isEqualTo(Value.of(""));
        assertThat(read(Exp.keyExists(), r)).isEqualTo(Value.of(true));
        assertThat(read(Exp.key(Exp.Type.STRING), r)).isEqualTo(Value.of("user-1"));
        // a key of another type, or not stored, is unknown
        assertThat(code(() -> read(Exp.key(Exp.Type.INT), r))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(code(() -> read(Exp.key(Exp.Type.STRING), R))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(read(Exp.keyExists(), R)).isEqualTo(Value.of(false));
        // last_update and void_time in nanoseconds since the Unix epoch; void_time in whole seconds
        assertThat(read(Exp.lastUpdate(), r)).isEqualTo(Value.of(lut * 1_000_000L));
        assertThat(read(Exp.voidTime(), r)).isEqualTo(Value.of((NOW + 90_500) / 1000 * 1_000_000_000L));
        assertThat(read(Exp.voidTime(), R)).isEqualTo(Value.of(-1L));
        // since_update in milliseconds; ttl in seconds, -1 for never
        assertThat(read(Exp.sinceUpdate(), r)).isEqualTo(Value.of(5_000L));
        assertThat(read(Exp.ttl(), r)).isEqualTo(Value.of(90L));
        assertThat(read(Exp.ttl(), R)).isEqualTo(Value.of(-1L));
        assertThat(read(Exp.isTombstone(), r)).isEqualTo(Value.of(false));
        // sizes: whole 16-byte blocks; a device namespace has no memory size
        long size = ((Value.IntegerValue) read(Exp.recordSize(), r)).value();
        assertThat(size).isPositive().matches(s -> s % 16 == 0);
        assertThat(read(Exp.deviceSize(), r)).isEqualTo(Value.of(size));
        assertThat(read(Exp.memorySize(), r)).isEqualTo(Value.of(0L));
        // cf_server_void_time_to_ttl: a record past its void time not yet removed has 1 s
        Record due = new Record("s", null, bins("a", Value.of(1L)), 1, NOW - 2_000, lut);
        assertThat(read(Exp.ttl(), due)).isEqualTo(Value.of(1L));
    }

    /** eval_meta_digest_mod: digest bytes 16-19, little-endian, modulo; the caller must give the digest. */
    @Test
    void digestModulo() {
        byte[] digest = new byte[20];
        digest[16] = 7;
        digest[17] = 1; // 263
        Value f = filter(Exp.eq(Exp.digestModulo(10), Exp.val(3)));
        assertThat(Expressions.matches(f, R, digest, NOW)).isTrue();
        assertThat(code(() -> Expressions.matches(f, R, NOW))).isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
        assertThat(filterCode(Exp.eq(Exp.digestModulo(0), Exp.val(0)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        digest[19] = (byte) 0x80; // 2^31 + 263: unsigned
        assertThat(Expressions.read(ExpFixtures.readOp(Exp.digestModulo(1000), 0), R, digest, NOW))
                .isEqualTo(Value.of((0x8000_0000L + 263) % 1000));
    }

    // ---------------------------------------------------------------- regex (glibc regcomp / regexec)

    @Test
    void regexFollowsPosix() {
        assertThat(matches(Exp.regexCompare("wor", 0, Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("^hello", 0, Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("^world", 0, Exp.stringBin("s")), R)).isFalse();
        assertThat(matches(Exp.regexCompare("HELLO", RegexFlag.ICASE, Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("HELLO", RegexFlag.NONE, Exp.stringBin("s")), R)).isFalse();
        // basic syntax: + is a literal, \+ the operator; extended: the other way round
        assertThat(matches(Exp.regexCompare("l+o", RegexFlag.NONE, Exp.stringBin("s")), R)).isFalse();
        assertThat(matches(Exp.regexCompare("l\\+o", RegexFlag.NONE, Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("l+o", RegexFlag.EXTENDED, Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("(hello|bye) w[[:alpha:]]{4}$", RegexFlag.EXTENDED,
                Exp.stringBin("s")), R)).isTrue();
        assertThat(matches(Exp.regexCompare("\\(hello\\|bye\\) w[^0-9]\\{4\\}$", RegexFlag.NONE,
                Exp.stringBin("s")), R)).isTrue();
        // NEWLINE: '.' stops at '\n' and ^ / $ match at line ends
        Record lines = record(bins("s", Value.of("ab\ncd")));
        assertThat(matches(Exp.regexCompare("b.c", RegexFlag.NONE, Exp.stringBin("s")), lines)).isTrue();
        assertThat(matches(Exp.regexCompare("b.c", RegexFlag.NEWLINE, Exp.stringBin("s")), lines)).isFalse();
        assertThat(matches(Exp.regexCompare("^cd", RegexFlag.NONE, Exp.stringBin("s")), lines)).isFalse();
        assertThat(matches(Exp.regexCompare("^cd", RegexFlag.NEWLINE, Exp.stringBin("s")), lines)).isTrue();
        assertThat(matches(Exp.regexCompare("ab$", RegexFlag.NEWLINE, Exp.stringBin("s")), lines)).isTrue();
        // ']' first in a bracket is a literal; a backslash in a bracket is a literal
        Record odd = record(bins("s", Value.of("x]\\y")));
        assertThat(matches(Exp.regexCompare("[]]", RegexFlag.EXTENDED, Exp.stringBin("s")), odd)).isTrue();
        assertThat(matches(Exp.regexCompare("[\\]y", RegexFlag.EXTENDED, Exp.stringBin("s")), odd)).isTrue();
        // regexec reads a C string: nothing after a NUL is seen
        Record nul = record(bins("s", Value.of("ab\0cd")));
        assertThat(matches(Exp.regexCompare("cd", RegexFlag.NONE, Exp.stringBin("s")), nul)).isFalse();
        // a pattern regcomp refuses fails the build
        assertThat(filterCode(Exp.regexCompare("a[b", RegexFlag.EXTENDED, Exp.stringBin("s"))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.regexCompare("*a", RegexFlag.EXTENDED, Exp.stringBin("s"))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.regexCompare("[z-a]", RegexFlag.EXTENDED, Exp.stringBin("s"))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        // a missing or non-string bin is unknown
        assertThat(matches(Exp.not(Exp.regexCompare("a", 0, Exp.stringBin("none"))), R)).isFalse();
    }

    /** A pattern that backtracking engines take exponential time on runs in linear time here. */
    @Test
    void pathologicalRegexStaysCheap() {
        String subject = "a".repeat(5000);
        Record r = record(bins("s", Value.of(subject)));
        assertThat(matches(Exp.regexCompare("(a*)*b", RegexFlag.EXTENDED, Exp.stringBin("s")), r)).isFalse();
        assertThat(matches(Exp.regexCompare("(a|aa)+$", RegexFlag.EXTENDED, Exp.stringBin("s")), r)).isTrue();
        // a program times a subject past the step bound is refused rather than run
        Record huge = record(bins("s", Value.of("a".repeat(200_000))));
        assertThat(code(() -> matches(Exp.regexCompare("(a{1,200}){1,20}b", RegexFlag.EXTENDED,
                Exp.stringBin("s")), huge))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // stacked repetitions and deep groups are refused, not recursed into
        assertThat(filterCode(Exp.regexCompare("a" + "*".repeat(100_000), RegexFlag.EXTENDED, Exp.stringBin("s"))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.regexCompare("(".repeat(1000) + "a" + ")".repeat(1000), RegexFlag.EXTENDED,
                Exp.stringBin("s")))).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    // ---------------------------------------------------------------- quoted values, in_list, map keys

    @Test
    void quotedListsAndMapKeys() {
        assertThat(matches(Exp.eq(Exp.listBin("l"), Exp.val(List.of(1L, 2L))), R)).isTrue();
        // in_list (9) and map_keys (101) / map_values (102) are server instructions without a client builder
        byte[] inList = b(0x93, 9, 2, 0x92, 126, 0x93, 1, 2, 3);
        assertThat(Expressions.matches(new Value.BytesValue(inList), R, NOW)).isTrue();
        byte[] notIn = b(0x93, 9, 9, 0x92, 126, 0x93, 1, 2, 3);
        assertThat(Expressions.matches(new Value.BytesValue(notIn), R, NOW)).isFalse();
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        keys.writeBytes(b(0x93, 0x1, 0x92, 101, 0x82, 1, 2, 3, 4));
        keys.writeBytes(b(0x92, 126, 0x92, 1, 3));
        assertThat(Expressions.matches(new Value.BytesValue(keys.toByteArray()), R, NOW)).isTrue();
    }

    // ---------------------------------------------------------------- calls (build_call)

    /** A call needs a bin argument its system takes: lists and maps for CDT, blobs for bits, HLL for HLL. */
    @Test
    void callTypeRules() {
        assertThat(filterCode(Exp.eq(ListExp.size(Exp.intBin("i")), Exp.val(2)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(BitExp.count(Exp.val(0), Exp.val(8), Exp.listBin("l")), Exp.val(2))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(HLLExp.getCount(Exp.blobBin("b")), Exp.val(2))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(filterCode(Exp.eq(ListExp.getByValue(ListReturnType.COUNT, Exp.val(1), Exp.listBin("l")),
                Exp.val("x")))).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    /**
     * build_call: with a nil bin argument the call takes the nil's static type (the server stops its
     * checks there), so comparing it with an integer is a build error while the call itself builds.
     */
    @Test
    void callOnNilBinIsTypedNil() {
        assertThat(filterCode(Exp.eq(HLLExp.getCount(Exp.nil()), Exp.val(1)))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // it builds: evaluation reaches the HLL operations (still a stub in this branch, or served)
        ResultCode evaluated;
        try {
            read(HLLExp.init(HLLPolicy.Default, Exp.val(4), Exp.nil()), R);
            evaluated = ResultCode.OK;
        } catch (AerologException e) {
            evaluated = e.resultCode();
        }
        assertThat(evaluated).isIn(ResultCode.UNSUPPORTED_FEATURE, ResultCode.OK);
    }

    /** A malformed call operation fails the build; a context needs exactly [0xff, context, operation]. */
    @Test
    void callWireRules() {
        // [127, 2, 0, [], bin]: an empty operation
        byte[] empty = b(0x95, 127, 2, 0, 0x90, 0x93, 81, 4, 0xa1, 'l');
        assertThat(code(() -> Expressions.read(op(empty), R, NOW))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // system 5 does not exist
        byte[] system = b(0x95, 127, 2, 5, 0x91, 16, 0x93, 81, 4, 0xa1, 'l');
        assertThat(code(() -> Expressions.read(op(system), R, NOW))).isEqualTo(ResultCode.PARAMETER_ERROR);
        // a collection select (0xfe) is not served
        byte[] select = b(0x95, 127, 4, 0, 0x93, 0xcc, 0xfe, 0x90, 0,
                0x93, 81, 4, 0xa1, 'l');
        assertThat(code(() -> Expressions.read(op(select), R, NOW))).isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
    }

    private static Value op(byte[] expression) {
        byte[] payload = Arrays.copyOf(b(0x92), expression.length + 2);
        System.arraycopy(expression, 0, payload, 1, expression.length);
        payload[payload.length - 1] = 0;
        return new Value.BytesValue(payload);
    }
}
