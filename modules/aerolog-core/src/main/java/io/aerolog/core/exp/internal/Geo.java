package io.aerolog.core.exp.internal;

/**
 * GeoJSON in expressions. Aerospike compiles a GeoJSON value into S2 cells or regions when it builds
 * the expression and answers {@code cmp_geo} with S2's point-in-region geometry; Aerolog does not
 * serve either yet, so both are UNSUPPORTED_FEATURE. GeoJSON bins still read and write as values.
 */
final class Geo {
    private Geo() {
    }

    /** A GeoJSON literal: refused until Aerolog parses GeoJSON as Aerospike does. */
    static void check(String json) {
        throw Compiler.unsupported("GeoJSON value (Exp.geo)");
    }

    static Expr compare(Expr a, Expr b) {
        throw Compiler.unsupported("cmp_geo (8)");
    }
}
