package io.aerolog.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.AerologException;
import io.aerolog.protocol.ErrorBody;
import io.aerolog.protocol.HttpStatus;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.RestApi;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the HTTP API, built wherever the request was served and sent on the exchange's I/O
 * thread: a status, headers, and a body (JSON, text, or none).
 */
record Reply(int status, Map<String, String> headers, byte[] body, String contentType) {
    static final ObjectMapper JSON = JsonValues.mapper();

    Reply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static Reply json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    static Reply json(int status, JsonNode body, Map<String, String> headers) {
        try {
            return new Reply(status, headers, JSON.writeValueAsBytes(body), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply empty(int status, Map<String, String> headers) {
        return new Reply(status, headers, null, null);
    }

    /** Aerospike's error body with a status fitting its code, and the code in a header (for HEAD answers). */
    static Reply error(AerologException e) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RestApi.RESULT_CODE_HEADER, Integer.toString(e.resultCode().code()));
        return json(HttpStatus.of(e.resultCode()), ErrorBody.of(e).toJson(), headers);
    }

    /** The same reply with another status. */
    Reply withStatus(int other) {
        return new Reply(other, headers, body, contentType);
    }

    /** The same reply with more headers. */
    Reply with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Reply(status, all, body, contentType);
    }
}
