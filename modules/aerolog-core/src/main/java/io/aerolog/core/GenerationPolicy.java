package io.aerolog.core;

/** The generation check of a write on an existing record, as Aerospike defines it. */
public enum GenerationPolicy {
    NONE,
    /** Write only if the record's generation equals the expected one. */
    EXPECT_GEN_EQUAL,
    /** Write only if the expected generation is greater than the record's. */
    EXPECT_GEN_GT
}
