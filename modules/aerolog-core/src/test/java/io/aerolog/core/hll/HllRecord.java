package io.aerolog.core.hll;

import com.aerospike.client.Operation;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record's bins under test, driven by operations packed by Aerospike's own Java client: each payload
 * is the msgpack the client sends, decoded by our MsgPack, applied in order as one operate applies them
 * (HLL operations, plus the client's bin delete for "remove the bin").
 */
final class HllRecord {
    final Map<String, Value> bins = new TreeMap<>();

    static Value wire(Operation op) {
        byte[] bytes = (byte[]) op.value.getObject();
        return MsgPack.unpackList(bytes, 0, bytes.length);
    }

    /** What each operation returned, in order (null for nothing). */
    List<Value> operate(Operation... ops) {
        List<Value> results = new ArrayList<>();
        for (Operation op : ops) {
            switch (op.type) {
                case HLL_READ -> results.add(HllOperations.read(bins.get(op.binName), wire(op)));
                case HLL_MODIFY -> {
                    var r = HllOperations.modify(bins.get(op.binName), wire(op));
                    if (r.bin() == null) {
                        bins.remove(op.binName);
                    } else {
                        bins.put(op.binName, r.bin());
                    }
                    results.add(r.result());
                }
                case WRITE -> {
                    bins.remove(op.binName);
                    results.add(null);
                }
                default -> throw new IllegalArgumentException(op.type.toString());
            }
        }
        return results;
    }

    Value.HllValue hll(String bin) {
        return (Value.HllValue) bins.get(bin);
    }

    /** The bin as the client's HLLValue, to pass back as an argument. */
    com.aerospike.client.Value.HLLValue clientHll(String bin) {
        return new com.aerospike.client.Value.HLLValue(hll(bin).value());
    }
}
