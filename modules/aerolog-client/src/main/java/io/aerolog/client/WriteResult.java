package io.aerolog.client;

/**
 * What a node answered to a write it applied: the record's new generation, its TTL (-1 never) and
 * the consistency token ({@code partition:offset}) that a later read can carry in
 * {@link Policy#withConsistencyToken} to be sure to see this write, from any copy.
 */
public record WriteResult(int generation, long ttlSeconds, String consistencyToken) {
}
