package io.aerolog.core.geo;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.List;

/**
 * The check Aerospike makes when a GeoJSON bin is written ({@code geojson_from_wire}): its text must parse as
 * GeoJSON, or the write is refused with GEO_INVALID_GEOJSON (160). Run before a write enters the log, so the
 * log holds no GeoJSON bin that an index would have to skip.
 */
public final class GeoWrites {
    private GeoWrites() {
    }

    /** Throws GEO_INVALID_GEOJSON when an operation writes a GeoJSON bin that does not parse. */
    public static void check(List<Operation> operations) {
        for (Operation op : operations) {
            if (op.type() == OperationType.WRITE && op.value() instanceof Value.GeoJsonValue g) {
                try {
                    GeoShape.parse(g.json());
                } catch (InvalidGeoJsonException e) {
                    throw new AerologException(ResultCode.GEO_INVALID_GEOJSON, "bin " + op.bin()
                            + " is not valid GeoJSON: " + e.getMessage());
                }
            }
        }
    }
}
