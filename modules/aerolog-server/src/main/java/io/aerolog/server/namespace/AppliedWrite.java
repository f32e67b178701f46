package io.aerolog.server.namespace;

import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.protocol.ConsistencyToken;
import java.util.List;
import java.util.Map;

/**
 * The answer to a write this node appended, as its command's task applied it: the engine's result code
 * and message, the record's generation and void time after it, what each of its operations returned, its
 * position in the log, and the command's time.
 */
public record AppliedWrite(ResultCode resultCode, String message, int generation, long voidTimeMillis,
                           List<OpResult> results, ConsistencyToken token, long timeMillis) {
    public AppliedWrite {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public boolean isOk() {
        return resultCode == ResultCode.OK;
    }

    /** What the operations returned, by bin, as Aerospike's clients present an operate's answer. */
    public Map<String, Value> reads() {
        return Outcome.readsByBin(results);
    }

    /** Seconds to live as of the write's time; -1 when the record never expires. */
    public long ttlSeconds() {
        return voidTimeMillis == 0 ? -1 : Math.max(0, (voidTimeMillis - timeMillis + 999) / 1000);
    }
}
