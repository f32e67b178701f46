package io.aerolog.cli.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.AerospikeConnection;
import io.aerolog.cli.AerospikeFailures;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code aerolog backup}: a namespace or set to a file in asbackup's text format, through a scan or the changes topic. */
@Command(name = "backup", sortOptions = false,
        description = {"Backs up a namespace or a set to a file in asbackup's text format (version 3.1): the UDF",
            "modules, the secondary-index definitions and every record, read through a scan of each partition,",
            "or read from the namespace's changes topic in Kafka (--from-changes) without asking any node.",
            "A file backup can be resumed (--resume) after it was stopped; at the end the records written are",
            "checked against the node's object count."},
        footer = {"", "Examples:",
            "  aerolog backup -n test -o test.asb                          a whole namespace",
            "  aerolog backup -n test -s users -o users.asb                one set",
            "  aerolog backup -n test -o test.asb --resume                 continue an interrupted backup",
            "  aerolog backup -n test -o - --no-progress | gzip > test.asb.gz",
            "  aerolog backup -n test -o test.asb --records-per-second 5000 --bandwidth 10000000",
            "  aerolog backup --from-changes --bootstrap-server 127.0.0.1:9092 -n test -o test.asb",
            "", "The file restores with aerolog restore, or with Aerospike's asrestore (-i FILE).",
            "", AerologCli.EXIT_CODES})
public final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-n", "--namespace"}, required = true, description = "the namespace to back up")
    String namespace;

    @Option(names = {"-s", "--set"}, description = "only this set (default: every set of the namespace)")
    String set;

    @Option(names = {"-o", "--output-file"}, required = true, paramLabel = "FILE",
            description = "the backup file; - writes to standard output")
    String output;

    @Option(names = "--resume", description = "continue the interrupted backup into FILE (from FILE.state)")
    boolean resume;

    @Option(names = {"-r", "--remove-files"}, description = "replace FILE when it exists")
    boolean removeFiles;

    @Option(names = {"-x", "--no-records"}, description = "no records: only the UDF modules and index definitions")
    boolean noRecords;

    @Option(names = "--no-indexes", description = "no secondary-index definitions")
    boolean noIndexes;

    @Option(names = "--no-udfs", description = "no UDF modules")
    boolean noUdfs;

    @Mixin
    Pace pace;

    @Option(names = "--max-records", defaultValue = "0", paramLabel = "N",
            description = "stop once the file holds N records, keeping the state for --resume (0: all)")
    long maxRecords;

    @Option(names = "--from-changes", description = "read the namespace's changes topic in Kafka instead of scanning")
    boolean fromChanges;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka's bootstrap servers, with --from-changes")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "a Kafka consumer setting, with --from-changes (e.g. security.protocol=SSL); repeatable")
    Map<String, String> kafkaProperties = new HashMap<>();

    @Option(names = "--max-memory", defaultValue = "1024", paramLabel = "MB",
            description = "with --from-changes: the most MB of record images kept before giving up (default: ${DEFAULT-VALUE})")
    long maxMemoryMb;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() throws IOException {
        check(!namespace.isEmpty(), "--namespace cannot be empty");
        check(set == null || !set.isEmpty(), "--set cannot be empty");
        pace.check();
        check(pace.recordsPerSecond <= Integer.MAX_VALUE, "--records-per-second takes at most " + Integer.MAX_VALUE);
        check(maxRecords >= 0, "--max-records takes 0 (all) or more");
        check(!(resume && removeFiles), "--resume continues FILE, --remove-files replaces it: pick one");
        BackupOutput.check(output, resume, removeFiles);
        PrintStream summary = output.equals("-") ? parent.err() : parent.out();
        if (fromChanges) {
            return fromChanges(summary);
        }
        check(bootstrap == null, "--bootstrap-server is for --from-changes");
        BackupState fresh = new BackupState();
        fresh.namespace = namespace;
        fresh.set = set;
        fresh.noRecords = noRecords;
        long start = System.nanoTime();
        try (AerospikeClient client = AerospikeConnection.open(node, 8)) {
            long expected = noRecords ? 0 : NodeInfo.objects(client, namespace, set);
            try (BackupOutput out = BackupOutput.open(output, resume, removeFiles, parent.out(), fresh)) {
                long recordsBefore = out.state.records;
                long bytesBefore = out.writer.bytes();
                if (!out.resumed) {
                    out.writer.header(namespace, true);
                    if (!noUdfs) {
                        for (UdfFile udf : NodeInfo.udfs(client)) {
                            out.writer.udf(udf);
                        }
                    }
                    if (!noIndexes) {
                        for (IndexDefinition index : NodeInfo.indexes(client, namespace, set)) {
                            out.writer.index(index);
                        }
                    }
                    out.checkpoint();
                }
                boolean complete = true;
                if (!out.state.noRecords) {
                    try (Progress progress = new Progress("backup", expected,
                            Progress.wanted(pace.noProgress, parent.err()), parent.err())) {
                        complete = new ScanBackup(client, out, new ScanBackup.Options(namespace, set,
                                (int) pace.recordsPerSecond, pace.bandwidth, maxRecords, node.timeoutMillis), progress).run();
                        progress.update(out.state.records, out.writer.bytes());
                    }
                }
                summary.println(BackupSummary.line("backup of " + where(), out.state.records - recordsBefore,
                        out.writer.bytes() - bytesBefore, System.nanoTime() - start)
                        + (output.equals("-") ? "" : " to " + output));
                if (!complete) {
                    out.close();
                    summary.printf(java.util.Locale.ROOT, "stopped at --max-records: %s holds %,d records; continue"
                            + " with: aerolog backup -n %s%s -o %s --resume%n", output, out.state.records, namespace,
                            set == null ? "" : " -s " + set, output);
                    return ExitCode.OK;
                }
                out.finished();
                if (!out.state.noRecords) {
                    summary.println(BackupSummary.countCheck(out.state.records,
                            NodeInfo.objects(client, namespace, set), where()));
                }
            }
            return ExitCode.OK;
        } catch (CliFailure e) {
            throw e;
        } catch (RuntimeException e) {
            UnsupportedValueException unsupported = unsupported(e);
            if (unsupported != null) {
                throw new CliFailure(ExitCode.REFUSED, "backup stopped: " + unsupported.getMessage()
                        + (output.equals("-") ? "" : "; " + output + " holds the records before it (--resume continues"
                        + " after it once the record is changed)"));
            }
            if (e instanceof AerospikeException ae) {
                throw AerospikeFailures.of(ae, node.target());
            }
            throw e;
        }
    }

    private int fromChanges(PrintStream summary) throws IOException {
        check(bootstrap != null && !bootstrap.isBlank(), "--from-changes reads Kafka: --bootstrap-server HOST:PORT");
        check(!resume, "--resume is for scan backups: a backup from the changes topic is taken again whole");
        check(maxRecords == 0 && !pace.limited(),
                "--max-records, --records-per-second and --bandwidth are for scan backups");
        check(maxMemoryMb > 0, "--max-memory takes a positive number of MB");
        BackupState fresh = new BackupState();
        fresh.namespace = namespace;
        fresh.set = set;
        long start = System.nanoTime();
        try (BackupOutput out = BackupOutput.open(output, false, removeFiles, parent.out(), fresh)) {
            out.writer.header(namespace, true);
            ChangesBackup.Result result;
            try (Progress progress = new Progress("changes", -1, Progress.wanted(pace.noProgress, parent.err()),
                    parent.err())) {
                result = new ChangesBackup(bootstrap, namespace, set, maxMemoryMb << 20, kafkaProperties)
                        .run(out.writer, progress);
            } catch (UnsupportedValueException e) {
                throw new CliFailure(ExitCode.REFUSED, "backup stopped: " + e.getMessage());
            }
            out.finished();
            summary.println(BackupSummary.line("backup of " + where() + " from " + result.changes() + " changes",
                    result.records(), out.writer.bytes(), System.nanoTime() - start)
                    + (output.equals("-") ? "" : " to " + output));
            summary.println("point in time: the end offsets of " + io.aerolog.protocol.Topics.changes(namespace)
                    + " when the backup started " + result.endOffsets() + "; " + result.expired()
                    + " expired record(s) skipped; no UDF modules or index definitions (they are not in the topic)");
        }
        return ExitCode.OK;
    }

    private String where() {
        return set == null ? namespace : namespace + "." + set;
    }

    private static UnsupportedValueException unsupported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedValueException u) {
                return u;
            }
        }
        return null;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new CliFailure(ExitCode.USAGE, message);
        }
    }
}
