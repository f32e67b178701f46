package io.aerolog.cli.sql;

import com.aerospike.client.AerospikeClient;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.AerospikeConnection;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code aerolog sql}: aql's statements, one-shot ({@code -e}), from standard input, or in an interactive shell. */
@Command(name = "sql", sortOptions = false,
        description = {"Reads and writes records with aql's statements through Aerospike's protocol:",
            "one-shot with -e, a script on standard input, or an interactive shell (history in ~/.aerolog_history)."},
        footer = {"", "Examples:",
            "  aerolog sql -e \"INSERT INTO test.users (PK, name, visits) VALUES ('ada', 'Ada', 1)\"",
            "  aerolog sql -e \"SELECT * FROM test.users WHERE PK = 'ada'\"",
            "  aerolog sql --json -e \"SELECT name FROM test.users WHERE PK = 'ada'\"",
            "  aerolog sql -e \"SHOW NAMESPACES\" -e \"DELETE FROM test.users WHERE PK = 'ada'\"",
            "  echo \"SELECT * FROM test.users WHERE PK = 'ada'\" | aerolog sql",
            "  aerolog sql                      (the interactive shell; HELP lists the statements)",
            "", AerologCli.EXIT_CODES})
public final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-e", "--execute"}, paramLabel = "STATEMENT",
            description = "run this statement and exit (repeatable: run in order, stop at the first failure)")
    List<String> statements;

    @Option(names = "--json", description = "print result sets as JSON (as SET OUTPUT JSON)")
    boolean json;

    @Option(names = "--history", paramLabel = "FILE", description = "the shell's history file (default: ~/.aerolog_history)")
    Path history;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() throws IOException {
        Statement.OutputFormat format = json ? Statement.OutputFormat.JSON : Statement.OutputFormat.TABLE;
        if (statements != null) {
            for (String s : statements) {
                try {
                    Parser.parse(s);
                } catch (SqlSyntaxException e) {
                    parent.err().println(e.describe(s));
                    return ExitCode.USAGE;
                }
            }
        }
        try (AerospikeClient client = AerospikeConnection.open(node, 8)) {
            SqlSession session = new SqlSession(client, node.target(), format, parent.out(), parent.err());
            if (statements != null && !statements.isEmpty()) {
                for (String s : statements) {
                    int code = session.run(s);
                    if (code != ExitCode.OK) {
                        return code;
                    }
                }
                return ExitCode.OK;
            }
            if (System.console() == null || parent.in() != System.in) {
                return script(session);
            }
            Path file = history != null ? history : Path.of(System.getProperty("user.home"), ".aerolog_history");
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                return new Shell(terminal, file, session).run("Connected to " + node.target()
                        + ". HELP lists the statements; EXIT or Ctrl-D leaves.");
            }
        }
    }

    /** Statements from standard input, one a line ('--' comments and blank lines skipped); stops at the first failure. */
    private int script(SqlSession session) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("--")) {
                continue;
            }
            int code = session.run(s);
            if (code != ExitCode.OK) {
                parent.err().println("(stopped at line " + lineNo + " of standard input)");
                return code;
            }
        }
        if (lineNo == 0) {
            throw new CliFailure(ExitCode.USAGE, "no statement: give one with -e \"...\", pipe some in, or run"
                    + " aerolog sql in a terminal for the shell");
        }
        return ExitCode.OK;
    }
}
