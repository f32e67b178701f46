package io.aerolog.client;

import java.util.Objects;

/**
 * How a client connects, as Aerospike's {@code ClientPolicy}: the connect timeout of each HTTP
 * connection, the interval of the background tend that refreshes the partition map (0 turns it
 * off; the map is still refreshed whenever a request shows it is stale), and the policies used when a
 * method is given a null policy.
 *
 * @param connectTimeoutMs   timeout to open one connection (and to read the map from a seed at connect); default 1000
 * @param tendIntervalMs     period of the background map refresh, 0 for none; default 1000
 * @param readPolicyDefault  for reads given a null policy
 * @param writePolicyDefault for writes given a null policy
 * @param batchPolicyDefault for batch reads given a null policy
 */
public record ClientPolicy(int connectTimeoutMs, int tendIntervalMs, Policy readPolicyDefault,
                           WritePolicy writePolicyDefault, BatchPolicy batchPolicyDefault) {
    public static final ClientPolicy DEFAULT = new ClientPolicy(1000, 1000, Policy.DEFAULT, WritePolicy.DEFAULT,
            BatchPolicy.DEFAULT);

    public ClientPolicy {
        if (connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("connectTimeoutMs must be more than 0, got " + connectTimeoutMs);
        }
        if (tendIntervalMs < 0) {
            throw new IllegalArgumentException("tendIntervalMs must be 0 (off) or more, got " + tendIntervalMs);
        }
        Objects.requireNonNull(readPolicyDefault, "readPolicyDefault");
        Objects.requireNonNull(writePolicyDefault, "writePolicyDefault");
        Objects.requireNonNull(batchPolicyDefault, "batchPolicyDefault");
    }

    public ClientPolicy withConnectTimeoutMs(int ms) {
        return new ClientPolicy(ms, tendIntervalMs, readPolicyDefault, writePolicyDefault, batchPolicyDefault);
    }

    public ClientPolicy withTendIntervalMs(int ms) {
        return new ClientPolicy(connectTimeoutMs, ms, readPolicyDefault, writePolicyDefault, batchPolicyDefault);
    }

    public ClientPolicy withReadPolicyDefault(Policy p) {
        return new ClientPolicy(connectTimeoutMs, tendIntervalMs, p, writePolicyDefault, batchPolicyDefault);
    }

    public ClientPolicy withWritePolicyDefault(WritePolicy p) {
        return new ClientPolicy(connectTimeoutMs, tendIntervalMs, readPolicyDefault, p, batchPolicyDefault);
    }

    public ClientPolicy withBatchPolicyDefault(BatchPolicy p) {
        return new ClientPolicy(connectTimeoutMs, tendIntervalMs, readPolicyDefault, writePolicyDefault, p);
    }
}
