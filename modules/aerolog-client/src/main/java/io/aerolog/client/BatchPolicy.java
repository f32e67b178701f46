package io.aerolog.client;

import java.util.Objects;

/**
 * The policy of a batch read, as Aerospike's {@code BatchPolicy}: the {@link Policy} of the call
 * (its total timeout bounds the whole batch) and how many keys one request to a node carries.
 * The client groups the keys by the node that owns them and sends the groups in parallel.
 *
 * @param base              timeout, retries, replica and token of the reads
 * @param maxKeysPerRequest keys per request to one node, 1 to 5000 (the node's limit); default 5000
 */
public record BatchPolicy(Policy base, int maxKeysPerRequest) {
    /** The most keys a node takes in one batch request. */
    public static final int MAX_KEYS_PER_REQUEST = 5000;
    public static final BatchPolicy DEFAULT = new BatchPolicy(Policy.DEFAULT, MAX_KEYS_PER_REQUEST);

    public BatchPolicy {
        Objects.requireNonNull(base, "base");
        if (maxKeysPerRequest < 1 || maxKeysPerRequest > MAX_KEYS_PER_REQUEST) {
            throw new IllegalArgumentException("maxKeysPerRequest must be 1 to " + MAX_KEYS_PER_REQUEST + ", got "
                    + maxKeysPerRequest);
        }
    }

    public BatchPolicy withBase(Policy policy) {
        return new BatchPolicy(policy, maxKeysPerRequest);
    }

    public BatchPolicy withMaxKeysPerRequest(int keys) {
        return new BatchPolicy(base, keys);
    }
}
