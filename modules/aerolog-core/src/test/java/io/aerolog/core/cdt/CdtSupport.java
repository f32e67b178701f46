package io.aerolog.core.cdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Operation;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.BinOpResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * Runs list and map operations as Aerospike's Java client sends them: the client packs an
 * {@link Operation} (its value is the msgpack payload as bytes), {@link MsgPack#unpack} decodes the
 * payload, and {@link CdtOperations} applies it to a bin held here, as the record engine does.
 */
final class CdtSupport {
    private CdtSupport() {
    }

    /**
     * Values equal as the wire sees them: a list or map by its msgpack bytes (its order flags and the
     * order of its entries, which {@code Map.equals} ignores), anything else by {@code equals}.
     */
    static final Comparator<Value> EXACT = (a, b) -> Objects.equals(wire(a), wire(b)) ? 0 : 1;

    private static Object wire(Value v) {
        if (v instanceof Value.ListValue || v instanceof Value.MapValue) {
            return HexFormat.of().formatHex(MsgPack.pack(v));
        }
        return v;
    }

    /** An assertion on a value that compares as {@link #EXACT}. */
    static ObjectAssert<Value> exact(Value actual) {
        return assertThat(actual).usingComparator(EXACT);
    }

    /** An assertion on results that compares each as {@link #EXACT}. */
    static ListAssert<Value> exact(List<Value> actual) {
        return assertThat(actual).usingElementComparator(EXACT);
    }

    /** The payload of a client operation, decoded as the engine receives it. */
    static Value payload(Operation op) {
        byte[] bytes = (byte[]) op.value.getObject();
        return MsgPack.unpack(bytes, 0, bytes.length);
    }

    /** One bin, changed by the modify operations run on it. */
    static final class Bin {
        Value value;

        Bin(Value value) {
            this.value = value;
        }

        static Bin absent() {
            return new Bin(null);
        }

        /** Runs an operation (a read or a modify, as the client types it) and returns what it returns. */
        Value run(Operation op) {
            Value payload = payload(op);
            if (op.type.isWrite) {
                BinOpResult r = CdtOperations.modify(value, payload);
                value = r.bin();
                return r.result();
            }
            return CdtOperations.read(value, payload);
        }

        /** Runs operations in order, as one operate; returns each one's result. */
        List<Value> run(Operation... ops) {
            List<Value> results = new ArrayList<>();
            for (Operation op : ops) {
                results.add(run(op));
            }
            return results;
        }

        /** Asserts that an operation is refused with {@code code} and leaves the bin as it was. */
        void refuses(Operation op, ResultCode code) {
            Value before = value;
            assertThatThrownBy(() -> run(op)).isInstanceOfSatisfying(AerologException.class,
                    e -> assertThat(e.resultCode()).as(e.getMessage()).isEqualTo(code));
            exact(value).isEqualTo(before);
        }
    }

    /** Asserts that running a raw payload on a bin is refused with {@code code}. */
    static void refusesModify(Value bin, Value payload, ResultCode code) {
        assertThatThrownBy(() -> CdtOperations.modify(bin, payload)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).as(e.getMessage()).isEqualTo(code));
    }

    static void refusesRead(Value bin, Value payload, ResultCode code) {
        assertThatThrownBy(() -> CdtOperations.read(bin, payload)).isInstanceOfSatisfying(AerologException.class,
                e -> assertThat(e.resultCode()).as(e.getMessage()).isEqualTo(code));
    }

    /** The value of a Java object: numbers, strings, booleans, null, byte arrays, lists and maps. */
    static Value v(Object o) {
        if (o == null) {
            return Value.NIL;
        } else if (o instanceof Value value) {
            return value;
        } else if (o instanceof Integer i) {
            return Value.of(i);
        } else if (o instanceof Long l) {
            return Value.of(l);
        } else if (o instanceof Double d) {
            return Value.of(d);
        } else if (o instanceof String s) {
            return Value.of(s);
        } else if (o instanceof Boolean b) {
            return Value.of(b);
        } else if (o instanceof byte[] b) {
            return Value.of(b);
        } else if (o instanceof List<?> list) {
            List<Value> items = new ArrayList<>();
            list.forEach(item -> items.add(v(item)));
            return new Value.ListValue(items);
        }
        Map<Value, Value> entries = new LinkedHashMap<>();
        ((Map<?, ?>) o).forEach((k, val) -> entries.put(v(k), v(val)));
        return new Value.MapValue(entries);
    }

    /** An unordered list of the values of these objects. */
    static Value list(Object... items) {
        List<Value> values = new ArrayList<>();
        for (Object item : items) {
            values.add(v(item));
        }
        return new Value.ListValue(values);
    }

    /** An ordered list of the values of these objects. */
    static Value ordered(Object... items) {
        return new Value.ListValue(((Value.ListValue) list(items)).items(), true);
    }

    /** An unordered map of alternating keys and values, in this order. */
    static Value map(Object... keysAndValues) {
        return map(Value.MapOrder.UNORDERED, keysAndValues);
    }

    static Value map(Value.MapOrder order, Object... keysAndValues) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(v(keysAndValues[i]), v(keysAndValues[i + 1]));
        }
        return new Value.MapValue(entries, order);
    }

    /** The client's value of a list of Java objects. */
    static List<com.aerospike.client.Value> values(Object... items) {
        List<com.aerospike.client.Value> out = new ArrayList<>();
        for (Object item : items) {
            out.add(item instanceof com.aerospike.client.Value cv ? cv : com.aerospike.client.Value.get(item));
        }
        return out;
    }

    /** The client's map of alternating keys and values (as Values, in this order). */
    static Map<com.aerospike.client.Value, com.aerospike.client.Value> clientMap(Object... keysAndValues) {
        Map<com.aerospike.client.Value, com.aerospike.client.Value> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(com.aerospike.client.Value.get(keysAndValues[i]), com.aerospike.client.Value.get(keysAndValues[i + 1]));
        }
        return m;
    }

    static com.aerospike.client.Value cv(Object o) {
        return com.aerospike.client.Value.get(o);
    }
}
