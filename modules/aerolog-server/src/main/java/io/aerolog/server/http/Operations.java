package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.client.json.JsonValues;
import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.Locale;

/**
 * Operations of {@code /v1/operate} in the REST gateway's form:
 * {@code {"operation": "ADD", "opValues": {"bin": "count", "incr": 1}}}.
 */
final class Operations {
    private Operations() {
    }

    static Operation fromJson(JsonNode node, String where) {
        if (!node.isObject() || !node.has("operation")) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where
                    + " must be an object with \"operation\" and \"opValues\"");
        }
        String name = node.get("operation").asText().toUpperCase(Locale.ROOT);
        JsonNode values = node.has("opValues") ? node.get("opValues") : node;
        String bin = values.has("bin") ? values.get("bin").asText() : null;
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
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": operation '" + name
                    + "' is not one of PUT, ADD, APPEND, PREPEND, GET/READ, GET_HEADER, TOUCH, DELETE, DELETE_BIN");
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
