package io.aerolog.cli;

import picocli.CommandLine.Option;

/**
 * A user's name and password, for a cluster with access control on: the same users over Aerospike's protocol
 * (its login) and over HTTP (Basic). The password comes from {@code -P PASSWORD}, a prompt when {@code -P} is
 * given alone, or the {@code AEROLOG_PASSWORD} environment variable, so it need not be in the shell's history.
 */
public final class Credentials {
    /** The environment variable read for the password when {@code -P} is not given. */
    public static final String PASSWORD_VARIABLE = "AEROLOG_PASSWORD";

    @Option(names = {"-U", "--user"}, paramLabel = "USER",
            description = "the user to log in as, when the cluster has access control on")
    public String user;

    @Option(names = {"-P", "--password"}, paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "the user's password; -P alone prompts for it; default: the " + PASSWORD_VARIABLE
                    + " environment variable")
    public char[] password;

    /** Whether a user was named. */
    public boolean present() {
        return user != null;
    }

    /** The password to log in with; refuses a user without one. */
    public String password() {
        if (password != null) {
            return new String(password);
        }
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        throw new CliFailure(ExitCode.USAGE, "--user " + user + " needs a password: -P PASSWORD, -P alone to be "
                + "asked, or " + PASSWORD_VARIABLE + " in the environment");
    }

    /** Checks the values: a password without a user is a mistake. */
    public void validate() {
        if (user == null && password != null) {
            throw new CliFailure(ExitCode.USAGE, "-P/--password needs -U/--user");
        }
        if (user != null && user.isEmpty()) {
            throw new CliFailure(ExitCode.USAGE, "--user takes a user name");
        }
    }
}
