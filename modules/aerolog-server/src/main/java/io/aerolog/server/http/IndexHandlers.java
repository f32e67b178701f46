package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexType;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.sindex.IndexAdmin;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The REST gateway's secondary-index and truncate endpoints: {@code GET/POST /v1/index},
 * {@code GET/DELETE /v1/index/{ns}/{name}} and {@code DELETE /v1/truncate/{ns}[/{set}]?date=<ISO-8601>}.
 * Each change answers 202 once every partition of the namespace applied its control command (an index's
 * build goes on after that; its {@code load_pct} says how far).
 */
final class IndexHandlers {
    private final Namespaces namespaces;

    IndexHandlers(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    /** {@code GET /v1/index[?namespace=]}: the gateway's list of {@code {name, namespace, set, bin, type, collection_type}}. */
    CompletableFuture<Reply> list(HttpRequest q, Executor io) {
        ArrayNode out = Reply.JSON.createArrayNode();
        String only = q.param("namespace");
        Iterable<NamespaceService> which = only == null ? namespaces.all() : java.util.List.of(namespaces.get(only));
        for (NamespaceService ns : which) {
            for (IndexDefinition d : ns.catalog().list()) {
                ObjectNode o = out.addObject();
                o.put("type", d.type().name());
                o.put("collection_type", d.collection().name());
                o.put("namespace", ns.config().name());
                if (d.set().isEmpty()) {
                    o.putNull("set");
                } else {
                    o.put("set", d.set());
                }
                o.put("bin", d.bin());
                o.put("name", d.name());
            }
        }
        return CompletableFuture.completedFuture(Reply.json(200, out));
    }

    /** {@code GET /v1/index/{ns}/{name}}: the index's statistics on this node, as the info command's map. */
    CompletableFuture<Reply> stats(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String name = q.param("name");
        if (ns.catalog().get(name) == null) {
            throw new AerologException(ResultCode.INDEX_NOTFOUND, "no index '" + name + "' in " + q.param("ns"));
        }
        ObjectNode o = Reply.JSON.createObjectNode();
        o.put("load_pct", Integer.toString(Math.max(0, ns.indexes().loadPercent(name))));
        o.put("stat_gc_recs", "0");
        return CompletableFuture.completedFuture(Reply.json(200, o));
    }

    /** {@code POST /v1/index} with the gateway's body {@code {namespace, set, bin, name, type, collection_type}}. */
    CompletableFuture<Reply> create(HttpRequest q, Executor io) {
        JsonNode body;
        try {
            body = Reply.JSON.readTree(q.body());
        } catch (IOException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body is an index: {namespace, set, bin, name,"
                    + " type, collection_type}");
        }
        NamespaceService ns = namespaces.get(text(body, "namespace", true));
        IndexType type = choice(IndexType.class, text(body, "type", true), "type");
        String collection = text(body, "collection_type", false);
        CollectionType collectionType = collection == null ? CollectionType.DEFAULT
                : choice(CollectionType.class, collection, "collection_type");
        IndexDefinition index = new IndexDefinition(text(body, "name", true), text(body, "set", false),
                text(body, "bin", true), type, collectionType, null);
        if (collectionType == CollectionType.MAPKEYS && type == IndexType.GEO2DSPHERE) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "map keys are never geo2dsphere");
        }
        return IndexAdmin.create(ns, index).thenApply(v -> Reply.empty(202, Map.of()));
    }

    /** {@code DELETE /v1/index/{ns}/{name}}: 202, also for an index that does not exist (as the server answers ok). */
    CompletableFuture<Reply> drop(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        return IndexAdmin.drop(ns, q.param("name")).thenApply(v -> Reply.empty(202, Map.of()));
    }

    /**
     * {@code DELETE /v1/truncate/{ns}[/{set}][?date=]}: removes the records last updated before {@code date}
     * (ISO-8601 with offset, e.g. {@code 2019-12-03T10:15:30+01:00}), or before now; answers once every
     * partition applied it, so no reader sees them after.
     */
    CompletableFuture<Reply> truncate(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String set = q.param("set");
        long now = System.currentTimeMillis();
        long before = now;
        String date = q.param("date");
        if (date != null) {
            try {
                before = OffsetDateTime.parse(date).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'date' is an ISO-8601 date-time with an offset,"
                        + " e.g. 2019-12-03T10:15:30+01:00, not '" + date + "'");
            }
            if (before <= 0) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "would truncate to 0");
            }
            if (before > now) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "would truncate to the future");
            }
        }
        return IndexAdmin.truncate(ns, set == null ? "" : set, before).thenApply(v -> Reply.empty(202, Map.of()));
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "the index has no '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + field + "' is a string");
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + field + "' is one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
        }
    }
}
