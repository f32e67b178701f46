package io.aerolog.cli.sql;

import java.util.List;
import java.util.Map;

/**
 * A value as a statement wrote it, typed the way aql types it: quoted text is a string, a number
 * without a point an integer, with one a double, {@code true}/{@code false} booleans, {@code NULL} no
 * value (which deletes a bin), JSON ({@code JSON('[1, 2]')}, {@code LIST(...)}, {@code MAP(...)},
 * aql's in-band {@code 'JSON[...]'}) lists and maps, {@code GEOJSON('{...}')} a GeoJSON value.
 */
public sealed interface Literal {
    record Str(String value) implements Literal {
    }

    record Int(long value) implements Literal {
    }

    record Dbl(double value) implements Literal {
    }

    record Bool(boolean value) implements Literal {
    }

    /** No value: in an INSERT, the bin is removed. */
    record Nil() implements Literal {
    }

    /**
     * A JSON value as Java objects: {@link List}, {@link Map} (keys in the order written), {@link String},
     * {@link Long}, {@link Double}, {@link Boolean} or null.
     */
    record Json(Object value) implements Literal {
    }

    /** GeoJSON text, checked to be a JSON object. */
    record Geo(String json) implements Literal {
    }
}
