package io.aerolog.core.exp.internal;

import io.aerolog.core.Value;
import io.aerolog.core.geo.GeoShape;
import io.aerolog.core.geo.InvalidGeoJsonException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GeoJSON in expressions, as Aerospike's {@code cmp_geo}: a GeoJSON literal must parse when the expression is
 * built (else PARAMETER_ERROR), and {@code cmp_geo(a, b)} is true when {@code a} (the candidate, e.g. a geo bin)
 * matches {@code b} (the query): a point inside region {@code b}, or a region containing point {@code b}, with the
 * same S2 geometry as geo2dsphere queries. A value that is not valid GeoJSON compares false.
 */
final class Geo {
    private Geo() {
    }

    /** A GeoJSON literal: refused with PARAMETER_ERROR when it does not parse, as {@code build_value_geo}. */
    static void check(String json) {
        try {
            GeoShape.parse(json);
        } catch (InvalidGeoJsonException e) {
            throw Wire.malformed("invalid GeoJSON value: " + e.getMessage());
        }
    }

    static Expr compare(Expr a, Expr b) {
        AtomicReference<Parsed> lastQuery = new AtomicReference<>();
        return new Expr(ResultType.BOOL, env -> {
            GeoShape candidate = shape(a.evaluate(env));
            Value q = b.evaluate(env);
            Parsed last = lastQuery.get();
            GeoShape query;
            if (last != null && last.value().equals(q)) {
                query = last.shape();
            } else {
                query = shape(q);
                lastQuery.set(new Parsed(q, query));
            }
            return Value.of(candidate != null && query != null && query.matches(candidate));
        });
    }

    /** The query value last parsed (usually a literal, the same on every record) and its shape. */
    private record Parsed(Value value, GeoShape shape) {
    }

    private static GeoShape shape(Value v) {
        if (!(v instanceof Value.GeoJsonValue g)) {
            throw Unknown.INSTANCE;
        }
        try {
            return GeoShape.parse(g.json());
        } catch (InvalidGeoJsonException e) {
            return null;
        }
    }
}
