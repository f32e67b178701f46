package io.aerolog.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a node's Aerospike port is, how long to wait for it, and who logs in: the options every wire subcommand
 * takes.
 */
public final class NodeOptions {
    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "the node's host (default: ${DEFAULT-VALUE})")
    public String host;

    @Option(names = {"-p", "--port"}, defaultValue = "3000", paramLabel = "PORT",
            description = "the node's Aerospike port (default: ${DEFAULT-VALUE})")
    public int port;

    @Option(names = "--timeout", defaultValue = "5000", paramLabel = "MS",
            description = "how long to wait to connect and for each answer, in milliseconds (default: ${DEFAULT-VALUE})")
    public int timeoutMillis;

    @Mixin
    public Credentials credentials = new Credentials();

    /** host:port, for messages. */
    public String target() {
        return host + ":" + port;
    }

    /** Checks the values: a port in range and a positive timeout. */
    public void validate() {
        if (port < 1 || port > 65535) {
            throw new CliFailure(ExitCode.USAGE, "--port " + port + " is not a port (1-65535)");
        }
        if (timeoutMillis <= 0) {
            throw new CliFailure(ExitCode.USAGE, "--timeout takes a positive number of milliseconds");
        }
        credentials.validate();
    }
}
