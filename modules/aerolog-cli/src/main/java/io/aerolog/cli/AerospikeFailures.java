package io.aerolog.cli;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;

/**
 * Turns what Aerospike's client raised into the message and exit code the user sees: the node's
 * result code and Aerospike's text for it (as aql prints it: {@code Error: (2) Key not found}), a
 * connection failure or a timeout told apart, and a hint where the fix is known.
 */
public final class AerospikeFailures {
    private AerospikeFailures() {
    }

    public static CliFailure of(AerospikeException e, String target) {
        int code = e.getResultCode();
        Integer login = loginFailure(e);
        if (login != null) {
            return new CliFailure(ExitCode.REFUSED, "cannot log in to " + target + ": " + message(login,
                    e.getBaseMessage().replaceAll("\\s+", " ").strip()) + System.lineSeparator()
                    + "Check the user and password (-U USER -P PASSWORD, or " + Credentials.PASSWORD_VARIABLE
                    + ").", e);
        }
        if (e instanceof AerospikeException.Connection || code == ResultCode.SERVER_NOT_AVAILABLE
                || code == ResultCode.INVALID_NODE_ERROR || code == ResultCode.NO_MORE_CONNECTIONS) {
            return new CliFailure(ExitCode.CANNOT_CONNECT, "cannot connect to " + target + ": "
                    + e.getBaseMessage().replaceAll("\\s+", " ").strip()
                    + " (is the node running, and is this its Aerospike port? -h HOST -p PORT)", e);
        }
        if (e instanceof AerospikeException.Timeout || code == ResultCode.TIMEOUT) {
            return new CliFailure(ExitCode.TIMEOUT, "Error: (" + ResultCode.TIMEOUT + ") " + e.getBaseMessage()
                    + (e.getInDoubt() ? " (the write is in doubt: it may have been applied)" : "")
                    + "; a longer --timeout may help", e);
        }
        return new CliFailure(ExitCode.REFUSED, message(code, e.getBaseMessage()), e);
    }

    /** The security result code of a refused login (the client wraps it in a connection failure), or null. */
    private static Integer loginFailure(AerospikeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AerospikeException a) {
                int code = a.getResultCode();
                if (code >= ResultCode.INVALID_USER && code <= ResultCode.INVALID_CREDENTIAL
                        || code == ResultCode.NOT_AUTHENTICATED) {
                    return code;
                }
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Error (6[0-5]|80): Login failed")
                .matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** {@code Error: (code) text}, with the client's own detail when it says more than the code's text. */
    public static String message(int code, String detail) {
        String text = ResultCode.getResultString(code);
        StringBuilder out = new StringBuilder("Error: (").append(code).append(") ").append(text);
        if (detail != null && !detail.isBlank() && !detail.equals(text)) {
            out.append(": ").append(detail);
        }
        String hint = hint(code);
        if (hint != null) {
            out.append(System.lineSeparator()).append(hint);
        }
        return out.toString();
    }

    private static String hint(int code) {
        return switch (code) {
            case ResultCode.INVALID_NAMESPACE -> "SHOW NAMESPACES (or aerolog info namespaces) lists the node's namespaces.";
            case ResultCode.BIN_NAME_TOO_LONG -> "Bin names are at most 15 bytes.";
            case ResultCode.RECORD_TOO_BIG -> "The record is over the namespace's max-record-size"
                    + " (aerolog info namespace/NS shows it).";
            default -> null;
        };
    }
}
