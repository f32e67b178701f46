package io.aerolog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListSortFlags;
import com.aerospike.client.cdt.ListWriteFlags;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.cdt.MapWriteMode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.exp.ExpWriteFlags;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.BitResizeFlags;
import com.aerospike.client.operation.BitWriteFlags;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.operation.HLLWriteFlags;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
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
 * The REST gateway's operation JSON, in both its forms, read as the very operation Aerospike's Java client
 * builds: each case's tree is compared with the client's packed bytes decoded by {@link MsgPack#unpack}, as
 * the wire listener decodes them. Each is also written back (both forms) and read again to the same
 * operation. Refusals name the field and carry Aerospike's code.
 */
class OperationJsonTest {
    private static final ObjectMapper JSON = JsonValues.mapper();
    private static final com.aerospike.client.Value A = com.aerospike.client.Value.get("a");
    private static final com.aerospike.client.Value ONE = com.aerospike.client.Value.get(1);
    private static final byte[] BYTES = {1, 2, (byte) 0xff};
    private static final String B64 = "AQL/";

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        ListPolicy ordered = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        ListPolicy bounded = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.INSERT_BOUNDED);
        CTX inMap = CTX.mapKey(A);
        // lists
        c.add(of("{'type':'LIST_APPEND','binName':'l','value':'x'}", ListOperation.append("l", v("x"))));
        c.add(of("{'type':'LIST_APPEND','binName':'l','value':1,'listPolicy':{'order':'ORDERED','writeFlags':"
                + "['ADD_UNIQUE','NO_FAIL']},'ctx':[{'type':'mapKey','key':'a'}]}",
                ListOperation.append(ordered, "l", ONE, inMap)));
        c.add(of("{'operation':'LIST_APPEND_ITEMS','opValues':{'bin':'l','values':[1,'a',[2]]}}",
                ListOperation.appendItems("l", List.of(ONE, A, com.aerospike.client.Value.get(List.of(2))))));
        c.add(of("{'type':'LIST_APPEND_ITEMS','binName':'l','values':[1],'listPolicy':{'order':'ORDERED',"
                + "'writeFlags':['ADD_UNIQUE','NO_FAIL']}}", ListOperation.appendItems(ordered, "l", List.of(ONE))));
        c.add(of("{'type':'LIST_INSERT','binName':'l','index':-1,'value':'a'}", ListOperation.insert("l", -1, A)));
        c.add(of("{'type':'LIST_INSERT','binName':'l','index':3,'value':'a','listPolicy':{'writeFlags':['INSERT_BOUNDED']}}",
                ListOperation.insert(bounded, "l", 3, A)));
        c.add(of("{'type':'LIST_INSERT_ITEMS','binName':'l','index':0,'values':['a',1]}",
                ListOperation.insertItems("l", 0, List.of(A, ONE))));
        c.add(of("{'type':'LIST_INSERT_ITEMS','binName':'l','index':0,'values':['a'],'listPolicy':{'writeFlags':"
                + "['INSERT_BOUNDED']}}", ListOperation.insertItems(bounded, "l", 0, List.of(A))));
        c.add(of("{'type':'LIST_INCREMENT','binName':'l','index':2}", ListOperation.increment("l", 2)));
        c.add(of("{'operation':'LIST_INCREMENT','opValues':{'bin':'l','index':2,'incr':5}}",
                ListOperation.increment("l", 2, v(5))));
        c.add(of("{'type':'LIST_INCREMENT','binName':'l','index':2,'listPolicy':{'order':'ORDERED'}}",
                ListOperation.increment(new ListPolicy(ListOrder.ORDERED, 0), "l", 2)));
        c.add(of("{'type':'LIST_INCREMENT','binName':'l','index':2,'incr':1.5,'listPolicy':{}}",
                ListOperation.increment(new ListPolicy(), "l", 2, com.aerospike.client.Value.get(1.5))));
        c.add(of("{'type':'LIST_SET','binName':'l','index':1,'value':true}",
                ListOperation.set("l", 1, com.aerospike.client.Value.get(true))));
        c.add(of("{'type':'LIST_SET','binName':'l','index':1,'value':'a','listPolicy':{'writeFlags':['INSERT_BOUNDED']}}",
                ListOperation.set(bounded, "l", 1, A)));
        c.add(of("{'type':'LIST_POP','binName':'l','index':0}", ListOperation.pop("l", 0)));
        c.add(of("{'type':'LIST_POP_RANGE','binName':'l','index':1}", ListOperation.popRange("l", 1)));
        c.add(of("{'type':'LIST_POP_RANGE','binName':'l','index':1,'count':2}", ListOperation.popRange("l", 1, 2)));
        c.add(of("{'type':'LIST_REMOVE','binName':'l','index':4}", ListOperation.remove("l", 4)));
        c.add(of("{'type':'LIST_REMOVE_RANGE','binName':'l','index':-2}", ListOperation.removeRange("l", -2)));
        c.add(of("{'type':'LIST_REMOVE_RANGE','binName':'l','index':-2,'count':1}", ListOperation.removeRange("l", -2, 1)));
        c.add(of("{'type':'LIST_TRIM','binName':'l','index':1,'count':3}", ListOperation.trim("l", 1, 3)));
        c.add(of("{'type':'LIST_CLEAR','binName':'l','ctx':[{'type':'listIndex','index':0}]}",
                ListOperation.clear("l", CTX.listIndex(0))));
        c.add(of("{'type':'LIST_SORT','binName':'l'}", ListOperation.sort("l", ListSortFlags.DEFAULT)));
        c.add(of("{'type':'LIST_SORT','binName':'l','sortFlags':['DROP_DUPLICATES']}",
                ListOperation.sort("l", ListSortFlags.DROP_DUPLICATES)));
        c.add(of("{'operation':'LIST_SORT','opValues':{'bin':'l','listSortFlags':'DROP_DUPLICATES'}}",
                ListOperation.sort("l", ListSortFlags.DROP_DUPLICATES)));
        c.add(of("{'type':'LIST_SET_ORDER','binName':'l','listOrder':'ORDERED'}", ListOperation.setOrder("l",
                ListOrder.ORDERED)));
        c.add(of("{'type':'LIST_SET_ORDER','binName':'l','listOrder':'UNORDERED','ctx':[{'type':'mapKey','key':'a'}]}",
                ListOperation.setOrder("l", ListOrder.UNORDERED, inMap)));
        c.add(of("{'type':'LIST_CREATE','binName':'l','order':'ORDERED'}", ListOperation.create("l", ListOrder.ORDERED,
                false)));
        c.add(of("{'operation':'LIST_CREATE','opValues':{'bin':'l','listOrder':'UNORDERED','pad':true,'ctx':"
                + "[{'type':'listIndex','index':0}]}}", ListOperation.create("l", ListOrder.UNORDERED, true,
                CTX.listIndex(0))));
        c.add(of("{'type':'LIST_CREATE','binName':'l','order':'ORDERED','ctx':[{'type':'mapKey','key':'a'}]}",
                ListOperation.create("l", ListOrder.ORDERED, false, inMap)));
        c.add(of("{'type':'LIST_SIZE','binName':'l'}", ListOperation.size("l")));
        c.add(of("{'type':'LIST_GET','binName':'l','index':-1}", ListOperation.get("l", -1)));
        c.add(of("{'type':'LIST_GET_RANGE','binName':'l','index':1}", ListOperation.getRange("l", 1)));
        c.add(of("{'type':'LIST_GET_RANGE','binName':'l','index':1,'count':2}", ListOperation.getRange("l", 1, 2)));
        for (String verb : new String[] {"GET", "REMOVE"}) {
            boolean get = verb.equals("GET");
            c.add(of("{'type':'LIST_" + verb + "_BY_INDEX','binName':'l','index':1,'listReturnType':'VALUE'}",
                    get ? ListOperation.getByIndex("l", 1, ListReturnType.VALUE)
                            : ListOperation.removeByIndex("l", 1, ListReturnType.VALUE)));
            c.add(of("{'type':'LIST_" + verb + "_BY_RANK','binName':'l','rank':-1,'listReturnType':'RANK','inverted':true}",
                    get ? ListOperation.getByRank("l", -1, ListReturnType.RANK | ListReturnType.INVERTED)
                            : ListOperation.removeByRank("l", -1, ListReturnType.RANK | ListReturnType.INVERTED)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE','binName':'l','value':'a','listReturnType':'COUNT'}",
                    get ? ListOperation.getByValue("l", A, ListReturnType.COUNT)
                            : ListOperation.removeByValue("l", A, ListReturnType.COUNT)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE_LIST','binName':'l','values':['a',1],'listReturnType':'INDEX'}",
                    get ? ListOperation.getByValueList("l", List.of(A, ONE), ListReturnType.INDEX)
                            : ListOperation.removeByValueList("l", List.of(A, ONE), ListReturnType.INDEX)));
            c.add(of("{'type':'LIST_" + verb + "_BY_INDEX_RANGE','binName':'l','index':1,'listReturnType':'REVERSE_INDEX'}",
                    get ? ListOperation.getByIndexRange("l", 1, ListReturnType.REVERSE_INDEX)
                            : ListOperation.removeByIndexRange("l", 1, ListReturnType.REVERSE_INDEX)));
            c.add(of("{'type':'LIST_" + verb + "_BY_INDEX_RANGE','binName':'l','index':1,'count':2,"
                    + "'listReturnType':'EXISTS'}", get ? ListOperation.getByIndexRange("l", 1, 2, ListReturnType.EXISTS)
                    : ListOperation.removeByIndexRange("l", 1, 2, ListReturnType.EXISTS)));
            c.add(of("{'type':'LIST_" + verb + "_BY_RANK_RANGE','binName':'l','rank':0,'listReturnType':'REVERSE_RANK'}",
                    get ? ListOperation.getByRankRange("l", 0, ListReturnType.REVERSE_RANK)
                            : ListOperation.removeByRankRange("l", 0, ListReturnType.REVERSE_RANK)));
            c.add(of("{'type':'LIST_" + verb + "_BY_RANK_RANGE','binName':'l','rank':0,'count':3,'listReturnType':'NONE'}",
                    get ? ListOperation.getByRankRange("l", 0, 3, ListReturnType.NONE)
                            : ListOperation.removeByRankRange("l", 0, 3, ListReturnType.NONE)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE_RANGE','binName':'l','valueBegin':1,'listReturnType':'VALUE'}",
                    get ? ListOperation.getByValueRange("l", ONE, null, ListReturnType.VALUE)
                            : ListOperation.removeByValueRange("l", ONE, null, ListReturnType.VALUE)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE_RANGE','binName':'l','valueEnd':'a','listReturnType':'VALUE'}",
                    get ? ListOperation.getByValueRange("l", null, A, ListReturnType.VALUE)
                            : ListOperation.removeByValueRange("l", null, A, ListReturnType.VALUE)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE_RANGE','binName':'l','valueBegin':1,'valueEnd':'a',"
                    + "'listReturnType':'VALUE'}", get ? ListOperation.getByValueRange("l", ONE, A, ListReturnType.VALUE)
                    : ListOperation.removeByValueRange("l", ONE, A, ListReturnType.VALUE)));
            c.add(of("{'type':'LIST_" + verb + "_BY_VALUE_RELATIVE_RANK_RANGE','binName':'l','value':5,'rank':-1,"
                    + "'listReturnType':'VALUE'}", get ? ListOperation.getByValueRelativeRankRange("l", v(5), -1,
                    ListReturnType.VALUE) : ListOperation.removeByValueRelativeRankRange("l", v(5), -1, ListReturnType.VALUE)));
            c.add(of("{'operation':'LIST_" + verb + "_BY_VALUE_REL_RANK_RANGE','opValues':{'bin':'l','value':5,'rank':-1,"
                    + "'count':2,'listReturnType':'VALUE'}}", get ? ListOperation.getByValueRelativeRankRange("l", v(5),
                    -1, 2, ListReturnType.VALUE) : ListOperation.removeByValueRelativeRankRange("l", v(5), -1, 2,
                    ListReturnType.VALUE)));
        }
        // maps
        c.add(of("{'type':'MAP_PUT','binName':'m','key':'a','value':1}", MapOperation.put(MapPolicy.Default, "m", A, ONE)));
        c.add(of("{'type':'MAP_PUT','binName':'m','key':7,'value':'a','mapPolicy':{'order':'KEY_ORDERED'}}",
                MapOperation.put(new MapPolicy(MapOrder.KEY_ORDERED, 0), "m", v(7), A)));
        c.add(of("{'type':'MAP_PUT','binName':'m','key':'a','value':1,'mapPolicy':{'writeFlags':['CREATE_ONLY','NO_FAIL']}}",
                MapOperation.put(new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.CREATE_ONLY | MapWriteFlags.NO_FAIL), "m",
                        A, ONE)));
        c.add(of("{'operation':'MAP_PUT','opValues':{'bin':'m','key':'a','value':1,'mapPolicy':{'order':'KEY_VALUE_ORDERED',"
                + "'writeMode':'CREATE_ONLY'}}}", MapOperation.put(new MapPolicy(MapOrder.KEY_VALUE_ORDERED,
                MapWriteMode.CREATE_ONLY), "m", A, ONE)));
        c.add(of("{'type':'MAP_PUT','binName':'m','key':'a','value':1,'mapPolicy':{'writeMode':'UPDATE_ONLY'}}",
                MapOperation.put(new MapPolicy(MapOrder.UNORDERED, MapWriteMode.UPDATE_ONLY), "m", A, ONE)));
        Map<com.aerospike.client.Value, com.aerospike.client.Value> items = new LinkedHashMap<>();
        items.put(A, ONE);
        items.put(v("b"), com.aerospike.client.Value.get(List.of(1, 2)));
        c.add(of("{'type':'MAP_PUT_ITEMS','binName':'m','map':{'a':1,'b':[1,2]}}", MapOperation.putItems(MapPolicy.Default,
                "m", items)));
        c.add(of("{'type':'MAP_PUT_ITEMS','binName':'m','map':{'a':1,'b':[1,2]},'mapPolicy':{'order':'KEY_ORDERED',"
                + "'writeFlags':['UPDATE_ONLY']}}", MapOperation.putItems(new MapPolicy(MapOrder.KEY_ORDERED,
                MapWriteFlags.UPDATE_ONLY), "m", items)));
        c.add(of("{'type':'MAP_PUT_ITEMS','binName':'m','map':{'a':1,'b':[1,2]},'mapPolicy':{'writeMode':'UPDATE_ONLY'}}",
                MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED, MapWriteMode.UPDATE_ONLY), "m", items)));
        c.add(of("{'type':'MAP_PUT_ITEMS','binName':'m','map':{'a':1,'b':[1,2]},'mapPolicy':{'writeMode':'CREATE_ONLY'}}",
                MapOperation.putItems(new MapPolicy(MapOrder.UNORDERED, MapWriteMode.CREATE_ONLY), "m", items)));
        c.add(of("{'type':'MAP_INCREMENT','binName':'m','key':'a','incr':2}", MapOperation.increment(MapPolicy.Default,
                "m", A, v(2))));
        c.add(of("{'type':'MAP_INCREMENT','binName':'m','key':'a','incr':2.5,'mapPolicy':{'order':'KEY_ORDERED'}}",
                MapOperation.increment(new MapPolicy(MapOrder.KEY_ORDERED, 0), "m", A, com.aerospike.client.Value.get(2.5))));
        c.add(of("{'operation':'MAP_DECREMENT','opValues':{'bin':'m','key':'a','decr':2}}",
                MapOperation.decrement(MapPolicy.Default, "m", A, v(2))));
        c.add(of("{'type':'MAP_SET_POLICY','binName':'m','mapPolicy':{'order':'KEY_ORDERED'}}",
                MapOperation.setMapPolicy(new MapPolicy(MapOrder.KEY_ORDERED, 0), "m")));
        c.add(of("{'operation':'MAP_SET_MAP_POLICY','opValues':{'bin':'m','mapPolicy':{'order':'KEY_VALUE_ORDERED'},"
                + "'ctx':[{'type':'listIndex','index':1}]}}", MapOperation.setMapPolicy(new MapPolicy(
                MapOrder.KEY_VALUE_ORDERED, 0), "m", CTX.listIndex(1))));
        c.add(of("{'type':'MAP_CREATE','binName':'m','mapOrder':'KEY_ORDERED'}", MapOperation.create("m",
                MapOrder.KEY_ORDERED)));
        c.add(of("{'type':'MAP_CREATE','binName':'m','mapOrder':'UNORDERED','ctx':[{'type':'mapKey','key':'a'}]}",
                MapOperation.create("m", MapOrder.UNORDERED, inMap)));
        c.add(of("{'type':'MAP_CLEAR','binName':'m'}", MapOperation.clear("m")));
        c.add(of("{'type':'MAP_SIZE','binName':'m'}", MapOperation.size("m")));
        for (String verb : new String[] {"GET", "REMOVE"}) {
            boolean get = verb.equals("GET");
            c.add(of("{'type':'MAP_" + verb + "_BY_KEY','binName':'m','key':'a','mapReturnType':'KEY_VALUE'}",
                    get ? MapOperation.getByKey("m", A, MapReturnType.KEY_VALUE)
                            : MapOperation.removeByKey("m", A, MapReturnType.KEY_VALUE)));
            c.add(of("{'type':'MAP_" + verb + "_BY_INDEX','binName':'m','index':0,'mapReturnType':'KEY'}",
                    get ? MapOperation.getByIndex("m", 0, MapReturnType.KEY)
                            : MapOperation.removeByIndex("m", 0, MapReturnType.KEY)));
            c.add(of("{'type':'MAP_" + verb + "_BY_RANK','binName':'m','rank':-1,'mapReturnType':'VALUE','inverted':true}",
                    get ? MapOperation.getByRank("m", -1, MapReturnType.VALUE | MapReturnType.INVERTED)
                            : MapOperation.removeByRank("m", -1, MapReturnType.VALUE | MapReturnType.INVERTED)));
            c.add(of("{'type':'MAP_" + verb + "_BY_VALUE','binName':'m','value':1,'mapReturnType':'ORDERED_MAP'}",
                    get ? MapOperation.getByValue("m", ONE, MapReturnType.ORDERED_MAP)
                            : MapOperation.removeByValue("m", ONE, MapReturnType.ORDERED_MAP)));
            c.add(of("{'type':'MAP_" + verb + "_BY_VALUE_LIST','binName':'m','values':[1],'mapReturnType':'UNORDERED_MAP'}",
                    get ? MapOperation.getByValueList("m", List.of(ONE), MapReturnType.UNORDERED_MAP)
                            : MapOperation.removeByValueList("m", List.of(ONE), MapReturnType.UNORDERED_MAP)));
            c.add(of("{'type':'MAP_" + verb + "_BY_KEY_LIST','binName':'m','keys':['a'],'mapReturnType':'COUNT'}",
                    get ? MapOperation.getByKeyList("m", List.of(A), MapReturnType.COUNT)
                            : MapOperation.removeByKeyList("m", List.of(A), MapReturnType.COUNT)));
            c.add(of("{'type':'MAP_" + verb + "_BY_KEY_RANGE','binName':'m','keyBegin':'a','keyEnd':'c','mapReturnType':'KEY'}",
                    get ? MapOperation.getByKeyRange("m", A, v("c"), MapReturnType.KEY)
                            : MapOperation.removeByKeyRange("m", A, v("c"), MapReturnType.KEY)));
            c.add(of("{'type':'MAP_" + verb + "_BY_KEY_RANGE','binName':'m','keyBegin':'a','mapReturnType':'KEY'}",
                    get ? MapOperation.getByKeyRange("m", A, null, MapReturnType.KEY)
                            : MapOperation.removeByKeyRange("m", A, null, MapReturnType.KEY)));
            c.add(of("{'type':'MAP_" + verb + "_BY_VALUE_RANGE','binName':'m','valueEnd':3,'mapReturnType':'REVERSE_RANK'}",
                    get ? MapOperation.getByValueRange("m", null, v(3), MapReturnType.REVERSE_RANK)
                            : MapOperation.removeByValueRange("m", null, v(3), MapReturnType.REVERSE_RANK)));
            c.add(of("{'type':'MAP_" + verb + "_BY_INDEX_RANGE','binName':'m','index':1,'mapReturnType':'INDEX'}",
                    get ? MapOperation.getByIndexRange("m", 1, MapReturnType.INDEX)
                            : MapOperation.removeByIndexRange("m", 1, MapReturnType.INDEX)));
            c.add(of("{'type':'MAP_" + verb + "_BY_INDEX_RANGE','binName':'m','index':1,'count':2,'mapReturnType':'INDEX'}",
                    get ? MapOperation.getByIndexRange("m", 1, 2, MapReturnType.INDEX)
                            : MapOperation.removeByIndexRange("m", 1, 2, MapReturnType.INDEX)));
            c.add(of("{'type':'MAP_" + verb + "_BY_RANK_RANGE','binName':'m','rank':1,'mapReturnType':'RANK'}",
                    get ? MapOperation.getByRankRange("m", 1, MapReturnType.RANK)
                            : MapOperation.removeByRankRange("m", 1, MapReturnType.RANK)));
            c.add(of("{'type':'MAP_" + verb + "_BY_RANK_RANGE','binName':'m','rank':1,'count':1,'mapReturnType':'EXISTS'}",
                    get ? MapOperation.getByRankRange("m", 1, 1, MapReturnType.EXISTS)
                            : MapOperation.removeByRankRange("m", 1, 1, MapReturnType.EXISTS)));
            c.add(of("{'type':'MAP_" + verb + "_BY_KEY_RELATIVE_INDEX_RANGE','binName':'m','value':'b','index':0,"
                    + "'mapReturnType':'KEY'}", get ? MapOperation.getByKeyRelativeIndexRange("m", v("b"), 0,
                    MapReturnType.KEY) : MapOperation.removeByKeyRelativeIndexRange("m", v("b"), 0, MapReturnType.KEY)));
            c.add(of("{'operation':'MAP_" + verb + "_BY_KEY_REL_INDEX_RANGE','opValues':{'bin':'m','value':'b','index':0,"
                    + "'count':1,'mapReturnType':'KEY'}}", get ? MapOperation.getByKeyRelativeIndexRange("m", v("b"), 0, 1,
                    MapReturnType.KEY) : MapOperation.removeByKeyRelativeIndexRange("m", v("b"), 0, 1, MapReturnType.KEY)));
            c.add(of("{'type':'MAP_" + verb + "_BY_VALUE_RELATIVE_RANK_RANGE','binName':'m','value':2,'rank':-1,"
                    + "'mapReturnType':'VALUE'}", get ? MapOperation.getByValueRelativeRankRange("m", v(2), -1,
                    MapReturnType.VALUE) : MapOperation.removeByValueRelativeRankRange("m", v(2), -1, MapReturnType.VALUE)));
            c.add(of("{'operation':'MAP_" + verb + "_BY_VALUE_REL_RANK_RANGE','opValues':{'bin':'m','value':2,'rank':-1,"
                    + "'count':5,'mapReturnType':'VALUE'}}", get ? MapOperation.getByValueRelativeRankRange("m", v(2), -1,
                    5, MapReturnType.VALUE) : MapOperation.removeByValueRelativeRankRange("m", v(2), -1, 5,
                    MapReturnType.VALUE)));
        }
        c.add(of("{'type':'MAP_GET_BY_KEY','binName':'m','key':'x','mapReturnType':'VALUE','ctx':["
                + "{'type':'listIndex','index':1},{'type':'listIndexCreate','index':2,'order':'ORDERED'},"
                + "{'type':'listIndexCreate','index':3,'pad':true},{'type':'listIndexCreate','index':4},"
                + "{'type':'listRank','rank':-1},{'type':'listValue','value':'v'},{'type':'mapIndex','index':0},"
                + "{'type':'mapRank','rank':2},{'type':'mapKey','key':5},{'type':'mapKeyCreate','key':'k',"
                + "'order':'KEY_VALUE_ORDERED'},{'type':'mapKeyCreate','key':'j'},{'type':'mapValue','value':[1]}]}",
                MapOperation.getByKey("m", v("x"), MapReturnType.VALUE, CTX.listIndex(1),
                        CTX.listIndexCreate(2, ListOrder.ORDERED, false), CTX.listIndexCreate(3, ListOrder.UNORDERED, true),
                        CTX.listIndexCreate(4, ListOrder.UNORDERED, false), CTX.listRank(-1), CTX.listValue(v("v")),
                        CTX.mapIndex(0), CTX.mapRank(2), CTX.mapKey(v(5)), CTX.mapKeyCreate(v("k"),
                                MapOrder.KEY_VALUE_ORDERED), CTX.mapKeyCreate(v("j"), MapOrder.UNORDERED),
                        CTX.mapValue(com.aerospike.client.Value.get(List.of(1))))));
        // bits
        BitPolicy bp = BitPolicy.Default;
        c.add(of("{'type':'BIT_RESIZE','binName':'b','byteSize':4}", BitOperation.resize(bp, "b", 4, BitResizeFlags.DEFAULT)));
        c.add(of("{'operation':'BIT_RESIZE','opValues':{'bin':'b','byteSize':4,'resizeFlags':5}}",
                BitOperation.resize(bp, "b", 4, BitResizeFlags.FROM_FRONT | BitResizeFlags.SHRINK_ONLY)));
        c.add(of("{'type':'BIT_RESIZE','binName':'b','byteSize':4,'resizeFlags':['GROW_ONLY'],'bitPolicy':{'writeFlags':"
                + "['CREATE_ONLY']}}", BitOperation.resize(new BitPolicy(BitWriteFlags.CREATE_ONLY), "b", 4,
                BitResizeFlags.GROW_ONLY)));
        c.add(of("{'type':'BIT_INSERT','binName':'b','byteOffset':1,'value':'" + B64 + "'}", BitOperation.insert(bp, "b", 1,
                BYTES)));
        c.add(of("{'type':'BIT_REMOVE','binName':'b','byteOffset':1,'byteSize':2}", BitOperation.remove(bp, "b", 1, 2)));
        c.add(of("{'type':'BIT_SET','binName':'b','bitOffset':3,'bitSize':8,'value':'" + B64 + "'}",
                BitOperation.set(bp, "b", 3, 8, BYTES)));
        c.add(of("{'type':'BIT_OR','binName':'b','bitOffset':3,'bitSize':8,'value':{'$bytes':'" + B64 + "'}}",
                BitOperation.or(bp, "b", 3, 8, BYTES)));
        c.add(of("{'type':'BIT_XOR','binName':'b','bitOffset':3,'bitSize':8,'value':'" + B64 + "'}",
                BitOperation.xor(bp, "b", 3, 8, BYTES)));
        c.add(of("{'type':'BIT_AND','binName':'b','bitOffset':3,'bitSize':8,'value':'" + B64 + "','bitPolicy':"
                + "{'writeFlags':['NO_FAIL','PARTIAL']}}", BitOperation.and(new BitPolicy(BitWriteFlags.NO_FAIL
                | BitWriteFlags.PARTIAL), "b", 3, 8, BYTES)));
        c.add(of("{'type':'BIT_NOT','binName':'b','bitOffset':0,'bitSize':16}", BitOperation.not(bp, "b", 0, 16)));
        c.add(of("{'type':'BIT_LSHIFT','binName':'b','bitOffset':0,'bitSize':16,'shift':3}",
                BitOperation.lshift(bp, "b", 0, 16, 3)));
        c.add(of("{'type':'BIT_RSHIFT','binName':'b','bitOffset':0,'bitSize':16,'shift':3}",
                BitOperation.rshift(bp, "b", 0, 16, 3)));
        c.add(of("{'type':'BIT_ADD','binName':'b','bitOffset':8,'bitSize':8,'value':5}",
                BitOperation.add(bp, "b", 8, 8, 5, false, BitOverflowAction.FAIL)));
        c.add(of("{'type':'BIT_ADD','binName':'b','bitOffset':8,'bitSize':8,'value':-5,'signed':true,'action':'SATURATE'}",
                BitOperation.add(bp, "b", 8, 8, -5, true, BitOverflowAction.SATURATE)));
        c.add(of("{'operation':'BIT_SUBTRACT','opValues':{'bin':'b','bitOffset':8,'bitSize':64,'value':9000000000,"
                + "'bitOverflowAction':'WRAP'}}", BitOperation.subtract(bp, "b", 8, 64, 9_000_000_000L, false,
                BitOverflowAction.WRAP)));
        c.add(of("{'type':'BIT_SET_INT','binName':'b','bitOffset':8,'bitSize':32,'value':-7}",
                BitOperation.setInt(bp, "b", 8, 32, -7)));
        c.add(of("{'type':'BIT_GET','binName':'b','bitOffset':1,'bitSize':9}", BitOperation.get("b", 1, 9)));
        c.add(of("{'type':'BIT_COUNT','binName':'b','bitOffset':1,'bitSize':9}", BitOperation.count("b", 1, 9)));
        c.add(of("{'type':'BIT_LSCAN','binName':'b','bitOffset':1,'bitSize':9,'value':true}",
                BitOperation.lscan("b", 1, 9, true)));
        c.add(of("{'operation':'BIT_RSCAN','opValues':{'bin':'b','bitOffset':1,'bitSize':9}}",
                BitOperation.rscan("b", 1, 9, false)));
        c.add(of("{'type':'BIT_GET_INT','binName':'b','bitOffset':1,'bitSize':9}", BitOperation.getInt("b", 1, 9, false)));
        c.add(of("{'type':'BIT_GET_INT','binName':'b','bitOffset':1,'bitSize':9,'signed':true}",
                BitOperation.getInt("b", 1, 9, true)));
        // HyperLogLogs
        HLLPolicy hp = HLLPolicy.Default;
        List<com.aerospike.client.Value.HLLValue> hlls = List.of(new com.aerospike.client.Value.HLLValue(BYTES));
        c.add(of("{'type':'HLL_INIT','binName':'h','indexBitCount':10}", HLLOperation.init(hp, "h", 10)));
        c.add(of("{'type':'HLL_INIT','binName':'h','indexBitCount':10,'minHashBitCount':20,'hllPolicy':{'writeFlags':"
                + "['CREATE_ONLY','NO_FAIL']}}", HLLOperation.init(new HLLPolicy(HLLWriteFlags.CREATE_ONLY
                | HLLWriteFlags.NO_FAIL), "h", 10, 20)));
        c.add(of("{'type':'HLL_ADD','binName':'h','values':['a',1]}", HLLOperation.add(hp, "h", List.of(A, ONE))));
        c.add(of("{'operation':'HLL_ADD','opValues':{'bin':'h','values':['a'],'indexBitCount':8}}",
                HLLOperation.add(hp, "h", List.of(A), 8)));
        c.add(of("{'type':'HLL_ADD','binName':'h','values':['a'],'indexBitCount':8,'minHashBitCount':4}",
                HLLOperation.add(hp, "h", List.of(A), 8, 4)));
        c.add(of("{'type':'HLL_SET_UNION','binName':'h','values':['" + B64 + "'],'hllPolicy':{'writeFlags':['ALLOW_FOLD']}}",
                HLLOperation.setUnion(new HLLPolicy(HLLWriteFlags.ALLOW_FOLD), "h", hlls)));
        c.add(of("{'type':'HLL_SET_UNION','binName':'h','values':[{'$hll':'" + B64 + "'}]}",
                HLLOperation.setUnion(hp, "h", hlls)));
        c.add(of("{'type':'HLL_SET_COUNT','binName':'h'}", HLLOperation.refreshCount("h")));
        c.add(of("{'type':'HLL_FOLD','binName':'h','indexBitCount':6}", HLLOperation.fold("h", 6)));
        c.add(of("{'type':'HLL_COUNT','binName':'h'}", HLLOperation.getCount("h")));
        c.add(of("{'type':'HLL_UNION','binName':'h','values':['" + B64 + "']}", HLLOperation.getUnion("h", hlls)));
        c.add(of("{'type':'HLL_UNION_COUNT','binName':'h','values':['" + B64 + "']}", HLLOperation.getUnionCount("h", hlls)));
        c.add(of("{'type':'HLL_INTERSECT_COUNT','binName':'h','values':['" + B64 + "']}",
                HLLOperation.getIntersectCount("h", hlls)));
        c.add(of("{'type':'HLL_SIMILARITY','binName':'h','values':['" + B64 + "']}", HLLOperation.getSimilarity("h", hlls)));
        c.add(of("{'type':'HLL_DESCRIBE','binName':'h'}", HLLOperation.describe("h")));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAsTheClientsTree(String json, com.aerospike.client.Operation client) throws Exception {
        Operation op = parse(json);
        assertThat(wireType(op.type())).isEqualTo(client.type.protocolType);
        assertThat(op.type().isWrite()).isEqualTo(client.type.isWrite);
        assertThat(op.bin()).isEqualTo(client.binName);
        byte[] packed = (byte[]) client.value.getObject();
        assertThat(op.value()).isEqualTo(MsgPack.unpack(packed, 0, packed.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesBackToTheSameOperationInBothForms(String json, com.aerospike.client.Operation client) throws Exception {
        Operation op = parse(json);
        JsonNode untyped = OperationJson.toJson(op);
        JsonNode typed = OperationJson.toTypedJson(op);
        assertThat(untyped.has("operation") && typed.has("type")).isTrue();
        assertThat(OperationJson.fromJson(untyped, "untyped")).isEqualTo(op);
        assertThat(OperationJson.fromJson(typed, "typed")).isEqualTo(op);
    }

    @Test
    void expressionOperationsCarryTheClientsBytes() throws Exception {
        Expression exp = Exp.build(Exp.add(Exp.intBin("a"), Exp.val(1)));
        com.aerospike.client.Operation read = ExpOperation.read("r", exp, ExpReadFlags.EVAL_NO_FAIL);
        com.aerospike.client.Operation write = ExpOperation.write("w", exp, ExpWriteFlags.CREATE_ONLY);
        Operation r = parse("{'type':'EXP_READ','binName':'r','expression':'" + exp.getBase64() + "','flags':16}");
        Operation w = parse("{'operation':'EXP_MODIFY','opValues':{'bin':'w','expression':'" + exp.getBase64()
                + "','flags':1}}");
        assertThat(r).isEqualTo(new Operation(OperationType.EXP_READ, "r", Value.of((byte[]) read.value.getObject())));
        assertThat(w).isEqualTo(new Operation(OperationType.EXP_MODIFY, "w", Value.of((byte[]) write.value.getObject())));
        assertThat(OperationJson.fromJson(OperationJson.toTypedJson(w), "back")).isEqualTo(w);
        assertThat(OperationJson.toTypedJson(w).get("type").asText()).isEqualTo("EXP_WRITE");
        assertThat(ExpJson.filter(exp.getBase64(), "filterexp")).isEqualTo(Value.of(exp.getBytes()));
    }

    @Test
    void theUntypedFormUsesItsOwnNames() {
        Operation create = new Operation(OperationType.CDT_MODIFY, "l", unpack(ListOperation.create("l", ListOrder.ORDERED,
                false, CTX.listIndex(0))));
        assertThat(OperationJson.toJson(create).toString()).isEqualTo("{\"operation\":\"LIST_CREATE\",\"opValues\":"
                + "{\"bin\":\"l\",\"listOrder\":\"ORDERED\",\"ctx\":[{\"type\":\"listIndex\",\"index\":0}]}}");
        Operation sort = new Operation(OperationType.CDT_MODIFY, "l", unpack(ListOperation.sort("l",
                ListSortFlags.DROP_DUPLICATES)));
        assertThat(OperationJson.toJson(sort).get("opValues").get("listSortFlags").asText()).isEqualTo("DROP_DUPLICATES");
        Operation add = new Operation(OperationType.BIT_MODIFY, "b", unpack(BitOperation.add(BitPolicy.Default, "b", 0, 8,
                1, false, BitOverflowAction.WRAP)));
        assertThat(OperationJson.toJson(add).get("opValues").get("bitOverflowAction").asText()).isEqualTo("WRAP");
        Operation rel = new Operation(OperationType.CDT_READ, "m", unpack(MapOperation.getByKeyRelativeIndexRange("m", A,
                0, MapReturnType.KEY)));
        assertThat(OperationJson.toJson(rel).get("operation").asText()).isEqualTo("MAP_GET_BY_KEY_REL_INDEX_RANGE");
        assertThat(OperationJson.toTypedJson(rel).get("type").asText()).isEqualTo("MAP_GET_BY_KEY_RELATIVE_INDEX_RANGE");
    }

    @Test
    void recordOperationsInBothForms() throws Exception {
        assertThat(parse("{'type':'ADD','binName':'n','incr':2}")).isEqualTo(Operation.add("n", Value.of(2L)));
        assertThat(parse("{'operation':'ADD','opValues':{'bin':'n','incr':2}}")).isEqualTo(Operation.add("n", Value.of(2L)));
        assertThat(parse("{'type':'GET'}")).isEqualTo(Operation.readAll());
        assertThat(parse("{'type':'READ','binName':'n'}")).isEqualTo(Operation.read("n"));
        assertThat(parse("{'operation':'GET_HEADER','opValues':{}}")).isEqualTo(Operation.readHeader());
        assertThat(parse("{'type':'PUT','binName':'s','value':{'$bytes':'AQ=='}}"))
                .isEqualTo(Operation.write("s", Value.of(new byte[] {1})));
        assertThat(OperationJson.toJson(Operation.readAll()).toString()).isEqualTo("{\"operation\":\"GET\"}");
        assertThat(OperationJson.toTypedJson(Operation.add("n", Value.of(1L))).toString())
                .isEqualTo("{\"type\":\"ADD\",\"binName\":\"n\",\"incr\":1}");
    }

    @Test
    void refusesWhatItCannotReadWithTheFieldNamed() {
        assertRefused("{'type':'LIST_APPEND','binName':'l','value':1,'listpolicy':{}}", ResultCode.PARAMETER_ERROR,
                "'listpolicy' is not a field");
        assertRefused("{'type':'LIST_APPEND','binName':'l'}", ResultCode.PARAMETER_ERROR, "needs \"value\"");
        assertRefused("{'type':'LIST_GET','binName':'l','index':4294967296}", ResultCode.PARAMETER_ERROR,
                "index must be a 32-bit integer");
        assertRefused("{'type':'LIST_GET_BY_INDEX','binName':'l','index':0,'listReturnType':'KEY'}",
                ResultCode.PARAMETER_ERROR, "'KEY' is not one of");
        assertRefused("{'type':'LIST_SIZE','binName':'l','ctx':[{'type':'listKey','key':1}]}", ResultCode.PARAMETER_ERROR,
                "type 'listKey' is not one of");
        assertRefused("{'type':'MAP_PUT','binName':'m','key':'a','value':1,'mapPolicy':{'writeFlags':['NO_FAIL'],"
                + "'writeMode':'UPDATE'}}", ResultCode.PARAMETER_ERROR, "not both");
        assertRefused("{'type':'BIT_GET','binName':'b','bitOffset':0,'bitSize':8,'ctx':[]}", ResultCode.PARAMETER_ERROR,
                "'ctx' is not a field");
        assertRefused("{'type':'LIST_FROB','binName':'l'}", ResultCode.PARAMETER_ERROR, "operation 'LIST_FROB' is not one of");
        assertRefused("{'operation':'ADD','opValues':{'bin':'n','incr':1},'bin':'x'}", ResultCode.PARAMETER_ERROR,
                "belongs inside \"opValues\"");
        assertRefused("{'type':'ADD','bin':'n'}", ResultCode.PARAMETER_ERROR, "needs \"incr\"");
        assertRefused("{'binName':'n'}", ResultCode.PARAMETER_ERROR, "needs \"operation\"");
        assertThatThrownBy(() -> ExpJson.filter("$.a > 5", "filterexp")).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
    }

    @Test
    void refusesToWriteWhatJsonCannotCarryExactly() {
        Map<com.aerospike.client.Value, com.aerospike.client.Value> intKeys = Map.of(v(1), A);
        Operation putItems = new Operation(OperationType.CDT_MODIFY, "m", unpack(MapOperation.putItems(MapPolicy.Default,
                "m", intKeys)));
        Operation infinite = new Operation(OperationType.CDT_READ, "l", unpack(ListOperation.getByValueRange("l", ONE,
                com.aerospike.client.Value.INFINITY, ListReturnType.VALUE)));
        Operation persistIndex = new Operation(OperationType.CDT_MODIFY, "l", unpack(ListOperation.setOrder("l",
                ListOrder.ORDERED, true)));
        for (Operation op : List.of(putItems, infinite, persistIndex)) {
            assertThatThrownBy(() -> OperationJson.toJson(op)).isInstanceOfSatisfying(AerologException.class,
                    e -> assertThat(e.resultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
        }
    }

    @Test
    void aKeyValueResultIsAListOfEntriesInItsOrder() {
        Map<Value, Value> entries = new LinkedHashMap<>();
        entries.put(Value.of("b"), Value.of(2L));
        entries.put(Value.of("a"), Value.of(1L));
        Value result = new Value.MapValue(entries, Value.MapOrder.PRESERVE_ORDER);
        assertThat(JsonValues.toJson(result).toString()).isEqualTo("[{\"b\":2},{\"a\":1}]");
        assertThat(JsonValues.toJson(new Value.MapValue(entries)).toString()).isEqualTo("{\"b\":2,\"a\":1}");
    }

    private static void assertRefused(String json, ResultCode code, String text) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(AerologException.class, e -> {
            assertThat(e.resultCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(text);
        });
    }

    /** The operation type of Aerospike's wire protocol (the client's list and map types share the CDT ones). */
    private static int wireType(OperationType t) {
        return switch (t) {
            case CDT_READ -> 3;
            case CDT_MODIFY -> 4;
            case BIT_READ -> 12;
            case BIT_MODIFY -> 13;
            case HLL_READ -> 15;
            case HLL_MODIFY -> 16;
            default -> -1;
        };
    }

    private static Value unpack(com.aerospike.client.Operation op) {
        byte[] b = (byte[]) op.value.getObject();
        return MsgPack.unpack(b, 0, b.length);
    }

    private static Operation parse(String json) throws Exception {
        return OperationJson.fromJson(JSON.readTree(json.replace('\'', '"')), "operation");
    }

    private static Arguments of(String json, com.aerospike.client.Operation op) {
        return Arguments.of(json, op);
    }

    private static com.aerospike.client.Value v(Object o) {
        return com.aerospike.client.Value.get(o);
    }
}
