package io.aerolog.cli.backup;

import picocli.CommandLine.Option;

/**
 * How fast a backup or restore may go, and whether it shows its progress: the options both tools take, as
 * asbackup and asrestore name them.
 */
final class Pace {
    @Option(names = {"-L", "--records-per-second"}, defaultValue = "0", paramLabel = "N",
            description = "at most N records a second (0: no limit)")
    long recordsPerSecond;

    @Option(names = "--bandwidth", defaultValue = "0", paramLabel = "BYTES",
            description = "at most this many bytes of file a second (0: no limit)")
    long bandwidth;

    @Option(names = "--no-progress", description = "no progress line (it is shown only on a terminal anyway)")
    boolean noProgress;

    /** Refuses a negative limit. */
    void check() {
        BackupCommand.check(recordsPerSecond >= 0 && bandwidth >= 0,
                "--records-per-second and --bandwidth take 0 (no limit) or more");
    }

    /** Whether either limit is set. */
    boolean limited() {
        return recordsPerSecond != 0 || bandwidth != 0;
    }
}
