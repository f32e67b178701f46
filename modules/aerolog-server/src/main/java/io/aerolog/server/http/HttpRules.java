package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.OperationJson;
import io.aerolog.server.security.Permission;
import io.aerolog.server.security.SecurityService;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What each route of the HTTP API needs of its user, checked once the request (and its body) is read:
 * reads of {@code /v1/kvs} need read on the key's namespace and set, writes and deletes need write, an
 * operate needs read for its reading operations and write for the others, a batch needs what each of its
 * keys needs, a scan or query read on its namespace and set, a truncate the truncate privilege there, creating or
 * dropping an index sindex-admin (as the info commands), and {@code /v1/info}, {@code /v1/cluster},
 * {@code /metrics}, the index list and the console any logged-in user (or the node signature of another node,
 * for info and the cluster map). A route not named here needs read and
 * write everywhere, so that a route added later is never open by mistake.
 *
 * <p>A batch is refused whole (403 ROLE_VIOLATION) when any of its keys is not allowed, where Aerospike's
 * gateway answers such keys one by one.
 */
final class HttpRules {
    private static final long READ = Permission.READ.bit();
    private static final long WRITE = Permission.WRITE.bit();
    /** How an operation the handler cannot parse (and so refuses with PARAMETER_ERROR) is classed by its name. */
    private static final Set<String> READ_OPS = Set.of("READ", "GET", "GET_HEADER");
    private static final Set<String> WRITE_OPS = Set.of("PUT", "ADD", "APPEND", "PREPEND", "TOUCH", "DELETE",
            "DELETE_BIN");

    /** A namespace and set a request touches, and what it needs there. */
    record Need(String namespace, String set, long permissions) {
    }

    private HttpRules() {
    }

    /** Refuses {@code r} on {@code route} when its user (null: a node for itself) may not do it. */
    static void check(SecurityService access, String route, String user, boolean node, HttpRequest r) {
        if (route.equals("health")) {
            return;
        }
        if (user == null) {
            if (node && (route.equals("info") || route.equals("cluster"))) {
                return;
            }
            throw new AerologException(node ? ResultCode.ROLE_VIOLATION : ResultCode.NOT_AUTHENTICATED,
                    "this request needs a user");
        }
        Set<Need> needs = needs(route, r);
        for (Need need : needs) {
            ResultCode code = access.check(user, need.permissions(), need.namespace(), need.set());
            if (code != ResultCode.OK) {
                throw new AerologException(code, code == ResultCode.ROLE_VIOLATION ? "user " + user + " may not "
                        + ((need.permissions() & WRITE) != 0 ? "write" : "read")
                        + (need.namespace() == null ? " everywhere" : " in " + need.namespace()
                        + (need.set() == null || need.set().isEmpty() ? "" : "/" + need.set()))
                        : "user " + user + " no longer exists");
            }
        }
    }

    static Set<Need> needs(String route, HttpRequest r) {
        Set<Need> needs = new LinkedHashSet<>();
        switch (route) {
            case "info", "cluster", "metrics", "console", "console.metrics", "index.list", "index.stats",
                 "execute.status" -> {
                return needs;
            }
            case "scan", "query" -> needs.add(new Need(r.param("ns"), set(r.param("set")), READ));
            case "execute" -> needs.add(new Need(r.param("ns"), set(r.param("set")), Permission.OPS_QUERY.bit()));
            case "index.create", "index.drop" -> needs.add(new Need(null, null, Permission.SINDEX_ADMIN.bit()));
            case "execute.abort" -> needs.add(new Need(null, null, Permission.QUERY_ADMIN.bit()));
            case "truncate" -> needs.add(new Need(r.param("ns"), set(r.param("set")), Permission.TRUNCATE.bit()));
            case "kvs.get", "kvs.exists" -> needs.add(new Need(r.param("ns"), set(r.param("set")), READ));
            case "kvs.post", "kvs.put", "kvs.patch", "kvs.delete" ->
                    needs.add(new Need(r.param("ns"), set(r.param("set")), WRITE));
            case "operate" -> needs.add(new Need(r.param("ns"), set(r.param("set")), operate(r.body())));
            case "batch" -> batch(r.body(), needs);
            default -> needs.add(new Need(null, null, READ | WRITE));
        }
        return needs;
    }

    private static String set(String set) {
        return set == null ? "" : set;
    }

    /**
     * Read for reading operations, write for writing ones, as the operate handler itself parses and classes
     * them ({@code /v1/operate}'s array and {@code /v2/operate}'s {@code opsList}, every operation name, list,
     * map, bit, HLL and expression ones included). An operation it cannot parse, which the handler refuses
     * anyway, is classed by its name, and needs both when the name is not a plain read or write.
     */
    private static long operate(byte[] body) {
        JsonNode ops = json(body);
        if (ops != null && ops.isObject() && ops.has("opsList")) {
            ops = ops.get("opsList");
        }
        if (ops == null || !ops.isArray() || ops.size() > OperationJson.MAX_OPERATIONS) {
            return READ | WRITE;
        }
        long needed = 0;
        for (JsonNode op : ops) {
            try {
                needed |= OperationJson.fromJson(op, "operation").type().isWrite() ? WRITE : READ;
            } catch (RuntimeException e) {
                String name = op.path(op.has("operation") ? "operation" : "type").asText("").toUpperCase(Locale.ROOT);
                needed |= READ_OPS.contains(name) ? READ : WRITE_OPS.contains(name) ? WRITE : READ | WRITE;
            }
        }
        return needed == 0 ? READ | WRITE : needed;
    }

    /** Each key's namespace and set: read for a read (the default), read and write for any other item. */
    private static void batch(byte[] body, Set<Need> needs) {
        JsonNode items = json(body);
        if (items != null && items.isObject() && items.has("batchRecords")) {
            items = items.get("batchRecords");
        }
        if (items == null || !items.isArray()) {
            needs.add(new Need(null, null, READ | WRITE));
            return;
        }
        for (JsonNode item : items) {
            JsonNode key = item.path("key");
            String type = item.path("type").asText("READ").toUpperCase(Locale.ROOT);
            long permissions = type.equals("READ") && !item.has("opsList") ? READ : READ | WRITE;
            needs.add(new Need(key.path("namespace").isTextual() ? key.get("namespace").asText() : null,
                    key.path("setName").asText(""), permissions));
        }
    }

    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Reply.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
