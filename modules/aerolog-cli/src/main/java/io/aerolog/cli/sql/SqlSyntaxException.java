package io.aerolog.cli.sql;

/**
 * A statement that does not parse: what was expected, and the 1-based column where it went wrong, so
 * the shell can point at it.
 */
public final class SqlSyntaxException extends RuntimeException {
    private final int column;

    SqlSyntaxException(String message, int column) {
        super(message, null, false, false);
        this.column = column;
    }

    /** 1-based column of the statement where the error is (one past the end when it ended early). */
    public int column() {
        return column;
    }

    /** The message with its column and, under the statement, a caret at it. */
    public String describe(String statement) {
        String line = statement.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        int caret = Math.max(1, Math.min(column, line.length() + 1));
        return "Syntax error at column " + column + ": " + getMessage() + System.lineSeparator()
                + "  " + line + System.lineSeparator() + "  " + " ".repeat(caret - 1) + "^";
    }
}
