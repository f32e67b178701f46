package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.IndexTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Geo queries through Aerospike's Java client and the REST gateway's {@code /v1/query} against three Aerolog nodes
 * on a real three-broker Kafka cluster: points within a polygon and a circle (checked at the circle's edge against
 * the great-circle distance), regions containing a point, a list index, a filter expression, pages across
 * partitions, and what is refused with which code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class GeoQueryIT {
    static final int PLACES = 400;
    /** Meters of great circle per degree along a meridian on Aerospike's 6,371 km sphere. */
    static final double METERS_PER_DEGREE = 6_371_000 * Math.PI / 180;
    static final String BOX = "{\"type\":\"Polygon\",\"coordinates\":[[[10.025,50.025],[10.105,50.025],[10.105,50.105],"
            + "[10.025,50.105],[10.025,50.025]]]}";
    /** The server's AS_ERR_GEO_INVALID_GEOJSON, which the Java client has no name for. */
    static final int GEO_INVALID_GEOJSON = 160;
    private static final ObjectMapper JSON = new ObjectMapper();
    private NodeCluster cluster;
    private AerospikeClient client;

    static String point(double lng, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":[" + lng + "," + lat + "]}";
    }

    static double lng(int i) {
        return 10 + (i % 20) * 0.01;
    }

    static double lat(int i) {
        return 50 + (i / 20) * 0.01;
    }

    /** The places inside BOX: 8 columns (10.03-10.10) by 8 rows (50.03-50.10). */
    static Set<Object> inBox() {
        Set<Object> out = new HashSet<>();
        for (int i = 0; i < PLACES; i++) {
            if (i % 20 >= 3 && i % 20 <= 10 && i / 20 >= 3 && i / 20 <= 10) {
                out.add("p" + i);
            }
        }
        return out;
    }

    @BeforeAll
    void start() throws Exception {
        cluster = NodeCluster.start("geo", 3, 3);
        client = cluster.connect();
        assertThat(client.getNodes()).hasSize(3);
        WritePolicy write = new WritePolicy();
        write.sendKey = true;
        write.totalTimeout = 20_000;
        write.maxRetries = 5;
        write.sleepBetweenRetries = 200;
        for (int i = 0; i < PLACES; i++) {
            client.put(write, new Key("test", "places", "p" + i), new Bin("loc", Value.getAsGeoJSON(point(lng(i), lat(i)))),
                    new Bin("locs", List.of(Value.getAsGeoJSON(point(lng(i), lat(i))),
                            Value.getAsGeoJSON(point(-70, -30)))),
                    new Bin("n", (long) i), new Bin("name", "p" + i), new Bin("kind", i % 2 == 0 ? "even" : "odd"));
        }
        // 999 m and 1,001 m north of (20, 0) along the meridian: just inside and just outside a 1,000 m circle
        client.put(write, new Key("test", "edge", "inside"),
                new Bin("pos", Value.getAsGeoJSON(point(20, 999 / METERS_PER_DEGREE))));
        client.put(write, new Key("test", "edge", "outside"),
                new Bin("pos", Value.getAsGeoJSON(point(20, 1001 / METERS_PER_DEGREE))));
        client.put(write, new Key("test", "zones", "square"), new Bin("area", Value.getAsGeoJSON(BOX)));
        client.put(write, new Key("test", "zones", "far"), new Bin("area", Value.getAsGeoJSON(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}")));
        client.put(write, new Key("test", "zones", "ring"), new Bin("area", Value.getAsGeoJSON(
                "{\"type\":\"AeroCircle\",\"coordinates\":[[10.05,50.05],500]}")));
        createIndex("places", "places_loc", "loc", IndexType.GEO2DSPHERE, IndexCollectionType.DEFAULT);
        createIndex("places", "places_locs", "locs", IndexType.GEO2DSPHERE, IndexCollectionType.LIST);
        createIndex("places", "places_n", "n", IndexType.NUMERIC, IndexCollectionType.DEFAULT);
        createIndex("places", "places_name", "name", IndexType.STRING, IndexCollectionType.DEFAULT);
        createIndex("edge", "edge_pos", "pos", IndexType.GEO2DSPHERE, IndexCollectionType.DEFAULT);
        createIndex("zones", "zones_area", "area", IndexType.GEO2DSPHERE, IndexCollectionType.DEFAULT);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void createIndex(String set, String name, String bin, IndexType type, IndexCollectionType collection) {
        IndexTask task = client.createIndex(null, "test", set, name, bin, type, collection);
        task.waitTillComplete(50, 60_000);
        assertThat(task.isDone()).isTrue();
    }

    private static QueryPolicy queryPolicy() {
        QueryPolicy p = new QueryPolicy();
        p.socketTimeout = 20_000;
        p.maxRetries = 20;
        p.sleepBetweenRetries = 250;
        return p;
    }

    private static Statement statement(String set, Filter filter) {
        Statement s = new Statement();
        s.setNamespace("test");
        s.setSetName(set);
        s.setFilter(filter);
        return s;
    }

    /** The user keys a query returns, failing on a record returned twice. */
    private List<Object> query(QueryPolicy policy, Statement statement) {
        List<Object> keys = new ArrayList<>();
        try (RecordSet rs = client.query(policy, statement)) {
            while (rs.next()) {
                keys.add(rs.getKey().userKey.getObject());
            }
        }
        assertThat(new HashSet<>(keys)).as("records returned twice").hasSize(keys.size());
        return keys;
    }

    @Test
    void pointsWithinAPolygon() {
        assertThat(query(queryPolicy(), statement("places", Filter.geoWithinRegion("loc", BOX))))
                .containsExactlyInAnyOrderElementsOf(inBox());
    }

    @Test
    void pointsWithinACircleStopAtItsGreatCircleRadius() {
        assertThat(query(queryPolicy(), statement("edge", Filter.geoWithinRadius("pos", 20, 0, 1000))))
                .containsExactly("inside");
        assertThat(query(queryPolicy(), statement("edge", Filter.geoWithinRadius("pos", 20, 0, 1002))))
                .containsExactlyInAnyOrder("inside", "outside");
        assertThat(query(queryPolicy(), statement("places", Filter.geoWithinRadius("loc", 10.05, 50.05, 800))))
                .contains("p105").doesNotContain("p0");
    }

    @Test
    void regionsContainingAPoint() {
        assertThat(query(queryPolicy(), statement("zones", Filter.geoContains("area", point(10.05, 50.05)))))
                .containsExactlyInAnyOrder("square", "ring");
        assertThat(query(queryPolicy(), statement("zones", Filter.geoContains("area", point(0.5, 0.5)))))
                .containsExactly("far");
        assertThat(query(queryPolicy(), statement("zones", Filter.geoContains("area", point(-40, -40))))).isEmpty();
    }

    @Test
    void aListIndexReturnsEachRecordOnce() {
        assertThat(query(queryPolicy(), statement("places", Filter.geoWithinRegion("locs", IndexCollectionType.LIST,
                BOX)))).containsExactlyInAnyOrderElementsOf(inBox());
        assertThat(query(queryPolicy(), statement("places", Filter.geoWithinRadius("locs", IndexCollectionType.LIST,
                -70, -30, 10)))).hasSize(PLACES);
    }

    @Test
    void combinedWithAFilterExpression() {
        QueryPolicy p = queryPolicy();
        p.filterExp = Exp.build(Exp.eq(Exp.stringBin("kind"), Exp.val("even")));
        List<Object> even = query(p, statement("places", Filter.geoWithinRegion("loc", BOX)));
        assertThat(even).hasSize(32).allMatch(k -> Integer.parseInt(((String) k).substring(1)) % 2 == 0);
        QueryPolicy geoExp = queryPolicy();
        geoExp.filterExp = Exp.build(Exp.geoCompare(Exp.geoBin("loc"), Exp.geo(BOX)));
        assertThat(query(geoExp, statement("places", Filter.range("n", 0, PLACES))))
                .containsExactlyInAnyOrderElementsOf(inBox());
    }

    @Test
    void pagesAcrossPartitionsLoseAndRepeatNothing() {
        QueryPolicy p = queryPolicy();
        p.maxRecords = 17;
        Statement s = statement("places", Filter.geoWithinRadius("locs", IndexCollectionType.LIST, -70, -30, 10));
        QueryPages.Result read = QueryPages.readAll(client, p, s);
        assertThat(read.done()).isTrue();
        assertThat(read.pages()).isGreaterThan(PLACES / 17);
        assertThat(read.seen()).hasSize(PLACES);
        assertThat(read.seen().values()).allMatch(n -> n == 1);
    }

    @Test
    void malformedGeoJsonIsRefused() {
        assertThatThrownBy(() -> client.put(null, new Key("test", "places", "bad"),
                new Bin("loc", Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[1]}"))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(GEO_INVALID_GEOJSON));
        assertThat(client.exists(null, new Key("test", "places", "bad"))).isFalse();
        assertThatThrownBy(() -> query(queryPolicy(), statement("places", Filter.geoWithinRegion("loc",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]]]}"))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        assertThatThrownBy(() -> query(queryPolicy(), statement("places", Filter.geoWithinRegion("loc", "nope"))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(1).httpPort() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The user keys of every page of a /v1/query, following nextToken, failing on a record seen twice. */
    private List<Object> httpQuery(String path, String filter) throws Exception {
        List<Object> keys = new ArrayList<>();
        String from = null;
        int pages = 0;
        do {
            ObjectNode body = JSON.createObjectNode();
            body.set("filter", JSON.readTree(filter));
            if (from != null) {
                body.put("from", from);
            }
            HttpResponse<String> r = post(path, body.toString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode record : page.path("records")) {
                keys.add(record.path("userKey").asText());
            }
            assertThat(page.path("pagination").path("totalRecords").asInt()).isEqualTo(page.path("records").size());
            JsonNode token = page.path("pagination").path("nextToken");
            from = token.isTextual() ? token.asText() : null;
            pages++;
        } while (from != null && pages < 500);
        assertThat(new HashSet<>(keys)).as("records returned twice").hasSize(keys.size());
        return keys;
    }

    @Test
    void httpQueriesByRangeEqualityAndGeo() throws Exception {
        assertThat(httpQuery("/v1/query/test/places", "{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":10,\"end\":19}"))
                .containsExactlyInAnyOrder("p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19");
        assertThat(httpQuery("/v1/query/test/places", "{\"type\":\"EQUALS_STRING\",\"binName\":\"name\",\"value\":\"p7\"}"))
                .containsExactly("p7");
        assertThat(httpQuery("/v1/query/test/places", "{\"type\":\"GEO_WITHIN_REGION\",\"binName\":\"loc\",\"polygon\":"
                + "[[10.025,50.025],[10.105,50.025],[10.105,50.105],[10.025,50.105],[10.025,50.025]]}"))
                .containsExactlyInAnyOrderElementsOf(inBox());
        assertThat(httpQuery("/v1/query/test/edge", "{\"type\":\"GEO_WITHIN_RADIUS\",\"binName\":\"pos\",\"circle\":"
                + "[[20,0],1000]}")).containsExactly("inside");
        assertThat(httpQuery("/v1/query/test/zones", "{\"type\":\"GEO_CONTAINS_POINT\",\"binName\":\"area\",\"point\":"
                + "[10.05,50.05]}")).containsExactlyInAnyOrder("square", "ring");
        HttpResponse<String> bins = post("/v1/query/test/places?recordBins=name",
                "{\"filter\":{\"type\":\"EQUALS_LONG\",\"binName\":\"n\",\"value\":3}}");
        assertThat(JSON.readTree(bins.body()).path("records").get(0).path("bins").toString()).isEqualTo("{\"name\":\"p3\"}");
    }

    @Test
    void httpQueryPagesFollowNextTokenToTheEnd() throws Exception {
        List<Object> all = httpQuery("/v1/query/test/places?maxRecords=9",
                "{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":0,\"end\":" + PLACES + "}");
        assertThat(all).hasSize(PLACES);
        List<Object> geo = httpQuery("/v1/query/test/places?maxRecords=13", "{\"type\":\"GEO_WITHIN_RADIUS\","
                + "\"binName\":\"locs\",\"collectionType\":\"LIST\",\"circle\":[[-70,-30],10]}");
        assertThat(geo).hasSize(PLACES);
        List<Object> some = httpQuery("/v1/query/test/places/0/2048?maxRecords=11",
                "{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":0,\"end\":" + PLACES + "}");
        assertThat(some).isNotEmpty().hasSizeLessThan(PLACES);
    }

    @Test
    void httpBadFiltersAre400WithParameterError() throws Exception {
        for (String body : List.of("{\"filter\":{\"type\":\"NEAR\",\"binName\":\"loc\"}}",
                "{\"filter\":{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":1,\"end\":2,\"step\":1}}",
                "{\"filter\":{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":\"a\",\"end\":2}}",
                "{\"filter\":{\"type\":\"GEO_WITHIN_REGION\",\"binName\":\"loc\",\"polygon\":[[0,0],[1,0],[0,0]]}}",
                "{\"filter\":{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":1,\"end\":2},\"limit\":3}",
                "{\"filter\":{\"type\":\"RANGE\",\"binName\":\"n\",\"begin\":1,\"end\":2},\"from\":\"abc\"}", "{}", "[1]")) {
            HttpResponse<String> r = post("/v1/query/test/places", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.path("resultCode").asInt()).as(body).isEqualTo(ResultCode.PARAMETER_ERROR);
            assertThat(error.path("message").asText()).as(body).isNotBlank();
        }
        assertThat(JSON.readTree(post("/v1/query/test/places", "{\"filter\":{\"type\":\"NEAR\",\"binName\":\"loc\"}}")
                .body()).path("message").asText()).contains("GEO_WITHIN_RADIUS");
    }
}
