package io.aerolog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import io.aerolog.client.cdt.CTX;
import io.aerolog.client.cdt.ListOperation;
import io.aerolog.client.cdt.ListOrder;
import io.aerolog.client.cdt.ListPolicy;
import io.aerolog.client.cdt.ListReturnType;
import io.aerolog.client.cdt.ListSortFlags;
import io.aerolog.client.cdt.ListWriteFlags;
import io.aerolog.client.cdt.MapOperation;
import io.aerolog.client.cdt.MapOrder;
import io.aerolog.client.cdt.MapPolicy;
import io.aerolog.client.cdt.MapReturnType;
import io.aerolog.client.cdt.MapWriteFlags;
import io.aerolog.client.cdt.MapWriteMode;
import io.aerolog.client.operation.BitOperation;
import io.aerolog.client.operation.BitOverflowAction;
import io.aerolog.client.operation.BitPolicy;
import io.aerolog.client.operation.BitResizeFlags;
import io.aerolog.client.operation.BitWriteFlags;
import io.aerolog.client.operation.ExpOperation;
import io.aerolog.client.operation.HLLOperation;
import io.aerolog.client.operation.HLLPolicy;
import io.aerolog.client.operation.HLLWriteFlags;
import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.protocol.OperationJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's list, map, bit, HyperLogLog and expression operation builders give the payload Aerospike's
 * Java client packs for the same call (its bytes decoded as the wire listener decodes them), and each has a
 * JSON form in both of the gateway's forms that reads back to the same operation.
 */
class OperationBuildersTest {
    private static final Value A = Value.of("a");
    private static final Value ONE = Value.of(1L);
    private static final com.aerospike.client.Value AA = com.aerospike.client.Value.get("a");
    private static final com.aerospike.client.Value A1 = com.aerospike.client.Value.get(1);
    private static final byte[] BYTES = {1, 2, 3};

    static Stream<Arguments> pairs() {
        List<Arguments> c = new ArrayList<>();
        CTX ctx = CTX.mapKey(A);
        com.aerospike.client.cdt.CTX actx = com.aerospike.client.cdt.CTX.mapKey(AA);
        ListPolicy lp = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        com.aerospike.client.cdt.ListPolicy alp = new com.aerospike.client.cdt.ListPolicy(
                com.aerospike.client.cdt.ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        c.add(p(ListOperation.create("l", ListOrder.ORDERED, false, ctx), com.aerospike.client.cdt.ListOperation.create("l",
                com.aerospike.client.cdt.ListOrder.ORDERED, false, actx)));
        c.add(p(ListOperation.create("l", ListOrder.UNORDERED, true), com.aerospike.client.cdt.ListOperation.create("l",
                com.aerospike.client.cdt.ListOrder.UNORDERED, true)));
        c.add(p(ListOperation.append(lp, "l", ONE, ctx), com.aerospike.client.cdt.ListOperation.append(alp, "l", A1, actx)));
        c.add(p(ListOperation.appendItems("l", List.of(A, ONE)), com.aerospike.client.cdt.ListOperation.appendItems("l",
                List.of(AA, A1))));
        c.add(p(ListOperation.insertItems(lp, "l", 2, List.of(A)), com.aerospike.client.cdt.ListOperation.insertItems(alp,
                "l", 2, List.of(AA))));
        c.add(p(ListOperation.increment(lp, "l", 1, Value.of(2.5)), com.aerospike.client.cdt.ListOperation.increment(alp,
                "l", 1, com.aerospike.client.Value.get(2.5))));
        c.add(p(ListOperation.sort("l", ListSortFlags.DROP_DUPLICATES), com.aerospike.client.cdt.ListOperation.sort("l",
                ListSortFlags.DROP_DUPLICATES)));
        c.add(p(ListOperation.getByValueRange("l", null, A, ListReturnType.VALUE | ListReturnType.INVERTED, CTX.listIndex(0)),
                com.aerospike.client.cdt.ListOperation.getByValueRange("l", null, AA, ListReturnType.VALUE
                        | ListReturnType.INVERTED, com.aerospike.client.cdt.CTX.listIndex(0))));
        c.add(p(ListOperation.removeByValueRelativeRankRange("l", ONE, -1, 2, ListReturnType.RANK),
                com.aerospike.client.cdt.ListOperation.removeByValueRelativeRankRange("l", A1, -1, 2, ListReturnType.RANK)));
        c.add(p(ListOperation.popRange("l", 1), com.aerospike.client.cdt.ListOperation.popRange("l", 1)));
        c.add(p(ListOperation.trim("l", 1, 2), com.aerospike.client.cdt.ListOperation.trim("l", 1, 2)));
        c.add(p(ListOperation.getByRankRange("l", 0, 3, ListReturnType.COUNT),
                com.aerospike.client.cdt.ListOperation.getByRankRange("l", 0, 3, ListReturnType.COUNT)));
        Map<Value, Value> items = new LinkedHashMap<>();
        items.put(A, ONE);
        Map<com.aerospike.client.Value, com.aerospike.client.Value> aitems = new LinkedHashMap<>();
        aitems.put(AA, A1);
        c.add(p(MapOperation.create("m", MapOrder.KEY_ORDERED, CTX.listIndexCreate(1, ListOrder.UNORDERED, true)),
                com.aerospike.client.cdt.MapOperation.create("m", com.aerospike.client.cdt.MapOrder.KEY_ORDERED,
                        com.aerospike.client.cdt.CTX.listIndexCreate(1, com.aerospike.client.cdt.ListOrder.UNORDERED, true))));
        c.add(p(MapOperation.put(MapPolicy.of(MapOrder.KEY_ORDERED, MapWriteFlags.CREATE_ONLY), "m", A, ONE),
                com.aerospike.client.cdt.MapOperation.put(new com.aerospike.client.cdt.MapPolicy(
                        com.aerospike.client.cdt.MapOrder.KEY_ORDERED, MapWriteFlags.CREATE_ONLY), "m", AA, A1)));
        c.add(p(MapOperation.put(MapPolicy.of(MapOrder.UNORDERED, MapWriteMode.UPDATE_ONLY), "m", A, ONE),
                com.aerospike.client.cdt.MapOperation.put(new com.aerospike.client.cdt.MapPolicy(
                        com.aerospike.client.cdt.MapOrder.UNORDERED, com.aerospike.client.cdt.MapWriteMode.UPDATE_ONLY),
                        "m", AA, A1)));
        c.add(p(MapOperation.putItems(MapPolicy.DEFAULT, "m", items), com.aerospike.client.cdt.MapOperation.putItems(
                com.aerospike.client.cdt.MapPolicy.Default, "m", aitems)));
        c.add(p(MapOperation.putItems(MapPolicy.of(MapOrder.UNORDERED, MapWriteMode.CREATE_ONLY), "m", items),
                com.aerospike.client.cdt.MapOperation.putItems(new com.aerospike.client.cdt.MapPolicy(
                        com.aerospike.client.cdt.MapOrder.UNORDERED, com.aerospike.client.cdt.MapWriteMode.CREATE_ONLY),
                        "m", aitems)));
        c.add(p(MapOperation.increment(MapPolicy.DEFAULT, "m", A, ONE), com.aerospike.client.cdt.MapOperation.increment(
                com.aerospike.client.cdt.MapPolicy.Default, "m", AA, A1)));
        c.add(p(MapOperation.setMapPolicy(MapPolicy.of(MapOrder.KEY_VALUE_ORDERED, 0), "m"),
                com.aerospike.client.cdt.MapOperation.setMapPolicy(new com.aerospike.client.cdt.MapPolicy(
                        com.aerospike.client.cdt.MapOrder.KEY_VALUE_ORDERED, 0), "m")));
        c.add(p(MapOperation.getByKeyRange("m", A, null, MapReturnType.KEY_VALUE),
                com.aerospike.client.cdt.MapOperation.getByKeyRange("m", AA, null, MapReturnType.KEY_VALUE)));
        c.add(p(MapOperation.removeByKeyList("m", List.of(A), MapReturnType.COUNT),
                com.aerospike.client.cdt.MapOperation.removeByKeyList("m", List.of(AA), MapReturnType.COUNT)));
        c.add(p(MapOperation.getByValueRelativeRankRange("m", ONE, 0, 1, MapReturnType.KEY),
                com.aerospike.client.cdt.MapOperation.getByValueRelativeRankRange("m", A1, 0, 1, MapReturnType.KEY)));
        c.add(p(MapOperation.removeByIndexRange("m", 1, MapReturnType.NONE, CTX.mapKeyCreate(A, MapOrder.KEY_ORDERED)),
                com.aerospike.client.cdt.MapOperation.removeByIndexRange("m", 1, MapReturnType.NONE,
                        com.aerospike.client.cdt.CTX.mapKeyCreate(AA, com.aerospike.client.cdt.MapOrder.KEY_ORDERED))));
        BitPolicy bp = new BitPolicy(BitWriteFlags.UPDATE_ONLY);
        com.aerospike.client.operation.BitPolicy abp = new com.aerospike.client.operation.BitPolicy(BitWriteFlags.UPDATE_ONLY);
        c.add(p(BitOperation.resize(bp, "b", 4, BitResizeFlags.FROM_FRONT), com.aerospike.client.operation.BitOperation
                .resize(abp, "b", 4, BitResizeFlags.FROM_FRONT)));
        c.add(p(BitOperation.insert(bp, "b", 1, BYTES), com.aerospike.client.operation.BitOperation.insert(abp, "b", 1,
                BYTES)));
        c.add(p(BitOperation.xor(bp, "b", 1, 7, BYTES), com.aerospike.client.operation.BitOperation.xor(abp, "b", 1, 7,
                BYTES)));
        c.add(p(BitOperation.subtract(bp, "b", 0, 16, 300, true, BitOverflowAction.SATURATE),
                com.aerospike.client.operation.BitOperation.subtract(abp, "b", 0, 16, 300, true,
                        com.aerospike.client.operation.BitOverflowAction.SATURATE)));
        c.add(p(BitOperation.rscan("b", 0, 8, true), com.aerospike.client.operation.BitOperation.rscan("b", 0, 8, true)));
        c.add(p(BitOperation.getInt("b", 0, 8, true), com.aerospike.client.operation.BitOperation.getInt("b", 0, 8, true)));
        HLLPolicy hp = new HLLPolicy(HLLWriteFlags.ALLOW_FOLD);
        com.aerospike.client.operation.HLLPolicy ahp = new com.aerospike.client.operation.HLLPolicy(HLLWriteFlags.ALLOW_FOLD);
        c.add(p(HLLOperation.init(hp, "h", 10, 20), com.aerospike.client.operation.HLLOperation.init(ahp, "h", 10, 20)));
        c.add(p(HLLOperation.add(hp, "h", List.of(A, ONE), 12), com.aerospike.client.operation.HLLOperation.add(ahp, "h",
                List.of(AA, A1), 12)));
        c.add(p(HLLOperation.setUnion(hp, "h", List.of(new Value.HllValue(BYTES))),
                com.aerospike.client.operation.HLLOperation.setUnion(ahp, "h",
                        List.of(new com.aerospike.client.Value.HLLValue(BYTES)))));
        c.add(p(HLLOperation.getSimilarity("h", List.of(Value.of(BYTES))),
                com.aerospike.client.operation.HLLOperation.getSimilarity("h",
                        List.of(new com.aerospike.client.Value.HLLValue(BYTES)))));
        c.add(p(HLLOperation.describe("h"), com.aerospike.client.operation.HLLOperation.describe("h")));
        return c.stream();
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void buildsTheClientsPayload(Operation ours, com.aerospike.client.Operation theirs) {
        byte[] packed = (byte[]) theirs.value.getObject();
        assertThat(ours.value()).isEqualTo(MsgPack.unpack(packed, 0, packed.length));
        assertThat(ours.bin()).isEqualTo(theirs.binName);
        assertThat(ours.type().isWrite()).isEqualTo(theirs.type.isWrite);
        assertThat(OperationJson.fromJson(OperationJson.toJson(ours), "untyped")).isEqualTo(ours);
        assertThat(OperationJson.fromJson(OperationJson.toTypedJson(ours), "typed")).isEqualTo(ours);
    }

    @Test
    void expressionOperationsCarryTheClientsBytes() {
        Expression exp = Exp.build(Exp.mul(Exp.intBin("a"), Exp.val(2)));
        com.aerospike.client.Operation theirs = com.aerospike.client.exp.ExpOperation.write("w", exp, 0);
        Operation ours = ExpOperation.write("w", exp.getBytes(), 0);
        assertThat(ours.value()).isEqualTo(Value.of((byte[]) theirs.value.getObject()));
        assertThat(OperationJson.fromJson(OperationJson.toJson(ours), "untyped")).isEqualTo(ours);
    }

    @Test
    void aMapOfIntegerKeysHasNoJsonFormAndIsRefusedBeforeSending() {
        Operation op = MapOperation.putItems(MapPolicy.DEFAULT, "m", Map.of(ONE, A));
        assertThatThrownBy(() -> OperationJson.toJson(op)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
    }

    private static Arguments p(Operation ours, com.aerospike.client.Operation theirs) {
        return Arguments.of(ours, theirs);
    }
}
