package io.aerolog.core.exp.internal;

import io.aerolog.core.Value;

/**
 * The static result type of an expression, with Aerospike's numbers ({@code result_type} in
 * {@code exp.c}, {@code Exp.Type} in the client). The server type-checks an expression while it
 * compiles it, and so does Aerolog: mismatched comparisons or arithmetic are PARAMETER_ERROR before
 * any record is read. {@link #END} is the server's TYPE_END: no type (a comparison-only value).
 */
enum ResultType {
    NIL(0), BOOL(1), INT(2), STR(3), LIST(4), MAP(5), BLOB(6), FLOAT(7), GEOJSON(8), HLL(9), END(-1);

    /** The types a client may name (the server's {@code TYPE_INPUT_END}). */
    static final int INPUT_END = 10;

    private final int code;

    ResultType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static ResultType ofCode(long code) {
        for (ResultType t : values()) {
            if (t.code == code && t != END) {
                return t;
            }
        }
        throw Wire.malformed("result type " + code + " is not one of Aerospike's (0-9)");
    }

    /** The type of a bin or operation result ({@code bin_is_type}); NIL for an absent one. */
    static ResultType of(Value v) {
        if (v == null) {
            return NIL;
        }
        return switch (v.type()) {
            case NIL -> NIL;
            case BOOL -> BOOL;
            case INTEGER -> INT;
            case DOUBLE -> FLOAT;
            case STRING -> STR;
            case BYTES -> BLOB;
            case LIST -> LIST;
            case MAP -> MAP;
            case GEOJSON -> GEOJSON;
            case HLL -> HLL;
            case INFINITY, WILDCARD -> END;
        };
    }

    /** Aerospike's particle type number of a bin value, as {@code bin_type} answers it (0 when absent). */
    static int particleType(Value v) {
        if (v == null) {
            return 0;
        }
        return switch (v.type()) {
            case NIL, INFINITY, WILDCARD -> 0;
            case INTEGER -> 1;
            case DOUBLE -> 2;
            case STRING -> 3;
            case BYTES -> 4;
            case BOOL -> 17;
            case HLL -> 18;
            case MAP -> 19;
            case LIST -> 20;
            case GEOJSON -> 23;
        };
    }
}
