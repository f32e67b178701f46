package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Operations in the JSON of Aerospike's REST gateway, both its forms: the {@code /v1/operate} form
 * {@code {"operation": "LIST_APPEND", "opValues": {"bin": "l", "value": 1}}} and the typed form of
 * {@code /v2/operate} and batch {@code opsList}, {@code {"type": "LIST_APPEND", "binName": "l", "value": 1}};
 * either is read anywhere, with either form's field names. Every record, list, map, bit and HyperLogLog
 * operation of the gateway becomes the operation Aerospike's Java client builds (the same payload tree),
 * plus what the gateway lacks and Aerospike's client has: DELETE_BIN, MAP_REMOVE_BY_KEY_LIST, the bit and
 * HyperLogLog write flags ({@code bitPolicy}, {@code hllPolicy}) and expression operations (EXP_READ,
 * EXP_WRITE, see {@link ExpJson}). A field an operation does not have is refused, never ignored.
 *
 * <p>Writing goes the other way: {@link #toJson} and {@link #toTypedJson} give the JSON that reads back
 * as exactly the same operation; an operation no JSON carries exactly (say a map with integer keys in a
 * put of items, or an infinite range end) is refused with UNSUPPORTED_FEATURE before anything is sent.
 */
public final class OperationJson {
    /** The most operations one operate (or one batch item) may carry: a bound on the work of one request. */
    public static final int MAX_OPERATIONS = 1000;
    /** The untyped form's names that the typed form spells out, and back. */
    private static final Map<String, String> TYPED_NAMES = Map.of(
            "LIST_GET_BY_VALUE_REL_RANK_RANGE", "LIST_GET_BY_VALUE_RELATIVE_RANK_RANGE",
            "LIST_REMOVE_BY_VALUE_REL_RANK_RANGE", "LIST_REMOVE_BY_VALUE_RELATIVE_RANK_RANGE",
            "MAP_GET_BY_KEY_REL_INDEX_RANGE", "MAP_GET_BY_KEY_RELATIVE_INDEX_RANGE",
            "MAP_GET_BY_VALUE_REL_RANK_RANGE", "MAP_GET_BY_VALUE_RELATIVE_RANK_RANGE",
            "MAP_REMOVE_BY_KEY_REL_INDEX_RANGE", "MAP_REMOVE_BY_KEY_RELATIVE_INDEX_RANGE",
            "MAP_REMOVE_BY_VALUE_REL_RANK_RANGE", "MAP_REMOVE_BY_VALUE_RELATIVE_RANK_RANGE",
            "MAP_SET_MAP_POLICY", "MAP_SET_POLICY",
            "EXP_MODIFY", "EXP_WRITE");

    private OperationJson() {
    }

    // ---- reading

    /** The operation of {@code node}, in either form; {@code where} names it in errors (PARAMETER_ERROR). */
    public static Operation fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + " must be an object such as"
                    + " {\"operation\": \"ADD\", \"opValues\": {\"bin\": \"n\", \"incr\": 1}}"
                    + " or {\"type\": \"ADD\", \"binName\": \"n\", \"incr\": 1}");
        }
        JsonNode v1 = node.get("operation");
        JsonNode fields;
        String name;
        if (v1 != null) {
            if (!v1.isTextual()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": \"operation\" must be a name");
            }
            name = v1.textValue();
            if (node.has("opValues")) {
                Iterator<String> top = node.fieldNames();
                while (top.hasNext()) {
                    String n = top.next();
                    if (!n.equals("operation") && !n.equals("opValues")) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": '" + JsonValues.abbreviate(n)
                                + "' belongs inside \"opValues\"");
                    }
                }
                fields = node.get("opValues");
            } else {
                fields = node;
            }
        } else if (node.get("type") != null && node.get("type").isTextual()) {
            name = node.get("type").textValue();
            fields = node;
        } else {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + " needs \"operation\" (with \"opValues\")"
                    + " or \"type\" naming the operation");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        String typed = TYPED_NAMES.getOrDefault(upper, upper);
        OpFields f = new OpFields(fields, where + " (" + JsonValues.abbreviate(typed) + ")", "operation", "type");
        Operation op = operation(typed, f);
        f.checkAllRead();
        return op;
    }

    private static Operation operation(String name, OpFields f) {
        Operation op = switch (name) {
            case "PUT", "WRITE" -> Operation.write(f.requiredBin(), f.value("value"));
            case "ADD", "INCR" -> Operation.add(f.requiredBin(), f.value("incr", "value"));
            case "APPEND" -> Operation.append(f.requiredBin(), f.value("value"));
            case "PREPEND" -> Operation.prepend(f.requiredBin(), f.value("value"));
            case "GET", "READ" -> {
                String bin = f.bin();
                yield bin == null ? Operation.readAll() : Operation.read(bin);
            }
            case "GET_HEADER", "READ_HEADER" -> Operation.readHeader();
            case "TOUCH" -> Operation.touch();
            case "DELETE" -> Operation.delete();
            case "DELETE_BIN" -> Operation.deleteBin(f.requiredBin());
            default -> null;
        };
        if (op != null) {
            return op;
        }
        if (name.startsWith("LIST_")) {
            op = ListJson.fromJson(name, f);
        } else if (name.startsWith("MAP_")) {
            op = MapJson.fromJson(name, f);
        } else if (name.startsWith("BIT_")) {
            op = BitJson.fromJson(name, f);
        } else if (name.startsWith("HLL_")) {
            op = HllJson.fromJson(name, f);
        } else if (name.startsWith("EXP_")) {
            op = ExpJson.fromJson(name, f);
        }
        if (op == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, f.where() + ": operation '"
                    + JsonValues.abbreviate(name) + "' is not one of the REST gateway's operations (PUT, ADD, READ,"
                    + " LIST_APPEND, MAP_PUT, BIT_SET, HLL_ADD, ...)");
        }
        return op;
    }

    // ---- writing

    /**
     * The {@code /v1/operate} form of {@code op}: {@code {"operation": ..., "opValues": {...}}} with that form's
     * names.
     *
     * @throws AerologException UNSUPPORTED_FEATURE when no JSON carries {@code op} exactly
     */
    public static ObjectNode toJson(Operation op) {
        Rendered r = checked(op);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("operation", untypedName(r.name()));
        ObjectNode values = untypedFields(r);
        if (!values.isEmpty()) {
            o.set("opValues", values);
        }
        return o;
    }

    /**
     * The typed form of {@code op} ({@code /v2/operate}, batch {@code opsList}): {@code {"type": ..., ...}}.
     *
     * @throws AerologException UNSUPPORTED_FEATURE when no JSON carries {@code op} exactly
     */
    public static ObjectNode toTypedJson(Operation op) {
        Rendered r = checked(op);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", r.name());
        o.setAll(r.fields());
        return o;
    }

    /** {@code op} written, then read back: a JSON that does not give back the same operation is refused. */
    private static Rendered checked(Operation op) {
        Objects.requireNonNull(op, "operation");
        Rendered r = render(op);
        ObjectNode typed = JsonNodeFactory.instance.objectNode();
        typed.put("type", r.name());
        typed.setAll(r.fields());
        Operation back;
        try {
            back = fromJson(typed, "operation");
        } catch (AerologException e) {
            throw OpTree.noForm(op.type() + " on bin '" + op.bin() + "' (" + e.getMessage() + ")");
        }
        if (!back.equals(op)) {
            throw OpTree.noForm(op.type() + " on bin '" + op.bin() + "' exactly: its values do not survive JSON"
                    + " (maps with keys other than strings, ordered lists or maps, infinity and wildcards do not)");
        }
        return r;
    }

    private static Rendered render(Operation op) {
        return switch (op.type()) {
            case WRITE -> valued("PUT", op, "value");
            case ADD -> valued("ADD", op, "incr");
            case APPEND -> valued("APPEND", op, "value");
            case PREPEND -> valued("PREPEND", op, "value");
            case DELETE_BIN -> Rendered.of("DELETE_BIN", op.bin());
            case READ -> Rendered.of(op.bin() == null ? "GET" : "READ", op.bin());
            case READ_HEADER -> Rendered.of("GET_HEADER", null);
            case TOUCH -> Rendered.of("TOUCH", null);
            case DELETE -> Rendered.of("DELETE", null);
            case CDT_READ, CDT_MODIFY -> {
                OpTree.Parts p = OpTree.parts(op.value());
                yield p.code() < MapJson.SET_TYPE ? ListJson.toJson(op, p) : MapJson.toJson(op, p);
            }
            case BIT_READ, BIT_MODIFY -> BitJson.toJson(op, OpTree.parts(op.value()));
            case HLL_READ, HLL_MODIFY -> HllJson.toJson(op, OpTree.parts(op.value()));
            case EXP_READ, EXP_MODIFY -> ExpJson.toJson(op);
            case UDF -> throw OpTree.noForm("a UDF call, which is a command of its own, not an operation");
        };
    }

    private static Rendered valued(String name, Operation op, String field) {
        Rendered r = Rendered.of(name, op.bin());
        if (op.value() != null) {
            r.fields().set(field, CdtArgs.json(op.value()));
        }
        return r;
    }

    private static String untypedName(String typed) {
        for (Map.Entry<String, String> e : TYPED_NAMES.entrySet()) {
            if (e.getValue().equals(typed) && !e.getKey().startsWith("EXP_")) {
                return e.getKey();
            }
        }
        return typed;
    }

    /** The fields under the untyped form's names: bin, listOrder of a create, a sort's flag, a bit overflow action. */
    private static ObjectNode untypedFields(Rendered r) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = r.fields().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = switch (f.getKey()) {
                case "binName" -> "bin";
                case "order" -> r.name().equals("LIST_CREATE") ? "listOrder" : "order";
                case "action" -> "bitOverflowAction";
                case "sortFlags" -> "listSortFlags";
                default -> f.getKey();
            };
            JsonNode value = f.getValue();
            if (name.equals("listSortFlags") && value instanceof ArrayNode a && a.size() == 1) {
                value = a.get(0);
            }
            out.set(name, value);
        }
        return out;
    }
}
