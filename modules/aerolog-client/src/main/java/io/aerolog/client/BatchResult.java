package io.aerolog.client;

import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;

/**
 * The answer for one key of a batch operate, as Aerospike's {@code BatchRecord} holds it after the call:
 * Aerospike's result code (KEY_NOT_FOUND_ERROR for a missing record, FILTERED_OUT, -15 for a key not
 * attempted), the record (bins read or returned by the operations, generation, TTL; null when none),
 * whether a failed write may have been applied, the node's message on failures and a write's
 * consistency token.
 */
public record BatchResult(Key key, int resultCode, ClientRecord record, boolean inDoubt, String message,
                          String consistencyToken) {
    public boolean isOk() {
        return resultCode == ResultCode.OK.code();
    }

    /** The result code as Aerolog names it (SERVER_ERROR for a number it does not know). */
    public ResultCode code() {
        return ResultCode.of(resultCode);
    }
}
