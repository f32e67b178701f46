package io.aerolog.core;

import java.util.List;
import java.util.Objects;

/**
 * A write command on one record, as appended to the namespace's command log. {@code timeMillis} is
 * the command's time and the engine's only clock. {@code requestId} and {@code origin} let the node
 * that waits for the answer find it; both are null for fire-and-forget producers. {@code filter} is
 * Aerospike's filter expression (as a value tree), or null: the command applies only where it holds.
 */
public record Command(String requestId, String origin, Key key, List<Operation> operations, WritePolicy policy,
                      long timeMillis, Value filter) {
    public Command {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        operations = List.copyOf(operations);
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
        return new Command(requestId, origin, key, operations, policy, millis, filter);
    }

    public Command withRequest(String id, String originNode) {
        return new Command(id, originNode, key, operations, policy, timeMillis, filter);
    }

    public Command withFilter(Value expression) {
        return new Command(requestId, origin, key, operations, policy, timeMillis, expression);
    }
}
