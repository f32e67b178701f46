package io.aerolog.bench.layers;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The steps of the restore benchmark that a script ({@code ops/bench}, system {@code aerolog-restore})
 * runs around the node it starts and stops: load records Kafka-native, measure the node's memory and
 * disk, wait until every record reads after a start, and report. Each step appends its figures to one
 * results file ({@link Results}); {@code report} turns them into {@code restore.md} and {@code restore.csv}.
 */
@Command(name = "aerolog restore-bench", mixinStandardHelpOptions = true,
        description = "Steps of the restore benchmark, run by ops/bench around the node it controls.",
        subcommands = {RestoreLoad.class, Footprint.class, AwaitReadable.class, RestoreReport.class})
public final class RestoreBench {
    public static void main(String[] args) {
        System.exit(new CommandLine(new RestoreBench()).execute(args));
    }
}
