package io.aerolog.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.util.Unpacker;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MsgPack} against Aerospike's Java client: the same bytes for the same list or map, and the
 * client's bytes read back as the value they were written from.
 */
class MsgPackTest {
    /** Each msgpack integer form's edges, and one past each. */
    static final long[] INTEGER_EDGES = {
        0, 1, 127, 128, 255, 256, 65_535, 65_536, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE,
        -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE};

    /** The msgpack header a one-element list of each of {@link #INTEGER_EDGES} has after 0x91. */
    static final int[] INTEGER_FORMS = {
        0x00, 0x01, 0x7f, 0xcc, 0xcc, 0xcd, 0xcd, 0xce, 0xce, 0xcf, 0xcf,
        0xff, 0xe0, 0xd0, 0xd0, 0xd1, 0xd1, 0xd2, 0xd2, 0xd3, 0xd3};

    static Stream<Value> lists() {
        Value nestedMap = map(Value.of("inner"), list(Value.of(1), map(Value.of(2), Value.of("two"))),
                Value.of(7), Value.NIL);
        return Stream.of(
                list(),
                list(Value.NIL),
                list(Value.of(true), Value.of(false), Value.NIL),
                list(Arrays.stream(INTEGER_EDGES).mapToObj(Value::of).toArray(Value[]::new)),
                list(Value.of(0.0), Value.of(-0.0), Value.of(1.5), Value.of(-1e300), Value.of(Double.NaN),
                        Value.of(Double.POSITIVE_INFINITY), Value.of(Double.MIN_VALUE)),
                list(Value.of(""), Value.of("a"), Value.of("é"), Value.of("日本語"), Value.of("😀 emoji"),
                        Value.of("z".repeat(30)), Value.of("z".repeat(31)), Value.of("é".repeat(16))),
                list(Value.of(new byte[0]), Value.of(new byte[] {0, -1, 3, 4, 23}), Value.of(new byte[31]),
                        Value.of(new byte[255]), Value.of(new byte[256])),
                list(Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[-122.5,37.5]}")),
                list(Value.of(1), nestedMap, list(list(), map()), Value.of("end")),
                list(IntStream.range(0, 15).mapToObj(Value::of).toArray(Value[]::new)),
                list(IntStream.range(0, 16).mapToObj(Value::of).toArray(Value[]::new)));
    }

    static Stream<Value> maps() {
        return Stream.of(
                map(),
                map(Value.of("nil"), Value.NIL, Value.of("yes"), Value.of(true), Value.of("no"), Value.of(false)),
                map(Value.of(-33), Value.of(Long.MIN_VALUE), Value.of(65_536), Value.of(0x1_0000_0000L),
                        Value.of(0), Value.of(-1)),
                map(Value.of("ключ"), Value.of("значение"), Value.of(new byte[] {1, 2}), Value.of(2.25),
                        Value.of(1.5), Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[0,0]}")),
                map(Value.of("list"), list(Value.of(1), map(Value.of("deep"), list(Value.of("x"), map()))),
                        Value.of("empty"), list()),
                map(IntStream.range(0, 16).boxed().flatMap(i -> Stream.of(Value.of("k" + i), Value.of(i)))
                        .toArray(Value[]::new)));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void listPacksAsTheClientPacksItAndItsBytesReadBack(Value list) {
        byte[] client = clientBytes(com.aerospike.client.Value.get((List<?>) toClient(list)));

        assertThat(MsgPack.pack(list)).isEqualTo(client);
        assertThat(MsgPack.unpackList(client, 0, client.length)).isEqualTo(list);
    }

    @ParameterizedTest
    @MethodSource("maps")
    void mapPacksAsTheClientPacksItAndItsBytesReadBackInOrder(Value map) {
        byte[] client = clientBytes(com.aerospike.client.Value.get((Map<?, ?>) toClient(map)));

        assertThat(MsgPack.pack(map)).isEqualTo(client);
        Value read = MsgPack.unpackMap(client, 0, client.length);
        assertThat(read).isEqualTo(map);
        assertThat(((Value.MapValue) read).entries().keySet())
                .containsExactlyElementsOf(((Value.MapValue) map).entries().keySet());
    }

    @Test
    void integersTakeTheSmallestFormTheClientUses() {
        for (int i = 0; i < INTEGER_EDGES.length; i++) {
            Value list = list(Value.of(INTEGER_EDGES[i]));
            byte[] client = clientBytes(com.aerospike.client.Value.get(List.of(INTEGER_EDGES[i])));

            byte[] packed = MsgPack.pack(list);
            assertThat(packed).as("%d", INTEGER_EDGES[i]).isEqualTo(client);
            assertThat(packed[1] & 0xff).as("%d", INTEGER_EDGES[i]).isEqualTo(INTEGER_FORMS[i]);
            assertThat(MsgPack.unpackList(client, 0, client.length)).as("%d", INTEGER_EDGES[i]).isEqualTo(list);
        }
    }

    @Test
    void stringsAndBytesAtEachRawSizeEdgeMatchTheClient() {
        for (int size : new int[] {30, 31, 254, 255, 65_534, 65_535}) {
            Value list = list(Value.of("s".repeat(size)), Value.of(new byte[size]),
                    Value.ofGeoJson(" ".repeat(size)));
            byte[] client = clientBytes(com.aerospike.client.Value.get(List.of("s".repeat(size), new byte[size],
                    com.aerospike.client.Value.getAsGeoJSON(" ".repeat(size)))));

            assertThat(MsgPack.pack(list)).as("size %d", size).isEqualTo(client);
            assertThat(MsgPack.unpackList(client, 0, client.length)).as("size %d", size).isEqualTo(list);
        }
    }

    @Test
    void listsAndMapsAtEachHeaderSizeEdgeMatchTheClient() {
        for (int size : new int[] {15, 16, 65_535, 65_536}) {
            Value list = Value.ofList(Collections.nCopies(size, Value.of(size)));
            byte[] clientList = clientBytes(com.aerospike.client.Value.get(Collections.nCopies(size, (long) size)));
            Map<Value, Value> entries = new LinkedHashMap<>();
            Map<Object, Object> clientEntries = new LinkedHashMap<>();
            for (long i = 0; i < size; i++) {
                entries.put(Value.of(i), Value.NIL);
                clientEntries.put(i, null);
            }
            Value map = Value.ofMap(entries);
            byte[] clientMap = clientBytes(com.aerospike.client.Value.get(clientEntries));

            assertThat(MsgPack.pack(list)).as("list of %d", size).isEqualTo(clientList);
            assertThat(MsgPack.unpackList(clientList, 0, clientList.length)).as("list of %d", size).isEqualTo(list);
            assertThat(MsgPack.pack(map)).as("map of %d", size).isEqualTo(clientMap);
            assertThat(MsgPack.unpackMap(clientMap, 0, clientMap.length)).as("map of %d", size).isEqualTo(map);
        }
    }

    @Test
    void keyOrderedMapsWrittenByTheClientReadWithoutTheirFlags() {
        TreeMap<Object, Object> sorted = new TreeMap<>(Map.of("b", 2L, "a", 1L, "c", 3L));
        byte[] treeMap = clientBytes(com.aerospike.client.Value.get(sorted));
        byte[] entryList = clientBytes(com.aerospike.client.Value.get(List.of(
                new AbstractMap.SimpleEntry<>("a", 1L), new AbstractMap.SimpleEntry<>("b", 2L),
                new AbstractMap.SimpleEntry<>("c", 3L)), MapOrder.KEY_VALUE_ORDERED));
        byte[] nested = clientBytes(com.aerospike.client.Value.get(List.of("before", sorted)));
        Value expected = map(Value.of("a"), Value.of(1), Value.of("b"), Value.of(2), Value.of("c"), Value.of(3));

        assertThat(treeMap).startsWith(0x84, 0xc7, 0x00, 0x01, 0xc0);
        assertThat(entryList).startsWith(0x84, 0xc7, 0x00, 0x03, 0xc0);
        for (byte[] bytes : List.of(treeMap, entryList)) {
            Value read = MsgPack.unpackMap(bytes, 0, bytes.length);
            assertThat(read).isEqualTo(expected);
            assertThat(((Value.MapValue) read).entries().keySet())
                    .containsExactly(Value.of("a"), Value.of("b"), Value.of("c"));
        }
        assertThat(MsgPack.unpackList(nested, 0, nested.length)).isEqualTo(list(Value.of("before"), expected));
    }

    @Test
    void anOrderedListsFlagsAreSkippedAsTheClientSkipsThem() {
        byte[] ordered = bytes(0x93, 0xc7, 0x00, 0x01, 0x01, 0x02);
        byte[] fixExtFlags = bytes(0x92, 0xd4, 0x00, 0x01, 0xc0);

        assertThat(MsgPack.unpackList(ordered, 0, ordered.length)).isEqualTo(list(Value.of(1), Value.of(2)));
        assertThat(Unpacker.unpackObjectList(ordered, 0, ordered.length)).isEqualTo(List.of(1L, 2L));
        assertThat(MsgPack.unpackList(fixExtFlags, 0, fixExtFlags.length)).isEqualTo(list(Value.NIL));
        assertThat(Unpacker.unpackObjectList(fixExtFlags, 0, fixExtFlags.length))
                .isEqualTo(Collections.singletonList(null));
    }

    @Test
    void formsTheClientReadsButDoesNotWriteReadAsTheClientReadsThem() {
        byte[] bytes = bytes(
                0x96,
                0xc4, 0x03, 0x04, 0x0a, 0x0b,
                0xc5, 0x00, 0x02, 0x03, 'x',
                0xa3, 0x07, 0x01, 0x02,
                0xca, 0x3f, 0xc0, 0x00, 0x00,
                0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
                0xdc, 0x00, 0x01, 0xc3);
        Value expected = list(Value.of(new byte[] {0x0a, 0x0b}), Value.of("x"), Value.of(new byte[] {1, 2}),
                Value.of(1.5), Value.of(-2), list(Value.of(true)));

        assertThat(MsgPack.unpackList(bytes, 0, bytes.length)).isEqualTo(expected);
        assertThat(fromClient(Unpacker.unpackObjectList(bytes, 0, bytes.length))).isEqualTo(expected);
    }

    @Test
    void readsOnlyItsRangeOfTheBuffer() {
        byte[] client = clientBytes(com.aerospike.client.Value.get(List.of("x", 1L)));
        byte[] framed = new byte[client.length + 10];
        Arrays.fill(framed, (byte) 0xc1);
        System.arraycopy(client, 0, framed, 4, client.length);

        assertThat(MsgPack.unpackList(framed, 4, client.length)).isEqualTo(list(Value.of("x"), Value.of(1)));
    }

    @Test
    void everyTruncationIsAParameterError() {
        List<byte[]> clientLists = new ArrayList<>();
        lists().forEach(list -> clientLists.add(clientBytes(com.aerospike.client.Value.get((List<?>) toClient(list)))));
        List<byte[]> clientMaps = new ArrayList<>();
        maps().forEach(map -> clientMaps.add(clientBytes(com.aerospike.client.Value.get((Map<?, ?>) toClient(map)))));
        clientMaps.add(clientBytes(com.aerospike.client.Value.get(new TreeMap<>(Map.of(
                "x", List.of("y", 65_536L), "z", new TreeMap<>(Map.of(1L, new byte[40])))))));

        for (byte[] bytes : clientLists) {
            for (int length = 0; length < bytes.length; length++) {
                int cut = length;
                assertParameterError(() -> MsgPack.unpackList(bytes, 0, cut), "list cut to " + cut);
            }
        }
        for (byte[] bytes : clientMaps) {
            for (int length = 0; length < bytes.length; length++) {
                int cut = length;
                assertParameterError(() -> MsgPack.unpackMap(bytes, 0, cut), "map cut to " + cut);
            }
        }
    }

    @Test
    void malformedInputIsAParameterErrorThatSaysWhatIsWrong() {
        assertMalformedList(bytes(0x81, 0x01, 0x02), "must start with a msgpack array header");
        assertMalformedMap(bytes(0x91, 0x01), "must start with a msgpack map header");
        assertMalformedList(bytes(0x91, 0x01, 0x02), "1 bytes after its value");
        assertMalformedList(bytes(0x91, 0xc1), "unknown msgpack type 0xc1");
        assertMalformedList(bytes(0x92, 0x01, 0xd4, 0x00, 0x01), "only allowed as a list's or map's first");
        assertMalformedList(bytes(0xdd, 0xff, 0xff, 0xff, 0xff), "claims 4294967295");
        assertMalformedList(bytes(0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01), "cannot fit");
        assertMalformedList(bytes(0x91, 0xdb, 0x80, 0x00, 0x00, 0x00), "claims 2147483648");
        assertMalformedList(bytes(0x91, 0xa0), "no particle type byte");
        assertMalformedMap(bytes(0x82, 0xa2, 0x03, 'k', 0x01, 0xa2, 0x03, 'k', 0x02), "appears twice");
        assertMalformedList(bytes(0x91, 0xc7, 0x05, 0x00), "truncated");
    }

    @Test
    void nestingIsReadToMaxDepthAndRefusedBeyond() {
        byte[] deepest = new byte[MsgPack.MAX_DEPTH];
        Arrays.fill(deepest, (byte) 0x91);
        deepest[deepest.length - 1] = (byte) 0x90;
        byte[] tooDeep = new byte[MsgPack.MAX_DEPTH + 1];
        Arrays.fill(tooDeep, (byte) 0x91);
        tooDeep[tooDeep.length - 1] = (byte) 0x90;

        Value read = MsgPack.unpackList(deepest, 0, deepest.length);
        assertThat(MsgPack.pack(read)).isEqualTo(deepest);
        assertMalformedList(tooDeep, "more than " + MsgPack.MAX_DEPTH + " levels");
    }

    @Test
    void unpairedSurrogatesAreRefusedAsTheClientRefusesThem() {
        for (String s : List.of("\ud83d", "a\ude00b", "\ude00\ud83d")) {
            assertThatThrownBy(() -> MsgPack.pack(list(Value.of(s))))
                    .isInstanceOfSatisfying(AerologException.class,
                            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR))
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> clientBytes(com.aerospike.client.Value.get(List.of(s))))
                    .isInstanceOf(AerospikeException.class);
        }
    }

    @Test
    void onlyListsAndMapsArePacked() {
        assertThatThrownBy(() -> MsgPack.pack(Value.of("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRING");
    }

    // ---- ordered values: packed as the server stores them ----

    @Test
    void orderedListsAndMapsCarryTheirOrderFlagsAsTheServerWritesThem() {
        // as_pack_ext_header(0, flags) after a header one element longer; a map's pair ends with nil
        assertThat(MsgPack.pack(ordered(Value.of(1), Value.of(2)))).isEqualTo(bytes(0x93, 0xc7, 0x00, 0x01, 0x01, 0x02));
        assertThat(MsgPack.pack(ordered())).isEqualTo(bytes(0x91, 0xc7, 0x00, 0x01));
        assertThat(MsgPack.pack(sortedMap(Value.MapOrder.KEY_ORDERED, Value.of("a"), Value.of(1))))
                .isEqualTo(bytes(0x82, 0xc7, 0x00, 0x01, 0xc0, 0xa2, 0x03, 'a', 0x01));
        assertThat(MsgPack.pack(sortedMap(Value.MapOrder.KEY_VALUE_ORDERED)))
                .isEqualTo(bytes(0x81, 0xc7, 0x00, 0x03, 0xc0));
        // a KEY_VALUE result: entries in the order selected, flagged 8 (AS_PACKED_MAP_FLAG_PRESERVE_ORDER)
        assertThat(MsgPack.pack(sortedMap(Value.MapOrder.PRESERVE_ORDER, Value.of("b"), Value.of(2), Value.of("a"), Value.of(1))))
                .isEqualTo(bytes(0x83, 0xc7, 0x00, 0x08, 0xc0, 0xa2, 0x03, 'b', 0x02, 0xa2, 0x03, 'a', 0x01));
    }

    @Test
    void nestedOrderedValuesHaveGoldenBytes() {
        Value nested = map(Value.of("l"), ordered(Value.of(2), Value.of(-1)),
                Value.of("m"), sortedMap(Value.MapOrder.KEY_ORDERED, Value.of(7), list(ordered(Value.of("z")))));
        assertThat(MsgPack.pack(nested)).isEqualTo(bytes(
                0x82,
                0xa2, 0x03, 'l', 0x93, 0xc7, 0x00, 0x01, 0xff, 0x02,
                0xa2, 0x03, 'm', 0x82, 0xc7, 0x00, 0x01, 0xc0, 0x07, 0x91, 0x92, 0xc7, 0x00, 0x01, 0xa2, 0x03, 'z'));
    }

    @Test
    void keyOrderedMapsPackAsTheClientPacksItsSortedMaps() {
        TreeMap<Object, Object> inner = new TreeMap<>(Map.of(1L, "one", 2L, new TreeMap<>(Map.of("x", List.of(true)))));
        byte[] client = clientBytes(com.aerospike.client.Value.get(List.of("before", inner)));
        Value ours = list(Value.of("before"), sortedMap(Value.MapOrder.KEY_ORDERED, Value.of(1), Value.of("one"), Value.of(2),
                sortedMap(Value.MapOrder.KEY_ORDERED, Value.of("x"), list(Value.of(true)))));

        assertThat(MsgPack.pack(ours)).isEqualTo(client);
    }

    @Test
    void theClientReadsOrderedValuesAsItsOwn() {
        Value value = list(sortedMap(Value.MapOrder.KEY_ORDERED, Value.of("b"), Value.of(2), Value.of("a"), Value.of(1)),
                sortedMap(Value.MapOrder.PRESERVE_ORDER, Value.of("b"), Value.of(2), Value.of("a"), Value.of(1)),
                ordered(Value.of(3), Value.of(1)));
        byte[] bytes = MsgPack.pack(value);
        List<?> read = (List<?>) Unpacker.unpackObjectList(bytes, 0, bytes.length);

        assertThat(read.get(0)).isInstanceOf(java.util.SortedMap.class).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(read.get(1)).isEqualTo(List.of(new AbstractMap.SimpleEntry<>("b", 2L), new AbstractMap.SimpleEntry<>("a", 1L)));
        assertThat(read.get(2)).isEqualTo(List.of(1L, 3L));
    }

    // ---- unpack: operation payloads ----

    @Test
    void payloadsReadComparisonValuesInBothForms() {
        assertThat(MsgPack.unpack(bytes(0xd4, 0xff, 0x00), 0, 3)).isEqualTo(Value.WILDCARD);
        assertThat(MsgPack.unpack(bytes(0xd4, 0xff, 0x01), 0, 3)).isEqualTo(Value.INFINITY);
        byte[] ext8 = bytes(0x92, 0xc7, 0x01, 0xff, 0x00, 0xc7, 0x01, 0xff, 0x01);
        assertThat(MsgPack.unpack(ext8, 0, ext8.length)).isEqualTo(list(Value.WILDCARD, Value.INFINITY));
        // first in a list, a comparison value is an item, not order flags
        byte[] first = bytes(0x92, 0xd4, 0xff, 0x00, 0x01);
        assertThat(MsgPack.unpack(first, 0, first.length)).isEqualTo(list(Value.WILDCARD, Value.of(1)));
        // the client's packing of them reads back
        byte[] client = clientBytes(com.aerospike.client.Value.get(List.of(
                com.aerospike.client.Value.WILDCARD, com.aerospike.client.Value.INFINITY)));
        assertThat(MsgPack.unpack(client, 0, client.length)).isEqualTo(list(Value.WILDCARD, Value.INFINITY));
        // and they pack as the client packs them
        assertThat(MsgPack.pack(list(Value.WILDCARD, Value.INFINITY))).isEqualTo(client);
    }

    @Test
    void payloadsReadOrderFlags() {
        byte[] orderedList = bytes(0x93, 0xc7, 0x00, 0x01, 0x01, 0x02);
        assertThat(MsgPack.unpack(orderedList, 0, orderedList.length)).isEqualTo(ordered(Value.of(1), Value.of(2)));
        byte[] persisted = bytes(0x92, 0xd4, 0x11, 0x00, 0x05);
        assertThat(MsgPack.unpack(persisted, 0, persisted.length)).isEqualTo(ordered(Value.of(5)));
        byte[] unorderedFlags = bytes(0x92, 0xc7, 0x00, 0x10, 0x05);
        assertThat(MsgPack.unpack(unorderedFlags, 0, unorderedFlags.length)).isEqualTo(list(Value.of(5)));
        byte[] keyOrdered = bytes(0x83, 0xc7, 0x00, 0x01, 0xc0, 0x01, 0x02, 0x03, 0x04);
        assertThat(MsgPack.unpack(keyOrdered, 0, keyOrdered.length))
                .isEqualTo(sortedMap(Value.MapOrder.KEY_ORDERED, Value.of(1), Value.of(2), Value.of(3), Value.of(4)));
        byte[] keyValueOrdered = bytes(0x82, 0xc7, 0x00, 0x03, 0xc0, 0x01, 0x02);
        assertThat(((Value.MapValue) MsgPack.unpack(keyValueOrdered, 0, keyValueOrdered.length)).order())
                .isEqualTo(Value.MapOrder.KEY_VALUE_ORDERED);
        byte[] client = clientBytes(com.aerospike.client.Value.get(new TreeMap<>(Map.of("b", 2L, "a", 1L))));
        assertThat(MsgPack.unpack(client, 0, client.length))
                .isEqualTo(sortedMap(Value.MapOrder.KEY_ORDERED, Value.of("a"), Value.of(1), Value.of("b"), Value.of(2)));
        Value roundTrip = list(ordered(Value.of(1)), sortedMap(Value.MapOrder.KEY_VALUE_ORDERED, Value.of(1), Value.of(2)));
        byte[] packed = MsgPack.pack(roundTrip);
        assertThat(MsgPack.pack(MsgPack.unpack(packed, 0, packed.length))).isEqualTo(packed);
    }

    @Test
    void payloadsOutOfTheirOrderOrWithUnknownExtsAreParameterErrors() {
        // cdt_untrusted_rewrite: "list not ordered as expected", "map not ordered as expected"
        assertMalformedPayload(bytes(0x93, 0xc7, 0x00, 0x01, 0x02, 0x01), "out of order");
        assertMalformedPayload(bytes(0x83, 0xc7, 0x00, 0x01, 0xc0, 0x03, 0x00, 0x01, 0x00), "out of order");
        assertMalformedPayload(bytes(0x83, 0xc7, 0x00, 0x01, 0xc0, 0x01, 0x00, 0x01, 0x00), "out of order");
        assertMalformedPayload(bytes(0x82, 0xc7, 0x00, 0x02, 0xc0, 0x01, 0x00), "value-ordered without key-ordered");
        assertMalformedPayload(bytes(0xd4, 0xff, 0x02), "wildcard or infinity");
        assertMalformedPayload(bytes(0x92, 0x01, 0xd4, 0x00, 0x00), "wildcard or infinity");
        assertMalformedPayload(bytes(0xd5, 0xff, 0x00, 0x00), "wildcard or infinity");
        assertMalformedPayload(bytes(0x91, 0x01, 0x02), "after its value");
        assertMalformedPayload(bytes(), "no bytes");
        assertMalformedPayload(bytes(0x92, 0xc7, 0x00), "truncated");
        byte[] tooDeep = new byte[MsgPack.MAX_DEPTH + 1];
        Arrays.fill(tooDeep, (byte) 0x91);
        tooDeep[tooDeep.length - 1] = (byte) 0x90;
        assertMalformedPayload(tooDeep, "levels");
    }

    @Test
    void payloadsReadScalarsAtTheTop() {
        assertThat(MsgPack.unpack(bytes(0x05), 0, 1)).isEqualTo(Value.of(5));
        assertThat(MsgPack.unpack(bytes(0xa2, 0x03, 'x'), 0, 3)).isEqualTo(Value.of("x"));
    }

    private static void assertMalformedPayload(byte[] bytes, String message) {
        assertThatThrownBy(() -> MsgPack.unpack(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR))
                .hasMessageContaining(message);
    }

    private static Value ordered(Value... items) {
        return new Value.ListValue(List.of(items), true);
    }

    private static Value sortedMap(Value.MapOrder order, Value... keysAndValues) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Value.MapValue(entries, order);
    }

    private static byte[] clientBytes(com.aerospike.client.Value value) {
        byte[] bytes = new byte[value.estimateSize()];
        assertThat(value.write(bytes, 0)).isEqualTo(bytes.length);
        return bytes;
    }

    /** The Java objects the client packs as the given value. */
    private static Object toClient(Value value) {
        if (value instanceof Value.NilValue) {
            return null;
        } else if (value instanceof Value.BoolValue b) {
            return b.value();
        } else if (value instanceof Value.IntegerValue i) {
            return i.value();
        } else if (value instanceof Value.DoubleValue d) {
            return d.value();
        } else if (value instanceof Value.StringValue s) {
            return s.value();
        } else if (value instanceof Value.BytesValue b) {
            return b.value();
        } else if (value instanceof Value.GeoJsonValue g) {
            return com.aerospike.client.Value.getAsGeoJSON(g.json());
        } else if (value instanceof Value.ListValue l) {
            List<Object> items = new ArrayList<>();
            l.items().forEach(item -> items.add(toClient(item)));
            return items;
        }
        Map<Object, Object> entries = new LinkedHashMap<>();
        ((Value.MapValue) value).entries().forEach((k, v) -> entries.put(toClient(k), toClient(v)));
        return entries;
    }

    /** The value of what the client's unpacker returns. */
    private static Value fromClient(Object object) {
        if (object == null) {
            return Value.NIL;
        } else if (object instanceof Boolean b) {
            return Value.of(b);
        } else if (object instanceof Long l) {
            return Value.of(l);
        } else if (object instanceof Double d) {
            return Value.of(d);
        } else if (object instanceof String s) {
            return Value.of(s);
        } else if (object instanceof byte[] b) {
            return Value.of(b);
        } else if (object instanceof com.aerospike.client.Value.GeoJSONValue g) {
            return Value.ofGeoJson(g.toString());
        } else if (object instanceof List<?> l) {
            return Value.ofList(l.stream().map(MsgPackTest::fromClient).toList());
        }
        Map<Value, Value> entries = new LinkedHashMap<>();
        ((Map<?, ?>) object).forEach((k, v) -> entries.put(fromClient(k), fromClient(v)));
        return Value.ofMap(entries);
    }

    private static void assertMalformedList(byte[] bytes, String message) {
        assertThatThrownBy(() -> MsgPack.unpackList(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR))
                .hasMessageContaining(message);
    }

    private static void assertMalformedMap(byte[] bytes, String message) {
        assertThatThrownBy(() -> MsgPack.unpackMap(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR))
                .hasMessageContaining(message);
    }

    private static void assertParameterError(Runnable read, String what) {
        assertThatThrownBy(read::run).as(what)
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    private static Value list(Value... items) {
        return Value.ofList(List.of(items));
    }

    private static Value map(Value... keysAndValues) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Value.ofMap(entries);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
