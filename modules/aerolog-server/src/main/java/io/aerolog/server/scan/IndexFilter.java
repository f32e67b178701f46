package io.aerolog.server.scan;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.geo.GeoShape;
import io.aerolog.core.geo.InvalidGeoJsonException;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;

/**
 * The filter of a secondary-index query, as Aerospike's client sends it: the bin, which values of a
 * collection it looks at, the context of a nested value (packed CTX, or null), and the range: numeric
 * {@code [begin, end]} inclusive, for a string or blob index the one value it equals ({@code equal}), or for a
 * geo2dsphere index the GeoJSON it asks about ({@code geo}: points within a region, or regions containing a point).
 */
public record IndexFilter(String bin, IndexType type, CollectionType collection, byte[] context, long begin, long end,
                          byte[] equal, GeoShape geo) {
    /** A numeric, string or blob filter. */
    public IndexFilter(String bin, IndexType type, CollectionType collection, byte[] context, long begin, long end,
                       byte[] equal) {
        this(bin, type, collection, context, begin, end, equal, null);
    }

    /**
     * A geo2dsphere filter on GeoJSON text, checked as Aerospike's {@code range_from_msg_geojson}: empty, 1 MB or
     * more, GeoJSON that does not parse, or a region whose covering needs too many cells is PARAMETER_ERROR.
     */
    public static IndexFilter geo(String bin, CollectionType collection, byte[] context, String geoJson) {
        if (geoJson.isEmpty() || geoJson.length() >= GeoShape.MAX_TEXT) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a geo query's GeoJSON of " + geoJson.length()
                    + " characters (1 to " + (GeoShape.MAX_TEXT - 1) + " are served)");
        }
        try {
            GeoShape shape = GeoShape.parse(geoJson);
            shape.queryRanges();
            return new IndexFilter(bin, IndexType.GEO2DSPHERE, collection, context, 0, 0, null, shape);
        } catch (InvalidGeoJsonException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a geo query's GeoJSON is not served: "
                    + e.getMessage());
        }
    }
}
