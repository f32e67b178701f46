package io.aerolog.cli.sql;

import com.aerospike.client.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Converts between the shell's values and Aerospike's: a {@link Literal} to the client's {@link Value},
 * and a bin value the client read to a table cell (strings in double quotes so {@code "1"} and {@code 1}
 * differ, lists and maps in JSON's brackets, bytes as {@code 0x...}) or to JSON (bytes as
 * {@code {"$bytes": base64}} and GeoJSON as {@code {"$geojson": {...}}}, as the node's HTTP API writes them).
 */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    static Value toValue(Literal literal) {
        if (literal instanceof Literal.Str s) {
            return Value.get(s.value());
        }
        if (literal instanceof Literal.Int i) {
            return Value.get(i.value());
        }
        if (literal instanceof Literal.Dbl d) {
            return Value.get(d.value());
        }
        if (literal instanceof Literal.Bool b) {
            return Value.get(b.value());
        }
        if (literal instanceof Literal.Json j) {
            return Value.get(j.value());
        }
        if (literal instanceof Literal.Geo g) {
            return Value.getAsGeoJSON(g.json());
        }
        return Value.getAsNull();
    }

    /** A bin value as a table shows it. */
    static String cell(Object v) {
        StringBuilder out = new StringBuilder();
        cell(v, out);
        return out.toString();
    }

    private static void cell(Object v, StringBuilder out) {
        if (v == null) {
            out.append("NULL");
        } else if (v instanceof String s) {
            out.append(JsonNodeFactory.instance.textNode(s));
        } else if (v instanceof byte[] b) {
            out.append("0x").append(HexFormat.of().withUpperCase().formatHex(b));
        } else if (v instanceof Value.GeoJSONValue g) {
            out.append("GeoJSON('").append(g.getObject()).append("')");
        } else if (v instanceof Value.HLLValue h) {
            out.append("HLL(0x").append(HexFormat.of().withUpperCase().formatHex(h.getBytes())).append(')');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                cell(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                cell(e.getKey(), out);
                out.append(": ");
                cell(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(v);
        }
    }

    /** A bin value as JSON. */
    static JsonNode json(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Integer i) {
            return f.numberNode(i.longValue());
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Float d) {
            return f.numberNode(d.doubleValue());
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof byte[] b) {
            ObjectNode o = f.objectNode();
            o.put("$bytes", Base64.getEncoder().encodeToString(b));
            return o;
        }
        if (v instanceof Value.HLLValue h) {
            ObjectNode o = f.objectNode();
            o.put("$hll", Base64.getEncoder().encodeToString(h.getBytes()));
            return o;
        }
        if (v instanceof Value.GeoJSONValue g) {
            ObjectNode o = f.objectNode();
            try {
                o.set("$geojson", JSON.readTree(g.getObject().toString()));
            } catch (Exception e) {
                o.put("$geojson", g.getObject().toString());
            }
            return o;
        }
        if (v instanceof List<?> list) {
            List<JsonNode> items = new ArrayList<>(list.size());
            for (Object o : list) {
                items.add(json(o));
            }
            return f.arrayNode().addAll(items);
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set(e.getKey() instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                        : String.valueOf(e.getKey()), json(e.getValue()));
            }
            return o;
        }
        return f.textNode(v.toString());
    }

    /** True for values a table aligns right. */
    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Float;
    }
}
