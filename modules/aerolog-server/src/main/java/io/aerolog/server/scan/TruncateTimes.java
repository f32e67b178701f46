package io.aerolog.server.scan;

import io.aerolog.core.Record;

/**
 * The truncations a partition has applied: a record last updated before its set's (or its namespace's)
 * truncate time is gone for every reader. Records are deleted when the truncation is applied, so this is the
 * guard for the moment in between.
 */
@FunctionalInterface
public interface TruncateTimes {
    TruncateTimes NONE = record -> false;

    boolean truncates(Record record);
}
