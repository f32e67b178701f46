package io.aerolog.cli;

/**
 * A failure the user sees as one message and an {@link ExitCode}: raised anywhere in a subcommand,
 * printed once by {@link AerologCli}.
 */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
