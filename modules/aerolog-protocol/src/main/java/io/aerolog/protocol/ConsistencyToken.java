package io.aerolog.protocol;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;

/**
 * Where a write sits in its namespace's command log: Kafka partition and offset, written
 * {@code partition:offset}. A read that carries it waits until the serving store has applied it.
 */
public record ConsistencyToken(int partition, long offset) {
    public static ConsistencyToken parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        try {
            if (colon > 0) {
                return new ConsistencyToken(Integer.parseInt(text.substring(0, colon)),
                        Long.parseLong(text.substring(colon + 1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, "consistency token '" + text
                + "' is not of the form partition:offset as a write returned it");
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
