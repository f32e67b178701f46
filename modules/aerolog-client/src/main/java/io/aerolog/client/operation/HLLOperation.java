package io.aerolog.client.operation;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * HyperLogLog operations for {@code AerologClient.operate}, as Aerospike's {@code HLLOperation}: each builds
 * the operation Aerospike's Java client builds (the same payload). HyperLogLogs given as arguments are the
 * values of HyperLogLog bins (as a read returns them) or their bytes; -1 leaves a bit count as it is.
 */
public final class HLLOperation {
    private static final int INIT = 0;
    private static final int ADD = 1;
    private static final int SET_UNION = 2;
    private static final int SET_COUNT = 3;
    private static final int FOLD = 4;
    private static final int COUNT = 50;
    private static final int UNION = 51;
    private static final int UNION_COUNT = 52;
    private static final int INTERSECT_COUNT = 53;
    private static final int SIMILARITY = 54;
    private static final int DESCRIBE = 55;

    private HLLOperation() {
    }

    public static Operation init(HLLPolicy policy, String bin, int indexBitCount) {
        return init(policy, bin, indexBitCount, -1);
    }

    public static Operation init(HLLPolicy policy, String bin, int indexBitCount, int minHashBitCount) {
        return modify(bin, INIT, indexBitCount, minHashBitCount, policy.flags());
    }

    public static Operation add(HLLPolicy policy, String bin, List<Value> values) {
        return add(policy, bin, values, -1, -1);
    }

    public static Operation add(HLLPolicy policy, String bin, List<Value> values, int indexBitCount) {
        return add(policy, bin, values, indexBitCount, -1);
    }

    public static Operation add(HLLPolicy policy, String bin, List<Value> values, int indexBitCount,
                                int minHashBitCount) {
        return modify(bin, ADD, new Value.ListValue(values), indexBitCount, minHashBitCount, policy.flags());
    }

    public static Operation setUnion(HLLPolicy policy, String bin, List<Value> hlls) {
        return modify(bin, SET_UNION, blobs(hlls), policy.flags());
    }

    public static Operation refreshCount(String bin) {
        return modify(bin, SET_COUNT);
    }

    public static Operation fold(String bin, int indexBitCount) {
        return modify(bin, FOLD, indexBitCount);
    }

    public static Operation getCount(String bin) {
        return read(bin, COUNT);
    }

    public static Operation getUnion(String bin, List<Value> hlls) {
        return read(bin, UNION, blobs(hlls));
    }

    public static Operation getUnionCount(String bin, List<Value> hlls) {
        return read(bin, UNION_COUNT, blobs(hlls));
    }

    public static Operation getIntersectCount(String bin, List<Value> hlls) {
        return read(bin, INTERSECT_COUNT, blobs(hlls));
    }

    public static Operation getSimilarity(String bin, List<Value> hlls) {
        return read(bin, SIMILARITY, blobs(hlls));
    }

    public static Operation describe(String bin) {
        return read(bin, DESCRIBE);
    }

    /** HyperLogLogs as the payload carries them: blobs (the server reads the client's HLL particles as such). */
    private static Value blobs(List<Value> hlls) {
        List<Value> out = new ArrayList<>(hlls.size());
        for (Value v : hlls) {
            if (v instanceof Value.HllValue h) {
                out.add(Value.of(h.value()));
            } else if (v instanceof Value.BytesValue) {
                out.add(v);
            } else {
                throw new IllegalArgumentException("a HyperLogLog argument is a HyperLogLog bin's value or its bytes, not "
                        + (v == null ? "null" : v.type()));
            }
        }
        return new Value.ListValue(out);
    }

    private static Operation read(String bin, int code, Object... args) {
        return Payload.of(OperationType.HLL_READ, bin, code, args);
    }

    private static Operation modify(String bin, int code, Object... args) {
        return Payload.of(OperationType.HLL_MODIFY, bin, code, args);
    }
}
