package io.aerolog.server.security;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One security message (proto type 2) as Aerospike's clients send it ({@code AdminCommand}): a 16-byte
 * header (scheme 0, result, command, field count, 12 bytes reserved) and its fields, each a 4-byte size
 * (counting the id), a 1-byte id and its data. Only parsing and the fields' shapes; what a command does is
 * {@link AdminCommands}'.
 */
record AdminMessage(int command, Map<Integer, byte[]> fields) {
    // commands
    static final int AUTHENTICATE = 0;
    static final int CREATE_USER = 1;
    static final int DROP_USER = 2;
    static final int SET_PASSWORD = 3;
    static final int CHANGE_PASSWORD = 4;
    static final int GRANT_ROLES = 5;
    static final int REVOKE_ROLES = 6;
    static final int QUERY_USERS = 9;
    static final int CREATE_ROLE = 10;
    static final int DROP_ROLE = 11;
    static final int GRANT_PRIVILEGES = 12;
    static final int REVOKE_PRIVILEGES = 13;
    static final int SET_WHITELIST = 14;
    static final int SET_QUOTAS = 15;
    static final int QUERY_ROLES = 16;
    static final int LOGIN = 20;
    // fields
    static final int USER = 0;
    static final int PASSWORD = 1;
    static final int OLD_PASSWORD = 2;
    static final int CREDENTIAL = 3;
    static final int CLEAR_PASSWORD = 4;
    static final int SESSION_TOKEN = 5;
    static final int SESSION_TTL = 6;
    static final int ROLES = 10;
    static final int ROLE = 11;
    static final int PRIVILEGES = 12;
    static final int WHITELIST = 13;
    static final int READ_QUOTA = 14;
    static final int WRITE_QUOTA = 15;
    static final int CONNECTIONS = 18;

    static final int HEADER_SIZE = 16;
    /** The longest user or role name, in UTF-8 bytes: Aerospike keeps 64 with the terminating zero. */
    static final int MAX_NAME_BYTES = 63;

    /** Parses a security message's body (after the 8-byte proto header). */
    static AdminMessage parse(byte[] body) {
        if (body.length < HEADER_SIZE) {
            throw new AerologException(ResultCode.INVALID_FIELD, "a security message of " + body.length
                    + " bytes is shorter than its 16-byte header");
        }
        if (body[0] != 0) {
            throw new AerologException(ResultCode.SECURITY_SCHEME_NOT_SUPPORTED, "security scheme " + (body[0] & 0xFF)
                    + " (only 0 is Aerospike's)");
        }
        int command = body[2] & 0xFF;
        int n = body[3] & 0xFF;
        Map<Integer, byte[]> fields = new HashMap<>();
        int p = HEADER_SIZE;
        for (int i = 0; i < n; i++) {
            if (p + 5 > body.length) {
                throw new AerologException(ResultCode.INVALID_FIELD, "field " + i + " runs past the message");
            }
            long size = ((body[p] & 0xFFL) << 24) | ((body[p + 1] & 0xFFL) << 16) | ((body[p + 2] & 0xFFL) << 8)
                    | (body[p + 3] & 0xFFL);
            int id = body[p + 4] & 0xFF;
            if (size < 1 || p + 4 + size > body.length) {
                throw new AerologException(ResultCode.INVALID_FIELD, "field " + i + " (id " + id + ") of " + size
                        + " bytes runs past the message");
            }
            byte[] data = new byte[(int) size - 1];
            System.arraycopy(body, p + 5, data, 0, data.length);
            if (fields.put(id, data) != null) {
                throw new AerologException(ResultCode.INVALID_FIELD, "field id " + id + " twice");
            }
            p += 4 + (int) size;
        }
        return new AdminMessage(command, Map.copyOf(fields));
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    /** A text field, or null when absent. */
    String text(int field) {
        byte[] b = fields.get(field);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    byte[] bytes(int field) {
        return fields.get(field);
    }

    /** A 4-byte big-endian integer field, or {@code dflt} when absent. */
    int integer(int field, int dflt) {
        byte[] b = fields.get(field);
        if (b == null) {
            return dflt;
        }
        if (b.length != 4) {
            throw new AerologException(ResultCode.INVALID_FIELD, "field " + field + " of " + b.length
                    + " bytes (an integer is 4)");
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** The role names of the ROLES field: a count, then each name's length and bytes; null when absent. */
    List<String> roles() {
        byte[] b = fields.get(ROLES);
        if (b == null) {
            return null;
        }
        if (b.length < 1) {
            throw new AerologException(ResultCode.INVALID_ROLE, "an empty roles field");
        }
        int n = b[0] & 0xFF;
        List<String> roles = new ArrayList<>(n);
        int p = 1;
        for (int i = 0; i < n; i++) {
            if (p >= b.length || p + 1 + (b[p] & 0xFF) > b.length) {
                throw new AerologException(ResultCode.INVALID_ROLE, "role " + i + " runs past the roles field");
            }
            int len = b[p] & 0xFF;
            roles.add(new String(b, p + 1, len, StandardCharsets.UTF_8));
            p += 1 + len;
        }
        if (p != b.length) {
            throw new AerologException(ResultCode.INVALID_ROLE, "the roles field has " + (b.length - p)
                    + " bytes past its " + n + " roles");
        }
        return roles;
    }

    /** The privileges of the PRIVILEGES field: a count, then each code and (data privileges) namespace and set. */
    List<Privilege> privileges() {
        byte[] b = fields.get(PRIVILEGES);
        if (b == null) {
            return null;
        }
        if (b.length < 1) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "an empty privileges field");
        }
        int n = b[0] & 0xFF;
        List<Privilege> out = new ArrayList<>(n);
        int p = 1;
        for (int i = 0; i < n; i++) {
            if (p >= b.length) {
                throw new AerologException(ResultCode.INVALID_PRIVILEGE, "privilege " + i
                        + " runs past the privileges field");
            }
            int id = b[p++] & 0xFF;
            PrivilegeCode code = PrivilegeCode.of(id);
            if (code == null) {
                throw new AerologException(ResultCode.INVALID_PRIVILEGE, "privilege code " + id + " is not Aerospike's");
            }
            String ns = "";
            String set = "";
            if (code.scopable()) {
                String[] scope = new String[2];
                for (int s = 0; s < 2; s++) {
                    if (p >= b.length || p + 1 + (b[p] & 0xFF) > b.length) {
                        throw new AerologException(ResultCode.INVALID_PRIVILEGE, "privilege " + i
                                + "'s scope runs past the privileges field");
                    }
                    int len = b[p] & 0xFF;
                    scope[s] = new String(b, p + 1, len, StandardCharsets.UTF_8);
                    p += 1 + len;
                }
                ns = scope[0];
                set = scope[1];
            }
            out.add(new Privilege(code, ns, set));
        }
        if (p != b.length) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "the privileges field has " + (b.length - p)
                    + " bytes past its " + n + " privileges");
        }
        return out;
    }
}
