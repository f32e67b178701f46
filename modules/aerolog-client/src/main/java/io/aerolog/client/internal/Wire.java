package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.WriteResult;
import io.aerolog.client.json.JsonValues;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The client's side of the HTTP API: paths and query parameters of keys and policies, bodies of
 * bins, operations and batches, and the parsing of answers and error bodies. Pure functions.
 */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Wire() {
    }

    /** The path of a key under {@code prefix} ({@code /v1/kvs} or {@code /v1/operate}), with its keytype parameter. */
    static Query keyPath(String prefix, Key key) {
        StringBuilder path = new StringBuilder(prefix).append('/').append(segment(key.namespace()));
        if (!key.set().isEmpty()) {
            path.append('/').append(segment(key.set()));
        }
        Value user = key.userKey();
        Query q;
        if (user instanceof Value.StringValue s) {
            q = new Query(path.append('/').append(segment(s.value())).toString());
        } else if (user instanceof Value.IntegerValue i) {
            q = new Query(path.append('/').append(i.value()).toString()).add("keytype", "INTEGER");
        } else if (user instanceof Value.BytesValue b) {
            q = new Query(path.append('/').append(B64.encodeToString(b.value())).toString()).add("keytype", "BYTES");
        } else {
            q = new Query(path.append('/').append(B64.encodeToString(key.digest().bytes())).toString())
                    .add("keytype", "DIGEST");
        }
        return q;
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
        return bytes(JsonValues.binsToJson(map, JSON));
    }

    /** An operation in the REST gateway's form, {@code {"operation": "ADD", "opValues": {"bin": "x", "incr": 1}}}. */
    static ObjectNode operationJson(Operation op) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode values = JSON.createObjectNode();
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
                    + " operations are not sent over HTTP by this client yet");
        };
        o.put("operation", name);
        if (op.bin() != null) {
            values.put("bin", op.bin());
        }
        if (op.value() != null) {
            values.set(op.type() == io.aerolog.core.OperationType.ADD ? "incr" : "value",
                    JsonValues.toJson(op.value(), JSON));
        }
        if (!values.isEmpty()) {
            o.set("opValues", values);
        }
        return o;
    }

    static byte[] operateBody(Operation[] ops) {
        ArrayNode a = JSON.createArrayNode();
        for (Operation op : ops) {
            a.add(operationJson(op));
        }
        return bytes(a);
    }

    /** A batch item's key: {@code {"namespace", "setName", "userKey", "keytype"}}. */
    static ObjectNode batchKey(Key key) {
        ObjectNode k = JSON.createObjectNode();
        k.put("namespace", key.namespace());
        k.put("setName", key.set());
        Value user = key.userKey();
        if (user instanceof Value.StringValue s) {
            k.put("userKey", s.value());
            k.put("keytype", "STRING");
        } else if (user instanceof Value.IntegerValue i) {
            k.put("userKey", i.value());
            k.put("keytype", "INTEGER");
        } else if (user instanceof Value.BytesValue b) {
            k.put("userKey", B64.encodeToString(b.value()));
            k.put("keytype", "BYTES");
        } else {
            k.put("userKey", B64.encodeToString(key.digest().bytes()));
            k.put("keytype", "DIGEST");
        }
        return k;
    }

    static byte[] batchBody(Key[] keys, int[] indexes, String[] binNames) {
        ArrayNode a = JSON.createArrayNode();
        for (int i : indexes) {
            ObjectNode item = a.addObject();
            item.set("key", batchKey(keys[i]));
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

    /** A record from {@code {"bins": {...}, "generation": n, "ttl": s}}. */
    static ClientRecord record(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new AerologException(ResultCode.PARSE_ERROR, where + ": expected a record object, got " + node);
        }
        Map<String, Value> bins = new LinkedHashMap<>();
        var fields = node.path("bins").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            bins.put(f.getKey(), JsonValues.fromJson(f.getValue(), where + " bin '" + f.getKey() + "'"));
        }
        return new ClientRecord(bins, node.path("generation").asInt(), node.path("ttl").asLong(-1));
    }

    static WriteResult writeResult(JsonNode node) {
        return new WriteResult(node.path("generation").asInt(), node.path("ttl").asLong(-1),
                node.path("consistencyToken").asText(null));
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
     * The failure a non-2xx answer stands for: the node's error body {@code {resultCode, name, message,
     * inDoubt}} when there is one, else a result code fitting the status (a HEAD answer has no body).
     * A 5xx without a body is in doubt for a write.
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
        if (json != null && json.isObject() && json.has("resultCode")) {
            int number = json.get("resultCode").asInt();
            ResultCode code = ResultCode.of(number);
            String message = json.path("message").asText("");
            if (code.code() != number) {
                message = "result code " + number + " (" + json.path("name").asText("?") + "): " + message;
            }
            return new AerologException(code, message, json.path("inDoubt").asBoolean(false), null);
        }
        ResultCode code = switch (status) {
            case 400 -> ResultCode.PARAMETER_ERROR;
            case 404 -> ResultCode.KEY_NOT_FOUND_ERROR;
            case 413 -> ResultCode.RECORD_TOO_BIG;
            case 501 -> ResultCode.UNSUPPORTED_FEATURE;
            case 503 -> ResultCode.PARTITION_UNAVAILABLE;
            case 504 -> ResultCode.TIMEOUT;
            default -> ResultCode.SERVER_ERROR;
        };
        String text = body == null || body.length == 0 ? "" : ": "
                + JsonValues.abbreviate(new String(body, StandardCharsets.UTF_8));
        boolean inDoubt = write && status >= 500 && code != ResultCode.PARTITION_UNAVAILABLE;
        return new AerologException(code, "node " + node + " answered HTTP " + status + text, inDoubt, null);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AerologException(ResultCode.SERIALIZE_ERROR, "could not encode " + e.getMessage());
        }
    }
}
