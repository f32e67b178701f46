package io.aerolog.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's loop on a dumb terminal: statements that need no node (HELP, SET OUTPUT, syntax errors), history, EXIT. */
class ShellTest {
    static String runShell(String input, Path history) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                screen);
             PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            SqlSession session = new SqlSession(null, "nowhere", Statement.OutputFormat.TABLE, out, out);
            assertThat(new Shell(terminal, history, session).run("hello")).isZero();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsLinesUntilExitAndKeepsThemInTheHistoryFile(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        String shown = runShell("HELP\nSELEC oops\n\n-- a comment\nSET OUTPUT JSON\nexit;\nHELP\n", history);
        assertThat(shown).contains("hello", "aerolog> ", "Statements (aql's dialect", "Syntax error at column 1",
                "OUTPUT = JSON");
        assertThat(shown.indexOf("Statements (aql's dialect")).isEqualTo(shown.lastIndexOf("Statements (aql's dialect"));
        assertThat(Files.readString(history)).contains("HELP", "SELEC oops", "SET OUTPUT JSON");
    }

    @Test
    void endOfInputLeaves(@TempDir Path dir) throws Exception {
        String shown = runShell("SET OUTPUT JSON\n", dir.resolve("h"));
        assertThat(shown).contains("OUTPUT = JSON");
    }
}
