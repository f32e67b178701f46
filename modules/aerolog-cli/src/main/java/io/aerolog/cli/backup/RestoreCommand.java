package io.aerolog.cli.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.AerospikeConnection;
import io.aerolog.cli.AerospikeFailures;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code aerolog restore}: a backup file in asbackup's text format back into a namespace, as asrestore does. */
@Command(name = "restore", sortOptions = false,
        description = {"Restores a backup file in asbackup's text format (version 3.1, from aerolog backup or Aerospike's",
            "asbackup): the UDF modules and secondary indexes first, then every record with its key or digest,",
            "set, bins and remaining TTL. As asrestore: a record is written only when the file's generation is",
            "greater than the stored one's (--no-generation: always), updating it by default. At the end the",
            "records read are checked against those written, skipped and failed."},
        footer = {"", "Examples:",
            "  aerolog restore -i test.asb                                 into the namespace it came from",
            "  aerolog restore -i test.asb -n staging                      into another namespace",
            "  aerolog restore -i test.asb --unique                        only records that do not exist",
            "  aerolog restore -i test.asb --replace --threads 32",
            "  gunzip -c test.asb.gz | aerolog restore -i - --no-progress",
            "", "Exit code 1 when any record failed (the first errors are printed with their line in the file);",
            "a record already expired, one that exists (--unique) or a fresher one is skipped, not failed.",
            "", AerologCli.EXIT_CODES})
public final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-i", "--input-file"}, required = true, paramLabel = "FILE",
            description = "the backup file; - reads standard input")
    String input;

    @Option(names = {"-n", "--namespace"}, description = "restore into this namespace (default: the file's)")
    String namespace;

    @Option(names = {"-u", "--unique"}, description = "create records only: one that exists is left as it is")
    boolean unique;

    @Option(names = {"-R", "--replace"}, description = "replace records: bins the file does not have are removed")
    boolean replace;

    @Option(names = {"-g", "--no-generation"}, description = "write whatever the stored record's generation")
    boolean noGeneration;

    @Option(names = "--no-records", description = "no records: only the UDF modules and indexes")
    boolean noRecords;

    @Option(names = "--no-indexes", description = "do not create the secondary indexes")
    boolean noIndexes;

    @Option(names = "--no-udfs", description = "do not register the UDF modules")
    boolean noUdfs;

    @Option(names = {"-t", "--threads"}, defaultValue = "16", description = "writers (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    Pace pace;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    static final int MAX_THREADS = 1024;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BackupCommand.check(!(unique && replace), "--unique and --replace contradict each other: pick one");
        BackupCommand.check(threads >= 1 && threads <= MAX_THREADS, "--threads takes 1 to " + MAX_THREADS);
        pace.check();
        BackupCommand.check(namespace == null || !namespace.isEmpty(), "--namespace cannot be empty");
        long expected = -1;
        InputStream in;
        if (input.equals("-")) {
            in = parent.in();
        } else {
            try {
                in = Files.newInputStream(Path.of(input));
                expected = Files.size(Path.of(input));
            } catch (NoSuchFileException e) {
                throw new CliFailure(ExitCode.USAGE, "no file " + input + " (-i FILE, or - for standard input)");
            }
        }
        RecordExistsAction exists = unique ? RecordExistsAction.CREATE_ONLY
                : replace ? RecordExistsAction.REPLACE : RecordExistsAction.UPDATE;
        long start = System.nanoTime();
        try (InputStream buffered = new BufferedInputStream(in, 1 << 20);
             AerospikeClient client = AerospikeConnection.open(node, Math.max(threads, 8))) {
            BackupReader reader;
            RestoreRun.Result r;
            try {
                reader = new BackupReader(buffered);
                try (Progress progress = new Progress("restore", -1, Progress.wanted(pace.noProgress, parent.err()),
                        parent.err())) {
                    r = new RestoreRun(client, new RestoreRun.Options(namespace, exists, !noGeneration, !noRecords,
                            !noIndexes, !noUdfs, threads, pace.recordsPerSecond, pace.bandwidth)).run(reader, progress);
                }
            } catch (BackupFormatException e) {
                throw new CliFailure(ExitCode.USAGE, input + ": " + e.getMessage());
            }
            parent.out().println(BackupSummary.line("restore of " + input + " (records read)", r.read(), r.bytes(),
                    System.nanoTime() - start));
            parent.out().printf(Locale.ROOT, "%,d UDF module(s) and %,d index(es) created; %,d write(s) tried again"
                    + " after a timeout or a busy partition%n", r.udfs(), r.indexes(), r.retried());
            long accounted = r.written() + r.expired() + r.existed() + r.fresher() + r.failed();
            parent.out().printf(Locale.ROOT, "count check: %,d records read = %,d written + %,d skipped (%,d expired,"
                            + " %,d existed, %,d fresher) + %,d failed: %s%n", r.read(), r.written(),
                    r.expired() + r.existed() + r.fresher(), r.expired(), r.existed(), r.fresher(), r.failed(),
                    accounted == r.read() ? "match" : "MISMATCH");
            if (r.failed() > 0) {
                parent.err().printf(Locale.ROOT, "%,d record(s) failed; the first:%n", r.failed());
                r.errors().forEach(e -> parent.err().println("  " + e));
            }
            if (r.formatError() != null) {
                throw new CliFailure(ExitCode.USAGE, input + ": " + r.formatError().getMessage()
                        + " (the restore stopped there; the records before that line were restored)");
            }
            if (r.failed() > 0) {
                return ExitCode.REFUSED;
            }
            return accounted == r.read() ? ExitCode.OK : ExitCode.UNEXPECTED;
        } catch (AerospikeException e) {
            throw AerospikeFailures.of(e, node.target());
        }
    }
}
