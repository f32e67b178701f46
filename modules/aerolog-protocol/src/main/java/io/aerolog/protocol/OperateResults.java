package io.aerolog.protocol;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import io.aerolog.core.engine.OpResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bins an operate answers, as Aerospike's Java client (and so the REST gateway) reads an operate's reply:
 * a bin's result, or the list of its results when several operations returned one for it. With
 * respond-all-ops every operation answers, a nil where it returns nothing; the client asks for it when an
 * operate has a map, bit, HyperLogLog or expression operation (and a batch write always), unless an operation
 * reads all bins; the gateway's {@code respondAllOps} parameter asks for it too.
 */
public final class OperateResults {
    private OperateResults() {
    }

    /** Whether {@code ops} answer a result per operation, as the client sets respond-all-ops for them. */
    public static boolean respondAllOps(List<Operation> ops, boolean asked) {
        boolean all = asked;
        for (Operation op : ops) {
            switch (op.type()) {
                case BIT_READ, BIT_MODIFY, HLL_READ, HLL_MODIFY, EXP_READ, EXP_MODIFY -> all = true;
                case CDT_READ, CDT_MODIFY -> all |= isMapOperation(op.value());
                case READ -> {
                    if (op.bin() == null) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return all;
    }

    /** Whether a batch write of {@code ops} answers a result per operation: always, unless one reads all bins. */
    public static boolean respondAllOpsOfBatchWrite(List<Operation> ops) {
        for (Operation op : ops) {
            if (op.type() == OperationType.READ && op.bin() == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMapOperation(Value payload) {
        try {
            return OpTree.parts(payload).code() >= MapJson.SET_TYPE;
        } catch (AerologException e) {
            return false;
        }
    }

    /** The bins of {@code results}: with {@code all}, nil for the operations that returned nothing. */
    public static Map<String, Value> bins(List<OpResult> results, boolean all) {
        Map<String, Value> out = new LinkedHashMap<>();
        Map<String, List<Value>> repeated = new LinkedHashMap<>();
        for (OpResult r : results) {
            if (r.bin() == null || (r.value() == null && !all)) {
                continue;
            }
            Value v = r.value() == null ? Value.NIL : r.value();
            if (out.containsKey(r.bin())) {
                Value first = out.get(r.bin());
                repeated.computeIfAbsent(r.bin(), b -> new ArrayList<>(List.of(first))).add(v);
            } else {
                out.put(r.bin(), v);
            }
        }
        repeated.forEach((bin, values) -> out.put(bin, new Value.ListValue(values)));
        return out;
    }
}
