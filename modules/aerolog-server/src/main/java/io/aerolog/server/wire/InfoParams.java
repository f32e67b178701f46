package io.aerolog.server.wire;

/**
 * An info command's parameters ({@code name:key=value;key=value}) read as Aerospike's server reads them
 * ({@code as_info_parameter_get} and its checks in thr_info.c): a value runs to the next {@code ;}, a key
 * is matched whole, a value at or over the server's buffer for it is "too long", and a missing or empty
 * required value is refused with the server's words and code (20 for the namespace, 4 otherwise).
 */
final class InfoParams {
    /** The server's buffer for a namespace name (AS_ID_NAMESPACE_SZ): names of 32 bytes or more are too long. */
    static final int NAMESPACE_BUFFER = 32;
    /** The buffer most parameters get; the longest value this reads. */
    static final int DEFAULT_BUFFER = 1024;

    /** What looking a parameter up found. */
    enum Found { OK, ABSENT, TOO_LONG }

    /** A parameter: what was found, and its value when {@link Found#OK}. */
    record Param(String name, Found found, String value) {
    }

    private final String params;

    InfoParams(String params) {
        this.params = params;
    }

    /** The first of {@code names} present (Aerospike's aliases, e.g. "namespace" then "ns"), read with {@code buffer}. */
    Param get(int buffer, String... names) {
        Param p = null;
        for (String name : names) {
            p = get(name, buffer);
            if (p.found() != Found.ABSENT) {
                return new Param(names[0], p.found(), p.value());
            }
        }
        return new Param(names[0], Found.ABSENT, null);
    }

    /** Parameter {@code name}, read like {@code as_info_parameter_get} into a buffer of {@code buffer} bytes. */
    Param get(String name, int buffer) {
        int tok = 0;
        int c = 0;
        int n = params.length();
        while (c < n) {
            char ch = params.charAt(c);
            if (ch == '=') {
                if (c - tok == name.length() && params.startsWith(name, tok)) {
                    int begin = ++c;
                    while (c < n && params.charAt(c) != ';') {
                        c++;
                    }
                    String value = params.substring(begin, c);
                    return value.length() >= buffer ? new Param(name, Found.TOO_LONG, null)
                            : new Param(name, Found.OK, value);
                }
                c++;
            } else if (ch == ';') {
                tok = ++c;
            } else {
                c++;
            }
        }
        return new Param(name, Found.ABSENT, null);
    }

    /**
     * Aerospike's check of a required parameter: true when it has a value; otherwise the refusal is written
     * to {@code out} ("missing 'x'", "missing 'x' value" or "'x' value too long").
     */
    static boolean required(InfoText out, Param p) {
        if (p.found() == Found.ABSENT) {
            out.error(codeFor(p.name()), "missing '" + p.name() + "'");
            return false;
        }
        return optional(out, p);
    }

    /**
     * Aerospike's check of an optional parameter: true when absent or with a value; an empty or too long
     * value is refused in {@code out} and gives false.
     */
    static boolean optional(InfoText out, Param p) {
        if (p.found() == Found.ABSENT || p.found() == Found.OK && !p.value().isEmpty()) {
            return true;
        }
        out.error(codeFor(p.name()), p.found() == Found.TOO_LONG ? "'" + p.name() + "' value too long"
                : "missing '" + p.name() + "' value");
        return false;
    }

    private static int codeFor(String name) {
        return name.equals("namespace") ? InfoText.NAMESPACE : InfoText.PARAMETER;
    }
}
