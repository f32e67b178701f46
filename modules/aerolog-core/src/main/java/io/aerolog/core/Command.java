package io.aerolog.core;

import java.util.List;
import java.util.Objects;

/**
 * A write command on one record, as appended to the namespace's command log. {@code timeMillis} is
 * the command's time and the engine's only clock. {@code requestId} and {@code origin} let the node
 * that waits for the answer find it; both are null for fire-and-forget producers. {@code filter} is
 * Aerospike's filter expression (as a value tree), or null: the command applies only where it holds.
 * {@code control} is set on a control command (truncate, index create or drop), which has no operations.
 */
public record Command(String requestId, String origin, Key key, List<Operation> operations, WritePolicy policy,
                      long timeMillis, Value filter, Control control) {
    public Command {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        operations = List.copyOf(operations);
    }

    /** A record command (no control). */
    public Command(String requestId, String origin, Key key, List<Operation> operations, WritePolicy policy,
                   long timeMillis, Value filter) {
        this(requestId, origin, key, operations, policy, timeMillis, filter, null);
    }

    /** A control command for Kafka partition {@code kafkaPartition} of {@code namespace}, at {@code timeMillis}. */
    public static Command control(String namespace, int kafkaPartition, Control control, long timeMillis) {
        return new Command(null, null, Control.key(namespace, kafkaPartition), List.of(), WritePolicy.DEFAULT,
                timeMillis, null, control);
    }

    /** A command without a filter expression. */
    public Command(String requestId, String origin, Key key, List<Operation> operations, WritePolicy policy,
                   long timeMillis) {
        this(requestId, origin, key, operations, policy, timeMillis, null);
    }

    /** A command with no request id, as a fire-and-forget producer writes it. */
    public static Command of(Key key, WritePolicy policy, long timeMillis, Operation... operations) {
        return new Command(null, null, key, List.of(operations), policy, timeMillis);
    }

    public Command withTime(long millis) {
        return new Command(requestId, origin, key, operations, policy, millis, filter, control);
    }

    public Command withRequest(String id, String originNode) {
        return new Command(id, originNode, key, operations, policy, timeMillis, filter, control);
    }

    public Command withFilter(Value expression) {
        return new Command(requestId, origin, key, operations, policy, timeMillis, expression, control);
    }
}
