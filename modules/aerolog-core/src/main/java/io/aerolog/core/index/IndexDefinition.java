package io.aerolog.core.index;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secondary index of a namespace: its name, the set it covers (empty: every record), the bin, what it
 * orders the bin's values as, which values of a collection it holds, and the context (Aerospike's packed
 * CTX, or null) that finds a nested value in the bin. Names follow Aerospike's limits.
 */
public record IndexDefinition(String name, String set, String bin, IndexType type, CollectionType collection,
                              byte[] context) {
    /** Aerospike's longest index name (INAME_MAX_SZ less its terminator). */
    public static final int MAX_NAME_BYTES = 63;

    public IndexDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(collection, "collection");
        set = set == null ? "" : set;
        if (name == null || name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an index name is 1 to " + MAX_NAME_BYTES
                    + " bytes, not '" + name + "'");
        }
        if (bin == null || bin.isEmpty() || bin.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an index's bin name is 1 to 15 bytes, not '"
                    + bin + "'");
        }
        context = context == null || context.length == 0 ? null : context.clone();
    }

    /** Whether {@code other} indexes the same values (Aerospike refuses a second index of one bin, type and context). */
    public boolean sameValues(IndexDefinition other) {
        return set.equals(other.set) && bin.equals(other.bin) && type == other.type
                && collection == other.collection && Arrays.equals(context, other.context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexDefinition d && name.equals(d.name) && sameValues(d);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, set, bin, type, collection, Arrays.hashCode(context));
    }
}
