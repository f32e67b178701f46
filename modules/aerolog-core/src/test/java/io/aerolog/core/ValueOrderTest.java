package io.aerolog.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ValueOrder} against the server's {@code msgpack_cmp} ({@code cf/src/msgpack_in.c}). */
class ValueOrderTest {
    private static Value list(Value... items) {
        return new Value.ListValue(List.of(items));
    }

    private static Value map(Value... keysAndValues) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Value.MapValue(entries);
    }

    @Test
    void typesComeInMsgpackTypeOrder() {
        List<Value> ascending = List.of(Value.NIL, Value.of(false), Value.of(true), Value.of(Long.MIN_VALUE), Value.of(-1),
                Value.of(0), Value.of(Long.MAX_VALUE), Value.of(""), Value.of("a"), list(), list(Value.NIL), map(),
                Value.of(new byte[0]), Value.of(-1e300), Value.of(1.0), Value.ofGeoJson("{}"), Value.INFINITY);
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(ValueOrder.compare(ascending.get(i), ascending.get(j))))
                        .as("%s vs %s", ascending.get(i), ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void aWildcardEndsTheWholeComparisonAsEqual() {
        // msgpack_cmp_internal returns MSGPACK_CMP_EQUAL at the first wildcard, however deep
        assertThat(ValueOrder.compare(list(Value.of(1), Value.WILDCARD), list(Value.of(1), Value.of(2), Value.of(3))))
                .isZero();
        assertThat(ValueOrder.compare(list(list(Value.of(1), Value.WILDCARD), Value.of(5)),
                list(list(Value.of(1), Value.of(2)), Value.of(6)))).isZero();
        assertThat(ValueOrder.compare(list(Value.of(1), Value.WILDCARD), list(Value.of(0), Value.of(9)))).isPositive();
        assertThat(ValueOrder.compare(list(Value.of(1), Value.WILDCARD), list(Value.of(1)))).isPositive();
        assertThat(ValueOrder.compare(Value.WILDCARD, Value.INFINITY)).isZero();
    }

    @Test
    void doublesCompareAsTheServerComparesThem() {
        assertThat(ValueOrder.compare(Value.of(-0.0), Value.of(0.0))).isZero();
        assertThat(ValueOrder.compare(Value.of(Double.NaN), Value.of(Double.POSITIVE_INFINITY))).isPositive();
        assertThat(ValueOrder.compare(Value.of(Double.NaN), Value.of(Double.NaN))).isZero();
        assertThat(ValueOrder.compare(Value.of(Double.NEGATIVE_INFINITY), Value.of(-1e308))).isNegative();
    }

    @Test
    void listsByItemsThenLengthAndMapsBySizeThenEntries() {
        assertThat(ValueOrder.compare(list(Value.of(1), Value.of(9)), list(Value.of(2)))).isNegative();
        assertThat(ValueOrder.compare(list(Value.of(1)), list(Value.of(1), Value.NIL))).isNegative();
        assertThat(ValueOrder.compare(map(Value.of(9), Value.of(9)), map(Value.of(1), Value.of(1), Value.of(2), Value.of(2))))
                .isNegative();
        assertThat(ValueOrder.compare(map(Value.of(1), Value.of(2)), map(Value.of(1), Value.of(3)))).isNegative();
        // a list's order flag is not compared (cmp_parse_container skips the ext)
        assertThat(ValueOrder.compare(new Value.ListValue(List.of(Value.of(1)), true), list(Value.of(1)))).isZero();
        // strings byte by byte as UTF-8 ("é" is 0xc3 0xa9, after "z")
        assertThat(ValueOrder.compare(Value.of("é"), Value.of("z"))).isPositive();
        assertThat(ValueOrder.compare(Value.of(new byte[] {(byte) 0x80}), Value.of(new byte[] {0x7f, 0}))).isPositive();
    }
}
