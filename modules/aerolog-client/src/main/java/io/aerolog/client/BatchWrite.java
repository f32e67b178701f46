package io.aerolog.client;

import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import java.util.List;
import java.util.Objects;

/**
 * A write in a batch, as Aerospike's {@code BatchWrite}: operations applied atomically to one record under a
 * record-level write policy (exists action, generation check, expiration, durable delete, send key).
 */
public record BatchWrite(io.aerolog.core.WritePolicy policy, Key key, List<Operation> operations) implements BatchRecord {
    public BatchWrite {
        policy = policy == null ? io.aerolog.core.WritePolicy.DEFAULT : policy;
        Objects.requireNonNull(key, "key");
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a BatchWrite needs at least one operation");
        }
    }

    public static BatchWrite of(Key key, Operation... operations) {
        return new BatchWrite(null, key, List.of(operations));
    }

    public static BatchWrite of(io.aerolog.core.WritePolicy policy, Key key, Operation... operations) {
        return new BatchWrite(policy, key, List.of(operations));
    }

    @Override
    public boolean writes() {
        return true;
    }
}
