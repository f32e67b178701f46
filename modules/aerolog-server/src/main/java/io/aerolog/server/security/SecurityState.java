package io.aerolog.server.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's users and roles as this node last read them from the security topic: immutable, replaced
 * whole when the topic moves, so that any thread reads it without locks. Also the cluster's secret (which
 * signs session tokens and node-to-node requests), absent until the first node has written one.
 */
public final class SecurityState {
    private static final Map<String, Role> PREDEFINED = predefined();
    static final SecurityState EMPTY = new SecurityState(Map.of(), Map.of(), null);

    private final Map<String, User> users;
    private final Map<String, Role> roles;
    private final byte[] secret;
    private final Map<String, Grants> grants = new ConcurrentHashMap<>();

    SecurityState(Map<String, User> users, Map<String, Role> customRoles, byte[] secret) {
        this.users = Map.copyOf(users);
        Map<String, Role> all = new TreeMap<>(PREDEFINED);
        all.putAll(customRoles);
        this.roles = java.util.Collections.unmodifiableMap(all);
        this.secret = secret;
    }

    private static Map<String, Role> predefined() {
        Map<String, Role> m = new LinkedHashMap<>();
        for (PrivilegeCode c : PrivilegeCode.values()) {
            m.put(c.roleName(), Role.predefined(c));
        }
        return Map.copyOf(m);
    }

    /** The user named {@code name}, or null. */
    public User user(String name) {
        return users.get(name);
    }

    /** Every user, in name order. */
    public List<User> users() {
        return new ArrayList<>(new TreeMap<>(users).values());
    }

    /** The role named {@code name} (predefined or not), or null. */
    public Role role(String name) {
        return roles.get(name);
    }

    /** Every role, predefined ones included, in name order. */
    public List<Role> roles() {
        return new ArrayList<>(roles.values());
    }

    public int userCount() {
        return users.size();
    }

    /** The number of roles users have created. */
    public int customRoleCount() {
        return roles.size() - PREDEFINED.size();
    }

    /** The cluster's secret, or null before a node has written one. */
    byte[] secret() {
        return secret;
    }

    /** What {@code user} may do now, from its roles; nothing for a user that does not exist. */
    Grants grants(String user) {
        return grants.computeIfAbsent(user, name -> {
            User u = users.get(name);
            if (u == null) {
                return Grants.NONE;
            }
            List<Privilege> privileges = new ArrayList<>();
            for (String roleName : u.roles()) {
                Role role = roles.get(roleName);
                if (role != null) {
                    privileges.addAll(role.privileges());
                }
            }
            return new Grants(privileges);
        });
    }
}
