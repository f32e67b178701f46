package io.aerolog.cli.backup;

/** A backup file that is not in asbackup's text format, with the line where it stops making sense. */
final class BackupFormatException extends Exception {
    private final long line;

    BackupFormatException(long line, String message) {
        super("line " + line + ": " + message, null, false, false);
        this.line = line;
    }

    long line() {
        return line;
    }
}
