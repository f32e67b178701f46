package io.aerolog.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** GeoJSON parsed, covered and matched as Aerospike's geospatial code does. */
class GeoShapeTest {
    private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[-122.5,37.5],[-122.0,37.5],"
            + "[-122.0,38.0],[-122.5,38.0],[-122.5,37.5]]]}";

    static String point(double lng, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":[" + lng + "," + lat + "]}";
    }

    @Test
    void pointsWithinAPolygon() {
        GeoShape square = GeoShape.parse(SQUARE);
        assertThat(square.matches(GeoShape.parse(point(-122.25, 37.75)))).isTrue();
        assertThat(square.matches(GeoShape.parse(point(-121.9, 37.75)))).isFalse();
        assertThat(square.matches(GeoShape.parse(SQUARE))).as("a region never matches a region query").isFalse();
    }

    /** A degree of latitude along a meridian is R * pi / 180 meters of great circle: 111,194.93 m at R = 6,371 km. */
    @Test
    void aCircleHoldsThePointsWithinItsRadiusOfGreatCircle() {
        GeoShape circle = GeoShape.parse("{\"type\":\"AeroCircle\",\"coordinates\":[[10.0,0.0],1000]}");
        double metersPerDegree = GeoShape.EARTH_RADIUS_METERS * Math.PI / 180;
        assertThat(circle.matches(GeoShape.parse(point(10.0, 999.0 / metersPerDegree)))).isTrue();
        assertThat(circle.matches(GeoShape.parse(point(10.0, 1001.0 / metersPerDegree)))).isFalse();
        assertThat(circle.matches(GeoShape.parse(point(10.0 - 999.0 / metersPerDegree, 0)))).isTrue();
    }

    /** Edges are geodesics (S2): the edge between (50, 60) and (-50, 60) passes 69.6 degrees north at longitude 0. */
    @Test
    void polygonEdgesAreGreatCircleArcs() {
        GeoShape wide = GeoShape.parse("{\"type\":\"Polygon\",\"coordinates\":[[[-50,0],[50,0],[50,60],[-50,60],"
                + "[-50,0]]]}");
        assertThat(wide.matches(GeoShape.parse(point(0, 65)))).as("north of the 60th parallel, south of the arc")
                .isTrue();
        assertThat(wide.matches(GeoShape.parse(point(0, 71)))).isFalse();
    }

    @Test
    void regionsContainingAPoint() {
        GeoShape inside = GeoShape.parse(point(-122.25, 37.75));
        assertThat(inside.matches(GeoShape.parse(SQUARE))).isTrue();
        assertThat(GeoShape.parse(point(0, 0)).matches(GeoShape.parse(SQUARE))).isFalse();
        assertThat(inside.matches(GeoShape.parse(point(-122.25, 37.75)))).isFalse();
        // a region's index cells are among the point's query cells exactly when a covering cell holds the point
        List<Long> queried = inside.queryRanges().stream().map(GeoShape.CellRange::min).toList();
        assertThat(queried).hasSize(30);
        assertThat(java.util.Arrays.stream(GeoShape.parse(SQUARE).indexCells()).boxed().toList())
                .containsAnyElementsOf(queried);
    }

    @Test
    void aPointWithinIsInsideOneOfItsRegionsQueryRanges() {
        GeoShape square = GeoShape.parse(SQUARE);
        List<GeoShape.CellRange> ranges = square.queryRanges();
        assertThat(ranges).hasSizeBetween(1, 12);
        long cell = GeoShape.parse(point(-122.25, 37.75)).cellId();
        assertThat(ranges).anyMatch(r -> r.min() <= cell && cell <= r.max());
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).min()).isGreaterThan(ranges.get(i - 1).max());
        }
    }

    @Test
    void featuresAndMultiPolygons() {
        GeoShape feature = GeoShape.parse("{\"type\":\"Feature\",\"geometry\":" + point(1, 2) + "}");
        assertThat(feature.isPoint()).isTrue();
        GeoShape two = GeoShape.parse("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],"
                + "[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}");
        assertThat(two.matches(GeoShape.parse(point(10.5, 10.5)))).isTrue();
        assertThat(two.matches(GeoShape.parse(point(5, 5)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{\"coordinates\":[1,2]}", "{\"type\":\"Point\"}",
        "{\"type\":\"Point\",\"coordinates\":[1]}", "{\"type\":\"Point\",\"coordinates\":[\"a\",1]}",
        "{\"type\":\"Point\",\"coordinates\":[1,91]}", "{\"type\":\"LineString\",\"coordinates\":[[1,1],[2,2]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}",
        "{\"type\":\"AeroCircle\",\"coordinates\":[[0,0]]}", "{\"type\":\"AeroCircle\",\"coordinates\":[[0,0],\"r\"]}",
        "{\"type\":\"Feature\"}", "{\"type\":\"Point\",\"coordinates\":[1,2]} x"})
    void malformedGeoJsonIsRefusedSayingWhy(String json) {
        assertThatThrownBy(() -> GeoShape.parse(json)).isInstanceOf(InvalidGeoJsonException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void aWriteOfMalformedGeoJsonIsGeoInvalidGeoJson() {
        GeoWrites.check(List.of(new Operation(OperationType.WRITE, "g", Value.ofGeoJson(point(1, 2)))));
        assertThatThrownBy(() -> GeoWrites.check(List.of(new Operation(OperationType.WRITE, "g",
                Value.ofGeoJson("{\"type\":\"Point\"}"))))).isInstanceOf(AerologException.class)
                .satisfies(e -> assertThat(((AerologException) e).resultCode())
                        .isEqualTo(ResultCode.GEO_INVALID_GEOJSON))
                .hasMessageContaining("missing coordinates");
    }
}
