package io.aerolog.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 * a bin on write. Types JSON lacks are objects with a single marker field:
 * {@code {"$bytes": "<base64>"}}, {@code {"$geojson": {...}}} and {@code {"$hll": "<base64>"}} (a
 * HyperLogLog's bytes). A KEY_VALUE result of a map operation (entries in the order they were selected)
 * is written as a list of one-entry objects, as Aerospike's client and the REST gateway give it. The one
 * encoding of the HTTP API, shared by the server and the Java client.
 */
public final class JsonValues {
    public static final String BYTES = "$bytes";
    public static final String GEOJSON = "$geojson";
    public static final String HLL = "$hll";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /**
     * A Jackson mapper for the API's bodies: it refuses JSON nested deeper than values may be
     * ({@link Value#MAX_DECODE_DEPTH}), strings over {@value #MAX_STRING_CHARS} characters and numbers over
     * 1,000 digits, before any value is built.
     */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Value.MAX_DECODE_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNumberLength(1000)
                .build()).build();
        return new ObjectMapper(factory);
    }

    /** The longest string a JSON body may carry, in characters (a record is at most a few MiB). */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    /**
     * The value of a JSON bin. Refuses what could not be stored exactly: a string with an unpaired
     * surrogate (it has no UTF-8), a number whose double is infinite (1e400), lists and maps nested deeper
     * than {@link Value#MAX_DEPTH}.
     *
     * @throws AerologException PARAMETER_ERROR naming {@code where}
     */
    public static Value fromJson(JsonNode node, String where) {
        return fromJson(node, where, 0);
    }

    private static Value fromJson(JsonNode node, String where, int depth) {
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
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": number " + abbreviate(node.asText())
                        + " is beyond a 64-bit double");
            }
            return Value.of(d);
        }
        if (node.isTextual()) {
            return Value.of(checkedText(node.textValue(), where));
        }
        if ((node.isArray() || node.isObject()) && depth >= Value.MAX_DEPTH) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": lists and maps nest more than "
                    + Value.MAX_DEPTH + " levels deep");
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            int i = 0;
            for (JsonNode item : node) {
                items.add(fromJson(item, where + "[" + i++ + "]", depth + 1));
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
            if (node.size() == 1 && node.has(HLL)) {
                JsonNode b64 = node.get(HLL);
                if (!b64.isTextual()) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": " + HLL
                            + " takes the base64 of a HyperLogLog's bytes");
                }
                return new Value.HllValue(decodeBase64(b64.textValue(), where));
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
                entries.put(Value.of(checkedText(f.getKey(), where)), fromJson(f.getValue(), where + "." + f.getKey(),
                        depth + 1));
            }
            return Value.ofMap(entries);
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": unsupported JSON value " + node);
    }

    /** {@code text}, unless it has an unpaired surrogate, which UTF-8 cannot carry. */
    public static String checkedText(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": the string has an unpaired surrogate"
                        + " (\\u" + Integer.toHexString(c) + ") at " + i + ", which is not text: send valid UTF-16");
            }
        }
        return text;
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

    private static final ObjectMapper GEOJSON_READER = new ObjectMapper();

    public static JsonNode toJson(Value value) {
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
        } else if (value instanceof Value.HllValue h) {
            ObjectNode o = NODES.objectNode();
            o.put(HLL, Base64.getEncoder().encodeToString(h.value()));
            return o;
        } else if (value instanceof Value.ListValue l) {
            ArrayNode a = NODES.arrayNode(l.items().size());
            for (Value item : l.items()) {
                a.add(toJson(item));
            }
            return a;
        } else if (value instanceof Value.MapValue m && m.order() == Value.MapOrder.PRESERVE_ORDER) {
            // a KEY_VALUE result: its entries in the order selected, a list of entries as Aerospike's client reads it
            ArrayNode a = NODES.arrayNode(m.entries().size());
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                a.addObject().set(keyText(e.getKey()), toJson(e.getValue()));
            }
            return a;
        } else if (value instanceof Value.MapValue m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                o.set(keyText(e.getKey()), toJson(e.getValue()));
            }
            return o;
        } else if (value instanceof Value.GeoJsonValue g) {
            ObjectNode o = NODES.objectNode();
            try {
                o.set(GEOJSON, GEOJSON_READER.readTree(g.json()));
            } catch (Exception e) {
                o.put(GEOJSON, g.json());
            }
            return o;
        }
        throw new IllegalArgumentException("unknown value " + value);
    }

    public static ObjectNode binsToJson(Map<String, Value> bins) {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, Value> e : bins.entrySet()) {
            o.set(e.getKey(), toJson(e.getValue()));
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
