package io.aerolog.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The security topic's records folded as they are read (by the one thread that reads the topic), and
 * turned into an immutable {@link SecurityState} whenever it has moved. A grant or privilege counts only
 * while the user and role it was made for still exist as the same incarnation (see
 * {@link SecurityRecords}). A record this node cannot read is skipped and counted, never guessed at.
 */
final class SecurityTables {
    private record UserRecord(String id, String hash) {
    }

    private record GrantRecord(String userId, String roleId) {
    }

    private final Map<String, UserRecord> users = new HashMap<>();
    private final Map<String, Map<String, GrantRecord>> grants = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private final Map<String, Map<Privilege, String>> privileges = new HashMap<>();
    private byte[] secret;
    private long unreadable;

    /** Folds one record in; false (and counted) when it is not one this node can read. */
    boolean apply(String key, byte[] value) {
        List<String> k = key == null ? null : SecurityRecords.parts(key);
        JsonNode v = SecurityRecords.value(value);
        if (k == null || (value != null && v == null)) {
            unreadable++;
            return false;
        }
        boolean tombstone = value == null;
        switch (k.get(0)) {
            case "user" -> {
                if (k.size() != 2 || (!tombstone && (!v.path("id").isTextual() || !v.path("hash").isTextual()))) {
                    return unread();
                }
                if (tombstone) {
                    users.remove(k.get(1));
                } else {
                    users.put(k.get(1), new UserRecord(v.get("id").asText(), v.get("hash").asText()));
                }
            }
            case "grant" -> {
                if (k.size() != 3 || (!tombstone && (!v.path("user").isTextual() || !v.path("role").isTextual()))) {
                    return unread();
                }
                if (tombstone) {
                    Map<String, GrantRecord> of = grants.get(k.get(1));
                    if (of != null) {
                        of.remove(k.get(2));
                        if (of.isEmpty()) {
                            grants.remove(k.get(1));
                        }
                    }
                } else {
                    grants.computeIfAbsent(k.get(1), u -> new LinkedHashMap<>())
                            .put(k.get(2), new GrantRecord(v.get("user").asText(), v.get("role").asText()));
                }
            }
            case "role" -> {
                if (k.size() != 2 || (!tombstone && !v.path("id").isTextual())) {
                    return unread();
                }
                if (tombstone) {
                    roles.remove(k.get(1));
                } else {
                    roles.put(k.get(1), v.get("id").asText());
                }
            }
            case "privilege" -> {
                if (k.size() != 5 || (!tombstone && !v.path("role").isTextual())) {
                    return unread();
                }
                Privilege p;
                try {
                    PrivilegeCode code = PrivilegeCode.of(Integer.parseInt(k.get(2)));
                    p = new Privilege(code, k.get(3), k.get(4));
                } catch (RuntimeException e) {
                    return unread();
                }
                if (tombstone) {
                    Map<Privilege, String> of = privileges.get(k.get(1));
                    if (of != null) {
                        of.remove(p);
                        if (of.isEmpty()) {
                            privileges.remove(k.get(1));
                        }
                    }
                } else {
                    privileges.computeIfAbsent(k.get(1), r -> new LinkedHashMap<>()).put(p, v.get("role").asText());
                }
            }
            case "secret" -> {
                if (tombstone || !v.path("secret").isTextual()) {
                    return unread();
                }
                try {
                    secret = Base64.getDecoder().decode(v.get("secret").asText());
                } catch (IllegalArgumentException e) {
                    return unread();
                }
            }
            default -> {
                return unread();
            }
        }
        return true;
    }

    private boolean unread() {
        unreadable++;
        return false;
    }

    /** Records skipped because this node could not read them. */
    long unreadable() {
        return unreadable;
    }

    /** The users and roles as they stand now. */
    SecurityState snapshot() {
        Map<String, Role> custom = new HashMap<>();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            List<Privilege> held = new ArrayList<>();
            Map<Privilege, String> of = privileges.getOrDefault(role.getKey(), Map.of());
            for (Map.Entry<Privilege, String> p : of.entrySet()) {
                if (p.getValue().equals(role.getValue())) {
                    held.add(p.getKey());
                }
            }
            if (PrivilegeCode.ofRoleName(role.getKey()) == null) {
                custom.put(role.getKey(), new Role(role.getKey(), role.getValue(), held, false));
            }
        }
        Map<String, User> all = new HashMap<>();
        for (Map.Entry<String, UserRecord> u : users.entrySet()) {
            TreeSet<String> names = new TreeSet<>();
            for (Map.Entry<String, GrantRecord> g : grants.getOrDefault(u.getKey(), Map.of()).entrySet()) {
                GrantRecord grant = g.getValue();
                if (!grant.userId().equals(u.getValue().id())) {
                    continue;
                }
                boolean predefined = PrivilegeCode.ofRoleName(g.getKey()) != null;
                if (predefined ? grant.roleId().isEmpty() : grant.roleId().equals(roles.get(g.getKey()))) {
                    names.add(g.getKey());
                }
            }
            all.put(u.getKey(), new User(u.getKey(), u.getValue().id(), u.getValue().hash(), new ArrayList<>(names)));
        }
        return new SecurityState(all, custom, secret);
    }
}
