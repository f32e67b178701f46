package io.aerolog.protocol;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place a failure becomes what a caller is told: Aerospike's result code, a message and whether
 * a write may have been applied. Futures' wrappers are taken off first.
 */
public final class Failures {
    private Failures() {
    }

    /** {@code error} without the CompletionException / ExecutionException layers futures add. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * {@code error} as an {@link AerologException}: itself when it is one; a timeout as TIMEOUT, in doubt
     * when {@code write}; anything else as SERVER_ERROR, in doubt when {@code write} (it may have failed
     * after the command was appended).
     */
    public static AerologException of(Throwable error, boolean write) {
        Throwable t = unwrap(error);
        if (t instanceof AerologException e) {
            return e;
        }
        if (t instanceof TimeoutException) {
            return new AerologException(ResultCode.TIMEOUT, "no answer in time" + (write
                    ? "; the write is in doubt: read the record to see whether it applied" : ""), write, t);
        }
        return new AerologException(ResultCode.SERVER_ERROR, "internal error: " + t, write, t);
    }
}
