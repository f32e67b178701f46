package io.aerolog.client;

import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import java.util.List;
import java.util.Objects;

/**
 * A read in a batch, as Aerospike's {@code BatchRead}: all bins, the named bins, or read operations (bin
 * reads, list, map, bit, HyperLogLog and expression reads).
 *
 * @param key        the record
 * @param binNames   the bins to read, or null for all (when there are no operations)
 * @param operations read operations, or empty
 */
public record BatchRead(Key key, List<String> binNames, List<Operation> operations) implements BatchRecord {
    public BatchRead {
        Objects.requireNonNull(key, "key");
        binNames = binNames == null ? null : List.copyOf(binNames);
        operations = operations == null ? List.of() : List.copyOf(operations);
        for (Operation op : operations) {
            if (op.type().isWrite()) {
                throw new IllegalArgumentException("a BatchRead reads only, not " + op.type() + ": use a BatchWrite");
            }
        }
    }

    public static BatchRead all(Key key) {
        return new BatchRead(key, null, null);
    }

    public static BatchRead bins(Key key, String... binNames) {
        return new BatchRead(key, List.of(binNames), null);
    }

    public static BatchRead operations(Key key, Operation... operations) {
        return new BatchRead(key, null, List.of(operations));
    }

    @Override
    public boolean writes() {
        return false;
    }
}
