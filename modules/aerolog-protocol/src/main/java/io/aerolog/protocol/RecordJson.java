package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record in an answer, {@code {"bins": {...}, "generation": 3, "ttl": 120}} (ttl -1: never expires),
 * and a write's answer, {@code {"generation": 3, "ttl": 120, "consistencyToken": "7:42"}} (with
 * {@code "bins"} when its operations read some).
 */
public final class RecordJson {
    private RecordJson() {
    }

    /** A record's bins and metadata as they read in JSON. */
    public record Read(Map<String, Value> bins, int generation, long ttlSeconds) {
        public Read {
            bins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bins));
        }
    }

    /** A write's answer as it reads in JSON. */
    public record Written(int generation, long ttlSeconds, String consistencyToken, Map<String, Value> bins) {
        public Written {
            bins = bins == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bins));
        }
    }

    public static ObjectNode toJson(Map<String, Value> bins, int generation, long ttlSeconds) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("bins", JsonValues.binsToJson(bins));
        o.put("generation", generation);
        o.put("ttl", ttlSeconds);
        return o;
    }

    public static ObjectNode writtenToJson(Written w) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (!w.bins().isEmpty()) {
            o.set("bins", JsonValues.binsToJson(w.bins()));
        }
        o.put("generation", w.generation());
        o.put("ttl", w.ttlSeconds());
        o.put("consistencyToken", w.consistencyToken());
        return o;
    }

    /** The record in {@code node}; {@code where} names it in errors. */
    public static Read read(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new AerologException(ResultCode.PARSE_ERROR, where + ": expected a record object, got " + node);
        }
        return new Read(bins(node.path("bins"), where), node.path("generation").asInt(), node.path("ttl").asLong(-1));
    }

    public static Written written(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new AerologException(ResultCode.PARSE_ERROR, where + ": expected a write's answer, got " + node);
        }
        return new Written(node.path("generation").asInt(), node.path("ttl").asLong(-1),
                node.path("consistencyToken").asText(null), bins(node.path("bins"), where));
    }

    private static Map<String, Value> bins(JsonNode node, String where) {
        Map<String, Value> bins = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            bins.put(f.getKey(), JsonValues.fromJson(f.getValue(), where + " bin '" + f.getKey() + "'"));
        }
        return bins;
    }
}
