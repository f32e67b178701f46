package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.Base64;
import java.util.Locale;

/**
 * Keys in the HTTP API, as Aerospike's REST gateway writes them: in a path, the user key's text and a
 * {@code keytype} parameter (STRING, the default; INTEGER; BYTES and DIGEST in base64); in a batch item,
 * {@code {"namespace": "test", "setName": "users", "userKey": "ada", "keytype": "STRING"}}.
 */
public final class KeyJson {
    /** How a key's text reads. */
    public enum KeyType { STRING, INTEGER, BYTES, DIGEST }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private KeyJson() {
    }

    /** The key type of {@code key}: its user key's, or DIGEST when it is known by digest only. */
    public static KeyType typeOf(Key key) {
        Value user = key.userKey();
        if (user instanceof Value.StringValue) {
            return KeyType.STRING;
        } else if (user instanceof Value.IntegerValue) {
            return KeyType.INTEGER;
        } else if (user instanceof Value.BytesValue) {
            return KeyType.BYTES;
        }
        return KeyType.DIGEST;
    }

    /** The key's text as a path or a batch item carries it (bytes and digests in URL-safe base64). */
    public static String text(Key key) {
        Value user = key.userKey();
        if (user instanceof Value.StringValue s) {
            return s.value();
        } else if (user instanceof Value.IntegerValue i) {
            return Long.toString(i.value());
        } else if (user instanceof Value.BytesValue b) {
            return B64.encodeToString(b.value());
        }
        return B64.encodeToString(key.digest().bytes());
    }

    /**
     * The key a path names: namespace, set ("" for none), the user key's text and its {@code keytype}
     * (null for STRING).
     *
     * @throws AerologException PARAMETER_ERROR when the text is not of the type, or the type is unknown
     */
    public static Key parse(String namespace, String set, String text, String keytype) {
        String type = keytype == null ? "STRING" : keytype.toUpperCase(Locale.ROOT);
        switch (type) {
            case "STRING":
                return Key.of(namespace, set, text);
            case "INTEGER":
                try {
                    return Key.of(namespace, set, Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "key '" + JsonValues.abbreviate(text)
                            + "' is not a 64-bit integer, as keytype=INTEGER requires");
                }
            case "BYTES":
                return Key.of(namespace, set, JsonValues.decodeBase64(text, "key"));
            case "DIGEST":
                byte[] digest = JsonValues.decodeBase64(text, "key");
                if (digest.length != Digest.SIZE) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "a DIGEST key is the base64 of 20 bytes, got "
                            + digest.length + " bytes");
                }
                return Key.ofDigest(namespace, set, Digest.of(digest));
            default:
                throw new AerologException(ResultCode.PARAMETER_ERROR, "keytype '" + JsonValues.abbreviate(keytype)
                        + "' is not one of STRING, INTEGER, BYTES, DIGEST");
        }
    }

    /** A batch item's key object. */
    public static ObjectNode toJson(Key key) {
        ObjectNode k = JsonNodeFactory.instance.objectNode();
        k.put("namespace", key.namespace());
        k.put("setName", key.set());
        if (key.userKey() instanceof Value.IntegerValue i) {
            k.put("userKey", i.value());
        } else {
            k.put("userKey", text(key));
        }
        k.put("keytype", typeOf(key).name());
        return k;
    }

    /**
     * The key of a batch item's key object; {@code keytype} defaults to INTEGER for a JSON number and
     * STRING otherwise. {@code where} names the item in errors.
     */
    public static Key fromJson(JsonNode k, String where) {
        if (k == null || !k.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + " needs a \"key\" object");
        }
        JsonNode ns = k.get("namespace");
        if (ns == null || !ns.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": key needs a \"namespace\" string");
        }
        JsonNode setNode = k.has("setName") ? k.get("setName") : k.get("set");
        if (setNode != null && !setNode.isNull() && !setNode.isTextual()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": key's \"setName\" must be a string");
        }
        String set = setNode == null || setNode.isNull() ? "" : setNode.textValue();
        JsonNode userKey = k.get("userKey");
        if (userKey == null || userKey.isNull() || !(userKey.isTextual() || userKey.isIntegralNumber())) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where
                    + ": key needs a \"userKey\" string or integer");
        }
        JsonNode keytype = k.get("keytype");
        String type = keytype != null && keytype.isTextual() ? keytype.textValue()
                : userKey.isIntegralNumber() ? "INTEGER" : "STRING";
        return parse(ns.textValue(), set, userKey.asText(), type);
    }
}
