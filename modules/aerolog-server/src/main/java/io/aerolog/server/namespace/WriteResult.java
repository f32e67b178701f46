package io.aerolog.server.namespace;

import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.Map;

/**
 * The answer to a write: the engine's result code and message, the record's generation and void
 * time after it, what its read operations returned, and its position in the log.
 */
public record WriteResult(ResultCode resultCode, String message, int generation, long voidTimeMillis,
                          Map<String, Value> reads, ConsistencyToken token, long timeMillis) {
    public boolean isOk() {
        return resultCode == ResultCode.OK;
    }

    /** Seconds to live as of the write's time; -1 when the record never expires. */
    public long ttlSeconds() {
        return voidTimeMillis == 0 ? -1 : Math.max(0, (voidTimeMillis - timeMillis + 999) / 1000);
    }
}
