package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.ExpJson;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.KeyJson;
import io.aerolog.protocol.Replica;
import io.aerolog.protocol.RestApi;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the API reads it, taken off the exchange once on the I/O thread: method, path
 * parameters, query parameters and the headers the API reads, and the body once it has arrived.
 * Immutable; the typed accessors refuse malformed parameters with PARAMETER_ERROR, saying which.
 */
record HttpRequest(String method, String path, String queryString, Map<String, List<String>> query,
                   String tokenHeader, boolean forwarded, byte[] body) {
    private static final HttpString TOKEN = new HttpString(RestApi.CONSISTENCY_TOKEN_HEADER);

    HttpRequest {
        body = body == null ? new byte[0] : body;
    }

    static HttpRequest of(HttpServerExchange ex) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) {
            query.put(e.getKey(), List.copyOf(e.getValue()));
        }
        return new HttpRequest(ex.getRequestMethod().toString(), ex.getRequestPath(), ex.getQueryString(),
                Collections.unmodifiableMap(query), ex.getRequestHeaders().getFirst(TOKEN),
                ex.getRequestHeaders().contains(RestApi.FORWARDED_HEADER), null);
    }

    HttpRequest withBody(byte[] bytes) {
        return new HttpRequest(method, path, queryString, query, tokenHeader, forwarded, bytes);
    }

    /** The first value of a query or path parameter, or null. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The key of the path ({ns}/{set}/{key} with keytype); the namespace is checked by the caller. */
    Key key() {
        String set = param("set");
        return KeyJson.parse(param("ns"), set == null ? "" : set, param("key"), param("keytype"));
    }

    /** The read's consistency token (query parameter, else header), or null. */
    ConsistencyToken token() {
        String text = param(RestApi.CONSISTENCY_TOKEN_PARAM);
        if (text == null) {
            text = tokenHeader;
        }
        return text == null ? null : ConsistencyToken.parse(text);
    }

    /** The read's replica policy; a read carrying a consistency token is for the active owner. */
    Replica replica() {
        Replica replica = enumParam("replica", Replica.class, Replica.MASTER);
        return token() != null ? Replica.MASTER : replica;
    }

    /** {@code maxLag}, or -1 when absent. */
    long maxLag() {
        return param("maxLag") == null ? -1 : Math.max(0, intParam("maxLag", 0));
    }

    /** The bins {@code recordBins} names, or null when it is absent. */
    List<String> recordBins() {
        List<String> values = query.get("recordBins");
        if (values == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String v : values) {
            for (String name : v.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    /**
     * The filter expression of the gateway's {@code filterexp} parameter (base64 of the packed expression), or
     * null when there is none.
     */
    Value filter() {
        String text = param("filterexp") != null ? param("filterexp") : param("filterExp");
        return text == null ? null : ExpJson.filter(text, "filterexp");
    }

    /** The batch policy's {@code respondAllKeys}: true unless the request says false. */
    boolean respondAllKeys() {
        return param("respondAllKeys") == null || boolParam("respondAllKeys");
    }

    WritePolicy writePolicy(RecordExistsAction defaultAction) {
        RecordExistsAction action = enumParam("recordExistsAction", RecordExistsAction.class, defaultAction);
        GenerationPolicy genPolicy = enumParam("generationPolicy", GenerationPolicy.class, GenerationPolicy.NONE);
        int generation = intParam("generation", 0);
        if (genPolicy != GenerationPolicy.NONE && param("generation") == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "generationPolicy " + genPolicy
                    + " needs the expected generation in the parameter 'generation'");
        }
        return new WritePolicy(action, genPolicy, generation, intParam("expiration", 0), boolParam("durableDelete"),
                boolParam("sendKey"));
    }

    <E extends Enum<E>> E enumParam(String name, Class<E> type, E dflt) {
        String v = param(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + JsonValues.abbreviate(v)
                    + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    int intParam(String name, int dflt) {
        String v = param(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + JsonValues.abbreviate(v)
                    + "' is not an integer");
        }
    }

    boolean boolParam(String name) {
        String v = param(name);
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + JsonValues.abbreviate(v)
                + "' is not true or false");
    }
}
