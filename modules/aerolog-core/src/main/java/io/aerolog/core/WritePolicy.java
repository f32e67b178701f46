package io.aerolog.core;

import java.util.Objects;

/**
 * The policy of a write, Aerospike's: exists action, generation check, expiration (seconds;
 * {@value #TTL_NEVER_EXPIRE} never, {@value #TTL_DONT_UPDATE} keep the current TTL,
 * {@value #TTL_NAMESPACE_DEFAULT} the namespace default), durable delete and send key.
 */
public record WritePolicy(RecordExistsAction recordExistsAction, GenerationPolicy generationPolicy, int generation,
                          int expiration, boolean durableDelete, boolean sendKey) {
    public static final int TTL_NAMESPACE_DEFAULT = 0;
    public static final int TTL_NEVER_EXPIRE = -1;
    public static final int TTL_DONT_UPDATE = -2;

    /** UPDATE, no generation check, namespace default TTL. */
    public static final WritePolicy DEFAULT =
            new WritePolicy(RecordExistsAction.UPDATE, GenerationPolicy.NONE, 0, 0, false, false);

    public WritePolicy {
        Objects.requireNonNull(recordExistsAction, "recordExistsAction");
        Objects.requireNonNull(generationPolicy, "generationPolicy");
    }

    public WritePolicy withRecordExistsAction(RecordExistsAction action) {
        return new WritePolicy(action, generationPolicy, generation, expiration, durableDelete, sendKey);
    }

    public WritePolicy withGeneration(GenerationPolicy policy, int expected) {
        return new WritePolicy(recordExistsAction, policy, expected, expiration, durableDelete, sendKey);
    }

    public WritePolicy withExpiration(int seconds) {
        return new WritePolicy(recordExistsAction, generationPolicy, generation, seconds, durableDelete, sendKey);
    }

    public WritePolicy withDurableDelete(boolean durable) {
        return new WritePolicy(recordExistsAction, generationPolicy, generation, expiration, durable, sendKey);
    }

    public WritePolicy withSendKey(boolean send) {
        return new WritePolicy(recordExistsAction, generationPolicy, generation, expiration, durableDelete, send);
    }
}
