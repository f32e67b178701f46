package io.aerolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The launcher without a node: help, examples, exit codes for usage errors and for a node that is not there. */
class AerologCliTest {
    @Test
    void helpListsTheSubcommandsAndTheExitCodes() {
        Cli.Run r = Cli.run("--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("info", "sql", "load", "cluster", "Exit codes: 0 ok, 1 the node refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "sql", "load", "cluster", "backup", "restore"})
    void everySubcommandHasExamplesAndExitCodes(String sub) {
        Cli.Run r = Cli.run(sub, "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: aerolog " + sub, "Examples:", "aerolog " + sub, "Exit codes:");
    }

    @Test
    void aWrongOptionIsAUsageError() {
        Cli.Run r = Cli.run("info", "--no-such-option");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'", "Try: aerolog info --help");
        assertThat(Cli.run("nosuch").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("load", "--read-pct", "101").err()).contains("--read-pct takes 0 to 100");
        assertThat(Cli.run("load", "--read-pct", "101").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("info", "-p", "70000").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aStatementThatDoesNotParseIsAUsageErrorBeforeAnythingIsSent() {
        Cli.Run r = Cli.runWithInput("", "sql", "-p", "1", "--timeout", "200", "-e", "SELEC 1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Syntax error at column 1: unknown statement 'SELEC'");
    }

    @Test
    void noNodeThereIsCannotConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String p = Integer.toString(port);
        Cli.Run info = Cli.run("info", "-p", p, "--timeout", "1000");
        assertThat(info.exit()).as(info.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
        assertThat(info.err()).contains("cannot connect to 127.0.0.1:" + p, "-h HOST -p PORT");
        Cli.Run sql = Cli.run("sql", "-p", p, "--timeout", "1000", "-e", "SHOW NAMESPACES");
        assertThat(sql.exit()).as(sql.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
        Cli.Run load = Cli.run("load", "-p", p, "--timeout", "1000", "--duration", "1");
        assertThat(load.exit()).as(load.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
        Cli.Run cluster = Cli.run("cluster", "--url", "http://127.0.0.1:" + p, "--timeout", "1000");
        assertThat(cluster.exit()).as(cluster.toString()).isEqualTo(ExitCode.CANNOT_CONNECT);
        assertThat(cluster.err()).contains("cannot connect to http://127.0.0.1:" + p + "/v1/cluster");
    }
}
