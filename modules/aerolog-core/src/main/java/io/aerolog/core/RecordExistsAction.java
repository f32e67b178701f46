package io.aerolog.core;

/** How a write treats a record that exists or not, as Aerospike defines it. */
public enum RecordExistsAction {
    /** Create or merge into the existing bins. */
    UPDATE,
    /** Merge into the existing bins; KEY_NOT_FOUND_ERROR if absent. */
    UPDATE_ONLY,
    /** Create or replace all bins. */
    REPLACE,
    /** Replace all bins; KEY_NOT_FOUND_ERROR if absent. */
    REPLACE_ONLY,
    /** Create; KEY_EXISTS_ERROR if present. */
    CREATE_ONLY
}
