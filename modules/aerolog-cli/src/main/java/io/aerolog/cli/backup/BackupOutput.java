package io.aerolog.cli.backup;

import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a backup goes: standard output ({@code -}), a new file (an existing one is refused unless
 * {@code --remove-files}), or, with {@code --resume}, the file of an interrupted backup cut back to the
 * length its state recorded and appended to. Keeps the state file of a file backup.
 */
final class BackupOutput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    final Path path;
    final Path statePath;
    final BackupState state;
    final boolean resumed;
    private final OutputStream stream;
    private final FileChannel channel;
    final BackupWriter writer;

    private BackupOutput(Path path, BackupState state, boolean resumed, OutputStream stream, FileChannel channel) {
        this.path = path;
        this.statePath = path == null ? null : BackupState.pathFor(path);
        this.state = state;
        this.resumed = resumed;
        this.stream = stream;
        this.channel = channel;
        this.writer = new BackupWriter(stream, state.bytes);
    }

    /** Refuses what {@link #open} would refuse, before anything is created or sent. */
    static void check(String output, boolean resume, boolean removeFiles) {
        if (output.equals("-")) {
            if (resume) {
                throw new CliFailure(ExitCode.USAGE, "--resume needs a file (-o FILE): standard output cannot be resumed");
            }
            return;
        }
        Path path = Path.of(output);
        if (resume && (!Files.exists(BackupState.pathFor(path)) || !Files.exists(path))) {
            throw new CliFailure(ExitCode.USAGE, "--resume: no interrupted backup at " + path + " ("
                    + BackupState.pathFor(path) + " is missing); start it without --resume");
        }
        if (!resume && Files.exists(path) && !removeFiles) {
            throw new CliFailure(ExitCode.USAGE, path + " exists: --resume continues an interrupted backup into it,"
                    + " --remove-files replaces it");
        }
    }

    static BackupOutput open(String output, boolean resume, boolean removeFiles, PrintStream stdout,
                             BackupState fresh) {
        check(output, resume, removeFiles);
        if (output.equals("-")) {
            if (resume) {
                throw new CliFailure(ExitCode.USAGE, "--resume needs a file (-o FILE): standard output cannot be resumed");
            }
            return new BackupOutput(null, fresh, false, new BufferedOutputStream(stdout, BUFFER), null);
        }
        Path path = Path.of(output);
        Path statePath = BackupState.pathFor(path);
        try {
            if (resume) {
                if (!Files.exists(statePath) || !Files.exists(path)) {
                    throw new CliFailure(ExitCode.USAGE, "--resume: no interrupted backup at " + path + " (" + statePath
                            + " is missing); start it without --resume");
                }
                BackupState state = BackupState.load(statePath);
                if (!state.namespace.equals(fresh.namespace) || !java.util.Objects.equals(state.set, fresh.set)) {
                    throw new CliFailure(ExitCode.USAGE, "--resume: " + path + " is a backup of " + state.namespace
                            + (state.set == null ? "" : "." + state.set) + ", not of " + fresh.namespace
                            + (fresh.set == null ? "" : "." + fresh.set));
                }
                if (Files.size(path) < state.bytes) {
                    throw new CliFailure(ExitCode.USAGE, "--resume: " + path + " is shorter (" + Files.size(path)
                            + " bytes) than its state says (" + state.bytes + "): it was changed; start again");
                }
                FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
                channel.truncate(state.bytes);
                channel.position(state.bytes);
                return new BackupOutput(path, state, true,
                        new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), channel);
            }
            if (Files.exists(path) && !removeFiles) {
                throw new CliFailure(ExitCode.USAGE, path + " exists: --resume continues an interrupted backup into it,"
                        + " --remove-files replaces it");
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new BackupOutput(path, fresh, false,
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), channel);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Flushes what was written and records the state at that point (a file backup only). */
    void checkpoint() throws IOException {
        stream.flush();
        if (statePath != null) {
            channel.force(false);
            state.bytes = writer.bytes();
            state.save(statePath);
        }
    }

    /** The backup finished: its state is no longer needed. */
    void finished() throws IOException {
        stream.flush();
        if (statePath != null) {
            Files.deleteIfExists(statePath);
        }
    }

    @Override
    public void close() throws IOException {
        stream.flush();
        if (channel != null) {
            channel.close();
        }
    }
}
