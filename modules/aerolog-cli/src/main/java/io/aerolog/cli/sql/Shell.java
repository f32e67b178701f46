package io.aerolog.cli.sql;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: JLine's line editing (arrows, Ctrl-R search, Emacs keys) and a history kept
 * in a file across sessions; one statement a line, EXIT, QUIT or Ctrl-D to leave, Ctrl-C drops the line.
 */
public final class Shell {
    /** The most statements the history file keeps. */
    static final int HISTORY_SIZE = 1000;
    private final Terminal terminal;
    private final Path historyFile;
    private final SqlSession session;

    public Shell(Terminal terminal, Path historyFile, SqlSession session) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.session = session;
    }

    /** Reads and runs statements until the user leaves; a statement's failure is printed and the shell goes on. */
    public int run(String banner) throws IOException {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("aerolog")
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .build();
        terminal.writer().println(banner);
        terminal.writer().flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine("aerolog> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                String statement = line.strip();
                if (statement.isEmpty() || statement.startsWith("--")) {
                    continue;
                }
                String word = statement.endsWith(";") ? statement.substring(0, statement.length() - 1).strip()
                        : statement;
                if (word.equalsIgnoreCase("exit") || word.equalsIgnoreCase("quit")) {
                    break;
                }
                session.run(statement);
                terminal.flush();
            }
        } finally {
            reader.getHistory().save();
        }
        return 0;
    }
}
