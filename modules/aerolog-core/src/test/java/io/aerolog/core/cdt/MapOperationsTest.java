package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.clientMap;
import static io.aerolog.core.cdt.CdtSupport.cv;
import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.v;
import static io.aerolog.core.cdt.CdtSupport.values;

import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.cdt.MapWriteMode;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.CdtSupport.Bin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Map operations against Aerospike's semantics: the cases of the Java client's own
 * {@code TestOperateMap} (same operations, same expected values; its KEY_VALUE results, which the
 * client reads as lists of entries, are maps flagged PRESERVE_ORDER here, as the server packs them),
 * and behaviours of {@code particle_map.c} they do not cover.
 */
class MapOperationsTest {
    private static final String BIN = "m";
    private static final Value.MapOrder KV = Value.MapOrder.PRESERVE_ORDER;
    private static final Value.MapOrder K = Value.MapOrder.KEY_ORDERED;

    /** The seven scores of the client's remove tests, as a client HashMap would send them. */
    private static Map<com.aerospike.client.Value, com.aerospike.client.Value> scores() {
        return clientMap("Charlie", 55, "Jim", 98, "John", 76, "Harry", 82, "Sally", 79, "Lenny", 84, "Abe", 88);
    }

    @Test
    void putWithWriteFlags() {
        Bin bin = Bin.absent();
        MapPolicy addMode = new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.CREATE_ONLY);
        MapPolicy updateMode = new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.UPDATE_ONLY);
        MapPolicy orderedUpdateMode = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.UPDATE_ONLY);
        exact(bin.run(
                MapOperation.put(MapPolicy.Default, BIN, cv(11), cv(789)),
                MapOperation.put(MapPolicy.Default, BIN, cv(10), cv(999)),
                MapOperation.put(addMode, BIN, cv(12), cv(500)),
                MapOperation.put(addMode, BIN, cv(15), cv(1000)),
                MapOperation.put(orderedUpdateMode, BIN, cv(10), cv(1)),
                MapOperation.put(updateMode, BIN, cv(15), cv(5))))
                .containsExactly(v(1), v(2), v(3), v(4), v(4), v(4));
        // map_add: a new key goes where it sorts while the unordered map is in key order
        exact(bin.value).isEqualTo(map(10, 1, 11, 789, 12, 500, 15, 5));
        bin.refuses(MapOperation.put(addMode, BIN, cv(10), cv(2)), ResultCode.ELEMENT_EXISTS);
        bin.refuses(MapOperation.put(updateMode, BIN, cv(99), cv(2)), ResultCode.ELEMENT_NOT_FOUND);
    }

    @Test
    void putItemsWithWriteModesAndMapReturnTypes() {
        Bin bin = Bin.absent();
        MapPolicy addMode = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.CREATE_ONLY);
        MapPolicy updateMode = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.UPDATE_ONLY);
        List<Value> results = bin.run(
                MapOperation.putItems(addMode, BIN, clientMap(12, "myval", -8734, "str2", 1, "my default")),
                MapOperation.putItems(MapPolicy.Default, BIN, clientMap(12, "myval12222", 13, "str13")),
                MapOperation.putItems(updateMode, BIN, clientMap(13, "myval2")),
                MapOperation.putItems(updateMode, BIN, clientMap(12, 23, -8734, "changed")),
                MapOperation.getByKey(BIN, cv(1), MapReturnType.VALUE),
                MapOperation.getByKey(BIN, cv(-8734), MapReturnType.VALUE),
                MapOperation.getByKeyRange(BIN, cv(12), cv(15), MapReturnType.KEY_VALUE),
                MapOperation.getByKeyRange(BIN, cv(12), cv(15), MapReturnType.UNORDERED_MAP),
                MapOperation.getByKeyRange(BIN, cv(12), cv(15), MapReturnType.ORDERED_MAP));
        exact(results).containsExactly(v(3), v(4), v(4), v(4), v("my default"), v("changed"),
                map(KV, 12, 23, 13, "myval2"), map(12, 23, 13, "myval2"), map(K, 12, 23, 13, "myval2"));
        exact(bin.value).isEqualTo(map(K, -8734, "changed", 1, "my default", 12, 23, 13, "myval2"));
    }

    @Test
    void putItemsKeyValueOrderedThenIndexByKey() {
        Bin bin = Bin.absent();
        exact(bin.run(MapOperation.putItems(new MapPolicy(MapOrder.KEY_VALUE_ORDERED, MapWriteFlags.DEFAULT), BIN,
                clientMap(12, "myval", -8734, "str2", 1, "my default", 7, 1)))).isEqualTo(v(4));
        exact(bin.run(MapOperation.getByKey(BIN, cv(12), MapReturnType.INDEX))).isEqualTo(v(3));
        exact(bin.value).isEqualTo(map(Value.MapOrder.KEY_VALUE_ORDERED, -8734, "str2", 1, "my default", 7, 1,
                12, "myval"));
    }

    @Test
    void switchFromUnorderedToKeyOrdered() {
        Bin bin = Bin.absent();
        List<Value> results = bin.run(
                MapOperation.put(MapPolicy.Default, BIN, cv(4), cv(4)),
                MapOperation.put(MapPolicy.Default, BIN, cv(3), cv(3)),
                MapOperation.put(MapPolicy.Default, BIN, cv(2), cv(2)),
                MapOperation.put(MapPolicy.Default, BIN, cv(1), cv(1)),
                MapOperation.getByIndex(BIN, 2, MapReturnType.KEY_VALUE),
                MapOperation.getByIndexRange(BIN, 0, 10, MapReturnType.KEY_VALUE));
        exact(results.subList(3, 6)).containsExactly(v(4), map(KV, 3, 3), map(KV, 1, 1, 2, 2, 3, 3, 4, 4));
        exact(bin.run(
                MapOperation.setMapPolicy(new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.DEFAULT, true), BIN),
                MapOperation.getByKeyRange(BIN, cv(3), cv(5), MapReturnType.COUNT),
                MapOperation.getByKeyRange(BIN, cv(-5), cv(2), MapReturnType.KEY_VALUE),
                MapOperation.getByIndexRange(BIN, 0, 10, MapReturnType.KEY_VALUE)))
                .containsExactly(null, v(2), map(KV, 1, 1), map(KV, 1, 1, 2, 2, 3, 3, 4, 4));
        exact(bin.value).isEqualTo(map(K, 1, 1, 2, 2, 3, 3, 4, 4));
    }

    @Test
    void rank() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap("Charlie", 55, "Jim", 98, "John", 76, "Harry", 82)));
        bin.run(MapOperation.increment(MapPolicy.Default, BIN, cv("John"), cv(5)),
                MapOperation.increment(MapPolicy.Default, BIN, cv("Jim"), cv(-4)));
        exact(bin.run(
                MapOperation.getByRankRange(BIN, -2, 2, MapReturnType.KEY),
                MapOperation.getByRankRange(BIN, 0, 2, MapReturnType.KEY_VALUE),
                MapOperation.getByRank(BIN, 0, MapReturnType.VALUE),
                MapOperation.getByRank(BIN, 2, MapReturnType.KEY),
                MapOperation.getByValueRange(BIN, cv(90), cv(95), MapReturnType.RANK),
                MapOperation.getByValueRange(BIN, cv(90), cv(95), MapReturnType.COUNT),
                MapOperation.getByValueRange(BIN, cv(90), cv(95), MapReturnType.KEY_VALUE),
                MapOperation.getByValueRange(BIN, cv(81), cv(82), MapReturnType.KEY),
                MapOperation.getByValue(BIN, cv(77), MapReturnType.KEY),
                MapOperation.getByValue(BIN, cv(81), MapReturnType.RANK),
                MapOperation.getByKey(BIN, cv("Charlie"), MapReturnType.RANK),
                MapOperation.getByKey(BIN, cv("Charlie"), MapReturnType.REVERSE_RANK)))
                .containsExactly(list("Harry", "Jim"), map(KV, "Charlie", 55, "John", 81), v(55), v("Harry"),
                        list(3), v(1), map(KV, "Jim", 94), list("John"), list(), list(1), v(0), v(3));
    }

    @Test
    void remove() {
        Bin bin = Bin.absent();
        exact(bin.run(
                MapOperation.putItems(MapPolicy.Default, BIN, scores()),
                MapOperation.removeByKey(BIN, cv("NOTFOUND"), MapReturnType.VALUE),
                MapOperation.removeByKey(BIN, cv("Jim"), MapReturnType.VALUE),
                MapOperation.removeByKeyList(BIN, values("Sally", "UNKNOWN", "Lenny"), MapReturnType.COUNT),
                MapOperation.removeByValue(BIN, cv(55), MapReturnType.KEY),
                MapOperation.size(BIN)))
                .containsExactly(v(7), null, v(98), v(2), list("Charlie"), v(3));
    }

    @Test
    void removeRanges() {
        Bin bin = Bin.absent();
        exact(bin.run(
                MapOperation.putItems(MapPolicy.Default, BIN, scores()),
                MapOperation.removeByKeyRange(BIN, cv("J"), cv("K"), MapReturnType.COUNT),
                MapOperation.removeByValueRange(BIN, cv(80), cv(85), MapReturnType.COUNT),
                MapOperation.removeByIndexRange(BIN, 0, 2, MapReturnType.COUNT),
                MapOperation.removeByRankRange(BIN, 0, 2, MapReturnType.COUNT)))
                .containsExactly(v(7), v(2), v(2), v(2), v(1));
        exact(bin.value).isEqualTo(map());
    }

    @Test
    void clear() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap("Charlie", 55, "Jim", 98)));
        exact(bin.run(MapOperation.clear(BIN), MapOperation.size(BIN))).containsExactly(null, v(0));
    }

    @Test
    void score() {
        Bin bin = Bin.absent();
        MapPolicy policy = new MapPolicy(MapOrder.KEY_VALUE_ORDERED, MapWriteFlags.DEFAULT);
        bin.run(MapOperation.putItems(policy, BIN, clientMap("weiling", 0, "briann", 0, "brianb", 0, "meher", 0)));
        bin.run(MapOperation.increment(policy, BIN, cv("weiling"), cv(10)),
                MapOperation.increment(policy, BIN, cv("briann"), cv(20)),
                MapOperation.increment(policy, BIN, cv("brianb"), cv(1)),
                MapOperation.increment(policy, BIN, cv("meher"), cv(20)));
        exact(bin.run(MapOperation.getByRankRange(BIN, -3, 3, MapReturnType.KEY)))
                .isEqualTo(list("weiling", "briann", "meher"));
        exact(bin.run(MapOperation.removeByValue(BIN, cv(10), MapReturnType.KEY),
                MapOperation.getByRankRange(BIN, -3, 3, MapReturnType.KEY)))
                .containsExactly(list("weiling"), list("brianb", "briann", "meher"));
    }

    @Test
    void getByKeyListAndValueList() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap("Charlie", 55, "Jim", 98, "John", 76, "Harry", 82)));
        exact(bin.run(MapOperation.getByKeyList(BIN, values("Harry", "Jim"), MapReturnType.KEY_VALUE),
                MapOperation.getByValueList(BIN, values(76, 50), MapReturnType.KEY_VALUE)))
                .containsExactly(map(KV, "Harry", 82, "Jim", 98), map(KV, "John", 76));
    }

    @Test
    void inverted() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap("Charlie", 55, "Jim", 98, "John", 76, "Harry", 82)));
        exact(bin.run(
                MapOperation.getByValue(BIN, cv(81), MapReturnType.RANK | MapReturnType.INVERTED),
                MapOperation.getByValue(BIN, cv(82), MapReturnType.RANK | MapReturnType.INVERTED),
                MapOperation.getByValueRange(BIN, cv(90), cv(95), MapReturnType.RANK | MapReturnType.INVERTED),
                MapOperation.getByValueRange(BIN, cv(90), cv(100), MapReturnType.RANK | MapReturnType.INVERTED),
                MapOperation.getByValueList(BIN, values(76, 55, 98, 50), MapReturnType.KEY_VALUE | MapReturnType.INVERTED),
                MapOperation.getByRankRange(BIN, -2, 2, MapReturnType.KEY | MapReturnType.INVERTED),
                MapOperation.getByRankRange(BIN, 0, 3, MapReturnType.KEY_VALUE | MapReturnType.INVERTED)))
                .containsExactly(list(0, 1, 2, 3), list(0, 1, 3), list(0, 1, 2, 3), list(0, 1, 2),
                        map(KV, "Harry", 82), list("Charlie", "John"), map(KV, "Jim", 98));
    }

    @Test
    void relativeRanges() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap(0, 17, 4, 2, 5, 15, 9, 10)));
        exact(bin.run(
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), 0, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), 1, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), -1, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(3), 2, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(3), -2, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), 0, 1, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), 1, 2, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(5), -1, 1, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(3), 2, 1, MapReturnType.KEY),
                MapOperation.getByKeyRelativeIndexRange(BIN, cv(3), -2, 2, MapReturnType.KEY),
                MapOperation.getByValueRelativeRankRange(BIN, cv(11), 1, MapReturnType.VALUE),
                MapOperation.getByValueRelativeRankRange(BIN, cv(11), -1, MapReturnType.VALUE),
                MapOperation.getByValueRelativeRankRange(BIN, cv(11), 1, 1, MapReturnType.VALUE),
                MapOperation.getByValueRelativeRankRange(BIN, cv(11), -1, 1, MapReturnType.VALUE)))
                .containsExactly(list(5, 9), list(9), list(4, 5, 9), list(9), list(0, 4, 5, 9), list(5), list(9),
                        list(4), list(9), list(0), list(17), list(10, 15, 17), list(17), list(10));
    }

    @Test
    void removeRelativeRanges() {
        Bin bin = Bin.absent();
        Map<com.aerospike.client.Value, com.aerospike.client.Value> input = clientMap(0, 17, 4, 2, 5, 15, 9, 10);
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, input));
        exact(bin.run(
                MapOperation.removeByKeyRelativeIndexRange(BIN, cv(5), 0, MapReturnType.VALUE),
                MapOperation.removeByKeyRelativeIndexRange(BIN, cv(5), 1, MapReturnType.VALUE),
                MapOperation.removeByKeyRelativeIndexRange(BIN, cv(5), -1, 1, MapReturnType.VALUE)))
                .containsExactly(list(15, 10), list(), list(2));
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, input));
        exact(bin.run(
                MapOperation.removeByValueRelativeRankRange(BIN, cv(11), 1, MapReturnType.VALUE),
                MapOperation.removeByValueRelativeRankRange(BIN, cv(11), -1, 1, MapReturnType.VALUE)))
                .containsExactly(list(17), list(10));
    }

    @Test
    void partialCreateOnlyPutItems() {
        Bin partial = Bin.absent();
        Bin whole = Bin.absent();
        Map<com.aerospike.client.Value, com.aerospike.client.Value> input = clientMap(0, 17, 4, 2, 5, 15, 9, 10);
        partial.run(MapOperation.putItems(MapPolicy.Default, BIN, input));
        whole.run(MapOperation.putItems(MapPolicy.Default, BIN, input));
        Map<com.aerospike.client.Value, com.aerospike.client.Value> source = clientMap(3, 3, 5, 15);
        exact(partial.run(MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED,
                MapWriteFlags.CREATE_ONLY | MapWriteFlags.PARTIAL | MapWriteFlags.NO_FAIL), BIN, source))).isEqualTo(v(5));
        exact(whole.run(MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED,
                MapWriteFlags.CREATE_ONLY | MapWriteFlags.NO_FAIL), BIN, source))).isEqualTo(v(4));
        exact(partial.value).isEqualTo(map(0, 17, 3, 3, 4, 2, 5, 15, 9, 10));
        exact(whole.value).isEqualTo(map(0, 17, 4, 2, 5, 15, 9, 10));
    }

    @Test
    void infinityAndWildcard() {
        Bin bin = Bin.absent();
        bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap(0, 17, 4, 2, 5, 15, 9, 10)));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv(5), com.aerospike.client.Value.INFINITY,
                MapReturnType.KEY))).isEqualTo(list(5, 9));
        Bin people = Bin.absent();
        people.run(MapOperation.putItems(MapPolicy.Default, BIN, Map.of(cv(4), cv(List.of("John", 55)),
                cv(5), cv(List.of("Jim", 95)), cv(9), cv(List.of("Joe", 80)))));
        exact(people.run(MapOperation.getByValue(BIN, cv(List.of(cv("Joe"), com.aerospike.client.Value.WILDCARD)),
                MapReturnType.KEY))).isEqualTo(list(9));
    }

    @Test
    void nestedMapsByKeyAndRank() {
        Bin bin = new Bin(map("key1", map("key11", 9, "key12", 4), "key2", map("key21", 3, "key22", 5)));
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv("key21"), cv(11), CTX.mapKey(cv("key2")))))
                .isEqualTo(v(2));
        exact(bin.value).isEqualTo(map("key1", map("key11", 9, "key12", 4), "key2", map("key21", 11, "key22", 5)));

        Bin deep = new Bin(map("key1", map("key11", map("key111", 1), "key12", map("key121", 5)),
                "key2", map("key21", map("key211", 7))));
        exact(deep.run(MapOperation.put(MapPolicy.Default, BIN, cv("key121"), cv(11), CTX.mapKey(cv("key1")),
                CTX.mapRank(-1)))).isEqualTo(v(1));
        exact(deep.value).isEqualTo(map("key1", map("key11", map("key111", 1), "key12", map("key121", 11)),
                "key2", map("key21", map("key211", 7))));
    }

    @Test
    void nestedMapByValue() {
        Bin bin = Bin.absent();
        MapPolicy policy = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.DEFAULT);
        Map<com.aerospike.client.Value, com.aerospike.client.Value> m1 = clientMap(1, "in", 3, "order", 2, "key");
        exact(bin.run(MapOperation.putItems(policy, BIN, Map.of(cv("first"), cv(m1))),
                MapOperation.put(policy, BIN, cv("first"), cv(m1))))
                .containsExactly(v(1), v(1));
        // cdt_untrusted_rewrite: the stored unordered map is sorted by key, so an argument in another
        // order no longer equals it ...
        Bin probe = new Bin(bin.value);
        probe.refuses(MapOperation.getByKey(BIN, cv(3), MapReturnType.KEY_VALUE, CTX.mapValue(cv(m1))),
                ResultCode.OP_NOT_APPLICABLE);
        // ... and one in key order does
        exact(bin.run(MapOperation.getByKey(BIN, cv(3), MapReturnType.KEY_VALUE,
                CTX.mapValue(cv(clientMap(1, "in", 2, "key", 3, "order")))))).isEqualTo(map(KV, 3, "order"));
    }

    @Test
    void createContextWithOrder() {
        Bin bin = new Bin(map("key1", map("key11", 9, "key12", 4), "key2", map("key21", 3, "key22", 5)));
        exact(bin.run(MapOperation.create(BIN, MapOrder.KEY_ORDERED, CTX.mapKey(cv("key3"))),
                MapOperation.put(MapPolicy.Default, BIN, cv("key31"), cv(99), CTX.mapKey(cv("key3")))))
                .containsExactly(null, v(1));
        exact(bin.value).isEqualTo(map("key1", map("key11", 9, "key12", 4), "key2", map("key21", 3, "key22", 5),
                "key3", map(K, "key31", 99)));
    }

    @Test
    void removeByValueInvertedKeepsTheValue() {
        // TestMapExp.invertedMapExp, as a map operation: INVERTED removes every entry whose value is not 2
        Bin bin = new Bin(map("a", 1, "b", 2, "c", 2, "d", 3));
        exact(bin.run(MapOperation.removeByValue(BIN, cv(2), MapReturnType.INVERTED))).isNull();
        exact(bin.value).isEqualTo(map("b", 2, "c", 2));
        exact(bin.run(MapOperation.removeByValue(BIN, cv(2), MapReturnType.KEY | MapReturnType.INVERTED))).isEqualTo(list());
    }

    @Test
    void legacyWriteModesUseAddAndReplace() {
        Bin bin = Bin.absent();
        MapPolicy create = new MapPolicy(MapOrder.UNORDERED, MapWriteMode.CREATE_ONLY);
        MapPolicy update = new MapPolicy(MapOrder.UNORDERED, MapWriteMode.UPDATE_ONLY);
        // particle_map.c MAP_REPLACE on an absent bin: the empty map it starts from has no key to replace
        bin.refuses(MapOperation.put(update, BIN, cv("a"), cv(1)), ResultCode.ELEMENT_NOT_FOUND);
        exact(bin.run(MapOperation.put(create, BIN, cv("a"), cv(1)))).isEqualTo(v(1));
        bin.refuses(MapOperation.put(create, BIN, cv("a"), cv(2)), ResultCode.ELEMENT_EXISTS);
        exact(bin.run(MapOperation.put(update, BIN, cv("a"), cv(3)))).isEqualTo(v(1));
        bin.refuses(MapOperation.putItems(update, BIN, clientMap("b", 1)), ResultCode.ELEMENT_NOT_FOUND);
        exact(bin.run(MapOperation.putItems(create, BIN, clientMap("b", 1)))).isEqualTo(v(2));
        exact(bin.value).isEqualTo(map("a", 3, "b", 1));
    }
}
