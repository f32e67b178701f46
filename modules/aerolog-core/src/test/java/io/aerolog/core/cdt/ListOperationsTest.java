package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.cv;
import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.ordered;
import static io.aerolog.core.cdt.CdtSupport.v;
import static io.aerolog.core.cdt.CdtSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListSortFlags;
import com.aerospike.client.cdt.ListWriteFlags;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.CdtSupport.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * List operations against Aerospike's semantics: the cases of the Java client's own
 * {@code TestOperateList} (same operations, same expected values), and the behaviours of
 * {@code particle_list.c} they do not cover, each citing the server function it pins.
 */
class ListOperationsTest {
    private static final String BIN = "b";

    // ---- TestOperateList, ported ----

    @Test
    void appendPopAndSize() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.append(BIN, cv(55)), ListOperation.append(BIN, cv(77)),
                ListOperation.pop(BIN, -1), ListOperation.size(BIN)))
                .containsExactly(v(1), v(2), v(77), v(1));
    }

    @Test
    void appendItemsInsertAndGetRange() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(BIN, values(12, -8734, "my string")))).isEqualTo(v(3));
        exact(bin.run(ListOperation.insert(BIN, -1, cv(8)), ListOperation.getRange(BIN, 0, 4),
                ListOperation.getRange(BIN, 3)))
                .containsExactly(v(4), list(12, -8734, 8, "my string"), list("my string"));
    }

    @Test
    void rangesClipAtTheEdges() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(BIN, values("str1", "str2", "str3", "str4", "str5", "str6", "str7")));
        exact(bin.run(ListOperation.get(BIN, 2), ListOperation.getRange(BIN, 6, 4),
                ListOperation.getRange(BIN, -7, 3), ListOperation.getRange(BIN, 0, 2), ListOperation.getRange(BIN, -2, 4)))
                .containsExactly(v("str3"), list("str7"), list("str1", "str2", "str3"), list("str1", "str2"),
                        list("str6", "str7"));
        // particle_list.c packed_list_get_remove_by_index_range: one element out of range is OP_NOT_APPLICABLE
        bin.refuses(ListOperation.get(BIN, 7), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.get(BIN, -8), ResultCode.OP_NOT_APPLICABLE);
        // ... while a range out of range selects nothing (calc_index_count_multi)
        exact(bin.run(ListOperation.getRange(BIN, 7, 1))).isEqualTo(list());
        exact(bin.run(ListOperation.getRange(BIN, -8, 1))).isEqualTo(list());
        exact(bin.run(ListOperation.getRange(BIN, -8, 2))).isEqualTo(list("str1"));
    }

    @Test
    void everyValueTypeSetPopAndRemove() {
        Bin bin = Bin.absent();
        Value inner = list(12, -8734.81, "my string");
        Value innerMap = map(9, "data 9", -2, "data -2");
        byte[] bytes = "string bytes".getBytes();
        List<Value> results = bin.run(
                ListOperation.appendItems(BIN, values(true, 55, "string value", cv(List.of(12, -8734.81, "my string")),
                        bytes, 99.99, cv(new java.util.TreeMap<>(java.util.Map.of(-2, "data -2", 9, "data 9"))))),
                ListOperation.getRange(BIN, 0, 100),
                ListOperation.set(BIN, 1, cv("88")),
                ListOperation.get(BIN, 1),
                ListOperation.popRange(BIN, -2, 1),
                ListOperation.popRange(BIN, -1),
                ListOperation.remove(BIN, 3),
                ListOperation.removeRange(BIN, 0, 1),
                ListOperation.removeRange(BIN, 2),
                ListOperation.size(BIN));
        Value storedMap = map(Value.MapOrder.KEY_ORDERED, -2, "data -2", 9, "data 9");
        exact(results).containsExactly(v(7), list(true, 55, "string value", inner, bytes, 99.99, storedMap), null,
                v("88"), list(99.99), list(storedMap), v(1), v(1), v(1), v(2));
        assertThat(innerMap).isNotEqualTo(storedMap);
    }

    @Test
    void trim() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.insertItems(BIN, 0, values("s11", "s22222", "s3333333", "s4444444444",
                        "s5555555555555555")),
                ListOperation.trim(BIN, -5, 5), ListOperation.trim(BIN, 1, -5), ListOperation.trim(BIN, 1, 2)))
                .containsExactly(v(5), v(0), v(1), v(2));
        exact(bin.value).isEqualTo(list("s3333333", "s4444444444"));
        // particle_list.c LIST_TRIM: an index past the end keeps nothing (the inverted range is everything)
        exact(bin.run(ListOperation.trim(BIN, 11, 6))).isEqualTo(v(2));
        exact(bin.value).isEqualTo(list());
    }

    @Test
    void clearReturnsNothingAndEmpties() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(BIN, values("s11", "s22222", "s3333333")), ListOperation.clear(BIN),
                ListOperation.size(BIN))).containsExactly(v(3), null, v(0));
    }

    @Test
    void nilItems() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(BIN, values("s11", com.aerospike.client.Value.getAsNull(),
                        "s3333333")), ListOperation.get(BIN, 0), ListOperation.get(BIN, 1), ListOperation.get(BIN, 2)))
                .containsExactly(v(3), v("s11"), Value.NIL, v("s3333333"));
    }

    @Test
    void increment() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(BIN, values(1, 2, 3)), ListOperation.increment(BIN, 2),
                ListOperation.increment(ListPolicy.Default, BIN, 2), ListOperation.increment(BIN, 1, cv(7)),
                ListOperation.increment(ListPolicy.Default, BIN, 1, cv(7)), ListOperation.get(BIN, 0)))
                .containsExactly(v(3), v(4), v(5), v(9), v(16), v(1));
    }

    @Test
    void switchToOrderedAndSelect() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(ListPolicy.Default, BIN, values(4, 3, 1, 5, 2)),
                ListOperation.getByIndex(BIN, 3, ListReturnType.VALUE))).containsExactly(v(5), v(5));
        exact(bin.run(ListOperation.setOrder(BIN, ListOrder.ORDERED),
                ListOperation.getByValue(BIN, cv(3), ListReturnType.INDEX),
                ListOperation.getByValueRange(BIN, cv(-1), cv(3), ListReturnType.COUNT),
                ListOperation.getByValueRange(BIN, cv(-1), cv(3), ListReturnType.EXISTS),
                ListOperation.getByValueList(BIN, values(4, 2), ListReturnType.RANK),
                ListOperation.getByIndex(BIN, 3, ListReturnType.VALUE),
                ListOperation.getByIndexRange(BIN, -2, 2, ListReturnType.VALUE),
                ListOperation.getByRank(BIN, 0, ListReturnType.VALUE),
                ListOperation.getByRankRange(BIN, 2, 3, ListReturnType.VALUE)))
                .containsExactly(null, list(2), v(2), v(true), list(3, 1), v(4), list(4, 5), v(1), list(3, 4, 5));
        exact(bin.value).isEqualTo(ordered(1, 2, 3, 4, 5));
    }

    @Test
    void sortDroppingDuplicates() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(ListPolicy.Default, BIN, values(-44, 33, -1, 33, -2)),
                ListOperation.sort(BIN, ListSortFlags.DROP_DUPLICATES), ListOperation.size(BIN)))
                .containsExactly(v(5), null, v(4));
        exact(bin.value).isEqualTo(list(-44, -2, -1, 33));
    }

    @Test
    void removeBys() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(ListPolicy.Default, BIN, values(-44, 33, -1, 33, -2, 0, 22, 11, 14, 6)),
                ListOperation.removeByValue(BIN, cv(0), ListReturnType.INDEX),
                ListOperation.removeByValueList(BIN, values(-45, 14), ListReturnType.VALUE),
                ListOperation.removeByValueRange(BIN, cv(33), cv(100), ListReturnType.VALUE),
                ListOperation.removeByIndex(BIN, 1, ListReturnType.VALUE),
                ListOperation.removeByIndexRange(BIN, 100, 101, ListReturnType.VALUE),
                ListOperation.removeByRank(BIN, 0, ListReturnType.VALUE),
                ListOperation.removeByRankRange(BIN, 3, 1, ListReturnType.VALUE)))
                .containsExactly(v(10), list(5), list(14), list(33, 33), v(-1), list(), v(-44), list(22));
        exact(bin.value).isEqualTo(list(-2, 11, 6));
    }

    @Test
    void inverted() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.appendItems(ListPolicy.Default, BIN, values(4, 3, 1, 5, 2)),
                ListOperation.getByValue(BIN, cv(3), ListReturnType.INDEX | ListReturnType.INVERTED),
                ListOperation.getByValueRange(BIN, cv(-1), cv(3), ListReturnType.COUNT | ListReturnType.INVERTED),
                ListOperation.getByValueList(BIN, values(4, 2), ListReturnType.RANK | ListReturnType.INVERTED),
                ListOperation.getByIndexRange(BIN, -2, 2, ListReturnType.VALUE | ListReturnType.INVERTED),
                ListOperation.getByRankRange(BIN, 2, 3, ListReturnType.VALUE | ListReturnType.INVERTED)))
                .containsExactly(v(5), list(0, 2, 3, 4), v(3), list(0, 2, 4), list(4, 3, 1), list(1, 2));
    }

    @Test
    void relativeRankRangesOfAnOrderedList() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT), BIN,
                values(0, 4, 5, 9, 11, 15)));
        exact(bin.run(
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), 0, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), 1, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), -1, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), 0, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), 3, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), -3, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), 0, 2, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), 1, 1, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(5), -1, 2, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), 0, 1, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), 3, 7, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, cv(3), -3, 2, ListReturnType.VALUE)))
                .containsExactly(list(5, 9, 11, 15), list(9, 11, 15), list(4, 5, 9, 11, 15), list(4, 5, 9, 11, 15),
                        list(11, 15), list(0, 4, 5, 9, 11, 15), list(5, 9), list(9), list(4, 5), list(4),
                        list(11, 15), list());
    }

    @Test
    void removeRelativeRankRangesOfAnOrderedList() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT), BIN,
                values(0, 4, 5, 9, 11, 15)));
        exact(bin.run(
                ListOperation.removeByValueRelativeRankRange(BIN, cv(5), 0, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, cv(5), 1, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, cv(5), -1, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, cv(3), -3, 1, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, cv(3), -3, 2, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, cv(3), -3, 3, ListReturnType.VALUE)))
                .containsExactly(list(5, 9, 11, 15), list(), list(4), list(), list(), list(0));
        exact(bin.value).isEqualTo(ordered());
    }

    @Test
    void partialUniqueAppendToOrderedLists() {
        Bin partial = Bin.absent();
        Bin whole = Bin.absent();
        List<com.aerospike.client.Value> items = values(0, 4, 5, 9, 9, 11, 15, 0);
        ListPolicy partialPolicy = new ListPolicy(ListOrder.ORDERED,
                ListWriteFlags.ADD_UNIQUE | ListWriteFlags.PARTIAL | ListWriteFlags.NO_FAIL);
        ListPolicy wholePolicy = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        exact(partial.run(ListOperation.appendItems(partialPolicy, BIN, items))).isEqualTo(v(6));
        exact(whole.run(ListOperation.appendItems(wholePolicy, BIN, items))).isEqualTo(v(0));
        exact(partial.run(ListOperation.appendItems(partialPolicy, BIN, values(11, 3)))).isEqualTo(v(7));
        exact(whole.run(ListOperation.appendItems(wholePolicy, BIN, values(11, 3)))).isEqualTo(v(2));
        exact(partial.value).isEqualTo(ordered(0, 3, 4, 5, 9, 11, 15));
        exact(whole.value).isEqualTo(ordered(3, 11));
    }

    @Test
    void infinityIsAnOpenRangeEnd() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT), BIN,
                values(0, 4, 5, 9, 11, 15)));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(10), com.aerospike.client.Value.INFINITY,
                ListReturnType.VALUE))).isEqualTo(list(11, 15));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(10), null, ListReturnType.VALUE)))
                .isEqualTo(list(11, 15));
    }

    @Test
    void wildcardMatchesTheRestOfAList() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(BIN, values(cv(List.of("John", 55)), cv(List.of("Jim", 95)),
                cv(List.of("Joe", 80)))));
        exact(bin.run(ListOperation.getByValue(BIN, cv(List.of(cv("Jim"), com.aerospike.client.Value.WILDCARD)),
                ListReturnType.VALUE))).isEqualTo(list(list("Jim", 95)));
        // msgpack_cmp_internal: a wildcard ends the comparison as equal, so [wildcard] matches every list
        exact(bin.run(ListOperation.getByValue(BIN, cv(List.of(com.aerospike.client.Value.WILDCARD)),
                ListReturnType.COUNT))).isEqualTo(v(3));
    }

    @Test
    void createWithPersistedIndexSortsWhatIsAppended() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.create(BIN, ListOrder.ORDERED, false, true),
                ListOperation.appendItems(ListPolicy.Default, BIN, values(3, 2, 1))))
                .containsExactly(null, v(3));
        exact(bin.value).isEqualTo(ordered(1, 2, 3));
    }
}
