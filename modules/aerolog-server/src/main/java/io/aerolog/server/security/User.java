package io.aerolog.server.security;

import java.util.List;

/**
 * A user: its name, the identity of this incarnation of it (a user dropped and created again is another),
 * the bcrypt hash of its password as Aerospike's clients hash it (never the password), and its roles in
 * name order.
 */
public record User(String name, String id, String passwordHash, List<String> roles) {
    public User {
        roles = List.copyOf(roles);
    }
}
