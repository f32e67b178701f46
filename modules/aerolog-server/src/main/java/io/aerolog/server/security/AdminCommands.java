package io.aerolog.server.security;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Aerospike's user and role administration, as its clients send it: create and drop users, set and
 * change passwords, grant and revoke roles, create and drop roles, grant and revoke privileges, and the
 * user and role queries, with Aerospike's result codes. Each command first reads the security topic up
 * to its end (so that it judges by what every node has committed), checks the caller's permission
 * (user-admin, except changing or querying oneself), then validates and writes its records in one
 * transaction. Runs on the node's one admin thread: commands of this node apply one at a time.
 *
 * <p>Not served: IP allow-lists on roles (UNSUPPORTED_FEATURE) and rate quotas (QUOTAS_NOT_ENABLED, as a
 * server without {@code enable-quotas} answers); clearing either is accepted, as there is nothing to clear.
 */
final class AdminCommands {
    /** The most users and user-defined roles a cluster may have, and the most roles per user or privileges per role. */
    static final int MAX_USERS = 65_536;
    static final int MAX_ROLES = 4_096;
    static final int MAX_PER_ENTITY = 255;

    private final SecurityTopic topic;
    private final Passwords passwords;
    private final Duration timeout;
    private final ToIntFunction<String> connections;
    private final SecureRandom random = new SecureRandom();

    AdminCommands(SecurityTopic topic, Passwords passwords, Duration timeout, ToIntFunction<String> connections) {
        this.topic = topic;
        this.passwords = passwords;
        this.timeout = timeout;
        this.connections = connections;
    }

    /** Runs {@code m} for {@code caller}; the reply frame, a refusal's code included. Blocks (the admin thread). */
    byte[] run(String caller, AdminMessage m) {
        try {
            topic.catchUp(timeout);
            SecurityState s = topic.state();
            if (caller == null || s.user(caller) == null) {
                throw new AerologException(ResultCode.NOT_AUTHENTICATED, "log in before administering users and roles");
            }
            boolean userAdmin = s.grants(caller).allowsGlobally(Permission.USER_ADMIN.bit());
            return switch (m.command()) {
                case AdminMessage.CREATE_USER -> done(createUser(s, admin(userAdmin, m)));
                case AdminMessage.DROP_USER -> done(dropUser(s, admin(userAdmin, m)));
                case AdminMessage.SET_PASSWORD -> done(setPassword(s, admin(userAdmin, m)));
                case AdminMessage.CHANGE_PASSWORD -> done(changePassword(s, caller, userAdmin, m));
                case AdminMessage.GRANT_ROLES -> done(grantRoles(s, admin(userAdmin, m)));
                case AdminMessage.REVOKE_ROLES -> done(revokeRoles(s, admin(userAdmin, m)));
                case AdminMessage.CREATE_ROLE -> done(createRole(s, admin(userAdmin, m)));
                case AdminMessage.DROP_ROLE -> done(dropRole(s, admin(userAdmin, m)));
                case AdminMessage.GRANT_PRIVILEGES -> done(grantPrivileges(s, admin(userAdmin, m)));
                case AdminMessage.REVOKE_PRIVILEGES -> done(revokePrivileges(s, admin(userAdmin, m)));
                case AdminMessage.SET_WHITELIST -> done(setWhitelist(s, admin(userAdmin, m)));
                case AdminMessage.SET_QUOTAS -> done(setQuotas(s, admin(userAdmin, m)));
                case AdminMessage.QUERY_USERS -> queryUsers(s, caller, userAdmin, m);
                case AdminMessage.QUERY_ROLES -> queryRoles(s, caller, userAdmin, m);
                default -> throw new AerologException(ResultCode.INVALID_COMMAND, "security command " + m.command()
                        + " is not one this node serves");
            };
        } catch (AerologException e) {
            return AdminReplies.result(e.resultCode().code() > 0 ? e.resultCode() : ResultCode.SERVER_ERROR);
        }
    }

    private static AdminMessage admin(boolean userAdmin, AdminMessage m) {
        if (!userAdmin) {
            throw new AerologException(ResultCode.ROLE_VIOLATION, "administering users and roles needs user-admin");
        }
        return m;
    }

    private byte[] done(List<SecurityRecords.Entry> entries) {
        topic.write(entries, timeout);
        return AdminReplies.result(ResultCode.OK);
    }

    // ---- users

    private List<SecurityRecords.Entry> createUser(SecurityState s, AdminMessage m) {
        String name = userName(m);
        if (s.user(name) != null) {
            throw new AerologException(ResultCode.USER_ALREADY_EXISTS, "user " + name + " exists");
        }
        if (s.userCount() >= MAX_USERS) {
            throw new AerologException(ResultCode.INVALID_USER, "the cluster has " + MAX_USERS + " users, its most");
        }
        String hash = clientHash(m.text(AdminMessage.PASSWORD));
        List<String> roles = m.roles() == null ? List.of() : distinct(m.roles());
        List<Role> granted = existingRoles(s, roles);
        String id = newId();
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        entries.add(SecurityRecords.user(name, id, passwords.store(hash)));
        for (Role r : granted) {
            entries.add(SecurityRecords.grant(name, id, r.name(), r.id()));
        }
        return entries;
    }

    private List<SecurityRecords.Entry> dropUser(SecurityState s, AdminMessage m) {
        User u = existingUser(s, userName(m));
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        entries.add(SecurityRecords.dropUser(u.name()));
        for (String role : u.roles()) {
            entries.add(SecurityRecords.revoke(u.name(), role));
        }
        return entries;
    }

    private List<SecurityRecords.Entry> setPassword(SecurityState s, AdminMessage m) {
        User u = existingUser(s, userName(m));
        String hash = clientHash(m.text(AdminMessage.PASSWORD));
        if (Passwords.matches(hash, u.passwordHash())) {
            throw new AerologException(ResultCode.FORBIDDEN_PASSWORD, "the new password is the current one");
        }
        return List.of(SecurityRecords.user(u.name(), u.id(), passwords.store(hash)));
    }

    private List<SecurityRecords.Entry> changePassword(SecurityState s, String caller, boolean userAdmin, AdminMessage m) {
        String name = userName(m);
        if (!name.equals(caller) && !userAdmin) {
            throw new AerologException(ResultCode.ROLE_VIOLATION, "changing another user's password needs user-admin");
        }
        User u = existingUser(s, name);
        String old = m.text(AdminMessage.OLD_PASSWORD);
        if (!Passwords.isClientHash(old) || !Passwords.matches(old, u.passwordHash())) {
            throw new AerologException(ResultCode.INVALID_PASSWORD, "the old password is not user " + name + "'s");
        }
        String hash = clientHash(m.text(AdminMessage.PASSWORD));
        if (hash.equals(old)) {
            throw new AerologException(ResultCode.FORBIDDEN_PASSWORD, "the new password is the current one");
        }
        return List.of(SecurityRecords.user(u.name(), u.id(), passwords.store(hash)));
    }

    private List<SecurityRecords.Entry> grantRoles(SecurityState s, AdminMessage m) {
        User u = existingUser(s, userName(m));
        List<Role> roles = existingRoles(s, requiredRoles(m));
        Set<String> after = new LinkedHashSet<>(u.roles());
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        for (Role r : roles) {
            if (after.add(r.name())) {
                entries.add(SecurityRecords.grant(u.name(), u.id(), r.name(), r.id()));
            }
        }
        if (after.size() > MAX_PER_ENTITY) {
            throw new AerologException(ResultCode.INVALID_ROLE, "a user has at most " + MAX_PER_ENTITY + " roles");
        }
        return entries;
    }

    private List<SecurityRecords.Entry> revokeRoles(SecurityState s, AdminMessage m) {
        User u = existingUser(s, userName(m));
        List<Role> roles = existingRoles(s, requiredRoles(m));
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        for (Role r : roles) {
            if (u.roles().contains(r.name())) {
                entries.add(SecurityRecords.revoke(u.name(), r.name()));
            }
        }
        return entries;
    }

    private byte[] queryUsers(SecurityState s, String caller, boolean userAdmin, AdminMessage m) {
        if (!m.has(AdminMessage.USER)) {
            admin(userAdmin, m);
            return AdminReplies.users(s.users(), connections);
        }
        String name = userName(m);
        if (!name.equals(caller)) {
            admin(userAdmin, m);
        }
        return AdminReplies.users(List.of(existingUser(s, name)), connections);
    }

    // ---- roles

    private List<SecurityRecords.Entry> createRole(SecurityState s, AdminMessage m) {
        String name = roleName(m.text(AdminMessage.ROLE));
        if (s.role(name) != null) {
            throw new AerologException(ResultCode.ROLE_ALREADY_EXISTS, "role " + name + " exists");
        }
        refuseWhitelistAndQuotas(m);
        if (s.customRoleCount() >= MAX_ROLES) {
            throw new AerologException(ResultCode.INVALID_ROLE, "the cluster has " + MAX_ROLES + " roles, its most");
        }
        List<Privilege> privileges = m.privileges() == null ? List.of() : distinct(m.privileges());
        if (privileges.size() > MAX_PER_ENTITY) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "a role has at most " + MAX_PER_ENTITY
                    + " privileges");
        }
        String id = newId();
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        entries.add(SecurityRecords.role(name, id));
        for (Privilege p : privileges) {
            entries.add(SecurityRecords.privilege(name, id, p));
        }
        return entries;
    }

    private List<SecurityRecords.Entry> dropRole(SecurityState s, AdminMessage m) {
        Role role = customRole(s, m);
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        entries.add(SecurityRecords.dropRole(role.name()));
        for (Privilege p : role.privileges()) {
            entries.add(SecurityRecords.revokePrivilege(role.name(), p));
        }
        for (User u : s.users()) {
            if (u.roles().contains(role.name())) {
                entries.add(SecurityRecords.revoke(u.name(), role.name()));
            }
        }
        return entries;
    }

    private List<SecurityRecords.Entry> grantPrivileges(SecurityState s, AdminMessage m) {
        Role role = customRole(s, m);
        List<Privilege> privileges = requiredPrivileges(m);
        Set<Privilege> after = new LinkedHashSet<>(role.privileges());
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        for (Privilege p : privileges) {
            if (after.add(p)) {
                entries.add(SecurityRecords.privilege(role.name(), role.id(), p));
            }
        }
        if (after.size() > MAX_PER_ENTITY) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "a role has at most " + MAX_PER_ENTITY
                    + " privileges");
        }
        return entries;
    }

    private List<SecurityRecords.Entry> revokePrivileges(SecurityState s, AdminMessage m) {
        Role role = customRole(s, m);
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        for (Privilege p : requiredPrivileges(m)) {
            if (role.privileges().contains(p)) {
                entries.add(SecurityRecords.revokePrivilege(role.name(), p));
            }
        }
        return entries;
    }

    private List<SecurityRecords.Entry> setWhitelist(SecurityState s, AdminMessage m) {
        customRole(s, m);
        refuseWhitelistAndQuotas(m);
        return List.of();
    }

    private List<SecurityRecords.Entry> setQuotas(SecurityState s, AdminMessage m) {
        customRole(s, m);
        refuseWhitelistAndQuotas(m);
        return List.of();
    }

    private byte[] queryRoles(SecurityState s, String caller, boolean userAdmin, AdminMessage m) {
        if (!m.has(AdminMessage.ROLE)) {
            admin(userAdmin, m);
            return AdminReplies.roles(s.roles());
        }
        String name = roleName(m.text(AdminMessage.ROLE));
        Role role = s.role(name);
        if (role == null) {
            throw new AerologException(ResultCode.INVALID_ROLE, "no role " + name);
        }
        if (!s.user(caller).roles().contains(name)) {
            admin(userAdmin, m);
        }
        return AdminReplies.roles(List.of(role));
    }

    // ---- checks

    private static void refuseWhitelistAndQuotas(AdminMessage m) {
        byte[] whitelist = m.bytes(AdminMessage.WHITELIST);
        if (whitelist != null && whitelist.length > 0) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "IP allow-lists on roles are not served");
        }
        if (m.integer(AdminMessage.READ_QUOTA, 0) != 0 || m.integer(AdminMessage.WRITE_QUOTA, 0) != 0) {
            throw new AerologException(ResultCode.QUOTAS_NOT_ENABLED, "rate quotas on roles are not enforced by Aerolog");
        }
    }

    private static String userName(AdminMessage m) {
        String name = m.text(AdminMessage.USER);
        if (!validName(name)) {
            throw new AerologException(ResultCode.INVALID_USER, "a user name is 1 to " + AdminMessage.MAX_NAME_BYTES
                    + " bytes");
        }
        return name;
    }

    private static String roleName(String name) {
        if (!validName(name)) {
            throw new AerologException(ResultCode.INVALID_ROLE, "a role name is 1 to " + AdminMessage.MAX_NAME_BYTES
                    + " bytes");
        }
        return name;
    }

    static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.getBytes(StandardCharsets.UTF_8).length <= AdminMessage.MAX_NAME_BYTES
                && name.indexOf('\0') < 0;
    }

    private static User existingUser(SecurityState s, String name) {
        User u = s.user(name);
        if (u == null) {
            throw new AerologException(ResultCode.INVALID_USER, "no user " + name);
        }
        return u;
    }

    private static List<String> requiredRoles(AdminMessage m) {
        List<String> roles = m.roles();
        if (roles == null || roles.isEmpty()) {
            throw new AerologException(ResultCode.INVALID_ROLE, "no roles given");
        }
        return distinct(roles);
    }

    private static List<Role> existingRoles(SecurityState s, List<String> names) {
        List<Role> roles = new ArrayList<>();
        for (String name : names) {
            Role r = s.role(roleName(name));
            if (r == null) {
                throw new AerologException(ResultCode.INVALID_ROLE, "no role " + name);
            }
            roles.add(r);
        }
        return roles;
    }

    private static Role customRole(SecurityState s, AdminMessage m) {
        String name = roleName(m.text(AdminMessage.ROLE));
        Role role = s.role(name);
        if (role == null || role.predefined()) {
            throw new AerologException(ResultCode.INVALID_ROLE, role == null ? "no role " + name
                    : "role " + name + " is predefined: it cannot be changed or dropped");
        }
        return role;
    }

    private static List<Privilege> requiredPrivileges(AdminMessage m) {
        List<Privilege> privileges = m.privileges();
        if (privileges == null || privileges.isEmpty()) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "no privileges given");
        }
        return distinct(privileges);
    }

    private static String clientHash(String hash) {
        if (!Passwords.isClientHash(hash)) {
            throw new AerologException(ResultCode.INVALID_PASSWORD, "a password is sent as Aerospike's clients hash it");
        }
        return hash;
    }

    private static <T> List<T> distinct(List<T> items) {
        return List.copyOf(new LinkedHashSet<>(items));
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
