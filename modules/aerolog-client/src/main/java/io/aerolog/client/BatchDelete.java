package io.aerolog.client;

import io.aerolog.core.Key;
import java.util.Objects;

/** A delete in a batch, as Aerospike's {@code BatchDelete}, with its generation check and durable delete. */
public record BatchDelete(io.aerolog.core.WritePolicy policy, Key key) implements BatchRecord {
    public BatchDelete {
        policy = policy == null ? io.aerolog.core.WritePolicy.DEFAULT : policy;
        Objects.requireNonNull(key, "key");
    }

    public static BatchDelete of(Key key) {
        return new BatchDelete(null, key);
    }

    @Override
    public boolean writes() {
        return true;
    }
}
