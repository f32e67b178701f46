package io.aerolog.server.security;

import java.util.List;

/**
 * A role: a name and the privileges it grants. Aerospike's predefined roles (one per privilege, named as
 * it, global) always exist and cannot be changed or dropped; the others are created by user
 * administrators, each incarnation with an identity of its own ("" for a predefined role).
 */
public record Role(String name, String id, List<Privilege> privileges, boolean predefined) {
    public Role {
        privileges = List.copyOf(privileges);
    }

    /** The predefined role of {@code code}: its one privilege, global. */
    static Role predefined(PrivilegeCode code) {
        return new Role(code.roleName(), "", List.of(Privilege.global(code)), true);
    }
}
