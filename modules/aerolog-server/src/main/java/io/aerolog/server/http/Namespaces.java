package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.server.namespace.NamespaceService;
import java.util.Collection;
import java.util.Map;

/** The namespaces a node serves, by name; an unknown name is INVALID_NAMESPACE, naming those known. */
record Namespaces(Map<String, NamespaceService> byName) {
    NamespaceService get(String name) {
        NamespaceService ns = name == null ? null : byName.get(name);
        if (ns == null) {
            throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + name
                    + "' is not configured on this node; known namespaces: " + byName.keySet());
        }
        return ns;
    }

    Collection<NamespaceService> all() {
        return byName.values();
    }
}
