package io.aerolog.core.exp;

import static io.aerolog.core.exp.ExpFixtures.NOW;
import static io.aerolog.core.exp.ExpFixtures.bins;
import static io.aerolog.core.exp.ExpFixtures.filter;
import static io.aerolog.core.exp.ExpFixtures.keyA;
import static io.aerolog.core.exp.ExpFixtures.keyB;
import static io.aerolog.core.exp.ExpFixtures.matches;
import static io.aerolog.core.exp.ExpFixtures.read;
import static io.aerolog.core.exp.ExpFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;
import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter expressions, ported from the Java client's TestFilterExp: the same records (its keys A and B)
 * and the same expectations (which record each filter keeps), plus the semantics each cites from
 * Aerospike's {@code exp.c}.
 */
class FilterExpressionsTest {

    /** TestFilterExp: each filter rejects key A and keeps key B. */
    static Stream<Arguments> clientFilters() {
        return Stream.of(
                Arguments.of("eq", Exp.eq(Exp.intBin("A"), Exp.val(2))),
                Arguments.of("exclusive", Exp.exclusive(Exp.eq(Exp.intBin("A"), Exp.val(1)),
                        Exp.eq(Exp.intBin("D"), Exp.val(1)))),
                Arguments.of("addInt", Exp.eq(Exp.add(Exp.intBin("A"), Exp.intBin("D"), Exp.val(1)), Exp.val(4))),
                Arguments.of("addFloat", Exp.let(Exp.def("val", Exp.add(Exp.floatBin("B"), Exp.val(1.1))),
                        Exp.and(Exp.ge(Exp.var("val"), Exp.val(3.2999)), Exp.le(Exp.var("val"), Exp.val(3.3001))))),
                Arguments.of("sub", Exp.eq(Exp.sub(Exp.val(1), Exp.intBin("A"), Exp.intBin("D")), Exp.val(-2))),
                Arguments.of("mul", Exp.eq(Exp.mul(Exp.val(2), Exp.intBin("A"), Exp.intBin("D")), Exp.val(4))),
                Arguments.of("div", Exp.eq(Exp.div(Exp.val(8), Exp.intBin("A"), Exp.intBin("D")), Exp.val(4))),
                Arguments.of("pow", Exp.let(Exp.def("x", Exp.pow(Exp.floatBin("B"), Exp.val(2.0))),
                        Exp.and(Exp.ge(Exp.var("x"), Exp.val(4.8399)), Exp.le(Exp.var("x"), Exp.val(4.8401))))),
                Arguments.of("log", Exp.let(Exp.def("x", Exp.log(Exp.floatBin("B"), Exp.val(2.0))),
                        Exp.and(Exp.ge(Exp.var("x"), Exp.val(1.1374)), Exp.le(Exp.var("x"), Exp.val(1.1376))))),
                Arguments.of("mod", Exp.eq(Exp.mod(Exp.intBin("A"), Exp.val(2)), Exp.val(0))),
                Arguments.of("abs", Exp.eq(Exp.abs(Exp.intBin("E")), Exp.val(2))),
                Arguments.of("floor", Exp.eq(Exp.floor(Exp.floatBin("B")), Exp.val(2.0))),
                Arguments.of("ceil", Exp.eq(Exp.ceil(Exp.floatBin("B")), Exp.val(3.0))),
                Arguments.of("toInt", Exp.eq(Exp.toInt(Exp.floatBin("B")), Exp.val(2))),
                Arguments.of("toFloat", Exp.eq(Exp.toFloat(Exp.intBin("A")), Exp.val(2.0))),
                Arguments.of("intAnd", Exp.not(Exp.and(Exp.eq(Exp.intAnd(Exp.intBin("A"), Exp.val(0)), Exp.val(0)),
                        Exp.eq(Exp.intAnd(Exp.intBin("A"), Exp.val(0xFFFF)), Exp.val(1))))),
                Arguments.of("intOr", Exp.not(Exp.and(Exp.eq(Exp.intOr(Exp.intBin("A"), Exp.val(0)), Exp.val(1)),
                        Exp.eq(Exp.intOr(Exp.intBin("A"), Exp.val(0xFF)), Exp.val(0xFF))))),
                Arguments.of("intXor", Exp.not(Exp.and(Exp.eq(Exp.intXor(Exp.intBin("A"), Exp.val(0)), Exp.val(1)),
                        Exp.eq(Exp.intXor(Exp.intBin("A"), Exp.val(0xFF)), Exp.val(0xFE))))),
                Arguments.of("intNot", Exp.not(Exp.eq(Exp.intNot(Exp.intBin("A")), Exp.val(-2)))),
                Arguments.of("lshift", Exp.not(Exp.eq(Exp.lshift(Exp.intBin("A"), Exp.val(2)), Exp.val(4)))),
                Arguments.of("lscan", Exp.not(Exp.eq(Exp.lscan(Exp.intBin("A"), Exp.val(true)), Exp.val(63)))),
                Arguments.of("rscan", Exp.not(Exp.eq(Exp.rscan(Exp.intBin("A"), Exp.val(true)), Exp.val(63)))),
                Arguments.of("min", Exp.not(Exp.eq(Exp.min(Exp.intBin("A"), Exp.intBin("D"), Exp.intBin("E")),
                        Exp.val(-1)))),
                Arguments.of("max", Exp.not(Exp.eq(Exp.max(Exp.intBin("A"), Exp.intBin("D"), Exp.intBin("E")),
                        Exp.val(1)))),
                Arguments.of("cond", Exp.not(Exp.eq(Exp.cond(
                        Exp.eq(Exp.intBin("A"), Exp.val(0)), Exp.add(Exp.intBin("D"), Exp.intBin("E")),
                        Exp.eq(Exp.intBin("A"), Exp.val(1)), Exp.sub(Exp.intBin("D"), Exp.intBin("E")),
                        Exp.eq(Exp.intBin("A"), Exp.val(2)), Exp.mul(Exp.intBin("D"), Exp.intBin("E")),
                        Exp.val(-1)), Exp.val(2)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFilters")
    void clientFilterKeepsKeyBAndRejectsKeyA(String name, Exp filter) {
        assertThat(matches(filter, keyA())).as(name + " on key A").isFalse();
        assertThat(matches(filter, keyB())).as(name + " on key B").isTrue();
    }

    /** TestFilterExp's second halves: the filters without their not keep key A (key B for the shifts of E). */
    @Test
    void clientFiltersNegatedKeepKeyA() {
        assertThat(matches(Exp.not(Exp.eq(Exp.rshift(Exp.intBin("E"), Exp.val(62)), Exp.val(3))), keyA())).isFalse();
        assertThat(matches(Exp.eq(Exp.rshift(Exp.intBin("E"), Exp.val(62)), Exp.val(3)), keyB())).isTrue();
        assertThat(matches(Exp.not(Exp.eq(Exp.count(Exp.intBin("A")), Exp.val(1))), keyA())).isFalse();
        assertThat(matches(Exp.eq(Exp.intNot(Exp.intBin("A")), Exp.val(-2)), keyA())).isTrue();
        assertThat(matches(Exp.eq(Exp.lshift(Exp.intBin("A"), Exp.val(2)), Exp.val(4)), keyA())).isTrue();
        assertThat(matches(Exp.eq(Exp.arshift(Exp.intBin("E"), Exp.val(62)), Exp.val(-1)), keyB())).isTrue();
        assertThat(matches(Exp.eq(Exp.count(Exp.intBin("A")), Exp.val(1)), keyA())).isTrue();
        assertThat(matches(Exp.eq(Exp.lscan(Exp.intBin("A"), Exp.val(true)), Exp.val(63)), keyA())).isTrue();
        assertThat(matches(Exp.eq(Exp.rscan(Exp.intBin("A"), Exp.val(true)), Exp.val(63)), keyA())).isTrue();
        assertThat(matches(Exp.eq(Exp.min(Exp.intBin("A"), Exp.intBin("D"), Exp.intBin("E")), Exp.val(-1)),
                keyA())).isTrue();
    }

    /** eval_bin: a missing bin or a bin of another type is unknown, and a filter reads unknown as false. */
    @Test
    void missingOrMistypedBinIsUnknownSoFiltersOut() {
        assertThat(matches(Exp.eq(Exp.intBin("missing"), Exp.val(1)), keyA())).isFalse();
        assertThat(matches(Exp.not(Exp.eq(Exp.intBin("missing"), Exp.val(1))), keyA())).isFalse();
        assertThat(matches(Exp.eq(Exp.stringBin("A"), Exp.val("1")), keyA())).isFalse();
        assertThat(matches(Exp.ne(Exp.stringBin("A"), Exp.val("1")), keyA())).isFalse();
    }

    /** eval_and / eval_or: a false (true) operand decides whatever the unknowns; otherwise unknown wins. */
    @Test
    void andOrTreatUnknownAsServerDoes() {
        Exp unknown = Exp.eq(Exp.intBin("missing"), Exp.val(1));
        Exp yes = Exp.eq(Exp.intBin("A"), Exp.val(1));
        Exp no = Exp.eq(Exp.intBin("A"), Exp.val(9));
        assertThat(matches(Exp.or(unknown, yes), keyA())).isTrue();
        assertThat(matches(Exp.not(Exp.and(unknown, no)), keyA())).isTrue();
        assertThat(matches(Exp.not(Exp.or(unknown, no)), keyA())).isFalse();
        assertThat(matches(Exp.not(Exp.and(unknown, yes)), keyA())).isFalse();
        // eval_exclusive: any unknown operand makes it unknown
        assertThat(matches(Exp.not(Exp.exclusive(no, unknown)), keyA())).isFalse();
        assertThat(matches(Exp.exclusive(no, no, yes), keyA())).isTrue();
    }

    /** eval_div / eval_mod: an integer division or modulo by zero is unknown. */
    @Test
    void integerDivisionByZeroIsUnknown() {
        assertThat(matches(Exp.not(Exp.eq(Exp.div(Exp.intBin("A"), Exp.val(0)), Exp.val(0))), keyA())).isFalse();
        assertThat(matches(Exp.not(Exp.eq(Exp.mod(Exp.intBin("A"), Exp.val(0)), Exp.val(0))), keyA())).isFalse();
        assertThat(matches(Exp.not(Exp.eq(Exp.div(Exp.val(0)), Exp.val(0))), keyA())).isFalse();
        // eval_div with one argument: its reciprocal; 1 / 2 is 0 in integers
        assertThat(read(Exp.div(Exp.val(2)), keyA())).isEqualTo(Value.of(0L));
        assertThat(read(Exp.div(Exp.val(4.0)), keyA())).isEqualTo(Value.of(0.25));
        // a float division by zero is IEEE infinity, not unknown
        assertThat(read(Exp.div(Exp.val(1.0), Exp.val(0.0)), keyA())).isEqualTo(Value.of(Double.POSITIVE_INFINITY));
    }

    /** eval_sub with one argument negates it; integers wrap as the server's 64-bit integers do. */
    @Test
    void arithmeticWrapsAndNegates() {
        assertThat(read(Exp.sub(Exp.val(5)), keyA())).isEqualTo(Value.of(-5L));
        assertThat(read(Exp.sub(Exp.val(5.5)), keyA())).isEqualTo(Value.of(-5.5));
        assertThat(read(Exp.add(Exp.val(Long.MAX_VALUE), Exp.val(1)), keyA())).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(read(Exp.mul(Exp.val(Long.MIN_VALUE), Exp.val(-1)), keyA())).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(read(Exp.abs(Exp.val(Long.MIN_VALUE)), keyA())).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(read(Exp.mod(Exp.val(-7), Exp.val(3)), keyA())).isEqualTo(Value.of(-1L));
        assertThat(read(Exp.min(Exp.val(2.5), Exp.val(-1.5)), keyA())).isEqualTo(Value.of(-1.5));
        assertThat(read(Exp.max(Exp.val(2), Exp.val(7), Exp.val(-3)), keyA())).isEqualTo(Value.of(7L));
    }

    /** eval_to_int: C's cast on x86, where NaN and out-of-range doubles give INT64_MIN. */
    @Test
    void toIntOfNanOrHugeIsInt64Min() {
        assertThat(read(Exp.toInt(Exp.val(Double.NaN)), keyA())).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(read(Exp.toInt(Exp.val(1e300)), keyA())).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(read(Exp.toInt(Exp.val(-2.9)), keyA())).isEqualTo(Value.of(-2L));
    }

    /** eval_int_*shift: the count is taken modulo 64, as x86's shift instructions do. */
    @Test
    void shiftsTakeCountModulo64() {
        assertThat(read(Exp.lshift(Exp.val(1), Exp.val(65)), keyA())).isEqualTo(Value.of(2L));
        assertThat(read(Exp.rshift(Exp.val(-1), Exp.val(60)), keyA())).isEqualTo(Value.of(15L));
        assertThat(read(Exp.arshift(Exp.val(-16), Exp.val(2)), keyA())).isEqualTo(Value.of(-4L));
    }

    /** eval_int_lscan / rscan: index from the most significant bit, -1 when no bit matches. */
    @Test
    void scansCountFromTheMostSignificantBit() {
        assertThat(read(Exp.lscan(Exp.val(0), Exp.val(true)), keyA())).isEqualTo(Value.of(-1L));
        assertThat(read(Exp.rscan(Exp.val(0), Exp.val(true)), keyA())).isEqualTo(Value.of(-1L));
        assertThat(read(Exp.lscan(Exp.val(-1), Exp.val(false)), keyA())).isEqualTo(Value.of(-1L));
        assertThat(read(Exp.lscan(Exp.val(0x00F0), Exp.val(true)), keyA())).isEqualTo(Value.of(56L));
        assertThat(read(Exp.rscan(Exp.val(0x00F0), Exp.val(true)), keyA())).isEqualTo(Value.of(59L));
        assertThat(read(Exp.lscan(Exp.val(Long.MAX_VALUE), Exp.val(false)), keyA())).isEqualTo(Value.of(0L));
        assertThat(read(Exp.count(Exp.val(-1)), keyA())).isEqualTo(Value.of(64L));
    }

    /** cmp_float: NaN is unequal to everything and unordered. */
    @Test
    void nanComparesAsIeee() {
        Exp nan = Exp.val(Double.NaN);
        assertThat(matches(Exp.eq(nan, nan), keyA())).isFalse();
        assertThat(matches(Exp.ne(nan, nan), keyA())).isTrue();
        assertThat(matches(Exp.ge(nan, Exp.val(1.0)), keyA())).isFalse();
        assertThat(matches(Exp.lt(nan, Exp.val(1.0)), keyA())).isFalse();
    }

    /** cmp_bytes: strings and blobs compare byte by byte (unsigned), then by length. */
    @Test
    void stringsAndBlobsCompareAsBytes() {
        assertThat(matches(Exp.lt(Exp.stringBin("C"), Exp.val("abcdf")), keyA())).isTrue();
        assertThat(matches(Exp.gt(Exp.stringBin("C"), Exp.val("abcd")), keyA())).isTrue();
        assertThat(matches(Exp.gt(Exp.val("é"), Exp.val("z")), keyA())).isTrue(); // 0xC3 > 0x7A
        assertThat(matches(Exp.gt(Exp.val(new byte[] {(byte) 0x80}), Exp.val(new byte[] {0x7f, 0})), keyA()))
                .isTrue();
        assertThat(matches(Exp.le(Exp.val(new byte[] {1}), Exp.val(new byte[] {1})), keyA())).isTrue();
    }

    /** cmp_nil and cmp_trilean: nils are equal; false is below true. */
    @Test
    void nilsAndBooleansCompare() {
        assertThat(matches(Exp.eq(Exp.nil(), Exp.nil()), keyA())).isTrue();
        assertThat(matches(Exp.ge(Exp.nil(), Exp.nil()), keyA())).isTrue();
        assertThat(matches(Exp.lt(Exp.nil(), Exp.nil()), keyA())).isFalse();
        assertThat(matches(Exp.lt(Exp.val(false), Exp.val(true)), keyA())).isTrue();
        Record boolRecord = record(bins("flag", Value.of(true)));
        assertThat(matches(Exp.eq(Exp.boolBin("flag"), Exp.val(true)), boolRecord)).isTrue();
        assertThat(matches(Exp.boolBin("flag"), boolRecord)).isTrue();
    }

    /** cmp_msgpack: lists and key-ordered maps compare in msgpack order; an unordered map makes it unknown. */
    @Test
    void listsAndMapsCompareInMsgpackOrder() {
        Record r = record(bins("l", new Value.ListValue(List.of(Value.of(1L), Value.of("a"))),
                "m", new Value.MapValue(Map.of(Value.of(1L), Value.of(2L)), Value.MapOrder.KEY_ORDERED),
                "u", new Value.MapValue(Map.of(Value.of(1L), Value.of(2L)))));
        assertThat(matches(Exp.eq(Exp.listBin("l"), Exp.val(List.of(1L, "a"))), r)).isTrue();
        assertThat(matches(Exp.lt(Exp.listBin("l"), Exp.val(List.of(1L, "b"))), r)).isTrue();
        assertThat(matches(Exp.gt(Exp.listBin("l"), Exp.val(List.of(1L))), r)).isTrue();
        assertThat(matches(Exp.eq(Exp.mapBin("m"), Exp.val(new TreeMap<>(Map.of(1L, 2L)))), r)).isTrue();
        // an unordered map on either side: unknown, so neither eq nor ne holds
        assertThat(matches(Exp.eq(Exp.mapBin("u"), Exp.val(new TreeMap<>(Map.of(1L, 2L)))), r)).isFalse();
        assertThat(matches(Exp.ne(Exp.mapBin("u"), Exp.val(new TreeMap<>(Map.of(1L, 2L)))), r)).isFalse();
    }

    /** eval_bin_type and Exp.binExists: the particle type number, 0 for a missing bin. */
    @Test
    void binTypeAndBinExists() {
        Record r = record(bins("i", Value.of(1L), "f", Value.of(1.5), "s", Value.of("x"), "b", Value.of(new byte[1]),
                "t", Value.of(true), "l", new Value.ListValue(List.of()), "m", new Value.MapValue(Map.of()),
                "g", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[0,0]}"),
                "h", new Value.HllValue(new byte[] {1, 2})));
        assertThat(read(Exp.binType("i"), r)).isEqualTo(Value.of(1L));
        assertThat(read(Exp.binType("f"), r)).isEqualTo(Value.of(2L));
        assertThat(read(Exp.binType("s"), r)).isEqualTo(Value.of(3L));
        assertThat(read(Exp.binType("b"), r)).isEqualTo(Value.of(4L));
        assertThat(read(Exp.binType("t"), r)).isEqualTo(Value.of(17L));
        assertThat(read(Exp.binType("h"), r)).isEqualTo(Value.of(18L));
        assertThat(read(Exp.binType("m"), r)).isEqualTo(Value.of(19L));
        assertThat(read(Exp.binType("l"), r)).isEqualTo(Value.of(20L));
        assertThat(read(Exp.binType("g"), r)).isEqualTo(Value.of(23L));
        assertThat(read(Exp.binType("nope"), r)).isEqualTo(Value.of(0L));
        assertThat(matches(Exp.binExists("s"), r)).isTrue();
        assertThat(matches(Exp.binExists("nope"), r)).isFalse();
        // every bin type reads back as itself
        assertThat(read(Exp.geoBin("g"), r)).isEqualTo(r.bins().get("g"));
        assertThat(read(Exp.hllBin("h"), r)).isEqualTo(r.bins().get("h"));
        assertThat(read(Exp.blobBin("b"), r)).isEqualTo(r.bins().get("b"));
        assertThat(read(Exp.mapBin("m"), r)).isEqualTo(r.bins().get("m"));
    }

    /** cmp_geo: a geo bin (the candidate) within a region literal, or a region bin containing a point literal. */
    @Test
    void geoCompareMatchesPointsWithinRegionsAndRegionsContainingPoints() {
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}";
        Record r = record(bins("p", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[1,1]}"),
                "q", Value.ofGeoJson(square)));
        assertThat(matches(Exp.geoCompare(Exp.geoBin("p"), Exp.geo(square)), r)).isTrue();
        assertThat(matches(Exp.geoCompare(Exp.geoBin("p"),
                Exp.geo("{\"type\":\"AeroCircle\",\"coordinates\":[[5,5],1000]}")), r)).isFalse();
        assertThat(matches(Exp.geoCompare(Exp.geoBin("q"),
                Exp.geo("{\"type\":\"Point\",\"coordinates\":[1.5,0.5]}")), r)).isTrue();
        assertThat(matches(Exp.geoCompare(Exp.geoBin("q"),
                Exp.geo("{\"type\":\"Point\",\"coordinates\":[3,3]}")), r)).isFalse();
        assertThat(matches(Exp.geoCompare(Exp.geoBin("missing"), Exp.geo(square)), r)).isFalse();
    }

    /** A filter must be boolean (check_filter_exp); anything else is PARAMETER_ERROR. */
    @Test
    void nonBooleanFilterIsParameterError() {
        assertThatThrownBy(() -> matches(Exp.intBin("A"), keyA()))
                .isInstanceOf(AerologException.class)
                .extracting(e -> ((AerologException) e).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    /** Exp.expr: an expression built earlier, merged into another (TestExpOperation.expMerge). */
    @Test
    void mergedExpressions() {
        var e = Exp.build(Exp.eq(Exp.intBin("A"), Exp.val(0)));
        Record r = record(bins("A", Value.of(1L), "D", Value.of(2L)));
        assertThat(matches(Exp.and(Exp.expr(e), Exp.eq(Exp.intBin("D"), Exp.val(2))), r)).isFalse();
        assertThat(matches(Exp.or(Exp.expr(e), Exp.eq(Exp.intBin("D"), Exp.val(2))), r)).isTrue();
    }

    @Test
    void filterGivenAsDecodedValueIsRefused() {
        assertThatThrownBy(() -> Expressions.matches(new Value.ListValue(List.of(Value.of(0L))), keyA(), NOW))
                .isInstanceOf(AerologException.class)
                .extracting(e -> ((AerologException) e).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(Expressions.matches(filter(Exp.val(true)), keyA(), NOW)).isTrue();
    }
}
