package io.aerolog.core.index;

/** What a secondary index orders its bin's values as (Aerospike's {@code IndexType}). */
public enum IndexType {
    NUMERIC, STRING, BLOB, GEO2DSPHERE
}
