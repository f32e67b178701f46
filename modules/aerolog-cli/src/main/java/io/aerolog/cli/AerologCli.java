package io.aerolog.cli;

import io.aerolog.cli.backup.BackupCommand;
import io.aerolog.cli.backup.RestoreCommand;
import io.aerolog.cli.cluster.ClusterCommand;
import io.aerolog.cli.info.InfoCommand;
import io.aerolog.cli.load.LoadCommand;
import io.aerolog.cli.sql.SqlCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code aerolog} command: one launcher, a subcommand per job (info, sql, load, cluster), each with
 * its own {@code --help} and examples, and exit codes shared by all ({@link ExitCode}).
 */
@Command(name = "aerolog", sortOptions = false,
        description = "Aerolog's command-line tool: talks to a node over Aerospike's protocol and its HTTP API.",
        subcommands = {InfoCommand.class, SqlCommand.class, LoadCommand.class, ClusterCommand.class, BackupCommand.class,
            RestoreCommand.class},
        footer = {"", "Examples:",
            "  aerolog info                                   the node's summary",
            "  aerolog sql -e \"SELECT * FROM test.users WHERE PK = 'ada'\"",
            "  aerolog load --duration 30 --read-pct 80       a load through Aerospike's client",
            "  aerolog cluster                                nodes, partitions, record counts",
            "  aerolog backup -n test -o test.asb             a namespace to a file (asbackup's format)",
            "  aerolog restore -i test.asb                    and back",
            "", AerologCli.EXIT_CODES})
public final class AerologCli implements Runnable {
    public static final String EXIT_CODES = "Exit codes: 0 ok, 1 the node refused a request (its Aerospike result"
            + " code is printed), 2 usage (nothing was sent), 3 cannot connect, 4 timed out (a write may have been"
            + " applied), 5 an unexpected error.";

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private CommandLine commandLine;

    private AerologCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    @Override
    public void run() {
        commandLine.usage(out);
    }

    public static void main(String[] args) {
        System.exit(execute(System.in, System.out, System.err, args));
    }

    /** Runs one command line with these streams; returns its exit code. */
    public static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
        AerologCli cli = new AerologCli(in, out, err);
        CommandLine cl = new CommandLine(cli);
        cli.commandLine = cl;
        cl.getCommandSpec().version("aerolog 0.1.0");
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(t -> t instanceof CliFailure f ? f.exitCode() : ExitCode.UNEXPECTED);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliFailure f) {
                err.println(f.getMessage());
                return f.exitCode();
            }
            err.println("aerolog: unexpected error: " + ex);
            ex.printStackTrace(err);
            return ExitCode.UNEXPECTED;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            err.println("aerolog: " + ex.getMessage());
            err.println("Try: aerolog " + (c.getParent() == null ? "" : c.getCommandName() + " ") + "--help");
            return ExitCode.USAGE;
        });
        return cl.execute(args);
    }
}
