package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.util.Objects;

/**
 * The body of every error answer, {@code {"resultCode": 2, "name": "KEY_NOT_FOUND_ERROR", "message": "...",
 * "inDoubt": false}}: Aerospike's result code and name, a message that says what to fix, and whether a
 * write may have been applied.
 */
public record ErrorBody(int resultCode, String name, String message, boolean inDoubt) {
    public ErrorBody {
        Objects.requireNonNull(name, "name");
        message = message == null ? "" : message;
    }

    public static ErrorBody of(ResultCode code, String message, boolean inDoubt) {
        return new ErrorBody(code.code(), code.name(), message, inDoubt);
    }

    public static ErrorBody of(AerologException e) {
        return of(e.resultCode(), e.getMessage(), e.inDoubt());
    }

    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("resultCode", resultCode);
        body.put("name", name);
        body.put("message", message);
        body.put("inDoubt", inDoubt);
        return body;
    }

    /** The error body in {@code json}, or null when it is not one. */
    public static ErrorBody parse(JsonNode json) {
        if (json == null || !json.isObject() || !json.has("resultCode") || !json.get("resultCode").canConvertToInt()) {
            return null;
        }
        int number = json.get("resultCode").asInt();
        return new ErrorBody(number, json.path("name").asText(ResultCode.of(number).name()),
                json.path("message").asText(""), json.path("inDoubt").asBoolean(false));
    }

    /**
     * The failure this body stands for. A number Aerolog does not know keeps its number and name in the
     * message, under SERVER_ERROR.
     */
    public AerologException toException() {
        ResultCode code = ResultCode.of(resultCode);
        String text = code.code() == resultCode ? message
                : "result code " + resultCode + " (" + name + "): " + message;
        return new AerologException(code, text, inDoubt, null);
    }
}
