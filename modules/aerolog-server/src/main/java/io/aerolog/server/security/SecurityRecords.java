package io.aerolog.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The records of the security topic: one per user (its identity and password hash), per role granted to
 * a user, per user-defined role, per privilege of such a role, and the cluster's secret. Keys are JSON
 * arrays ({@code ["grant","alice","read-write"]}) so that any name is safe in them; values are JSON
 * objects, and a null value (a tombstone) drops the key. One key per grant and per privilege, as
 * Aerospike keeps them in its system metadata, so that changes made on two nodes at once to different
 * grants of one user both hold. A grant or privilege carries the identity of the user and role it was
 * made for: one left behind by a user or role dropped meanwhile is ignored, and does not come back with
 * a new user or role of the same name.
 */
final class SecurityRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One record: its key, and its value or null for a tombstone. */
    record Entry(String key, byte[] value) {
    }

    private SecurityRecords() {
    }

    static Entry user(String name, String id, String passwordHash) {
        ObjectNode v = JSON.createObjectNode().put("id", id).put("hash", passwordHash);
        return new Entry(key("user", name), bytes(v));
    }

    static Entry dropUser(String name) {
        return new Entry(key("user", name), null);
    }

    /** {@code role} granted to {@code user}; {@code roleId} is "" for a predefined role. */
    static Entry grant(String user, String userId, String role, String roleId) {
        ObjectNode v = JSON.createObjectNode().put("user", userId).put("role", roleId);
        return new Entry(key("grant", user, role), bytes(v));
    }

    static Entry revoke(String user, String role) {
        return new Entry(key("grant", user, role), null);
    }

    static Entry role(String name, String id) {
        return new Entry(key("role", name), bytes(JSON.createObjectNode().put("id", id)));
    }

    static Entry dropRole(String name) {
        return new Entry(key("role", name), null);
    }

    static Entry privilege(String role, String roleId, Privilege p) {
        return new Entry(privilegeKey(role, p), bytes(JSON.createObjectNode().put("role", roleId)));
    }

    static Entry revokePrivilege(String role, Privilege p) {
        return new Entry(privilegeKey(role, p), null);
    }

    static Entry secret(byte[] secret) {
        return new Entry(key("secret"), bytes(JSON.createObjectNode().put("secret",
                Base64.getEncoder().encodeToString(secret))));
    }

    private static String privilegeKey(String role, Privilege p) {
        return key("privilege", role, Integer.toString(p.code().id()), p.namespace(), p.set());
    }

    static String key(String... parts) {
        ArrayNode a = JSON.createArrayNode();
        for (String p : parts) {
            a.add(p);
        }
        return a.toString();
    }

    /** The parts of a key, or null when it is not one of these records'. */
    static List<String> parts(String key) {
        try {
            JsonNode node = JSON.readTree(key);
            if (node == null || !node.isArray() || node.isEmpty()) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode p : node) {
                if (!p.isTextual()) {
                    return null;
                }
                parts.add(p.asText());
            }
            return parts;
        } catch (IOException e) {
            return null;
        }
    }

    /** A value's JSON, or null when it is not a JSON object. */
    static JsonNode value(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode v = JSON.readTree(value);
            return v != null && v.isObject() ? v : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode v) {
        try {
            return JSON.writeValueAsString(v).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
