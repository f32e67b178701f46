package io.aerolog.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.CoreArbitraries;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The direct reader of stored records gives exactly what Avro's resolving reader gives for every record of the
 * current schema, refuses malformed bytes with PARSE_ERROR as Avro's path does, and leaves other schemas to Avro.
 * A header read once, and the bins read or visited on from it, give what decoding the record gives.
 */
class StoredRecordReaderTest {
    @Provide
    Arbitrary<Record> records() {
        return CoreArbitraries.records();
    }

    @Property(tries = 2000)
    void readsEveryRecordAsAvroDoes(@ForAll("records") Record record) {
        byte[] bytes = AvroCodec.encodeRecord(record);

        Record direct = StoredRecordReader.read(bytes);

        assertThat(direct).isNotNull().isEqualTo(AvroCodec.decodeRecordWithAvro(bytes));
        assertThat(AvroCodec.encodeRecord(direct)).as("the same bytes again").isEqualTo(bytes);
        assertThat(AvroCodec.decodeRecordSet(bytes)).as("the set alone").isEqualTo(record.set());
    }

    @Property(tries = 1000)
    void readsTheSelectedBinsAsAvroDoesAndSkipsTheRest(@ForAll("records") Record record) {
        List<String> names = new ArrayList<>(new TreeSet<>(record.bins().keySet()));
        Set<String> wanted = new HashSet<>(List.of("no-such-bin"));
        for (int i = 0; i < names.size(); i += 2) {
            wanted.add(names.get(i));
        }
        byte[] bytes = AvroCodec.encodeRecord(record);

        Record direct = StoredRecordReader.read(bytes, BinSelection.of(wanted));

        Map<String, Value> expected = new HashMap<>(AvroCodec.decodeRecordWithAvro(bytes).bins());
        expected.keySet().retainAll(wanted);
        assertThat(direct.bins()).isEqualTo(expected);
        assertThat(direct).isEqualTo(new Record(record.set(), record.userKey(), expected, record.generation(),
                record.voidTimeMillis(), record.lastUpdateMillis()));
        assertThat(StoredRecordReader.read(bytes, BinSelection.NONE)).as("the header alone").isEqualTo(new Record(
                record.set(), record.userKey(), Map.of(), record.generation(), record.voidTimeMillis(),
                record.lastUpdateMillis()));
    }

    @Provide
    Arbitrary<BinSelection> selections() {
        return Arbitraries.oneOf(Arbitraries.just(BinSelection.ALL), Arbitraries.just(BinSelection.NONE),
                CoreArbitraries.binNames().set().ofMaxSize(4).map(BinSelection::of));
    }

    @Property(tries = 1000)
    void theHeaderAndTheBinsReadOnFromItGiveWhatDecodingGives(@ForAll("records") Record record,
                                                              @ForAll("selections") BinSelection selection) {
        byte[] bytes = AvroCodec.encodeRecord(record);
        Record decoded = AvroCodec.decodeRecord(bytes, selection);

        StoredHeader header = AvroCodec.decodeHeader(bytes);

        assertThat(header.set()).isEqualTo(record.set());
        assertThat(header.setIs(record.set().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(header.setIs((record.set() + "x").getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(header.setIs(new byte[0])).isEqualTo(record.set().isEmpty());
        assertThat(header.userKey()).isEqualTo(record.userKey());
        assertThat(header.generation()).isEqualTo(record.generation());
        assertThat(header.voidTimeMillis()).isEqualTo(record.voidTimeMillis());
        assertThat(header.lastUpdateMillis()).isEqualTo(record.lastUpdateMillis());
        for (long now : new long[] {0, record.voidTimeMillis() - 1, record.voidTimeMillis(), Long.MAX_VALUE}) {
            assertThat(header.isExpiredAt(now)).as("at %d", now).isEqualTo(record.isExpiredAt(now));
        }
        assertThat(header.record(selection)).isEqualTo(decoded);
        assertThat(visit(header, selection)).as("visited in their stored order")
                .containsExactlyEntriesOf(decoded.bins());
        assertThat(header.record(BinSelection.ALL)).as("read again from the same header").isEqualTo(record);
        for (String name : record.bins().keySet()) {
            assertThat(header.bin(BinSelection.of(List.of(name)))).as("bin %s alone", name)
                    .isEqualTo(record.bins().get(name));
        }
        assertThat(header.bin(BinSelection.of(List.of("no such bin")))).isNull();
    }

    /** The bins {@code header}'s visit hands over, made into the values they are. */
    private static Map<String, Value> visit(StoredHeader header, BinSelection selection) {
        Map<String, Value> visited = new LinkedHashMap<>();
        header.visitBins(selection, new StoredBinVisitor() {
            @Override
            public void integer(byte[] b, int nameAt, int nameLength, long value) {
                visited.put(name(b, nameAt, nameLength), Value.of(value));
            }

            @Override
            public void floating(byte[] b, int nameAt, int nameLength, double value) {
                visited.put(name(b, nameAt, nameLength), Value.of(value));
            }

            @Override
            public void bytes(byte[] b, int nameAt, int nameLength, Value.Type type, int at, int length) {
                byte[] v = Arrays.copyOfRange(b, at, at + length);
                String text = new String(v, StandardCharsets.UTF_8);
                visited.put(name(b, nameAt, nameLength), switch (type) {
                    case STRING -> Value.of(text);
                    case GEOJSON -> Value.ofGeoJson(text);
                    case HLL -> new Value.HllValue(v);
                    default -> Value.of(v);
                });
            }

            @Override
            public void value(byte[] b, int nameAt, int nameLength, Value value) {
                visited.put(name(b, nameAt, nameLength), value);
            }
        });
        return visited;
    }

    private static String name(byte[] b, int at, int length) {
        return new String(b, at, length, StandardCharsets.UTF_8);
    }

    @Test
    void skippedBinsAreCheckedAsReadOnesAre() {
        byte[] bytes = AvroCodec.encodeRecord(new Record("s", Value.of("k"), Map.of("a", Value.of("x".repeat(40)),
                "b", Value.ofList(List.of(Value.of(1L), Value.ofMap(Map.of(Value.of("k"), Value.of(2.5))))),
                "c", Value.of(3L)), 3, 0, 5));
        BinSelection onlyC = BinSelection.of(List.of("c"));
        for (int length = 10; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> AvroCodec.decodeRecord(cut, onlyC)).as("cut at %d", length)
                    .isInstanceOf(AerologException.class)
                    .extracting(e -> ((AerologException) e).resultCode()).isEqualTo(ResultCode.PARSE_ERROR);
        }
        Value deep = Value.of(1L);
        for (int i = 0; i < Value.MAX_DECODE_DEPTH + 2; i++) {
            deep = Value.ofList(List.of(deep));
        }
        byte[] tooDeep = AvroCodec.encodeRecord(new Record("", null, Map.of("d", deep, "c", Value.of(1L)), 1, 0, 0));
        assertThatThrownBy(() -> StoredRecordReader.read(tooDeep, onlyC)).isInstanceOf(AerologException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void everyBinOrNone() {
        byte[] bytes = AvroCodec.encodeRecord(new Record("", null, Map.of("a", Value.of(1L), "b", Value.of(2L)), 1, 0, 0));
        assertThat(AvroCodec.decodeRecord(bytes, BinSelection.ALL).bins()).containsOnlyKeys("a", "b");
        assertThat(AvroCodec.decodeRecord(bytes, BinSelection.of(null)).bins()).containsOnlyKeys("a", "b");
        assertThat(AvroCodec.decodeRecord(bytes, BinSelection.of(List.of())).bins()).isEmpty();
        assertThat(BinSelection.of(List.of())).isSameAs(BinSelection.NONE);
        byte[] cutInsideBins = Arrays.copyOf(bytes, bytes.length - 2);
        assertThat(AvroCodec.decodeRecord(cutInsideBins, BinSelection.NONE).generation())
                .as("the header alone reads no bin, so it does not find out that they are cut").isEqualTo(1);
    }

    @Test
    void everyValueTypeAndUserKeyKind() {
        Value nested = Value.ofList(List.of(Value.of(1L), Value.ofMap(Map.of(Value.of("k"), Value.of(2.5))),
                Value.NIL, Value.of(true), Value.of(new byte[] {1, 2})));
        for (Value key : Arrays.asList(null, Value.of("user-1"), Value.of(-7L), Value.of(new byte[] {9, 8, 7}))) {
            Record r = new Record("events", key, Map.of("l", nested, "o", new Value.ListValue(List.of(Value.of(1L),
                    Value.of(3L)), true), "g", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[1,2]}"),
                    "h", new Value.HllValue(new byte[] {0, 1, 2, 3}), "d", Value.of(-0.0), "s", Value.of("é")),
                    7, 1_234_567L, 987_654_321L);
            byte[] bytes = AvroCodec.encodeRecord(r);
            assertThat(StoredRecordReader.read(bytes)).isEqualTo(AvroCodec.decodeRecordWithAvro(bytes)).isEqualTo(r);
            StoredHeader header = AvroCodec.decodeHeader(bytes);
            assertThat(header.userKey()).isEqualTo(key);
            assertThat(visit(header, BinSelection.ALL)).containsExactlyEntriesOf(r.bins());
        }
    }

    @Test
    void truncatedOrTrailingBytesAreAParseErrorAtEveryLength() {
        byte[] bytes = AvroCodec.encodeRecord(new Record("s", Value.of("k"), Map.of("a", Value.of("x".repeat(40)),
                "b", Value.ofList(List.of(Value.of(1L), Value.of(2L)))), 3, 0, 5));
        for (int length = 10; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> AvroCodec.decodeRecord(cut)).as("cut at %d", length)
                    .isInstanceOf(AerologException.class)
                    .extracting(e -> ((AerologException) e).resultCode()).isEqualTo(ResultCode.PARSE_ERROR);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> AvroCodec.decodeRecord(longer)).isInstanceOf(AerologException.class)
                .hasMessageContaining("after the record");
    }

    @Test
    void theBinsReadOnFromAHeaderAreCheckedToTheRecordsEnd() {
        byte[] bytes = AvroCodec.encodeRecord(new Record("s", Value.of("k"), Map.of("a", Value.of("x".repeat(40)),
                "b", Value.ofList(List.of(Value.of(1L), Value.of(2L)))), 3, 0, 5));
        for (BinSelection selection : List.of(BinSelection.ALL, BinSelection.NONE, BinSelection.of(List.of("b")))) {
            for (int length = 10; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> visit(AvroCodec.decodeHeader(cut), selection))
                        .as("%s, cut at %d", selection, length).isInstanceOf(AerologException.class)
                        .extracting(e -> ((AerologException) e).resultCode()).isEqualTo(ResultCode.PARSE_ERROR);
            }
            StoredHeader longer = AvroCodec.decodeHeader(Arrays.copyOf(bytes, bytes.length + 1));
            assertThat(longer.generation()).as("the header alone is whole").isEqualTo(3);
            assertThatThrownBy(() -> visit(longer, selection)).as("%s", selection)
                    .isInstanceOf(AerologException.class).hasMessageContaining("after the record");
        }
        assertThatThrownBy(() -> AvroCodec.decodeHeader(Arrays.copyOf(bytes, bytes.length + 1))
                .record(BinSelection.ALL)).hasMessageContaining("after the record");
        assertThatThrownBy(() -> AvroCodec.decodeHeader(Arrays.copyOf(bytes, bytes.length + 1))
                .bin(BinSelection.of(List.of("a")))).as("one bin read: the rest is checked too")
                .hasMessageContaining("after the record");
    }

    @Test
    void nestingBeyondTheDecodeDepthIsAParseError() {
        Value deep = Value.of(1L);
        for (int i = 0; i < Value.MAX_DECODE_DEPTH + 2; i++) {
            deep = Value.ofList(List.of(deep));
        }
        byte[] bytes = AvroCodec.encodeRecord(new Record("", null, Map.of("d", deep), 1, 0, 0));
        assertThatThrownBy(() -> StoredRecordReader.read(bytes)).isInstanceOf(AerologException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void bytesOfAnotherSchemaAreLeftToAvro() {
        byte[] bytes = AvroCodec.encodeRecord(new Record("", null, Map.of("a", Value.of(1L)), 1, 0, 0));
        bytes[5] ^= 1; // another fingerprint
        assertThat(StoredRecordReader.read(bytes)).isNull();
        assertThat(StoredRecordReader.header(bytes)).isNull();
        assertThat(StoredRecordReader.read(new byte[] {1, 2, 3})).isNull();
    }
}
