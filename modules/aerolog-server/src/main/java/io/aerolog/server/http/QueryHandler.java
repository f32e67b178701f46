package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.exp.Expressions;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.IndexFilter;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartitionSource;
import io.aerolog.server.scan.ScanSpec;
import io.aerolog.server.scan.SourceFactory;
import io.aerolog.server.scan.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The REST gateway's query, {@code POST /v1/query/{ns}[/{set}][/{begin}/{count}]?maxRecords=&recordBins=&filterexp=}
 * with the body {@code {"filter": {...}, "from": nextToken}}: the records a secondary index selects, in pages as
 * {@link KafkaPages} gathers them (the same shape as {@code /v1/scan}). The filter is the gateway's: {@code type}
 * EQUALS_STRING, EQUALS_LONG, RANGE, CONTAINS_STRING, CONTAINS_LONG, GEO_WITHIN_REGION, GEO_WITHIN_RADIUS or
 * GEO_CONTAINS_POINT, with {@code binName}, its values and {@code collectionType}; {@code begin}/{@code count} in
 * the path limit it to those Aerospike partitions. Within a Kafka partition records come in index order (index
 * value, then digest) over its Aerospike partitions, and {@code nextToken} is the base64 of the last record's
 * digest and index value, so the next page resumes strictly after it. Anything else in the body, and a filter
 * with a CDT context ({@code ctx}, which HTTP indexes do not have), is refused saying what.
 */
final class QueryHandler {
    private static final int TOKEN = Digest.SIZE + 8;
    private static final Set<String> BODY_FIELDS = Set.of("filter", "from");
    private static final List<String> TYPES = List.of("EQUALS_STRING", "EQUALS_LONG", "RANGE", "CONTAINS_STRING",
            "CONTAINS_LONG", "GEO_WITHIN_REGION", "GEO_WITHIN_RADIUS", "GEO_CONTAINS_POINT");

    private final Namespaces namespaces;
    private final Forwarder forwarder;
    private final KafkaPages pages;

    QueryHandler(Namespaces namespaces, Forwarder forwarder, KafkaPages pages) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
        this.pages = pages;
    }

    CompletableFuture<Reply> query(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String set = q.param("set") == null ? "" : q.param("set");
        JsonNode body = body(q.body());
        JsonNode filterNode = body.get("filter");
        IndexFilter filter = filter(filterNode);
        int begin = 0;
        int count = Digest.PARTITIONS;
        if (q.param("begin") != null || q.param("count") != null) {
            begin = (int) KafkaPages.parseLong(q.param("begin"), "begin");
            count = (int) KafkaPages.parseLong(q.param("count"), "count");
            if (begin < 0 || begin >= Digest.PARTITIONS || count < 1 || begin + count > Digest.PARTITIONS) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "partitions " + begin + " (count " + count
                        + ") are not within Aerospike's 0-4095");
            }
        }
        ScanSpec spec = new ScanSpec(ns.config().name(), set, q.recordBins(), false, q.filter(), 0, 0, List.of(),
                filter);
        SourceFactory sources = Sources.returning(ns, spec);
        JsonNode from = body.get("from");
        if (from != null && !from.isNull() && !from.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'from' is the nextToken of a page (a string)");
        }
        return pages.page(ns, q, from == null || from.isNull() ? null : from.asText(),
                new Query(ns, set, spec, sources, filterNode, q, begin, begin + count));
    }

    private static JsonNode body(byte[] bytes) {
        if (bytes.length == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a query's body is {\"filter\": {...}} (and"
                    + " \"from\": a page's nextToken); to read every record, use /v1/scan");
        }
        JsonNode body;
        try {
            body = Reply.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body is a JSON object {\"filter\": {...},"
                    + " \"from\": nextToken}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "unknown field '" + name + "' in the query's"
                        + " body (it takes filter and from)");
            }
        }
        return body;
    }

    /** The gateway's query filter as an index filter. */
    static IndexFilter filter(JsonNode f) {
        if (f == null || f.isNull()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a query needs a filter on an indexed bin"
                    + " ({\"type\": one of " + TYPES + ", \"binName\": ...}); to read every record, use /v1/scan");
        }
        if (!f.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'filter' is an object {\"type\": ..., \"binName\":"
                    + " ...}");
        }
        String type = f.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "filter type '" + type + "' is not one of " + TYPES);
        }
        Set<String> fields = switch (type) {
            case "EQUALS_STRING", "EQUALS_LONG" -> Set.of("value");
            case "CONTAINS_STRING", "CONTAINS_LONG" -> Set.of("value", "collectionType");
            case "RANGE" -> Set.of("begin", "end", "collectionType");
            case "GEO_WITHIN_REGION" -> Set.of("polygon", "collectionType");
            case "GEO_WITHIN_RADIUS" -> Set.of("circle", "collectionType");
            default -> Set.of("point", "collectionType");
        };
        for (Iterator<String> names = f.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("ctx")) {
                if (!f.get(name).isNull() && !(f.get(name).isArray() && f.get(name).isEmpty())) {
                    throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a query filter with a ctx is not served"
                            + " over HTTP (HTTP indexes have no context): query through Aerospike's protocol");
                }
            } else if (!name.equals("type") && !name.equals("binName") && !fields.contains(name)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "a " + type + " filter takes binName and "
                        + fields + ", not '" + name + "'");
            }
        }
        JsonNode binNode = f.get("binName");
        if (binNode == null || !binNode.isTextual() || binNode.asText().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a " + type + " filter needs binName (a string)");
        }
        String bin = binNode.asText();
        CollectionType collection = collection(f.get("collectionType"));
        return switch (type) {
            case "EQUALS_STRING", "CONTAINS_STRING" -> new IndexFilter(bin, IndexType.STRING,
                    type.startsWith("EQUALS") ? CollectionType.DEFAULT : collection, null, 0, 0,
                    text(f, "value").getBytes(StandardCharsets.UTF_8));
            case "EQUALS_LONG", "CONTAINS_LONG" -> {
                long v = integer(f, "value");
                yield new IndexFilter(bin, IndexType.NUMERIC, type.startsWith("EQUALS") ? CollectionType.DEFAULT
                        : collection, null, v, v, null);
            }
            case "RANGE" -> new IndexFilter(bin, IndexType.NUMERIC, collection, null, integer(f, "begin"),
                    integer(f, "end"), null);
            case "GEO_WITHIN_REGION" -> IndexFilter.geo(bin, collection, null, polygon(f.get("polygon")));
            case "GEO_WITHIN_RADIUS" -> IndexFilter.geo(bin, collection, null, circle(f.get("circle")));
            default -> IndexFilter.geo(bin, collection, null, "{\"type\":\"Point\",\"coordinates\":"
                    + lngLat(f.get("point"), "point") + "}");
        };
    }

    private static CollectionType collection(JsonNode n) {
        if (n == null || n.isNull()) {
            return CollectionType.DEFAULT;
        }
        try {
            return CollectionType.valueOf(n.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "collectionType '" + n.asText() + "' is not one of "
                    + Arrays.toString(CollectionType.values()));
        }
    }

    private static String text(JsonNode f, String name) {
        JsonNode n = f.get(name);
        if (n == null || !n.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the filter's '" + name + "' is a string");
        }
        return n.asText();
    }

    private static long integer(JsonNode f, String name) {
        JsonNode n = f.get(name);
        if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the filter's '" + name + "' is a 64-bit integer");
        }
        return n.asLong();
    }

    /** {@code [longitude, latitude]} as GeoJSON coordinates. */
    private static String lngLat(JsonNode n, String what) {
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + what + "' is [longitude, latitude]");
        }
        return "[" + n.get(0).asDouble() + "," + n.get(1).asDouble() + "]";
    }

    /** The gateway's polygon, a list of [longitude, latitude], as a GeoJSON Polygon of one loop. */
    private static String polygon(JsonNode n) {
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'polygon' is a list of [longitude, latitude],"
                    + " the last equal to the first");
        }
        List<String> points = new ArrayList<>();
        for (JsonNode p : n) {
            points.add(lngLat(p, "polygon"));
        }
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",", points) + "]]}";
    }

    /** The gateway's circle, {@code [[longitude, latitude], radius in meters]}, as an AeroCircle. */
    private static String circle(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(1).isNumber()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'circle' is [[longitude, latitude], radius in"
                    + " meters]");
        }
        return "{\"type\":\"AeroCircle\",\"coordinates\":[" + lngLat(n.get(0), "circle") + ","
                + n.get(1).asDouble() + "]}";
    }

    /** A query's part of a page in one Kafka partition: the index's records of its Aerospike partitions, in index order. */
    private final class Query implements KafkaPages.Reader {
        private final NamespaceService ns;
        private final String set;
        private final ScanSpec spec;
        private final SourceFactory sources;
        private final JsonNode filterNode;
        private final HttpRequest q;
        private final int begin;
        private final int end;
        private final int n;

        Query(NamespaceService ns, String set, ScanSpec spec, SourceFactory sources, JsonNode filterNode, HttpRequest q,
              int begin, int end) {
            this.ns = ns;
            this.set = set;
            this.spec = spec;
            this.sources = sources;
            this.filterNode = filterNode;
            this.q = q;
            this.begin = begin;
            this.end = end;
            this.n = ns.config().partitions();
        }

        @Override
        public int tokenSize() {
            return TOKEN;
        }

        @Override
        public boolean local(Route.Active active, int k, byte[] after, KafkaPages.Page page) {
            byte[] afterDigest = after == null ? null : Arrays.copyOf(after, Digest.SIZE);
            long afterValue = after == null ? 0 : ByteBuffer.wrap(after, Digest.SIZE, 8).getLong();
            List<PartitionPart> parts = new ArrayList<>();
            for (int p = k; p < Digest.PARTITIONS; p += n) {
                if (p >= begin && p < end) {
                    parts.add(new PartitionPart(p, afterDigest, afterValue));
                }
            }
            if (parts.isEmpty()) {
                return true;
            }
            Value filter = spec.filter();
            try (PartitionSource source = sources.open(active, parts, page.now)) {
                Candidate c;
                while ((c = source.next()) != null) {
                    if (filter != null && !Expressions.matches(filter, c.record(), c.digest(), page.now)) {
                        continue;
                    }
                    page.add(c.record(), ByteBuffer.allocate(TOKEN).put(c.digest()).putLong(c.indexValue()).array());
                    if (page.full()) {
                        return false;
                    }
                }
            } catch (InvalidStateStoreException e) {
                throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + k + " moved while it was"
                        + " read; retry this page");
            }
            return true;
        }

        @Override
        public CompletableFuture<Reply> remote(String node, int k, int max, byte[] after) {
            String query = KafkaPages.forwardedQuery(q, k, max).toString();
            ObjectNode body = Reply.JSON.createObjectNode();
            body.set("filter", filterNode);
            if (after != null) {
                body.put("from", java.util.Base64.getEncoder().encodeToString(after));
            }
            String path = RestApi.QUERY + "/" + ns.config().name() + (set.isEmpty() ? "" : "/" + set)
                    + (begin == 0 && end == Digest.PARTITIONS ? "" : "/" + begin + "/" + (end - begin));
            try {
                return forwarder.send(node, "POST", path, query, Reply.JSON.writeValueAsBytes(body), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
