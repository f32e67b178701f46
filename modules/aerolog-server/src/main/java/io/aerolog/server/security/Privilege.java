package io.aerolog.server.security;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;

/**
 * A privilege as a role holds it: its code, and for a data privilege the namespace and set it is limited
 * to ("" for none: the whole cluster, or the whole namespace). A global privilege has no scope.
 */
public record Privilege(PrivilegeCode code, String namespace, String set) {
    /** The longest namespace or set name a scope may have, in UTF-8 bytes, as Aerospike's. */
    static final int MAX_SCOPE_BYTES = 63;

    public Privilege {
        namespace = namespace == null ? "" : namespace;
        set = set == null ? "" : set;
        if (code == null) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "a privilege needs a code");
        }
        if (!code.scopable() && (!namespace.isEmpty() || !set.isEmpty())) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "privilege " + code.roleName()
                    + " is global: it cannot be limited to a namespace or set");
        }
        if (namespace.isEmpty() && !set.isEmpty()) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "privilege " + code.roleName()
                    + " names set '" + set + "' without its namespace");
        }
        if (namespace.getBytes(StandardCharsets.UTF_8).length > MAX_SCOPE_BYTES
                || set.getBytes(StandardCharsets.UTF_8).length > MAX_SCOPE_BYTES) {
            throw new AerologException(ResultCode.INVALID_PRIVILEGE, "a privilege's namespace and set are at most "
                    + MAX_SCOPE_BYTES + " bytes each");
        }
    }

    /** A global privilege, or a data privilege over everything. */
    public static Privilege global(PrivilegeCode code) {
        return new Privilege(code, "", "");
    }

    /** How Aerospike's tools show it: {@code read-write}, {@code read.test}, {@code write.test.users}. */
    @Override
    public String toString() {
        return code.roleName() + (namespace.isEmpty() ? "" : "." + namespace) + (set.isEmpty() ? "" : "." + set);
    }
}
