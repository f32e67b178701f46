package io.aerolog.protocol;

/**
 * Which copy of a partition a read goes to, as Aerospike's {@code Replica}. Writes always go to the
 * active (master) copy, whatever the policy says.
 */
public enum Replica {
    /** The partition's active task only: reads see every acknowledged write. */
    MASTER,
    /** The active first, then each standby on the following retries (availability in failover). */
    SEQUENCE,
    /** Any copy, active or standby, spread over the attempts; a standby may lag the active. */
    ANY
}
