package io.aerolog.core;

/**
 * A request Aerolog refused or could not complete, with Aerospike's result code and a message that
 * says what to fix. {@code inDoubt} is true when the write may or may not have been applied
 * (it was appended to the log, but the answer was not seen), as Aerospike reports it.
 */
public class AerologException extends RuntimeException {
    private final ResultCode resultCode;
    private final boolean inDoubt;

    public AerologException(ResultCode resultCode, String message) {
        this(resultCode, message, false, null);
    }

    public AerologException(ResultCode resultCode, String message, boolean inDoubt, Throwable cause) {
        super(message, cause);
        this.resultCode = resultCode;
        this.inDoubt = inDoubt;
    }

    public ResultCode resultCode() {
        return resultCode;
    }

    public boolean inDoubt() {
        return inDoubt;
    }
}
