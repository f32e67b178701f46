package io.aerolog.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.Credentials;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.Table;
import io.aerolog.cli.info.InfoConnection;
import io.aerolog.cli.info.InfoValues;
import io.aerolog.protocol.ClusterView;
import io.aerolog.protocol.RestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aerolog cluster}: the cluster as its nodes describe it: every node (from {@code GET /v1/cluster}
 * and each node's {@code /v1/info}), each node's partition generation and record counts (info over
 * Aerospike's protocol), and per namespace the partition map, active and standbys, with each
 * partition's commit lag read from Kafka.
 */
@Command(name = "cluster", sortOptions = false,
        description = {"Shows the cluster: nodes, namespaces with record counts, and each partition's active node,",
            "standbys and lag (from the nodes' HTTP API, info over Aerospike's protocol, and Kafka's offsets)."},
        footer = {"", "Examples:",
            "  aerolog cluster                                the node at http://127.0.0.1:8080 and its peers",
            "  aerolog cluster --url http://10.0.0.5:8080",
            "  aerolog cluster --no-lag                       skip Kafka (lag needs the brokers' address to be reachable)",
            "", "lag: commands in the namespace's Kafka topic that its active task has not committed yet (it applies",
            "them before it commits, every 500 ms by default), so an upper bound of what is not applied yet.",
            "", AerologCli.EXIT_CODES})
public final class ClusterCommand implements Callable<Integer> {
    @ParentCommand
    AerologCli parent;

    @Option(names = {"-u", "--url"}, defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "a node's HTTP address (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--timeout", defaultValue = "5000", paramLabel = "MS",
            description = "how long to wait for each answer, in milliseconds (default: ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Mixin
    Credentials credentials = new Credentials();

    @Option(names = "--no-lag", description = "do not ask Kafka for the partitions' lag")
    boolean noLag;

    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    /** What one node said of itself, or why it did not. */
    private record NodeState(String http, String id, String aerospike, String kafka, String partitionGeneration,
                             Map<String, String> objects, String problem) {
    }

    @Override
    public Integer call() {
        if (timeoutMillis <= 0) {
            throw new CliFailure(ExitCode.USAGE, "--timeout takes a positive number of milliseconds");
        }
        Duration timeout = Duration.ofMillis(timeoutMillis);
        credentials.validate();
        NodeHttp http = new NodeHttp(timeout, credentials.present() ? "Basic " + java.util.Base64.getEncoder()
                .encodeToString((credentials.user + ":" + credentials.password())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null);
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        ClusterView view;
        try {
            view = ClusterView.parse(http.get(base, RestApi.CLUSTER), base);
        } catch (io.aerolog.core.AerologException e) {
            throw new CliFailure(ExitCode.REFUSED, e.getMessage(), e);
        }
        List<NodeState> nodes = new ArrayList<>();
        for (String node : view.nodes()) {
            nodes.add(describe(http, node, view));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cluster '%s' as %s sees it: %d node(s)%n", view.cluster(), view.http(),
                nodes.size()));
        out.append(nodesTable(nodes)).append(System.lineSeparator());
        out.append(namespacesTable(view, nodes)).append(System.lineSeparator());
        Map<String, Map<Integer, Long>> lags = new LinkedHashMap<>();
        String lagProblem = noLag ? "not asked (--no-lag)" : lags(view, nodes, timeout, lags);
        for (Map.Entry<String, ClusterView.NamespaceView> ns : view.namespaces().entrySet()) {
            out.append(String.format(Locale.ROOT, "Namespace %s: %d partitions%n", ns.getKey(), ns.getValue().partitions()));
            out.append(partitionsTable(ns.getValue(), lags.get(ns.getKey()))).append(System.lineSeparator());
        }
        if (lagProblem != null) {
            out.append("lag: ").append(lagProblem).append(System.lineSeparator());
        }
        parent.out().print(out);
        return ExitCode.OK;
    }

    private NodeState describe(NodeHttp http, String node, ClusterView view) {
        JsonNode info;
        try {
            info = http.get(node, RestApi.INFO);
        } catch (CliFailure e) {
            return new NodeState(node, "?", null, null, null, Map.of(), e.getMessage());
        }
        String id = info.path("node").asText("?");
        String aerospike = info.hasNonNull("aerospike") ? info.get("aerospike").asText() : null;
        String kafka = info.path("kafka").asText(null);
        if (aerospike == null) {
            return new NodeState(node, id, null, kafka, null, Map.of(), "no Aerospike port");
        }
        int colon = aerospike.lastIndexOf(':');
        List<String> names = new ArrayList<>();
        names.add("partition-generation");
        for (String ns : view.namespaces().keySet()) {
            names.add("namespace/" + ns);
        }
        try {
            io.aerolog.cli.NodeOptions at = new io.aerolog.cli.NodeOptions();
            at.host = aerospike.substring(0, colon);
            at.port = Integer.parseInt(aerospike.substring(colon + 1));
            at.timeoutMillis = timeoutMillis;
            at.credentials = credentials;
            List<InfoConnection.Entry> answers = InfoConnection.request(at, names);
            String generation = null;
            Map<String, String> objects = new LinkedHashMap<>();
            for (InfoConnection.Entry e : answers) {
                if (e.name().equals("partition-generation")) {
                    generation = e.value();
                } else if (e.name().startsWith("namespace/") && !e.isError()) {
                    String count = InfoValues.pairs(e.value()).get("objects");
                    if (count != null) {
                        objects.put(e.name().substring("namespace/".length()), count);
                    }
                }
            }
            return new NodeState(node, id, aerospike, kafka, generation, objects, null);
        } catch (CliFailure | NumberFormatException | StringIndexOutOfBoundsException e) {
            return new NodeState(node, id, aerospike, kafka, null, Map.of(), "info over " + aerospike + ": "
                    + e.getMessage());
        }
    }

    private static String nodesTable(List<NodeState> nodes) {
        List<List<String>> rows = new ArrayList<>();
        for (NodeState n : nodes) {
            rows.add(List.of(n.id(), n.http(), orDash(n.aerospike()), orDash(n.kafka()), orDash(n.partitionGeneration()),
                    n.problem() == null ? "ok" : n.problem()));
        }
        return Table.render(List.of("node", "http", "aerospike", "kafka", "partition-generation", "status"), rows);
    }

    private static String namespacesTable(ClusterView view, List<NodeState> nodes) {
        List<List<String>> rows = new ArrayList<>();
        boolean missing = false;
        for (Map.Entry<String, ClusterView.NamespaceView> e : view.namespaces().entrySet()) {
            ClusterView.NamespaceView ns = e.getValue();
            long records = 0;
            boolean all = true;
            for (NodeState n : nodes) {
                String count = n.objects().get(e.getKey());
                if (count == null) {
                    all = false;
                    continue;
                }
                try {
                    records += Long.parseLong(count.trim());
                } catch (NumberFormatException x) {
                    all = false;
                }
            }
            missing |= !all;
            rows.add(List.of(e.getKey(), orDash(ns.state()), Integer.toString(ns.partitions()),
                    Integer.toString(ns.replicationFactor()),
                    ns.generation() == ClusterView.UNKNOWN_GENERATION ? "-" : Long.toString(ns.generation()),
                    all ? String.format(Locale.ROOT, "%,d", records) : "n/a"));
        }
        String table = Table.render(List.of("namespace", "state", "partitions", "replication", "map generation", "records"),
                rows, new boolean[] {false, false, true, true, true, true});
        return missing ? table + System.lineSeparator() + "records n/a: a node's info namespace/<ns> has no objects count"
                : table;
    }

    private static String partitionsTable(ClusterView.NamespaceView ns, Map<Integer, Long> lag) {
        List<List<String>> rows = new ArrayList<>();
        for (int p = 0; p < ns.partitions(); p++) {
            ClusterView.Owners o = ns.partitionMap().get(p);
            rows.add(List.of(Integer.toString(p), o == null || o.active() == null ? "(none)" : o.active(),
                    o == null || o.standbys().isEmpty() ? "-" : String.join(", ", o.standbys()),
                    lag == null || !lag.containsKey(p) ? "?" : Long.toString(lag.get(p))));
        }
        return Table.render(List.of("partition", "active", "standbys", "lag"), rows,
                new boolean[] {true, false, false, true});
    }

    /** Fills {@code out} with each namespace's lag; returns why it could not, or null. */
    private String lags(ClusterView view, List<NodeState> nodes, Duration timeout, Map<String, Map<Integer, Long>> out) {
        String bootstrap = nodes.stream().map(NodeState::kafka).filter(k -> k != null && !k.isBlank()).findFirst()
                .orElse(null);
        if (bootstrap == null) {
            return "unknown (no node said where its Kafka is)";
        }
        try (CommitLag lag = new CommitLag(bootstrap, timeout)) {
            for (Map.Entry<String, ClusterView.NamespaceView> ns : view.namespaces().entrySet()) {
                out.put(ns.getKey(), lag.lags(view.cluster(), ns.getKey(), ns.getValue().partitions()));
            }
            return null;
        } catch (Exception e) {
            return "unknown (Kafka at " + bootstrap + " did not answer: " + e + "); --no-lag skips it";
        }
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
