package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.Locale;

/**
 * Operations of {@code /v1/operate} in Aerospike's REST gateway form,
 * {@code {"operation": "ADD", "opValues": {"bin": "count", "incr": 1}}}: what the Java client writes
 * and the node reads.
 */
public final class OperationJson {
    private OperationJson() {
    }

    /** The JSON of {@code op}; UNSUPPORTED_FEATURE for an operation the HTTP API has no form for. */
    public static ObjectNode toJson(Operation op) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        String name = switch (op.type()) {
            case WRITE -> "PUT";
            case DELETE_BIN -> "DELETE_BIN";
            case ADD -> "ADD";
            case APPEND -> "APPEND";
            case PREPEND -> "PREPEND";
            case TOUCH -> "TOUCH";
            case READ -> "READ";
            case READ_HEADER -> "GET_HEADER";
            case DELETE -> "DELETE";
            default -> throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, op.type()
                    + " operations have no HTTP form yet");
        };
        o.put("operation", name);
        if (op.bin() != null) {
            values.put("bin", op.bin());
        }
        if (op.value() != null) {
            values.set(op.type() == OperationType.ADD ? "incr" : "value", JsonValues.toJson(op.value()));
        }
        if (!values.isEmpty()) {
            o.set("opValues", values);
        }
        return o;
    }

    /** The operation of {@code node}; {@code where} names it in errors. */
    public static Operation fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.has("operation") || !node.get("operation").isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where
                    + " must be an object with \"operation\" and \"opValues\"");
        }
        String name = node.get("operation").textValue().toUpperCase(Locale.ROOT);
        JsonNode values = node.has("opValues") ? node.get("opValues") : node;
        JsonNode binNode = values.get("bin");
        if (binNode != null && !binNode.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": opValues.bin must be a string");
        }
        String bin = binNode == null ? null : binNode.textValue();
        return switch (name) {
            case "PUT", "WRITE" -> Operation.write(required(bin, name, where), value(values, "value", where));
            case "ADD", "INCR" -> Operation.add(required(bin, name, where),
                    value(values, values.has("incr") ? "incr" : "value", where));
            case "APPEND" -> Operation.append(required(bin, name, where), value(values, "value", where));
            case "PREPEND" -> Operation.prepend(required(bin, name, where), value(values, "value", where));
            case "GET", "READ" -> bin == null ? Operation.readAll() : Operation.read(bin);
            case "GET_HEADER", "READ_HEADER" -> Operation.readHeader();
            case "TOUCH" -> Operation.touch();
            case "DELETE" -> Operation.delete();
            case "DELETE_BIN" -> Operation.deleteBin(required(bin, name, where));
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": operation '"
                    + JsonValues.abbreviate(name) + "' is not one of PUT, ADD, APPEND, PREPEND, GET/READ, GET_HEADER, TOUCH,"
                    + " DELETE, DELETE_BIN");
        };
    }

    private static String required(String bin, String op, String where) {
        if (bin == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": " + op + " needs opValues.bin");
        }
        return bin;
    }

    private static Value value(JsonNode values, String field, String where) {
        if (!values.has(field)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + " needs opValues." + field);
        }
        return JsonValues.fromJson(values.get(field), where + " opValues." + field);
    }
}
