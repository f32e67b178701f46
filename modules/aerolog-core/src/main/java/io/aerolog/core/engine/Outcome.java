package io.aerolog.core.engine;

import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of applying one command: the result code (and a message saying what to fix when it is
 * not OK), the effect on the store, the record after the command (for WRITE; the deleted record for
 * DELETE; the record read, for a read), what each operation returned, in order, and the change to
 * publish (null when nothing changed).
 */
public record Outcome(ResultCode resultCode, String message, Effect effect, Record record, List<OpResult> results,
                      ChangeKind change) {
    public Outcome {
        Objects.requireNonNull(resultCode, "resultCode");
        Objects.requireNonNull(effect, "effect");
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** A refusal: nothing changes, and the code says why. */
    public static Outcome refused(ResultCode code, String message) {
        return new Outcome(code, message, Effect.NONE, null, List.of(), null);
    }

    public boolean isOk() {
        return resultCode == ResultCode.OK;
    }

    /** The generation of the record after the command, or 0 when there is none. */
    public int generation() {
        return record == null ? 0 : record.generation();
    }

    /**
     * What the operations returned, by bin, as Aerospike's clients present an operate's answer: a bin
     * that several operations returned values for holds the list of those values, in order.
     */
    public Map<String, Value> reads() {
        return readsByBin(results);
    }

    /** {@link #reads()} of a list of operation results. */
    public static Map<String, Value> readsByBin(List<OpResult> results) {
        Map<String, Value> out = new LinkedHashMap<>();
        Map<String, List<Value>> repeated = new LinkedHashMap<>();
        for (OpResult r : results) {
            if (r.value() == null || r.bin() == null) {
                continue;
            }
            Value before = out.putIfAbsent(r.bin(), r.value());
            if (before != null) {
                repeated.computeIfAbsent(r.bin(), b -> new ArrayList<>(List.of(before))).add(r.value());
            }
        }
        repeated.forEach((bin, values) -> out.put(bin, new Value.ListValue(values)));
        return out;
    }
}
