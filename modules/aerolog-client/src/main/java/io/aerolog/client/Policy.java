package io.aerolog.client;

import io.aerolog.protocol.Replica;
import java.util.Objects;

/**
 * The policy of a read, and the base of every other policy, as Aerospike's {@code Policy}.
 *
 * <p>{@code totalTimeoutMs} bounds the whole call, every retry included; a call that does not finish
 * in time fails with {@link io.aerolog.core.ResultCode#TIMEOUT}. {@code maxRetries} is how many times
 * a failed attempt may be tried again within that time (see {@link AerologClient} for which failures
 * are retried); {@code sleepBetweenRetriesMs} is the pause before each retry. {@code consistencyToken}
 * (nullable) is a token a write returned ({@link WriteResult#consistencyToken()}): a read carrying it
 * waits until the serving copy has applied that write, which gives read-your-writes from a standby.
 *
 * @param totalTimeoutMs        the time the whole call may take, more than 0; default 1000
 * @param maxRetries            retries after the first attempt, 0 or more; default 2
 * @param sleepBetweenRetriesMs the pause before a retry, 0 or more; default 50
 * @param replica               which copy reads go to; default {@link Replica#MASTER}
 * @param consistencyToken      a write's token reads must see, or null
 */
public record Policy(int totalTimeoutMs, int maxRetries, int sleepBetweenRetriesMs, Replica replica,
                     String consistencyToken) {
    /** 1000 ms in total, 2 retries 50 ms apart, reads from the master, no token. */
    public static final Policy DEFAULT = new Policy(1000, 2, 50, Replica.MASTER, null);

    public Policy {
        if (totalTimeoutMs <= 0) {
            throw new IllegalArgumentException("totalTimeoutMs must be more than 0, got " + totalTimeoutMs);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        if (sleepBetweenRetriesMs < 0) {
            throw new IllegalArgumentException("sleepBetweenRetriesMs must be 0 or more, got " + sleepBetweenRetriesMs);
        }
        Objects.requireNonNull(replica, "replica");
    }

    public Policy withTotalTimeoutMs(int ms) {
        return new Policy(ms, maxRetries, sleepBetweenRetriesMs, replica, consistencyToken);
    }

    public Policy withMaxRetries(int retries) {
        return new Policy(totalTimeoutMs, retries, sleepBetweenRetriesMs, replica, consistencyToken);
    }

    public Policy withSleepBetweenRetriesMs(int ms) {
        return new Policy(totalTimeoutMs, maxRetries, ms, replica, consistencyToken);
    }

    public Policy withReplica(Replica r) {
        return new Policy(totalTimeoutMs, maxRetries, sleepBetweenRetriesMs, r, consistencyToken);
    }

    public Policy withConsistencyToken(String token) {
        return new Policy(totalTimeoutMs, maxRetries, sleepBetweenRetriesMs, replica, token);
    }
}
