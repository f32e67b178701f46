package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.Policy;
import io.aerolog.client.WriteResult;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.protocol.ErrorBody;
import io.aerolog.protocol.HttpStatus;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.KeyJson;
import io.aerolog.protocol.OperationJson;
import io.aerolog.protocol.RecordJson;
import io.aerolog.protocol.Replica;
import io.aerolog.protocol.RestApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The client's requests on the HTTP API: paths and query parameters of keys and policies, bodies of
 * bins, operations and batches, and what answers and error bodies mean to the caller. The JSON shapes
 * themselves are the protocol module's, shared with the node. Pure functions.
 */
final class RestRequests {
    static final ObjectMapper JSON = JsonValues.mapper();

    private RestRequests() {
    }

    /** The path of a key under {@code prefix} ({@link RestApi#KVS} or {@link RestApi#OPERATE}), with its keytype. */
    static Query keyPath(String prefix, Key key) {
        StringBuilder path = new StringBuilder(prefix).append('/').append(segment(key.namespace()));
        if (!key.set().isEmpty()) {
            path.append('/').append(segment(key.set()));
        }
        Query q = new Query(path.append('/').append(segment(KeyJson.text(key))).toString());
        KeyJson.KeyType type = KeyJson.typeOf(key);
        return type == KeyJson.KeyType.STRING ? q : q.add("keytype", type.name());
    }

    /** A path and its query parameters, percent-encoded. */
    static final class Query {
        private final String path;
        private final StringJoiner params = new StringJoiner("&");

        Query(String path) {
            this.path = path;
        }

        Query add(String name, String value) {
            if (value != null) {
                params.add(name + "=" + segment(value));
            }
            return this;
        }

        @Override
        public String toString() {
            return params.length() == 0 ? path : path + "?" + params;
        }
    }

    /** Adds the record-level write options, leaving out those at the node's default. */
    static Query writeParams(Query q, WritePolicy w) {
        q.add("recordExistsAction", w.recordExistsAction().name());
        if (w.generationPolicy() != GenerationPolicy.NONE) {
            q.add("generationPolicy", w.generationPolicy().name()).add("generation", Integer.toString(w.generation()));
        }
        if (w.expiration() != WritePolicy.TTL_NAMESPACE_DEFAULT) {
            q.add("expiration", Integer.toString(w.expiration()));
        }
        if (w.sendKey()) {
            q.add("sendKey", "true");
        }
        if (w.durableDelete()) {
            q.add("durableDelete", "true");
        }
        return q;
    }

    /** Adds a read's consistency token and replica, leaving out the defaults. */
    static Query readParams(Query q, Policy p) {
        q.add(RestApi.CONSISTENCY_TOKEN_PARAM, p.consistencyToken());
        if (p.replica() != Replica.MASTER) {
            q.add("replica", p.replica().name());
        }
        return q;
    }

    static String binList(String[] binNames) {
        StringJoiner j = new StringJoiner(",");
        for (String b : binNames) {
            j.add(b);
        }
        return j.toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String segment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    static byte[] binsBody(Bin[] bins) {
        Map<String, Value> map = new LinkedHashMap<>();
        for (Bin b : bins) {
            map.put(b.name(), b.value());
        }
        return bytes(JsonValues.binsToJson(map));
    }

    static byte[] operateBody(Operation[] ops) {
        ArrayNode a = JSON.createArrayNode();
        for (Operation op : ops) {
            a.add(OperationJson.toJson(op));
        }
        return bytes(a);
    }

    /** A batch read of {@code keys} at {@code indexes}: all bins, or {@code binNames} when not null. */
    static byte[] batchBody(Key[] keys, int[] indexes, String[] binNames) {
        ArrayNode a = JSON.createArrayNode();
        for (int i : indexes) {
            var item = a.addObject();
            item.set("key", KeyJson.toJson(keys[i]));
            if (binNames == null) {
                item.put("readAllBins", true);
            } else {
                ArrayNode names = item.putArray("binNames");
                for (String b : binNames) {
                    names.add(b);
                }
            }
        }
        return bytes(a);
    }

    static ClientRecord record(JsonNode node, String where) {
        RecordJson.Read r = RecordJson.read(node, where);
        return new ClientRecord(r.bins(), r.generation(), r.ttlSeconds());
    }

    static WriteResult writeResult(JsonNode node, String where) {
        RecordJson.Written w = RecordJson.written(node, where);
        return new WriteResult(w.generation(), w.ttlSeconds(), w.consistencyToken());
    }

    static JsonNode parse(byte[] body, String where) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AerologException(ResultCode.PARSE_ERROR, where + " answered with a body that is not JSON: "
                    + e.getMessage());
        }
    }

    /**
     * The failure a non-2xx answer stands for: the node's error body when there is one, else a result
     * code fitting the status (a HEAD answer has no body). A 5xx without a body is in doubt for a write.
     */
    static AerologException error(int status, byte[] body, String node, boolean write) {
        JsonNode json = null;
        if (body != null && body.length > 0) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        ErrorBody error = ErrorBody.parse(json);
        if (error != null) {
            return error.toException();
        }
        ResultCode code = HttpStatus.resultCodeOf(status);
        String text = body == null || body.length == 0 ? "" : ": "
                + JsonValues.abbreviate(new String(body, StandardCharsets.UTF_8));
        boolean inDoubt = write && status >= 500 && code != ResultCode.PARTITION_UNAVAILABLE;
        return new AerologException(code, "node " + node + " answered HTTP " + status + text, inDoubt, null);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AerologException(ResultCode.SERIALIZE_ERROR, "could not encode " + e.getMessage());
        }
    }
}
