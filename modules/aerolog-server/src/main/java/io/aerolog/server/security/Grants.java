package io.aerolog.server.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user may do, folded from its roles' privileges: permissions everywhere, per namespace, and per
 * namespace and set. A request is allowed when every permission it needs is granted at its scope or
 * above it; a request without a set is covered only by global and namespace-wide privileges.
 */
final class Grants {
    static final Grants NONE = new Grants(List.of());

    private final long global;
    private final Map<String, Long> namespaces = new HashMap<>();
    private final Map<String, Map<String, Long>> sets = new HashMap<>();

    Grants(List<Privilege> privileges) {
        long g = 0;
        for (Privilege p : privileges) {
            long bits = p.code().permissions();
            if (p.namespace().isEmpty()) {
                g |= bits;
            } else if (p.set().isEmpty()) {
                namespaces.merge(p.namespace(), bits, (a, b) -> a | b);
            } else {
                sets.computeIfAbsent(p.namespace(), n -> new HashMap<>()).merge(p.set(), bits, (a, b) -> a | b);
            }
        }
        this.global = g;
    }

    /** Whether every permission of {@code needed} (a mask) is granted for {@code namespace} and {@code set}. */
    boolean allows(long needed, String namespace, String set) {
        long have = global;
        if ((have & needed) == needed) {
            return true;
        }
        if (namespace != null) {
            have |= namespaces.getOrDefault(namespace, 0L);
            if (set != null && !set.isEmpty()) {
                Map<String, Long> ofNamespace = sets.get(namespace);
                if (ofNamespace != null) {
                    have |= ofNamespace.getOrDefault(set, 0L);
                }
            }
        }
        return (have & needed) == needed;
    }

    /** Whether every permission of {@code needed} is granted globally (administration). */
    boolean allowsGlobally(long needed) {
        return (global & needed) == needed;
    }
}
