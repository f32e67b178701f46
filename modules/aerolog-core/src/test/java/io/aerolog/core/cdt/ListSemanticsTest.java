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
import org.junit.jupiter.api.Test;

/**
 * List behaviours pinned to the server functions that define them ({@code particle_list.c},
 * {@code cdt.c}), beyond the client's own tests: every return type with and without INVERTED,
 * negative and out-of-range indexes, write and sort flags, and the result codes of refusals.
 */
class ListSemanticsTest {
    private static final String BIN = "l";
    private static final int INVERTED = ListReturnType.INVERTED;

    private static Bin unordered() {
        return new Bin(list(4, 3, 1, 5, 2));
    }

    @Test
    void indexRangeAnswersEveryReturnType() {
        Bin bin = unordered();
        // packed_list_get_remove_by_index_range on [4, 3, 1, 5, 2], indexes 1..3 (3, 1, 5)
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.NONE))).isNull();
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.INDEX))).isEqualTo(list(1, 2, 3));
        // cdt_container_builder_add_int_range: a reversed run is the mirrored run, ascending
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.REVERSE_INDEX))).isEqualTo(list(1, 2, 3));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 0, 2, ListReturnType.REVERSE_INDEX))).isEqualTo(list(3, 4));
        // packed_list_builder_add_ranks_by_range: an unordered list's rank is the count of smaller items
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.RANK))).isEqualTo(list(2, 0, 4));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.REVERSE_RANK))).isEqualTo(list(2, 4, 0));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.COUNT))).isEqualTo(v(3));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.EXISTS))).isEqualTo(v(true));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.VALUE))).isEqualTo(list(3, 1, 5));
        // INVERTED in the middle trims (packed_list_trim): the answers are for indexes 0 and 4
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.INDEX | INVERTED))).isEqualTo(list(0, 4));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.REVERSE_INDEX | INVERTED)))
                .isEqualTo(list(4, 0));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.RANK | INVERTED))).isEqualTo(list(3, 1));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.COUNT | INVERTED))).isEqualTo(v(2));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, ListReturnType.VALUE | INVERTED))).isEqualTo(list(4, 2));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 0, 2, ListReturnType.VALUE | INVERTED))).isEqualTo(list(1, 5, 2));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 3, ListReturnType.VALUE | INVERTED))).isEqualTo(list(4, 3, 1));
        // result_type 9 (INDEX_RANGE) and 10 (REVERSE_INDEX_RANGE) answer [start, count]
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, 9))).isEqualTo(list(1, 3));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 1, 3, 10))).isEqualTo(list(1, 3));
        exact(bin.run(ListOperation.getByIndexRange(BIN, 0, 2, 10))).isEqualTo(list(3, 2));
        bin.refuses(ListOperation.getByIndexRange(BIN, 1, 3, 9 | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        // a rank range of an unordered list by index is not answered, nor a map's key
        bin.refuses(ListOperation.getByIndexRange(BIN, 1, 3, 11), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.getByIndexRange(BIN, 1, 3, 6), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.getByIndexRange(BIN, 1, 3, 14), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void oneElementAnswers() {
        Bin bin = unordered();
        exact(bin.run(ListOperation.getByIndex(BIN, -1, ListReturnType.VALUE))).isEqualTo(v(2));
        exact(bin.run(ListOperation.getByIndex(BIN, -1, ListReturnType.INDEX))).isEqualTo(v(4));
        exact(bin.run(ListOperation.getByIndex(BIN, -1, ListReturnType.REVERSE_INDEX))).isEqualTo(v(0));
        exact(bin.run(ListOperation.getByIndex(BIN, 0, ListReturnType.RANK))).isEqualTo(v(3));
        exact(bin.run(ListOperation.getByIndex(BIN, 0, ListReturnType.REVERSE_RANK))).isEqualTo(v(1));
        exact(bin.run(ListOperation.getByRank(BIN, 0, ListReturnType.INDEX))).isEqualTo(v(2));
        exact(bin.run(ListOperation.getByRank(BIN, -1, ListReturnType.VALUE))).isEqualTo(v(5));
        exact(bin.run(ListOperation.getByRank(BIN, 1, ListReturnType.RANK))).isEqualTo(v(1));
        // INVERTED is not allowed when one element is selected (packed_list_get_remove_by_*)
        bin.refuses(ListOperation.getByIndex(BIN, 0, ListReturnType.VALUE | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.getByRank(BIN, 0, ListReturnType.VALUE | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        // and one element out of range is OP_NOT_APPLICABLE, for index and rank alike
        bin.refuses(ListOperation.getByIndex(BIN, 5, ListReturnType.VALUE), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.getByRank(BIN, -6, ListReturnType.VALUE), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.removeByIndex(BIN, 9, ListReturnType.VALUE), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void rankRangesOfAnUnorderedListComeAsTheServersHeapLeavesThem() {
        Bin bin = unordered();
        // packed_list_get_remove_by_rank_range takes values from order_heap without reordering them: a
        // range in the lower half comes from a min-heap, highest rank first; one in the upper half from
        // a max-heap, lowest rank first
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.VALUE))).isEqualTo(list(3, 2));
        exact(bin.run(ListOperation.getByRankRange(BIN, 3, 2, ListReturnType.VALUE))).isEqualTo(list(4, 5));
        exact(bin.run(ListOperation.getByRankRange(BIN, 0, 5, ListReturnType.VALUE))).isEqualTo(list(5, 4, 3, 2, 1));
        // indexes come in index order, and ranks as the run of ranks
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.INDEX))).isEqualTo(list(1, 4));
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.RANK))).isEqualTo(list(1, 2));
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.REVERSE_RANK))).isEqualTo(list(2, 3));
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.RANK | INVERTED)))
                .isEqualTo(list(0, 3, 4));
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, 11))).isEqualTo(list(1, 2));
        bin.refuses(ListOperation.getByRankRange(BIN, 1, 2, 11 | INVERTED), ResultCode.OP_NOT_APPLICABLE);
        // an ordered list's ranks are its indexes
        Bin sorted = new Bin(ordered(1, 2, 3, 4, 5));
        exact(sorted.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.VALUE))).isEqualTo(list(2, 3));
        exact(sorted.run(ListOperation.getByRankRange(BIN, 1, 2, 11))).isEqualTo(list(1, 2));
        exact(sorted.run(ListOperation.getByRankRange(BIN, 1, 2, 12))).isEqualTo(list(2, 2));
    }

    @Test
    void equalValuesSelectedByRankFollowTheHeap() {
        Bin bin = new Bin(list(7, 7, 7, 1));
        // order_heap_heapify prefers the left child on ties: which 7 a rank selects is the server's
        exact(bin.run(ListOperation.getByRank(BIN, 1, ListReturnType.INDEX))).isEqualTo(v(1));
        exact(bin.run(ListOperation.getByRank(BIN, 3, ListReturnType.INDEX))).isEqualTo(v(0));
        exact(bin.run(ListOperation.getByRankRange(BIN, 1, 2, ListReturnType.INDEX))).isEqualTo(list(1, 2));
    }

    @Test
    void valueSelectionsOfAnUnorderedList() {
        Bin bin = new Bin(list(3, 1, 3, 2, 5));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.INDEX))).isEqualTo(list(0, 2));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.RANK))).isEqualTo(list(2, 3));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.REVERSE_RANK))).isEqualTo(list(1, 2));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.VALUE | INVERTED))).isEqualTo(list(1, 2, 5));
        exact(bin.run(ListOperation.getByValue(BIN, cv(9), ListReturnType.INDEX))).isEqualTo(list());
        exact(bin.run(ListOperation.getByValue(BIN, cv(9), ListReturnType.EXISTS))).isEqualTo(v(false));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(2), cv(4), ListReturnType.VALUE))).isEqualTo(list(3, 3, 2));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(2), cv(4), ListReturnType.REVERSE_INDEX)))
                .isEqualTo(list(4, 2, 1));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(4), cv(2), ListReturnType.COUNT))).isEqualTo(v(0));
        exact(bin.run(ListOperation.getByValueRange(BIN, null, cv(3), ListReturnType.VALUE))).isEqualTo(list(1, 2));
        // the value list: each item's run of ranks, in the items' order (result_data_set_by_itemlist_irc)
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3, 8), ListReturnType.RANK))).isEqualTo(list(4, 2, 3));
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3, 8), ListReturnType.INDEX)))
                .isEqualTo(list(0, 2, 4));
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3), ListReturnType.RANK | INVERTED)))
                .isEqualTo(list(0, 1));
        exact(bin.run(ListOperation.getByValueList(BIN, values(), ListReturnType.VALUE))).isEqualTo(list());
        exact(bin.run(ListOperation.getByValueList(BIN, values(), ListReturnType.COUNT | INVERTED))).isEqualTo(v(5));
        // relative ranks of an unordered list count from the rank the value would have
        exact(bin.run(ListOperation.getByValueRelativeRankRange(BIN, cv(3), 1, ListReturnType.VALUE)))
                .isEqualTo(list(3, 5));
        exact(bin.run(ListOperation.getByValueRelativeRankRange(BIN, cv(4), -1, 2, ListReturnType.VALUE)))
                .isEqualTo(list(3, 5));
    }

    @Test
    void valueSelectionsOfAnOrderedList() {
        Bin bin = new Bin(ordered(1, 2, 3, 3, 5));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.INDEX))).isEqualTo(list(2, 3));
        exact(bin.run(ListOperation.getByValue(BIN, cv(3), ListReturnType.REVERSE_INDEX))).isEqualTo(list(1, 2));
        exact(bin.run(ListOperation.getByValue(BIN, cv(4), ListReturnType.RANK))).isEqualTo(list());
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3), ListReturnType.VALUE))).isEqualTo(list(5, 3, 3));
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3), ListReturnType.RANK))).isEqualTo(list(4, 2, 3));
        exact(bin.run(ListOperation.getByValueList(BIN, values(5, 3), ListReturnType.INDEX | INVERTED)))
                .isEqualTo(list(0, 1));
        exact(bin.run(ListOperation.getByValueRange(BIN, cv(2), cv(4), 9))).isEqualTo(list(1, 3));
        exact(bin.run(ListOperation.removeByValue(BIN, cv(3), ListReturnType.COUNT))).isEqualTo(v(2));
        exact(bin.value).isEqualTo(ordered(1, 2, 5));
    }

    @Test
    void repeatedItemsCannotBuildAnUnboundedAnswer() {
        Value[] ones = new Value[3000];
        java.util.Arrays.fill(ones, v(1));
        Bin bin = new Bin(new Value.ListValue(java.util.List.of(ones), true));
        java.util.List<com.aerospike.client.Value> repeated = java.util.Collections.nCopies(3000, cv(1));
        // packed_list_get_remove_all_by_value_list_ordered answers each item's run: 3000 x 3000 here
        bin.refuses(ListOperation.getByValueList(BIN, repeated, ListReturnType.VALUE), ResultCode.PARAMETER_ERROR);
        bin.refuses(ListOperation.getByValueList(BIN, repeated, ListReturnType.INDEX), ResultCode.PARAMETER_ERROR);
        exact(bin.run(ListOperation.getByValueList(BIN, repeated, ListReturnType.COUNT))).isEqualTo(v(3000));
        exact(bin.run(ListOperation.getByValueList(BIN, values(1, 1), ListReturnType.COUNT))).isEqualTo(v(3000));
        assertThat(((Value.ListValue) bin.run(ListOperation.getByValueList(BIN, values(1, 1), ListReturnType.INDEX)))
                .items()).hasSize(6000);
    }

    @Test
    void valueListsWithWildcardsAreSortedAsTheServerSortsThem() {
        // offset_index_find_items sorts the items with qsort (glibc: a merge sort), where wildcards
        // make the comparison no order; the sort still ends, and finds what the server finds
        java.util.List<com.aerospike.client.Value> items = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(i % 3 == 0 ? cv(java.util.List.of(cv(i % 7), com.aerospike.client.Value.WILDCARD)) : cv(i % 11));
        }
        Bin bin = new Bin(list(list(1, 9), 4, list(3), 12, list(6, "x")));
        exact(bin.run(ListOperation.getByValueList(BIN, items, ListReturnType.VALUE))).isEqualTo(list(list(1, 9), 4, list(6, "x")));
        exact(bin.run(ListOperation.getByValueList(BIN, items, ListReturnType.RANK))).isNotNull();
        // an ordered list answers every item's run in the items' order, a repeated item again: 1 and 4
        // are each among the items six times
        exact(new Bin(ordered(1, 4, 12)).run(ListOperation.getByValueList(BIN, items, ListReturnType.INDEX)))
                .isEqualTo(list(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1));
    }

    @Test
    void insertPadsAndBounds() {
        Bin bin = new Bin(list(1, 2));
        // packed_list_insert: beyond the end pads with nils; a negative index counts from the end
        exact(bin.run(ListOperation.insert(BIN, 4, cv(9)))).isEqualTo(v(5));
        exact(bin.value).isEqualTo(list(1, 2, null, null, 9));
        exact(bin.run(ListOperation.insert(BIN, -1, cv(8)))).isEqualTo(v(6));
        exact(bin.value).isEqualTo(list(1, 2, null, null, 8, 9));
        bin.refuses(ListOperation.insert(BIN, -7, cv(0)), ResultCode.OP_NOT_APPLICABLE);
        ListPolicy bounded = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.INSERT_BOUNDED);
        bin.refuses(ListOperation.insert(bounded, BIN, 7, cv(0)), ResultCode.OP_NOT_APPLICABLE);
        exact(bin.run(ListOperation.insert(bounded, BIN, 6, cv(0)))).isEqualTo(v(7));
        ListPolicy boundedNoFail = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.INSERT_BOUNDED | ListWriteFlags.NO_FAIL);
        exact(bin.run(ListOperation.insert(boundedNoFail, BIN, 99, cv(0)))).isEqualTo(v(7));
        exact(bin.value).isEqualTo(list(1, 2, null, null, 8, 9, 0));
        // an index past 2^31 - 1 is OP_NOT_APPLICABLE, one that overflows a list's count with its items
        // PARAMETER_ERROR (packed_list_op_insert), and one whose nils alone could never be stored
        // (Aerospike's records are at most 8 MiB) RECORD_TOO_BIG, refused before anything is built
        CdtSupport.refusesModify(bin.value, list(3, 3_000_000_000L, 0), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.insert(BIN, Integer.MAX_VALUE, cv(0)), ResultCode.PARAMETER_ERROR);
        bin.refuses(ListOperation.insertItems(BIN, 1_000_000_000, values(0)), ResultCode.RECORD_TOO_BIG);
        bin.refuses(ListOperation.increment(BIN, 100_000_000), ResultCode.RECORD_TOO_BIG);
        // no insert into an ordered list
        new Bin(ordered(1)).refuses(ListOperation.insert(BIN, 0, cv(0)), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void addUniqueAndItsPartialForms() {
        ListPolicy unique = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.ADD_UNIQUE);
        ListPolicy uniqueNoFail = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        ListPolicy partial = new ListPolicy(ListOrder.UNORDERED,
                ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL | ListWriteFlags.PARTIAL);
        Bin bin = new Bin(list(1, 2));
        bin.refuses(ListOperation.append(unique, BIN, cv(2)), ResultCode.ELEMENT_EXISTS);
        exact(bin.run(ListOperation.append(uniqueNoFail, BIN, cv(2)))).isEqualTo(v(2));
        bin.refuses(ListOperation.appendItems(unique, BIN, values(3, 2)), ResultCode.ELEMENT_EXISTS);
        // a duplicate among the items is OP_NOT_APPLICABLE without NO_FAIL
        bin.refuses(ListOperation.appendItems(unique, BIN, values(3, 3)), ResultCode.OP_NOT_APPLICABLE);
        exact(bin.run(ListOperation.appendItems(uniqueNoFail, BIN, values(3, 3)))).isEqualTo(v(2));
        exact(bin.run(ListOperation.appendItems(partial, BIN, values(3, 2, 3, 4)))).isEqualTo(v(4));
        exact(bin.value).isEqualTo(list(1, 2, 3, 4));
        // LIST_SET with ADD_UNIQUE may set a value where it already is, not elsewhere
        exact(bin.run(ListOperation.set(unique, BIN, 1, cv(2)))).isNull();
        bin.refuses(ListOperation.set(unique, BIN, 0, cv(2)), ResultCode.ELEMENT_EXISTS);
        exact(bin.run(ListOperation.set(uniqueNoFail, BIN, 0, cv(2)))).isNull();
        exact(bin.value).isEqualTo(list(1, 2, 3, 4));
    }

    @Test
    void setReplacesInsertsBeyondTheEndAndRefusesOrderedLists() {
        Bin bin = new Bin(list(1, 2));
        exact(bin.run(ListOperation.set(BIN, -1, cv(9)))).isNull();
        exact(bin.run(ListOperation.set(BIN, 3, cv(7)))).isNull();
        exact(bin.value).isEqualTo(list(1, 9, null, 7));
        bin.refuses(ListOperation.set(BIN, -5, cv(0)), ResultCode.OP_NOT_APPLICABLE);
        new Bin(ordered(1)).refuses(ListOperation.set(BIN, 0, cv(0)), ResultCode.OP_NOT_APPLICABLE);
        Bin absent = Bin.absent();
        exact(absent.run(ListOperation.set(BIN, 1, cv("x")))).isNull();
        exact(absent.value).isEqualTo(list(null, "x"));
    }

    @Test
    void incrementTypesAndPlaces() {
        Bin bin = new Bin(list(1, 2.5, "s"));
        // cdt_calc_delta_add: the sum keeps the element's type; a double delta is truncated for an integer
        exact(bin.run(ListOperation.increment(BIN, 0, cv(2.9)))).isEqualTo(v(3));
        exact(bin.run(ListOperation.increment(BIN, 1, cv(2)))).isEqualTo(v(4.5));
        exact(bin.run(ListOperation.increment(BIN, -3))).isEqualTo(v(4));
        bin.refuses(ListOperation.increment(BIN, 2), ResultCode.PARAMETER_ERROR);
        bin.refuses(ListOperation.increment(BIN, 0, cv("x")), ResultCode.PARAMETER_ERROR);
        bin.refuses(ListOperation.increment(BIN, -4), ResultCode.OP_NOT_APPLICABLE);
        // beyond the end the delta is put there, padded
        exact(bin.run(ListOperation.increment(BIN, 4, cv(1.5)))).isEqualTo(v(1.5));
        exact(bin.value).isEqualTo(list(4, 4.5, "s", null, 1.5));
        // in an ordered list the incremented element moves to its place
        Bin sorted = new Bin(ordered(1, 5, 9));
        exact(sorted.run(ListOperation.increment(BIN, 0, cv(7)))).isEqualTo(v(8));
        exact(sorted.value).isEqualTo(ordered(5, 8, 9));
        sorted.refuses(ListOperation.increment(BIN, 4, cv(1)), ResultCode.OP_NOT_APPLICABLE);
        // with ADD_UNIQUE a sum already in an ordered list is ELEMENT_EXISTS
        ListPolicy unique = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE);
        sorted.refuses(ListOperation.increment(unique, BIN, 0, cv(3)), ResultCode.ELEMENT_EXISTS);
    }

    @Test
    void sortFlags() {
        Bin bin = new Bin(list(3, 1, 3, 2));
        exact(bin.run(ListOperation.sort(BIN, 1))).isNull();
        exact(bin.value).isEqualTo(list(3, 3, 2, 1));
        exact(bin.run(ListOperation.sort(BIN, ListSortFlags.DROP_DUPLICATES))).isNull();
        exact(bin.value).isEqualTo(list(1, 2, 3));
        // order_index_sorted_mark_dup_eles checks ascending order: dropping duplicates from a
        // descending sort of different values is refused as an invalid list, as on the server
        bin.refuses(ListOperation.sort(BIN, 1 | ListSortFlags.DROP_DUPLICATES), ResultCode.PARAMETER_ERROR);
        assertThat(new Bin(list(4, 4)).run(ListOperation.sort(BIN, 3))).isNull();
        // an ordered list only drops its duplicates
        Bin sorted = new Bin(ordered(1, 1, 2));
        exact(sorted.run(ListOperation.sort(BIN, 1 | ListSortFlags.DROP_DUPLICATES))).isNull();
        exact(sorted.value).isEqualTo(ordered(1, 2));
        // LIST_SORT needs a bin
        Bin.absent().refuses(ListOperation.sort(BIN, 0), ResultCode.BIN_TYPE_ERROR);
    }

    @Test
    void setTypeSortsOrKeeps() {
        Bin bin = new Bin(list(3, 1, 2));
        exact(bin.run(ListOperation.setOrder(BIN, ListOrder.ORDERED))).isNull();
        exact(bin.value).isEqualTo(ordered(1, 2, 3));
        exact(bin.run(ListOperation.setOrder(BIN, ListOrder.UNORDERED))).isNull();
        exact(bin.value).isEqualTo(list(1, 2, 3));
        exact(bin.run(ListOperation.setOrder(BIN, ListOrder.ORDERED, true))).isNull();
        exact(bin.value).isEqualTo(ordered(1, 2, 3));
        // list_set_flags: flags other than ordered (1) and persist-index (0x10) are OP_NOT_APPLICABLE
        CdtSupport.refusesModify(bin.value, list(0, 2), ResultCode.OP_NOT_APPLICABLE);
        CdtSupport.refusesModify(bin.value, list(0, 0x21), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void absentBinsAndOtherTypes() {
        Bin absent = Bin.absent();
        // removals and reads of an absent bin change nothing and return nothing
        exact(absent.run(ListOperation.removeByIndex(BIN, 0, ListReturnType.VALUE))).isNull();
        exact(absent.run(ListOperation.pop(BIN, 0))).isNull();
        exact(absent.run(ListOperation.clear(BIN))).isNull();
        exact(absent.run(ListOperation.size(BIN))).isNull();
        exact(absent.value).isNull();
        // an append creates it, ordered if its policy says so
        exact(absent.run(ListOperation.append(new ListPolicy(ListOrder.ORDERED, 0), BIN, cv(2)))).isEqualTo(v(1));
        exact(absent.value).isEqualTo(ordered(2));
        // an append of no items still leaves an empty list (cdt_context_use_static_list_if_notinuse)
        Bin empty = Bin.absent();
        exact(empty.run(ListOperation.appendItems(BIN, values()))).isEqualTo(v(0));
        exact(empty.value).isEqualTo(list());
        // a list operation on a bin of another type is BIN_TYPE_ERROR
        new Bin(map("a", 1)).refuses(ListOperation.append(BIN, cv(1)), ResultCode.BIN_TYPE_ERROR);
        new Bin(v("s")).refuses(ListOperation.size(BIN), ResultCode.BIN_TYPE_ERROR);
        new Bin(v(1)).refuses(ListOperation.removeByIndex(BIN, 0, ListReturnType.VALUE), ResultCode.BIN_TYPE_ERROR);
    }

    @Test
    void storedValuesCannotHoldWildcardsAndAreRewritten() {
        Bin bin = new Bin(list());
        bin.refuses(ListOperation.append(BIN, com.aerospike.client.Value.WILDCARD), ResultCode.PARAMETER_ERROR);
        bin.refuses(ListOperation.appendItems(BIN, values(1, com.aerospike.client.Value.INFINITY)),
                ResultCode.PARAMETER_ERROR);
        // cdt_untrusted_rewrite: an unordered map stored in a list is sorted by key, and a map key that
        // is not an integer, string or blob is refused
        exact(bin.run(ListOperation.append(BIN, cv(CdtSupport.clientMap("b", 1, "a", 2))))).isEqualTo(v(1));
        assertThat(((Value.MapValue) ((Value.ListValue) bin.value).items().get(0)).entries().keySet())
                .containsExactly(v("a"), v("b"));
        bin.refuses(ListOperation.append(BIN, cv(java.util.Map.of(1.5, 1))), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void popAndRemoveRanges() {
        Bin bin = new Bin(list(1, 2, 3, 4, 5));
        exact(bin.run(ListOperation.popRange(BIN, -2, 9))).isEqualTo(list(4, 5));
        exact(bin.run(ListOperation.removeRange(BIN, -9, 2))).isEqualTo(v(0));
        exact(bin.run(ListOperation.removeRange(BIN, -9, 9))).isEqualTo(v(3));
        exact(bin.value).isEqualTo(list());
        exact(bin.run(ListOperation.popRange(BIN, 0))).isEqualTo(list());
        bin.refuses(ListOperation.pop(BIN, 0), ResultCode.OP_NOT_APPLICABLE);
        // removing every element leaves an empty list, not an absent bin
        Bin sorted = new Bin(ordered(1, 2));
        exact(sorted.run(ListOperation.removeByValueRange(BIN, null, null, ListReturnType.COUNT))).isEqualTo(v(2));
        exact(sorted.value).isEqualTo(ordered());
    }
}
