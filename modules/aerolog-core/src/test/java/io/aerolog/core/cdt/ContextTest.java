package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.cv;
import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.ordered;
import static io.aerolog.core.cdt.CdtSupport.v;
import static io.aerolog.core.cdt.CdtSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Operation;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListWriteFlags;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.CdtSupport.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operations inside nested lists and maps, through contexts as the Java client's {@code CTX} packs
 * them ({@code cdt_context_dig}, {@code list_subcontext_by_*}, {@code map_subcontext_by_*} and the
 * create and unwind functions of {@code cdt.c}).
 */
class ContextTest {
    private static final String BIN = "c";

    @Test
    void appendToTheLastNestedList() {
        Bin bin = new Bin(list(list(7, 9, 5), list(1, 2, 3), list(6, 5, 4, 1)));
        exact(bin.run(ListOperation.append(BIN, cv(11), CTX.listIndex(-1)))).isEqualTo(v(5));
        exact(bin.value).isEqualTo(list(list(7, 9, 5), list(1, 2, 3), list(6, 5, 4, 1, 11)));
    }

    @Test
    void appendThroughAMapKeyAndAListRank() {
        Bin bin = new Bin(map("key1", list(list(7, 9, 5), list(13)), "key2", list(list(9), list(2, 4), list(6, 1, 9))));
        exact(bin.run(ListOperation.append(BIN, cv(11), CTX.mapKey(cv("key2")), CTX.listRank(0)))).isEqualTo(v(3));
        exact(bin.value).isEqualTo(map("key1", list(list(7, 9, 5), list(13)),
                "key2", list(list(9), list(2, 4, 11), list(6, 1, 9))));
    }

    @Test
    void threeLevelsOfEveryKind() {
        Value deep = map("a", list(map("x", list(3, 1, 2), "y", list(9)), map("z", list(5))), "b", list());
        Bin bin = new Bin(deep);
        exact(bin.run(ListOperation.size(BIN, CTX.mapKey(cv("a")), CTX.listIndex(0), CTX.mapKey(cv("x")))))
                .isEqualTo(v(3));
        exact(bin.run(ListOperation.getByRank(BIN, 0, ListReturnType.VALUE, CTX.mapIndex(0), CTX.listIndex(0),
                CTX.mapValue(cv(List.of(9)))))).isEqualTo(v(9));
        exact(bin.run(ListOperation.getByIndex(BIN, 0, ListReturnType.VALUE, CTX.mapRank(-1),
                CTX.listValue(cv(java.util.Map.of("z", List.of(5)))), CTX.mapKey(cv("z"))))).isEqualTo(v(5));
        exact(bin.run(ListOperation.sort(BIN, 0, CTX.mapKey(cv("a")), CTX.listIndex(0), CTX.mapKey(cv("x")))))
                .isNull();
        exact(bin.value).isEqualTo(map("a", list(map("x", list(1, 2, 3), "y", list(9)), map("z", list(5))),
                "b", list()));
    }

    @Test
    void aContextThatDoesNotResolveIsNotApplicable() {
        Bin bin = new Bin(map("a", list(1, 2), "b", map("c", 3)));
        // cdt_context_dig: a missing key, an index out of range, a value not found, a map level on a list
        bin.refuses(ListOperation.size(BIN, CTX.mapKey(cv("missing"))), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.size(BIN, CTX.mapKey(cv("a")), CTX.listIndex(5)), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.append(BIN, cv(1), CTX.mapKey(cv("a")), CTX.listIndex(2)), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(MapOperation.size(BIN, CTX.mapValue(cv(42))), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(MapOperation.size(BIN, CTX.mapKey(cv("a")), CTX.mapKey(cv("x"))), ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.size(BIN, CTX.listIndex(0)), ResultCode.OP_NOT_APPLICABLE);
        // a context into a scalar, and a create flag on a read
        bin.refuses(ListOperation.size(BIN, CTX.mapKey(cv("b")), CTX.mapKey(cv("c")), CTX.listIndex(0)),
                ResultCode.OP_NOT_APPLICABLE);
        bin.refuses(ListOperation.size(BIN, CTX.mapKeyCreate(cv("new"), MapOrder.UNORDERED)), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void theContextsTargetMustBeOfTheOperationsKind() {
        Bin bin = new Bin(map("a", list(1, 2), "b", map("c", 3)));
        // cdt_process_state_context_eval: INCOMPATIBLE_TYPE (BIN_TYPE_ERROR) when the target is the other kind
        bin.refuses(MapOperation.size(BIN, CTX.mapKey(cv("a"))), ResultCode.BIN_TYPE_ERROR);
        bin.refuses(ListOperation.size(BIN, CTX.mapKey(cv("b"))), ResultCode.BIN_TYPE_ERROR);
        bin.refuses(ListOperation.append(BIN, cv(1), CTX.mapKey(cv("b"))), ResultCode.BIN_TYPE_ERROR);
        // and a context on a bin that is no list or map is a PARAMETER_ERROR
        new Bin(v(5)).refuses(ListOperation.size(BIN, CTX.listIndex(0)), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void anAbsentBinIsCreatedThroughCreateFlags() {
        Bin bin = Bin.absent();
        exact(bin.run(ListOperation.append(BIN, cv(1), CTX.mapKeyCreate(cv("a"), MapOrder.KEY_ORDERED),
                CTX.listIndexCreate(0, ListOrder.UNORDERED, false)))).isEqualTo(v(1));
        exact(bin.value).isEqualTo(map(Value.MapOrder.KEY_ORDERED, "a", list(list(1))));
        // without a create flag on its first level, an absent bin is OP_NOT_APPLICABLE
        Bin absent = Bin.absent();
        absent.refuses(ListOperation.append(BIN, cv(1), CTX.mapKey(cv("a"))), ResultCode.OP_NOT_APPLICABLE);
        exact(absent.value).isNull();
    }

    @Test
    void aMissingKeyIsCreatedWithTheOperationsOrder() {
        Bin bin = new Bin(map("a", 1));
        exact(bin.run(ListOperation.append(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT), BIN, cv(3),
                CTX.mapKeyCreate(cv("b"), MapOrder.UNORDERED)))).isEqualTo(v(1));
        exact(bin.value).isEqualTo(map("a", 1, "b", ordered(3)));
        // map_subcontext_by_key: the created key goes where it sorts
        exact(bin.run(MapOperation.put(MapPolicy.Default, BIN, cv("k"), cv("v"),
                CTX.mapKeyCreate(cv("0"), MapOrder.KEY_ORDERED)))).isEqualTo(v(1));
        assertThat(((Value.MapValue) bin.value).entries().keySet()).containsExactly(v("0"), v("a"), v("b"));
        exact(bin.value).isEqualTo(map("0", map("k", "v"), "a", 1, "b", ordered(3)));
    }

    @Test
    void listIndexCreatePadsAnUnboundedList() {
        Bin bin = new Bin(list(1));
        // list_subcontext_by_index: pad only with the unbounded (pad) create flag
        bin.refuses(ListOperation.append(BIN, cv(7), CTX.listIndexCreate(3, ListOrder.UNORDERED, false)),
                ResultCode.OP_NOT_APPLICABLE);
        exact(bin.run(ListOperation.append(BIN, cv(7), CTX.listIndexCreate(3, ListOrder.UNORDERED, true))))
                .isEqualTo(v(1));
        exact(bin.value).isEqualTo(list(1, null, null, list(7)));
        // index == size appends without a pad flag
        exact(bin.run(ListOperation.append(BIN, cv(8), CTX.listIndexCreate(4, ListOrder.UNORDERED, false))))
                .isEqualTo(v(1));
        exact(bin.value).isEqualTo(list(1, null, null, list(7), list(8)));
        // nils that alone could never be stored (Aerospike's records are at most 8 MiB) are refused
        // before anything is built, in an existing list and in a created one
        bin.refuses(ListOperation.append(BIN, cv(7), CTX.listIndexCreate(100_000_000, ListOrder.UNORDERED, true)),
                ResultCode.RECORD_TOO_BIG);
        Bin.absent().refuses(ListOperation.append(BIN, cv(7), CTX.listIndexCreate(100_000_000, ListOrder.UNORDERED, true)),
                ResultCode.RECORD_TOO_BIG);
        // a negative index beyond the start is not padded (the server would compute a wrapped count)
        bin.refuses(ListOperation.append(BIN, cv(7), CTX.listIndexCreate(-9, ListOrder.UNORDERED, true)),
                ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void aCreatedElementOfAnOrderedListMovesToItsPlace() {
        Bin bin = Bin.absent();
        bin.run(ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, 0), BIN,
                values(List.of(7, 9, 5), List.of(1, 2, 3), List.of(6, 5, 4, 1))));
        exact(bin.run(ListOperation.append(BIN, cv(2), CTX.listIndexCreate(3, ListOrder.ORDERED, false))))
                .isEqualTo(v(1));
        exact(bin.value).isEqualTo(ordered(list(1, 2, 3), list(2), list(6, 5, 4, 1), list(7, 9, 5)));
    }

    @Test
    void aChangedElementOfAnOrderedListMovesToItsPlace() {
        Bin bin = new Bin(ordered(list(1), list(5), list(9)));
        // cdt_context_unwind_list: the element re-sorted after the operation
        exact(bin.run(ListOperation.append(BIN, cv(0), CTX.listIndex(0)))).isEqualTo(v(2));
        exact(bin.run(ListOperation.insert(BIN, 0, cv(99), CTX.listIndex(0)))).isEqualTo(v(3));
        exact(bin.value).isEqualTo(ordered(list(5), list(9), list(99, 1, 0)));
    }

    @Test
    void createContextsAsListAndMapOperationsPackThem() {
        Bin bin = new Bin(map("a", 1));
        exact(bin.run(ListOperation.create(BIN, ListOrder.ORDERED, false, CTX.mapKey(cv("l"))))).isNull();
        exact(bin.run(MapOperation.create(BIN, MapOrder.KEY_VALUE_ORDERED, CTX.mapKey(cv("m"))))).isNull();
        exact(bin.value).isEqualTo(map("a", 1, "l", ordered(), "m", map(Value.MapOrder.KEY_VALUE_ORDERED)));
        // an existing target is re-typed, not recreated
        exact(bin.run(ListOperation.appendItems(BIN, values(3, 1, 2), CTX.mapKey(cv("l"))))).isEqualTo(v(3));
        exact(bin.run(ListOperation.create(BIN, ListOrder.UNORDERED, false, CTX.mapKey(cv("l"))))).isNull();
        exact(bin.value).isEqualTo(map("a", 1, "l", list(1, 2, 3), "m", map(Value.MapOrder.KEY_VALUE_ORDERED)));
    }

    @Test
    void removalsDoNotCreateWhatIsMissing() {
        Bin bin = new Bin(map("a", 1));
        // particle_list.c/particle_map.c: a remove on a context being created is a no-op
        exact(bin.run(ListOperation.removeByIndex(BIN, 0, ListReturnType.VALUE,
                CTX.mapKeyCreate(cv("x"), MapOrder.UNORDERED)))).isNull();
        exact(bin.run(MapOperation.removeByKey(BIN, cv("k"), MapReturnType.VALUE,
                CTX.mapKeyCreate(cv("x"), MapOrder.UNORDERED)))).isNull();
        exact(bin.value).isEqualTo(map("a", 1));
        // LIST_SORT on an absent bin is BIN_TYPE_ERROR, even through create flags
        Bin.absent().refuses(ListOperation.sort(BIN, 0, CTX.mapKeyCreate(cv("x"), MapOrder.UNORDERED)),
                ResultCode.BIN_TYPE_ERROR);
    }

    @Test
    void createdLevelsBelowTheMissingOneTakeTheirOwnFlags() {
        Bin bin = new Bin(map("a", 1));
        Operation op = MapOperation.put(MapPolicy.Default, BIN, cv("k"), cv(1),
                CTX.mapKeyCreate(cv("x"), MapOrder.UNORDERED), CTX.listIndexCreate(-1, ListOrder.ORDERED, false),
                CTX.mapKeyCreate(cv("y"), MapOrder.KEY_ORDERED));
        exact(bin.run(op)).isEqualTo(v(1));
        exact(bin.value).isEqualTo(map("a", 1, "x", ordered(map(Value.MapOrder.KEY_ORDERED, "y", map("k", 1)))));
        // cdt_context_ctx_type_create_sz: below the missing level only map keys and list indexes are created
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, cv("k"), cv(1), CTX.mapKeyCreate(cv("z"), MapOrder.UNORDERED),
                CTX.mapIndex(0)), ResultCode.OP_NOT_APPLICABLE);
        // an unordered list index created below must be 0 or -1
        bin.refuses(MapOperation.put(MapPolicy.Default, BIN, cv("k"), cv(1), CTX.mapKeyCreate(cv("z"), MapOrder.UNORDERED),
                CTX.listIndexCreate(2, ListOrder.UNORDERED, false)), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void aContextKeyCannotHoldAWildcard() {
        Bin bin = new Bin(map("a", 1));
        // map_subcontext_by_key: the key is rewritten as stored, which a wildcard cannot be
        bin.refuses(MapOperation.size(BIN, CTX.mapKey(com.aerospike.client.Value.WILDCARD)), ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void mapIndexAndRankContextsOfAnUnorderedMapFollowKeyAndValueOrder() {
        // map_subcontext_by_index: an unordered map's index is its key order, not where an entry is stored
        Bin bin = new Bin(map("b", list(2), "a", list(1), "c", list(0)));
        exact(bin.run(ListOperation.get(BIN, 0, CTX.mapIndex(0)))).isEqualTo(v(1));
        exact(bin.run(ListOperation.get(BIN, 0, CTX.mapRank(0)))).isEqualTo(v(0));
        exact(bin.run(ListOperation.get(BIN, 0, CTX.mapIndex(-1)))).isEqualTo(v(0));
    }
}
