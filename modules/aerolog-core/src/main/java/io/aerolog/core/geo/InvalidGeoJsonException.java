package io.aerolog.core.geo;

/** GeoJSON that Aerospike's parser refuses, with what is wrong; callers answer it with their result code. */
public final class InvalidGeoJsonException extends IllegalArgumentException {
    public InvalidGeoJsonException(String message) {
        super(message);
    }
}
