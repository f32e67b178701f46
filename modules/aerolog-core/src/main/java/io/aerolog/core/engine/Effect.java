package io.aerolog.core.engine;

/** What applying a command does to the store. */
public enum Effect {
    /** Store {@link Outcome#record()} under the key. */
    WRITE,
    /** Remove the key. */
    DELETE,
    /** Leave the store as it is. */
    NONE
}
