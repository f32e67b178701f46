package io.aerolog.core.exp;

import static io.aerolog.core.exp.ExpressionBuilder.and;
import static io.aerolog.core.exp.ExpressionBuilder.blob;
import static io.aerolog.core.exp.ExpressionBuilder.blobBin;
import static io.aerolog.core.exp.ExpressionBuilder.countBetween;
import static io.aerolog.core.exp.ExpressionBuilder.countEqual;
import static io.aerolog.core.exp.ExpressionBuilder.eq;
import static io.aerolog.core.exp.ExpressionBuilder.ge;
import static io.aerolog.core.exp.ExpressionBuilder.gt;
import static io.aerolog.core.exp.ExpressionBuilder.intBin;
import static io.aerolog.core.exp.ExpressionBuilder.integer;
import static io.aerolog.core.exp.ExpressionBuilder.le;
import static io.aerolog.core.exp.ExpressionBuilder.string;
import static io.aerolog.core.exp.ExpressionBuilder.stringBin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ListExp;
import com.aerospike.client.exp.MapExp;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.index.CollectionType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expression builder's forms, each compiled by the engine's own compiler and evaluated on records (true and
 * false cases), and packed byte for byte as Aerospike's Java client packs the same expression.
 */
class ExpressionBuilderTest {
    private static boolean holds(Value expression, Map<String, Value> bins) {
        return Expressions.matches(expression, new Record("s", null, bins, 1, 0, 1), 1_000);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Value> v(Value value) {
        return Map.of("v", value);
    }

    private static Value list(Object... items) {
        return Value.ofList(java.util.Arrays.stream(items)
                .map(i -> i instanceof String s ? Value.of(s) : Value.of(((Number) i).longValue())).toList());
    }

    private static Value map(Object... keyValue) {
        Map<Value, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValue.length; i += 2) {
            m.put(value(keyValue[i]), value(keyValue[i + 1]));
        }
        return Value.ofMap(m);
    }

    private static Value value(Object o) {
        return o instanceof String s ? Value.of(s) : Value.of(((Number) o).longValue());
    }

    private static byte[] bytes(Value v) {
        return ((Value.BytesValue) v).value();
    }

    @Test
    void integerComparisonsOfAnIntegerBin() {
        Value between = and(ge(intBin("v"), integer(10)), le(intBin("v"), integer(20)));
        assertThat(holds(between, v(Value.of(10)))).isTrue();
        assertThat(holds(between, v(Value.of(20)))).isTrue();
        assertThat(holds(between, v(Value.of(9)))).isFalse();
        assertThat(holds(between, v(Value.of(21)))).isFalse();
        assertThat(holds(between, v(Value.of("15")))).as("a string is no integer").isFalse();
        assertThat(holds(between, Map.of("w", Value.of(15)))).as("no bin").isFalse();
        assertThat(holds(gt(intBin("v"), integer(0)), v(Value.of(1)))).isTrue();
        assertThat(holds(gt(intBin("v"), integer(0)), v(Value.of(0)))).isFalse();
        for (long edge : new long[] {Long.MIN_VALUE, Integer.MIN_VALUE - 1L, -129, -33, -32, 0, 127, 128, 255, 256,
                65535, 65536, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE}) {
            assertThat(holds(eq(intBin("v"), integer(edge)), v(Value.of(edge)))).as("%d", edge).isTrue();
            assertThat(holds(eq(intBin("v"), integer(edge)), v(Value.of(edge == 0 ? 1 : 0)))).isFalse();
            assertThat(bytes(eq(intBin("v"), integer(edge))))
                    .isEqualTo(Exp.build(Exp.eq(Exp.intBin("v"), Exp.val(edge))).getBytes());
        }
        assertThat(bytes(between)).isEqualTo(Exp.build(Exp.and(Exp.ge(Exp.intBin("v"), Exp.val(10)),
                Exp.le(Exp.intBin("v"), Exp.val(20)))).getBytes());
    }

    @Test
    void stringAndBlobEquality() {
        String longText = "x".repeat(300);
        assertThat(holds(eq(stringBin("v"), string(utf8("ab"))), v(Value.of("ab")))).isTrue();
        assertThat(holds(eq(stringBin("v"), string(utf8("ab"))), v(Value.of("abc")))).isFalse();
        assertThat(holds(eq(stringBin("v"), string(utf8(longText))), v(Value.of(longText)))).isTrue();
        assertThat(holds(eq(blobBin("v"), blob(new byte[] {1, 2})), v(Value.of(new byte[] {1, 2})))).isTrue();
        assertThat(holds(eq(blobBin("v"), blob(new byte[] {1, 2})), v(Value.of(new byte[] {1, 3})))).isFalse();
        assertThat(holds(eq(blobBin("v"), blob(new byte[] {1, 2})), v(Value.of("\u0001\u0002")))).isFalse();
        assertThat(bytes(eq(stringBin("v"), string(utf8(longText)))))
                .isEqualTo(Exp.build(Exp.eq(Exp.stringBin("v"), Exp.val(longText))).getBytes());
        assertThat(bytes(eq(blobBin("v"), blob(new byte[] {1, 2}))))
                .isEqualTo(Exp.build(Exp.eq(Exp.blobBin("v"), Exp.val(new byte[] {1, 2}))).getBytes());
    }

    @Test
    void countsOfListElements() {
        Value list = list(3, "a", 40);
        assertThat(holds(gt(countBetween(CollectionType.LIST, null, 10, 50, "v"), integer(0)), v(list))).isTrue();
        assertThat(holds(gt(countBetween(CollectionType.LIST, null, 41, 50, "v"), integer(0)), v(list))).isFalse();
        assertThat(holds(eq(countBetween(CollectionType.LIST, null, 3, Long.MAX_VALUE, "v"), integer(2)), v(list)))
                .as("open above").isTrue();
        assertThat(holds(gt(countEqual(CollectionType.LIST, null, string(utf8("a")), "v"), integer(0)), v(list)))
                .isTrue();
        assertThat(holds(gt(countEqual(CollectionType.LIST, null, string(utf8("b")), "v"), integer(0)), v(list)))
                .isFalse();
        assertThat(holds(gt(countBetween(CollectionType.LIST, null, 0, 100, "v"), integer(0)), v(map(1, 1))))
                .as("a map is no list").isFalse();
        assertThat(bytes(countBetween(CollectionType.LIST, null, 10, 50, "v"))).isEqualTo(Exp.build(
                ListExp.getByValueRange(ListReturnType.COUNT, Exp.val(10), Exp.val(51), Exp.listBin("v"))).getBytes());
        Value top = list(Long.MAX_VALUE, "z");
        assertThat(holds(eq(countBetween(CollectionType.LIST, null, 10, Long.MAX_VALUE, "v"), integer(1)), v(top)))
                .as("the last integer counts, a string does not").isTrue();
        assertThat(holds(eq(countBetween(CollectionType.LIST, null, Long.MAX_VALUE, Long.MAX_VALUE, "v"),
                integer(1)), v(top))).isTrue();
        assertThat(holds(gt(countBetween(CollectionType.LIST, null, Long.MAX_VALUE, Long.MAX_VALUE, "v"),
                integer(0)), v(list(1, "z")))).isFalse();
        assertThat(bytes(countEqual(CollectionType.LIST, null, string(utf8("a")), "v"))).isEqualTo(Exp.build(
                ListExp.getByValue(ListReturnType.COUNT, Exp.val("a"), Exp.listBin("v"))).getBytes());
    }

    @Test
    void countsOfMapKeysAndValues() {
        Value map = map("k", 7, 100, "val");
        assertThat(holds(gt(countBetween(CollectionType.MAPKEYS, null, 100, 100, "v"), integer(0)), v(map))).isTrue();
        assertThat(holds(gt(countBetween(CollectionType.MAPKEYS, null, 7, 7, "v"), integer(0)), v(map))).isFalse();
        assertThat(holds(gt(countBetween(CollectionType.MAPVALUES, null, 7, 7, "v"), integer(0)), v(map))).isTrue();
        assertThat(holds(gt(countBetween(CollectionType.MAPVALUES, null, 8, 99, "v"), integer(0)), v(map)))
                .isFalse();
        assertThat(holds(gt(countEqual(CollectionType.MAPKEYS, null, string(utf8("k")), "v"), integer(0)), v(map)))
                .isTrue();
        assertThat(holds(gt(countEqual(CollectionType.MAPKEYS, null, string(utf8("val")), "v"), integer(0)),
                v(map))).isFalse();
        assertThat(holds(gt(countEqual(CollectionType.MAPVALUES, null, string(utf8("val")), "v"), integer(0)),
                v(map))).isTrue();
        assertThat(holds(gt(countEqual(CollectionType.MAPVALUES, null, string(utf8("k")), "v"), integer(0)),
                v(map))).isFalse();
        assertThat(bytes(countEqual(CollectionType.MAPKEYS, null, string(utf8("k")), "v"))).isEqualTo(Exp.build(
                MapExp.getByKey(MapReturnType.COUNT, Exp.Type.INT, Exp.val("k"), Exp.mapBin("v"))).getBytes());
        assertThat(bytes(countEqual(CollectionType.MAPVALUES, null, string(utf8("k")), "v"))).isEqualTo(Exp.build(
                MapExp.getByValue(MapReturnType.COUNT, Exp.val("k"), Exp.mapBin("v"))).getBytes());
        assertThat(bytes(countBetween(CollectionType.MAPKEYS, null, 1, 2, "v"))).isEqualTo(Exp.build(
                MapExp.getByKeyRange(MapReturnType.COUNT, Exp.val(1), Exp.val(3), Exp.mapBin("v"))).getBytes());
        assertThat(bytes(countBetween(CollectionType.MAPVALUES, null, 1, 2, "v"))).isEqualTo(Exp.build(
                MapExp.getByValueRange(MapReturnType.COUNT, Exp.val(1), Exp.val(3), Exp.mapBin("v"))).getBytes());
    }

    @Test
    void countsAtAContext() {
        CTX[] inner = {CTX.mapKey(com.aerospike.client.Value.get("inner"))};
        byte[] context = CTX.toBytes(inner);
        Map<Value, Value> m = new LinkedHashMap<>();
        m.put(Value.of("inner"), list(5, 6));
        m.put(Value.of("other"), list(50));
        Value nested = Value.ofMap(m);
        assertThat(holds(gt(countBetween(CollectionType.LIST, context, 5, 5, "v"), integer(0)), v(nested))).isTrue();
        assertThat(holds(gt(countBetween(CollectionType.LIST, context, 50, 50, "v"), integer(0)), v(nested)))
                .as("only at the context").isFalse();
        assertThat(holds(gt(countBetween(CollectionType.LIST, context, 5, 5, "v"), integer(0)), v(list(5))))
                .as("no map at the context").isFalse();
        assertThat(bytes(countBetween(CollectionType.LIST, context, 5, 5, "v"))).isEqualTo(Exp.build(
                ListExp.getByValueRange(ListReturnType.COUNT, Exp.val(5), Exp.val(6), Exp.mapBin("v"), inner))
                .getBytes());
    }

    @Test
    void whatItCannotBuildIsRefused() {
        assertThatThrownBy(() -> countEqual(CollectionType.DEFAULT, null, integer(1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> and(Value.of(1), integer(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(integer(1), integer(1))).allSatisfy(e -> assertThat(e).isEqualTo(integer(1)));
        assertThatThrownBy(() -> countEqual(CollectionType.LIST, new byte[] {(byte) 0x90}, integer(1), "v"))
                .isInstanceOf(io.aerolog.core.AerologException.class);
    }
}
