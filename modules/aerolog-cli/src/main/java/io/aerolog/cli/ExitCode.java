package io.aerolog.cli;

/**
 * What the {@code aerolog} command's exit status means, the same for every subcommand, so scripts can
 * tell a refused request from a typo from a node that is not there.
 */
public final class ExitCode {
    /** Everything asked was done. */
    public static final int OK = 0;
    /** The node answered, and refused (its Aerospike result code is printed). */
    public static final int REFUSED = 1;
    /** The command line or a statement is wrong: nothing was sent. */
    public static final int USAGE = 2;
    /** No node answered at the address given. */
    public static final int CANNOT_CONNECT = 3;
    /** The node did not answer in time; a write may or may not have been applied. */
    public static final int TIMEOUT = 4;
    /** Something this tool did not expect (a bug): the message and stack trace are printed. */
    public static final int UNEXPECTED = 5;

    private ExitCode() {
    }
}
