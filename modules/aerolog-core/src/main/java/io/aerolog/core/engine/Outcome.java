package io.aerolog.core.engine;

import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import java.util.Map;
import java.util.Objects;

/**
 * The result of applying one command: the result code (and a message saying what to fix when it is
 * not OK), the effect on the store, the record after the command (for WRITE; the deleted record for
 * DELETE), the bins its read operations returned, and the change to publish (null when nothing changed).
 */
public record Outcome(ResultCode resultCode, String message, Effect effect, Record record,
                      Map<String, io.aerolog.core.Value> reads, ChangeKind change) {
    public Outcome {
        Objects.requireNonNull(resultCode, "resultCode");
        Objects.requireNonNull(effect, "effect");
        reads = reads == null ? Map.of() : reads;
    }

    static Outcome refused(ResultCode code, String message) {
        return new Outcome(code, message, Effect.NONE, null, Map.of(), null);
    }

    public boolean isOk() {
        return resultCode == ResultCode.OK;
    }

    /** The generation of the record after the command, or 0 when there is none. */
    public int generation() {
        return record == null ? 0 : record.generation();
    }
}
