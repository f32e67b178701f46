package io.aerolog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An index's values read from its bin alone (as a query reads a stored record) agree with those read from the record. */
class IndexValuesTest {
    private static IndexDefinition index(IndexType type, CollectionType collection) {
        return new IndexDefinition("i", "s", "b", type, collection, null);
    }

    private static Record record(String set, Value bin) {
        return new Record(set, null, bin == null ? Map.of("other", Value.of(1L)) : Map.of("b", bin, "other", Value.of(1L)),
                1, 0, 0);
    }

    @Test
    void aBinsValuesAreTheRecordsInTheIndexsSet() {
        List<Value> bins = java.util.Arrays.asList(Value.of(42L), Value.of("forty-two"), Value.of(new byte[] {4, 2}),
                Value.ofList(List.of(Value.of(3L), Value.of(1L), Value.of(3L), Value.of("x"))),
                Value.ofMap(Map.of(Value.of("k"), Value.of(7L))), Value.of(4.2), null);
        for (IndexType type : List.of(IndexType.NUMERIC, IndexType.STRING, IndexType.BLOB)) {
            for (CollectionType collection : CollectionType.values()) {
                IndexDefinition index = index(type, collection);
                for (Value bin : bins) {
                    assertThat(IndexValues.ofBin(index, bin)).as("%s %s %s", type, collection, bin)
                            .containsExactly(IndexValues.of(index, record("s", bin)));
                }
            }
        }
        assertThat(IndexValues.of(index(IndexType.NUMERIC, CollectionType.DEFAULT), record("t", Value.of(42L))))
                .as("another set: none").isEmpty();
        assertThat(IndexValues.ofBin(index(IndexType.NUMERIC, CollectionType.LIST),
                Value.ofList(List.of(Value.of(3L), Value.of(1L), Value.of(3L))))).containsExactly(1L, 3L);
    }

    @Test
    void aBinsGeoShapesAreTheRecordsInTheIndexsSet() {
        Value point = Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[10.0,50.0]}");
        List<Value> bins = java.util.Arrays.asList(point, Value.ofList(List.of(point, Value.of(1L))),
                Value.ofMap(Map.of(point, point)), Value.ofGeoJson("{\"type\":\"Nowhere\"}"), Value.of("x"), null);
        for (CollectionType collection : CollectionType.values()) {
            IndexDefinition index = index(IndexType.GEO2DSPHERE, collection);
            for (Value bin : bins) {
                assertThat(cells(IndexValues.geoShapesOfBin(index, bin))).as("%s %s", collection, bin)
                        .isEqualTo(cells(IndexValues.geoShapes(index, record("s", bin))));
            }
        }
        assertThat(IndexValues.geoShapesOfBin(index(IndexType.GEO2DSPHERE, CollectionType.DEFAULT), point))
                .as("a point").hasSize(1);
    }

    /** Each shape by its index cells (a shape has no equality of its own). */
    private static List<String> cells(List<io.aerolog.core.geo.GeoShape> shapes) {
        return shapes.stream().map(g -> java.util.Arrays.toString(g.indexCells())).toList();
    }

    @Test
    void aBinHoldsARangesValueOrAStringsExactBytes() {
        IndexDefinition numeric = index(IndexType.NUMERIC, CollectionType.DEFAULT);
        assertThat(IndexValues.holdsBin(numeric, Value.of(42L), 40, 50, null)).isTrue();
        assertThat(IndexValues.holdsBin(numeric, Value.of(42L), 43, 50, null)).isFalse();
        assertThat(IndexValues.holdsBin(numeric, null, Long.MIN_VALUE, Long.MAX_VALUE, null)).as("no bin").isFalse();
        IndexDefinition string = index(IndexType.STRING, CollectionType.DEFAULT);
        byte[] utf8 = "forty-two".getBytes(StandardCharsets.UTF_8);
        long hash = IndexValues.hash(utf8);
        assertThat(IndexValues.holdsBin(string, Value.of("forty-two"), hash, hash, utf8)).isTrue();
        assertThat(IndexValues.holdsBin(string, Value.of("forty-two"), hash, hash,
                "forty-three".getBytes(StandardCharsets.UTF_8))).as("the real bytes are checked, not the hash").isFalse();
    }
}
