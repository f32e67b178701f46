package io.aerolog.core.engine;

/**
 * What one operation of a command returned: the bin it names (null for record-level operations) and
 * its value, or null when it returns nothing (a write, or a read of a missing bin). Aerospike's clients
 * ask for every operation's result ({@code respondAllOps}) when they need to tell them apart by position.
 */
public record OpResult(String bin, io.aerolog.core.Value value) {
}
