package io.aerolog.server.security;

import java.util.Locale;
import java.util.Map;

/**
 * The permission each info command needs beyond a logged-in user, as Aerospike's info table names it
 * ({@code thr_info.c}): setting configuration, logging and service control, secondary index, UDF and query
 * administration, truncation. Every other command only needs the connection to have logged in. The enterprise
 * edition's own commands are left out: the node answers them "enterprise only" whoever asks.
 */
final class InfoPermissions {
    private static final Map<String, Permission> REQUIRED = Map.ofEntries(
            Map.entry("config-set", Permission.SET_CONFIG),
            Map.entry("set-config", Permission.SET_CONFIG),
            Map.entry("debug-record", Permission.RECORD_INFO),
            Map.entry("debug-record-meta", Permission.RECORD_INFO),
            Map.entry("dump-cluster", Permission.LOGGING_CTRL),
            Map.entry("dump-fabric", Permission.LOGGING_CTRL),
            Map.entry("dump-hb", Permission.LOGGING_CTRL),
            Map.entry("dump-hlc", Permission.LOGGING_CTRL),
            Map.entry("dump-migrates", Permission.LOGGING_CTRL),
            Map.entry("dump-rw", Permission.LOGGING_CTRL),
            Map.entry("dump-skew", Permission.LOGGING_CTRL),
            Map.entry("dump-wb-summary", Permission.LOGGING_CTRL),
            Map.entry("jem-stats", Permission.LOGGING_CTRL),
            Map.entry("log-message", Permission.LOGGING_CTRL),
            Map.entry("log-set", Permission.LOGGING_CTRL),
            Map.entry("set-log", Permission.LOGGING_CTRL),
            Map.entry("eviction-reset", Permission.EVICT_ADMIN),
            Map.entry("query-abort", Permission.QUERY_ADMIN),
            Map.entry("query-abort-all", Permission.QUERY_ADMIN),
            Map.entry("recluster", Permission.SERVICE_CTRL),
            Map.entry("services-alumni-reset", Permission.SERVICE_CTRL),
            Map.entry("tip", Permission.SERVICE_CTRL),
            Map.entry("tip-clear", Permission.SERVICE_CTRL),
            Map.entry("sindex-create", Permission.SINDEX_ADMIN),
            Map.entry("sindex-delete", Permission.SINDEX_ADMIN),
            Map.entry("sindex-exists", Permission.SINDEX_ADMIN),
            Map.entry("truncate", Permission.TRUNCATE),
            Map.entry("truncate-namespace", Permission.TRUNCATE),
            Map.entry("truncate-namespace-undo", Permission.TRUNCATE),
            Map.entry("truncate-undo", Permission.TRUNCATE),
            Map.entry("udf-clear-cache", Permission.UDF_ADMIN),
            Map.entry("udf-put", Permission.UDF_ADMIN),
            Map.entry("udf-remove", Permission.UDF_ADMIN));

    private InfoPermissions() {
    }

    /** The command named by an info request line: up to its first {@code /}, {@code :} or {@code ;}, as the server parses it. */
    static String name(String line) {
        int end = line.length();
        for (char c : new char[] {'/', ':', ';'}) {
            int at = line.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return line.substring(0, end).trim();
    }

    /** The permission {@code line}'s command needs, or null when any logged-in user may ask it. */
    static Permission required(String line) {
        return REQUIRED.get(name(line));
    }

    /**
     * The value of parameter {@code key} of an info line ({@code name:key=value;key=value}), or null. A
     * truncation is checked against the namespace and set it names, since the truncate privilege may be
     * limited to them.
     */
    static String parameter(String line, String key) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return null;
        }
        for (String pair : line.substring(colon + 1).split(";", 64)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                String value = pair.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The permission's name as Aerospike's server writes it in a refusal, e.g. {@code set-config}. */
    static String display(Permission permission) {
        return permission.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
