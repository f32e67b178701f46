package io.aerolog.core.bits;

import com.aerospike.client.Operation;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.List;

/**
 * One bin under test, driven by operations packed by Aerospike's own Java client: each operation's
 * payload is the msgpack the client sends, decoded by our MsgPack as the wire listener decodes it, then
 * applied in order as one operate command applies them.
 */
final class BitRecord {
    Value bin;

    BitRecord(byte[] initial) {
        this.bin = initial == null ? null : new Value.BytesValue(initial);
    }

    /** The payload of a client operation as the engine receives it. */
    static Value wire(Operation op) {
        byte[] bytes = (byte[]) op.value.getObject();
        return MsgPack.unpackList(bytes, 0, bytes.length);
    }

    /** Applies the operations in order; what each returned (null for nothing). */
    List<Value> operate(Operation... ops) {
        List<Value> results = new ArrayList<>();
        for (Operation op : ops) {
            if (op.type == Operation.Type.BIT_READ) {
                results.add(BitOperations.read(bin, wire(op)));
            } else {
                var r = BitOperations.modify(bin, wire(op));
                bin = r.bin();
                results.add(r.result());
            }
        }
        return results;
    }

    byte[] bytes() {
        return ((Value.BytesValue) bin).value();
    }
}
