package io.aerolog.cli.info;

import io.aerolog.cli.AerologCli;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code aerolog info}: Aerospike info commands to one node, as asinfo sends them, printed {@code name<TAB>value}. */
@Command(name = "info", sortOptions = false,
        description = {"Sends info commands to one node over Aerospike's protocol (as asinfo does) and prints",
            "each answer as name<TAB>value; with no command, the node's summary."},
        footer = {"", "Examples:",
            "  aerolog info                                   the node's summary (Aerospike's default names)",
            "  aerolog info namespaces                        the node's namespaces",
            "  aerolog info namespace/test partition-generation",
            "  aerolog info -h 10.0.0.5 -p 3000 statistics",
            "  aerolog info -v namespaces                     asinfo's -v works too",
            "  aerolog info -U admin -P namespaces            as a user (access control on); -P alone asks",
            "", "A value that is Aerospike's error answer (ERROR:...) makes the exit code 1.",
            "", AerologCli.EXIT_CODES})
public final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Mixin
    NodeOptions node;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "info commands, e.g. namespaces, namespace/test")
    List<String> commands;

    @Option(names = {"-v", "--value"}, paramLabel = "COMMAND",
            description = "an info command, as asinfo -v takes it (repeatable; asked after the COMMAND arguments)")
    List<String> valueOptions;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        node.validate();
        List<String> names = new java.util.ArrayList<>();
        if (commands != null) {
            names.addAll(commands);
        }
        if (valueOptions != null) {
            names.addAll(valueOptions);
        }
        List<InfoConnection.Entry> answers = InfoConnection.request(node, names);
        int code = ExitCode.OK;
        for (InfoConnection.Entry e : answers) {
            parent.out().println(e.name() + "\t" + e.value());
            if (e.isError() || InfoValues.isError(e.name())) {
                code = ExitCode.REFUSED;
            }
        }
        if (code != ExitCode.OK) {
            parent.err().println("the node answered an error for at least one command (ERROR:code:message)");
        }
        return code;
    }
}
