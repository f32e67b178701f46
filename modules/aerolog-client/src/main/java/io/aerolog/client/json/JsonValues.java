package io.aerolog.client.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bin values in JSON. Numbers without a fraction are integers (64-bit), others doubles; strings,
 * booleans, arrays (lists) and objects (maps) map one to one; null is Aerospike's nil, which deletes
 * a bin on write. Two types JSON lacks are objects with a single marker field:
 * {@code {"$bytes": "<base64>"}} and {@code {"$geojson": {...}}}. The one encoding of the HTTP API,
 * shared by the server and the Java client.
 */
public final class JsonValues {
    public static final String BYTES = "$bytes";
    public static final String GEOJSON = "$geojson";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    public static Value fromJson(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Value.NIL;
        }
        if (node.isBoolean()) {
            return Value.of(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": integer " + node.asText()
                        + " does not fit in 64 bits");
            }
            return Value.of(node.longValue());
        }
        if (node.isNumber()) {
            return Value.of(node.doubleValue());
        }
        if (node.isTextual()) {
            return Value.of(node.textValue());
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            int i = 0;
            for (JsonNode item : node) {
                items.add(fromJson(item, where + "[" + i++ + "]"));
            }
            return Value.ofList(items);
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has(BYTES)) {
                JsonNode b64 = node.get(BYTES);
                if (!b64.isTextual()) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": " + BYTES
                            + " takes a base64 string");
                }
                return Value.of(decodeBase64(b64.textValue(), where));
            }
            if (node.size() == 1 && node.has(GEOJSON)) {
                JsonNode geo = node.get(GEOJSON);
                if (!geo.isObject() || !geo.has("type")) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": " + GEOJSON
                            + " takes a GeoJSON object with a \"type\"");
                }
                return Value.ofGeoJson(geo.toString());
            }
            Map<Value, Value> entries = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                entries.put(Value.of(f.getKey()), fromJson(f.getValue(), where + "." + f.getKey()));
            }
            return Value.ofMap(entries);
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": unsupported JSON value " + node);
    }

    public static byte[] decodeBase64(String text, String where) {
        try {
            if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(text);
            }
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": '" + abbreviate(text)
                    + "' is not valid base64 (" + e.getMessage() + ")");
        }
    }

    public static JsonNode toJson(Value value, ObjectMapper mapper) {
        if (value instanceof Value.NilValue) {
            return NODES.nullNode();
        } else if (value instanceof Value.BoolValue b) {
            return NODES.booleanNode(b.value());
        } else if (value instanceof Value.IntegerValue i) {
            return NODES.numberNode(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            return NODES.numberNode(d.value());
        } else if (value instanceof Value.StringValue s) {
            return NODES.textNode(s.value());
        } else if (value instanceof Value.BytesValue b) {
            ObjectNode o = NODES.objectNode();
            o.put(BYTES, Base64.getEncoder().encodeToString(b.value()));
            return o;
        } else if (value instanceof Value.ListValue l) {
            ArrayNode a = NODES.arrayNode(l.items().size());
            for (Value item : l.items()) {
                a.add(toJson(item, mapper));
            }
            return a;
        } else if (value instanceof Value.MapValue m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                o.set(keyText(e.getKey()), toJson(e.getValue(), mapper));
            }
            return o;
        } else if (value instanceof Value.GeoJsonValue g) {
            ObjectNode o = NODES.objectNode();
            try {
                o.set(GEOJSON, mapper.readTree(g.json()));
            } catch (Exception e) {
                o.put(GEOJSON, g.json());
            }
            return o;
        }
        throw new IllegalArgumentException("unknown value " + value);
    }

    public static ObjectNode binsToJson(Map<String, Value> bins, ObjectMapper mapper) {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, Value> e : bins.entrySet()) {
            o.set(e.getKey(), toJson(e.getValue(), mapper));
        }
        return o;
    }

    private static String keyText(Value key) {
        if (key instanceof Value.StringValue s) {
            return s.value();
        }
        if (key instanceof Value.IntegerValue i) {
            return Long.toString(i.value());
        }
        if (key instanceof Value.BytesValue b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return String.valueOf(key);
    }

    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
