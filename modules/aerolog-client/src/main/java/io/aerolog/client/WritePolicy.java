package io.aerolog.client;

import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.RecordExistsAction;
import java.util.Objects;

/**
 * The policy of a write (put, delete, touch, operate), as Aerospike's {@code WritePolicy}: the call
 * options of a {@link Policy} plus the record-level options, which are the engine's own
 * {@link io.aerolog.core.WritePolicy} (exists action, generation check, expiration, durable delete,
 * send key) so that the client and the node share one definition of them.
 *
 * <p>Aerospike's WritePolicy extends Policy; records cannot, so this one holds its {@link #base()} and
 * offers withers for every option. Of the base, {@code replica} and {@code consistencyToken} do not
 * apply to writes (a write always goes to the active copy). {@link #DEFAULT} is Aerospike's default:
 * {@link RecordExistsAction#UPDATE} (create or merge), no generation check, the namespace's TTL.
 *
 * @param base   timeout and retries of the call
 * @param record what the write does to the record
 */
public record WritePolicy(Policy base, io.aerolog.core.WritePolicy record) {
    /** {@link Policy#DEFAULT} and {@link io.aerolog.core.WritePolicy#DEFAULT} (UPDATE). */
    public static final WritePolicy DEFAULT = new WritePolicy(Policy.DEFAULT, io.aerolog.core.WritePolicy.DEFAULT);

    public WritePolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(record, "record");
    }

    public WritePolicy withRecordExistsAction(RecordExistsAction action) {
        return new WritePolicy(base, record.withRecordExistsAction(action));
    }

    /** Write only when the record's generation passes {@code policy} against {@code expected}. */
    public WritePolicy withGeneration(GenerationPolicy policy, int expected) {
        return new WritePolicy(base, record.withGeneration(policy, expected));
    }

    /**
     * Seconds to live: {@value io.aerolog.core.WritePolicy#TTL_NEVER_EXPIRE} never,
     * {@value io.aerolog.core.WritePolicy#TTL_DONT_UPDATE} keep, 0 the namespace default.
     */
    public WritePolicy withExpiration(int seconds) {
        return new WritePolicy(base, record.withExpiration(seconds));
    }

    public WritePolicy withDurableDelete(boolean durable) {
        return new WritePolicy(base, record.withDurableDelete(durable));
    }

    public WritePolicy withSendKey(boolean send) {
        return new WritePolicy(base, record.withSendKey(send));
    }

    public WritePolicy withTotalTimeoutMs(int ms) {
        return new WritePolicy(base.withTotalTimeoutMs(ms), record);
    }

    public WritePolicy withMaxRetries(int retries) {
        return new WritePolicy(base.withMaxRetries(retries), record);
    }

    public WritePolicy withSleepBetweenRetriesMs(int ms) {
        return new WritePolicy(base.withSleepBetweenRetriesMs(ms), record);
    }
}
