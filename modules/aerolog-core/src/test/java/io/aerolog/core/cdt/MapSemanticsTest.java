package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.clientMap;
import static io.aerolog.core.cdt.CdtSupport.cv;
import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.v;
import static io.aerolog.core.cdt.CdtSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.CdtSupport.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Map behaviours pinned to the server functions that define them ({@code particle_map.c}): a map's
 * index is its key order and its rank its value order (keys breaking ties) whatever its order;
 * what each order returns in which order; write modes and flags; and the result codes of refusals.
 */
class MapSemanticsTest {
    private static final String BIN = "m";
    private static final int INVERTED = MapReturnType.INVERTED;
    private static final Value.MapOrder KV = Value.MapOrder.PRESERVE_ORDER;
    private static final Value.MapOrder K = Value.MapOrder.KEY_ORDERED;

    /** An unordered map stored out of key order (as a map written before the server sorted them). */
    private static Bin unsorted() {
        return new Bin(map("c", 3, "a", 1, "b", 2, "d", 0));
    }

    private static Bin keyOrdered() {
        return new Bin(map(K, "a", 1, "b", 2, "c", 3, "d", 0));
    }

    @Test
    void anUnorderedMapsIndexIsItsKeyOrder() {
        Bin bin = unsorted();
        // packed_map_get_remove_by_index_range selects by key order through order_heap
        exact(bin.run(MapOperation.getByIndex(BIN, 0, MapReturnType.KEY))).isEqualTo(v("a"));
        exact(bin.run(MapOperation.getByIndex(BIN, 0, MapReturnType.INDEX))).isEqualTo(v(0));
        exact(bin.run(MapOperation.getByIndex(BIN, -1, MapReturnType.KEY_VALUE))).isEqualTo(map(KV, "d", 0));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.KEY))).isEqualTo(list("b", "c"));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.VALUE))).isEqualTo(list(2, 3));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.KEY_VALUE))).isEqualTo(map(KV, "b", 2, "c", 3));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.UNORDERED_MAP))).isEqualTo(map("b", 2, "c", 3));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.INDEX))).isEqualTo(list(1, 2));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.RANK))).isEqualTo(list(2, 3));
        // INVERTED selections come in stored order (packed_map_build_ele_result_by_mask)
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.KEY | INVERTED))).isEqualTo(list("a", "d"));
        // packed_map_get_remove_all: a range of every entry answers indexes and ranks 0 .. n - 1
        exact(bin.run(MapOperation.getByIndexRange(BIN, 0, 4, MapReturnType.RANK))).isEqualTo(list(0, 1, 2, 3));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 0, 4, 9))).isEqualTo(list(0, 4));
        bin.refuses(MapOperation.getByIndexRange(BIN, 0, 4, 11), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(MapOperation.getByIndex(BIN, 4, MapReturnType.KEY), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void keysOfAnUnorderedMap() {
        Bin bin = unsorted();
        exact(bin.run(MapOperation.getByKey(BIN, cv("b"), MapReturnType.INDEX))).isEqualTo(v(1));
        exact(bin.run(MapOperation.getByKey(BIN, cv("b"), MapReturnType.REVERSE_INDEX))).isEqualTo(v(2));
        exact(bin.run(MapOperation.getByKey(BIN, cv("b"), MapReturnType.RANK))).isEqualTo(v(2));
        exact(bin.run(MapOperation.getByKey(BIN, cv("b"), MapReturnType.REVERSE_RANK))).isEqualTo(v(1));
        exact(bin.run(MapOperation.getByKey(BIN, cv("b"), 9))).isEqualTo(list(1, 1));
        // result_data_set_not_found for a missing key
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.VALUE))).isNull();
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.INDEX))).isEqualTo(v(-1));
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.COUNT))).isEqualTo(v(0));
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.EXISTS))).isEqualTo(v(false));
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.KEY_VALUE))).isEqualTo(map(KV));
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.ORDERED_MAP))).isEqualTo(map(K));
        bin.refuses(MapOperation.getByKey(BIN, cv("zz"), 11), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(MapOperation.getByKey(BIN, cv("b"), MapReturnType.VALUE | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        // a key range's elements come in stored order; ORDERED_MAP sorts them
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("b"), cv("d"), MapReturnType.KEY))).isEqualTo(list("c", "b"));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("b"), cv("d"), MapReturnType.ORDERED_MAP)))
                .isEqualTo(map(K, "b", 2, "c", 3));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("b"), cv("d"), MapReturnType.INDEX))).isEqualTo(list(1, 2));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("b"), cv("d"), MapReturnType.RANK))).isEqualTo(list(3, 2));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("b"), null, MapReturnType.COUNT | INVERTED))).isEqualTo(v(1));
        exact(bin.run(MapOperation.getByKeyRange(BIN, cv("d"), cv("b"), MapReturnType.COUNT))).isEqualTo(v(0));
        // map_add: while the stored keys are out of order a new key goes at the end ... unless the
        // place it sorts to is met before the disorder (packed_map_find_key_maybe_unordered)
        exact(bin.run(MapOperation.removeByKey(BIN, cv("a"), MapReturnType.VALUE))).isEqualTo(v(1));
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv("e"), cv(9)))).isEqualTo(v(4));
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv("aa"), cv(9)))).isEqualTo(v(5));
        assertThat(((Value.MapValue) bin.value).entries().keySet()).containsExactly(v("aa"), v("c"), v("b"), v("d"), v("e"));
    }

    @Test
    void keyOrderedMaps() {
        Bin bin = keyOrdered();
        // packed_map_get_remove_by_key_interval on a key-ordered map: a missing key is "not found"
        // before INVERTED is looked at, a found one with INVERTED is OP_NOT_APPLICABLE
        exact(bin.run(MapOperation.getByKey(BIN, cv("zz"), MapReturnType.VALUE | INVERTED))).isNull();
        bin.refuses(MapOperation.getByKey(BIN, cv("b"), MapReturnType.VALUE | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        // packed_map_trim_ordered answers for the entries outside the range
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.KEY | INVERTED))).isEqualTo(list("a", "d"));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.RANK | INVERTED))).isEqualTo(list(1, 0));
        exact(bin.run(MapOperation.getByIndexRange(BIN, 1, 2, MapReturnType.REVERSE_INDEX | INVERTED)))
                .isEqualTo(list(3, 0));
        // ranks: value order with keys breaking ties; a rank range comes lowest rank first
        exact(bin.run(MapOperation.getByRankRange(BIN, 0, 2, MapReturnType.KEY))).isEqualTo(list("d", "a"));
        exact(bin.run(MapOperation.getByRankRange(BIN, 0, 2, MapReturnType.INDEX))).isEqualTo(list(3, 0));
        exact(bin.run(MapOperation.getByRankRange(BIN, 0, 2, MapReturnType.ORDERED_MAP))).isEqualTo(map(K, "a", 1, "d", 0));
        exact(bin.run(MapOperation.getByRankRange(BIN, 0, 2, MapReturnType.UNORDERED_MAP))).isEqualTo(map("d", 0, "a", 1));
        exact(bin.run(MapOperation.getByRankRange(BIN, 1, 2, MapReturnType.COUNT | INVERTED))).isEqualTo(v(2));
        exact(bin.run(MapOperation.getByRankRange(BIN, 1, 2, 11))).isEqualTo(list(1, 2));
        bin.refuses(MapOperation.getByRankRange(BIN, 1, 2, 9), ResultCode.OP_NOT_APPLICABLE);
        // key lists: indexes in the items' order; no ranks (packed_map_get_remove_all_by_key_list_ordered)
        exact(bin.run(MapOperation.getByKeyList(BIN, values("c", "a", "x"), MapReturnType.INDEX))).isEqualTo(list(2, 0));
        exact(bin.run(MapOperation.getByKeyList(BIN, values("c", "a", "x"), MapReturnType.KEY_VALUE)))
                .isEqualTo(map(KV, "a", 1, "c", 3));
        bin.refuses(MapOperation.getByKeyList(BIN, values("c"), MapReturnType.RANK), ResultCode.OP_NOT_APPLICABLE);
        // a key with a wildcard matches every key it equals
        exact(bin.run(MapOperation.getByKeyList(BIN, values(com.aerospike.client.Value.WILDCARD), MapReturnType.COUNT)))
                .isEqualTo(v(4));
        exact(bin.run(MapOperation.removeByKeyRange(BIN, cv("b"), cv("d"), MapReturnType.COUNT))).isEqualTo(v(2));
        exact(bin.value).isEqualTo(map(K, "a", 1, "d", 0));
    }

    @Test
    void valueSelections() {
        Bin bin = new Bin(map(K, "a", 5, "b", 1, "c", 5, "d", 3));
        exact(bin.run(MapOperation.getByValue(BIN, cv(5), MapReturnType.KEY))).isEqualTo(list("a", "c"));
        exact(bin.run(MapOperation.getByValue(BIN, cv(5), MapReturnType.RANK))).isEqualTo(list(2, 3));
        exact(bin.run(MapOperation.getByValue(BIN, cv(5), MapReturnType.INDEX | INVERTED))).isEqualTo(list(1, 3));
        exact(bin.run(MapOperation.getByValue(BIN, cv(4), MapReturnType.KEY_VALUE))).isEqualTo(map(KV));
        exact(bin.run(MapOperation.getByValue(BIN, cv(4), MapReturnType.COUNT | INVERTED))).isEqualTo(v(4));
        exact(bin.run(MapOperation.getByValueRange(BIN, cv(2), cv(5), MapReturnType.KEY))).isEqualTo(list("d"));
        exact(bin.run(MapOperation.getByValueRange(BIN, cv(2), null, MapReturnType.VALUE))).isEqualTo(list(5, 5, 3));
        exact(bin.run(MapOperation.getByValueList(BIN, values(3, 5), MapReturnType.RANK))).isEqualTo(list(1, 2, 3));
        exact(bin.run(MapOperation.getByValueList(BIN, values(3, 5), MapReturnType.REVERSE_INDEX))).isEqualTo(list(3, 1, 0));
        exact(bin.run(MapOperation.getByValueList(BIN, values(), MapReturnType.KEY))).isEqualTo(list());
        bin.refuses(MapOperation.getByValueList(BIN, values(), 9), ResultCode.OP_NOT_APPLICABLE);
        exact(bin.run(MapOperation.getByValueRelativeRankRange(BIN, cv(4), 0, MapReturnType.KEY))).isEqualTo(list("a", "c"));
        exact(bin.run(MapOperation.getByValueRelativeRankRange(BIN, cv(4), -1, 1, MapReturnType.KEY))).isEqualTo(list("d"));
        exact(bin.run(MapOperation.getByRank(BIN, -1, MapReturnType.KEY))).isEqualTo(v("c"));
    }

    @Test
    void incrementAndDecrement() {
        Bin bin = new Bin(map("a", 1, "b", 1.5, "c", "s"));
        exact(bin.run(MapOperation.increment(MapPolicy.Default, BIN, cv("a"), cv(2)))).isEqualTo(v(3));
        exact(bin.run(MapOperation.decrement(MapPolicy.Default, BIN, cv("a"), cv(1)))).isEqualTo(v(2));
        exact(bin.run(MapOperation.increment(MapPolicy.Default, BIN, cv("b"), cv(1)))).isEqualTo(v(2.5));
        exact(bin.run(MapOperation.increment(MapPolicy.Default, BIN, cv("d"), cv(5)))).isEqualTo(v(5));
        bin.refuses(MapOperation.increment(MapPolicy.Default, BIN, cv("c"), cv(1)), ResultCode.PARAMETER_ERROR);
        bin.refuses(MapOperation.increment(MapPolicy.Default, BIN, cv("a"), cv("x")), ResultCode.PARAMETER_ERROR);
        bin.refuses(MapOperation.increment(MapPolicy.Default, BIN, cv(1.5), cv(1)), ResultCode.PARAMETER_ERROR);
        exact(bin.value).isEqualTo(map("a", 2, "b", 2.5, "c", "s", "d", 5));
        // an increment creates the map, with the policy's order
        Bin absent = Bin.absent();
        exact(absent.run(MapOperation.increment(new MapPolicy(MapOrder.KEY_ORDERED, 0), BIN, cv("x"), cv(2.5))))
                .isEqualTo(v(2.5));
        exact(absent.value).isEqualTo(map(K, "x", 2.5));
    }

    @Test
    void keysMustBeIntegersStringsOrBlobs() {
        Bin bin = new Bin(map());
        // map_add and map_is_key
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, cv(1.5), cv(1)), ResultCode.PARAMETER_ERROR);
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, cv(List.of(1)), cv(1)), ResultCode.PARAMETER_ERROR);
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, com.aerospike.client.Value.WILDCARD, cv(1)),
                ResultCode.PARAMETER_ERROR);
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, cv(true), cv(1)), ResultCode.PARAMETER_ERROR);
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv(new byte[] {1}), cv(1)))).isEqualTo(v(1));
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv(-5), cv(1)))).isEqualTo(v(2));
        exact(bin.value).isEqualTo(map(-5, 1, new byte[] {1}, 1));
    }

    @Test
    void setTypeAndItsFlags() {
        Bin bin = unsorted();
        exact(bin.run(MapOperation.setMapPolicy(new MapPolicy(MapOrder.KEY_VALUE_ORDERED, 0), BIN))).isNull();
        exact(bin.value).isEqualTo(map(Value.MapOrder.KEY_VALUE_ORDERED, "a", 1, "b", 2, "c", 3, "d", 0));
        assertThat(((Value.MapValue) bin.value).entries().keySet()).containsExactly(v("a"), v("b"), v("c"), v("d"));
        exact(bin.run(MapOperation.setMapPolicy(MapPolicy.Default, BIN))).isNull();
        exact(bin.value).isEqualTo(map("a", 1, "b", 2, "c", 3, "d", 0));
        // map_set_flags: flags beyond key-value-ordered and persist-index are OP_NOT_APPLICABLE; a
        // value order without a key order (2), which no client sends, is refused here
        CdtSupport.refusesModify(bin.value, list(64, 4), ResultCode.OP_NOT_APPLICABLE);
        CdtSupport.refusesModify(bin.value, list(64, 2), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void putItemsSortsAnUnorderedMap() {
        Bin bin = unsorted();
        // map_add_items: packed_map_convert_to_iko rewrites an unordered map in key order
        exact(bin.run(MapOperation.putItems(MapPolicy.Default, BIN, clientMap("bb", 7)))).isEqualTo(v(5));
        assertThat(((Value.MapValue) bin.value).entries().keySet())
                .containsExactly(v("a"), v("b"), v("bb"), v("c"), v("d"));
        assertThat(((Value.MapValue) bin.value).order()).isEqualTo(Value.MapOrder.UNORDERED);
    }

    @Test
    void replaceItemsAndItsFlags() {
        Bin.absent().refuses(MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.UPDATE_ONLY), BIN,
                clientMap("a", 1)), ResultCode.ELEMENT_NOT_FOUND);
        MapPolicy updatePartial = new MapPolicy(MapOrder.UNORDERED,
                MapWriteFlags.UPDATE_ONLY | MapWriteFlags.NO_FAIL | MapWriteFlags.PARTIAL);
        // map_add_items_ordered on an empty map: with NO_FAIL and PARTIAL every item is put, even with UPDATE_ONLY
        Bin empty = new Bin(map());
        exact(empty.run(MapOperation.putItems(updatePartial, BIN, clientMap("a", 1, "b", 2)))).isEqualTo(v(2));
        exact(empty.value).isEqualTo(map("a", 1, "b", 2));
        // on a map with entries, only the existing keys
        exact(empty.run(MapOperation.putItems(updatePartial, BIN, clientMap("b", 3, "c", 4)))).isEqualTo(v(2));
        exact(empty.value).isEqualTo(map("a", 1, "b", 3));
        MapPolicy updateNoFail = new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.UPDATE_ONLY | MapWriteFlags.NO_FAIL);
        exact(empty.run(MapOperation.putItems(updateNoFail, BIN, clientMap("b", 5, "c", 4)))).isEqualTo(v(2));
        exact(empty.value).isEqualTo(map("a", 1, "b", 3));
        empty.refuses(MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.CREATE_ONLY), BIN,
                clientMap("b", 5)), ResultCode.ELEMENT_EXISTS);
    }

    @Test
    void absentBinsAndOtherTypes() {
        Bin absent = Bin.absent();
        exact(absent.run(MapOperation.removeByKey(BIN, cv("a"), MapReturnType.VALUE))).isNull();
        exact(absent.run(MapOperation.removeByRankRange(BIN, 0, 2, MapReturnType.COUNT))).isNull();
        exact(absent.run(MapOperation.clear(BIN))).isNull();
        exact(absent.run(MapOperation.size(BIN))).isNull();
        exact(absent.value).isNull();
        // MAP_REPLACE with NO_FAIL on an absent bin leaves an empty map (cdt_context_use_static_map_if_notinuse)
        exact(absent.run(MapOperation.put(new MapPolicy(MapOrder.KEY_ORDERED,
                MapWriteFlags.UPDATE_ONLY | MapWriteFlags.NO_FAIL), BIN, cv("a"), cv(1)))).isEqualTo(v(0));
        exact(absent.value).isEqualTo(map(K));
        // MAP_SET_TYPE creates an empty map of that order
        Bin created = Bin.absent();
        exact(created.run(MapOperation.create(BIN, MapOrder.KEY_VALUE_ORDERED))).isNull();
        exact(created.value).isEqualTo(map(Value.MapOrder.KEY_VALUE_ORDERED));
        new Bin(list(1)).refuses(MapOperation.put(MapPolicy.Default, BIN, cv("a"), cv(1)), ResultCode.BIN_TYPE_ERROR);
        new Bin(list(1)).refuses(MapOperation.size(BIN), ResultCode.BIN_TYPE_ERROR);
        new Bin(v(1)).refuses(MapOperation.clear(BIN), ResultCode.BIN_TYPE_ERROR);
    }

    @Test
    void removingEveryEntryLeavesAnEmptyMapOfTheSameOrder() {
        Bin bin = keyOrdered();
        exact(bin.run(MapOperation.removeByIndexRange(BIN, 0, MapReturnType.KEY))).isEqualTo(list("a", "b", "c", "d"));
        exact(bin.value).isEqualTo(map(K));
        Bin values = new Bin(map("x", 1, "y", 2));
        exact(values.run(MapOperation.removeByValue(BIN, cv(7), MapReturnType.KEY | INVERTED))).isEqualTo(list("x", "y"));
        exact(values.value).isEqualTo(map());
    }
}
