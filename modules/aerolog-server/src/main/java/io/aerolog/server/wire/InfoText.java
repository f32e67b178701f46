package io.aerolog.server.wire;

/**
 * The answer to one info command as Aerospike writes it: {@code name=value;} pairs, Aerospike's
 * {@code ERROR:<code>:<message>} refusals, and the trailing separator taken back ("chomped") where the
 * server takes it back. Appends to the whole response but never takes back more than its own answer.
 */
final class InfoText {
    /** Aerospike's result codes as info answers carry them (as/include/base/proto.h). */
    static final int UNKNOWN = 1;
    static final int NOT_FOUND = 2;
    static final int PARAMETER = 4;
    static final int CLUSTER_KEY_MISMATCH = 7;
    static final int UNSUPPORTED_FEATURE = 16;
    static final int NAMESPACE = 20;
    static final int ENTERPRISE_ONLY = 25;
    static final int SINDEX_NOT_FOUND = 201;

    private final StringBuilder out;
    private final int start;

    InfoText(StringBuilder out) {
        this.out = out;
        this.start = out.length();
    }

    InfoText text(String s) {
        out.append(s);
        return this;
    }

    InfoText text(char c) {
        out.append(c);
        return this;
    }

    InfoText text(long n) {
        out.append(n);
        return this;
    }

    /** {@code name=value;} */
    InfoText add(String name, String value) {
        out.append(name).append('=').append(value).append(';');
        return this;
    }

    InfoText add(String name, long value) {
        out.append(name).append('=').append(value).append(';');
        return this;
    }

    InfoText add(String name, boolean value) {
        out.append(name).append('=').append(value).append(';');
        return this;
    }

    /** {@code name=value;} with the value in upper-case hexadecimal, as Aerospike prints node ids and keys. */
    InfoText addHex(String name, long value) {
        out.append(name).append('=').append(Long.toHexString(value).toUpperCase(java.util.Locale.ROOT)).append(';');
        return this;
    }

    /** {@code name=value;} with three decimals (Aerospike's {@code %.3f}). */
    InfoText addFixed3(String name, double value) {
        out.append(name).append('=').append(String.format(java.util.Locale.ROOT, "%.3f", value)).append(';');
        return this;
    }

    /** Aerospike's refusal: {@code ERROR:<code>:<message>}, the code left out when it is {@link #UNKNOWN}. */
    InfoText error(int code, String message) {
        out.append("ERROR:");
        if (code != UNKNOWN) {
            out.append(code);
        }
        out.append(':').append(message);
        return this;
    }

    /** Takes back the answer's last character (Aerospike's {@code cf_dyn_buf_chomp}), if it has one. */
    void chomp() {
        if (out.length() > start) {
            out.setLength(out.length() - 1);
        }
    }

    /** Takes back the answer's last character if it is {@code c}. */
    void chomp(char c) {
        if (out.length() > start && out.charAt(out.length() - 1) == c) {
            out.setLength(out.length() - 1);
        }
    }

    boolean isEmpty() {
        return out.length() == start;
    }

    /** The answer so far. */
    @Override
    public String toString() {
        return out.substring(start);
    }
}
