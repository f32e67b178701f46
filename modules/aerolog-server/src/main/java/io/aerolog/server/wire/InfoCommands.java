package io.aerolog.server.wire;

import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.udf.UdfModules;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Aerospike's info protocol as its server answers it (thr_info.c): each {@code \n}-ended line of a request
 * is a command {@code name[/args][:key=value;...]}, answered {@code <the line>\t<answer>\n}; an empty
 * request gets the summary; a name the server does not know answers {@code ERROR:4:unrecognized command},
 * and one of the enterprise edition's commands {@code ERROR:25:enterprise only} (a node passes for the
 * community edition). Commands answered: what Aerospike's clients ask to find the cluster and its
 * partitions, and what their test suites, asinfo, asadm and aql read (see {@link #commands}), secondary
 * indexes and truncation ({@link InfoJobs}) and the UDF module commands ({@link UdfInfo}); what a node cannot
 * do is refused with UNSUPPORTED_FEATURE (16). When the Aerospike port speaks TLS, its service and peers are
 * announced as TLS ones ({@code service-tls-std}, {@code peers-tls-std}, with the peers' TLS names) and the
 * clear ones answer empty, as a server with only a TLS service does; without TLS the TLS names answer
 * "enterprise only", as the community edition does.
 *
 * <p>Lock-free and non-blocking (answered on a connection's event loop, any number at once), and bounded:
 * a request over {@value #MAX_REQUEST_BYTES} bytes or {@value #MAX_NAMES} commands, and commands past
 * {@value #MAX_ANSWER_CHARS} characters of answer, are answered with an error instead.
 */
final class InfoCommands {
    /**
     * What this node offers: "pscans" and "pquery" say partition scans and queries are served (Aerospike's client
     * refuses a node without "pscans", and sends old-style queries to one without "pquery"); "batch-any" tells
     * clients to send batches in the newer form, with writes, deletes and operations per key. (Clients ask
     * a node with "pquery" for a background job's state with {@code query-show}, whatever else it lists.)
     */
    static final String FEATURES = "pscans;pquery;float;peers;batch-any;batch-index;replicas;cdt-list;cdt-map;"
            + "blob-bits";
    /** The largest info request answered, in bytes (a udf-put of the largest module), and the most names one may ask. */
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    static final int MAX_NAMES = 256;
    /** The largest answer built; names past it answer an error instead of their value. */
    static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;
    /** The server's longest command name is 31 characters (CMD_NAME_MAX_LEN, with its terminator). */
    private static final int MAX_NAME_CHARS = 31;

    /** Answers one command: its parameters (what follows its name and separator), into {@code out}. */
    @FunctionalInterface
    interface Handler {
        void answer(String params, InfoText out);
    }

    /** A command as the server's table declares it: whether the summary has it, only clients use it, EE only. */
    record Command(String name, boolean inSummary, boolean clientOnly, boolean enterpriseOnly, Handler handler) {
    }

    private final ClusterInfo cluster;
    private final NamespaceInfo namespaces;
    private final ServerInfo server;
    private final LongAdder answered = new LongAdder();
    /** Whether the Aerospike port speaks TLS: the service and peers are then announced as TLS ones only. */
    private final boolean tls;
    private final Map<String, Command> commands;
    private final Map<String, java.util.function.Function<String, java.util.concurrent.CompletableFuture<String>>> jobs;
    private final UdfInfo udfs;
    private final InfoQueryJobs queryJobs;

    /** The info commands of a node serving {@code namespaces} (at least one) with {@code settings}. */
    static InfoCommands of(Map<String, NamespaceService> namespaces, WireServer.Settings settings,
                           Supplier<List<Peer>> peers, IntSupplier connections, UdfModules udfs, boolean tls,
                           io.aerolog.server.jobs.BackgroundJobs backgroundJobs) {
        Map<String, InfoNamespace> views = new LinkedHashMap<>();
        namespaces.forEach((name, ns) -> views.put(name, InfoNamespace.of(ns)));
        return new InfoCommands(views, settings, peers, connections, new InfoJobs(namespaces).commands(), udfs, tls,
                backgroundJobs);
    }

    InfoCommands(Map<String, InfoNamespace> namespaces, WireServer.Settings settings, Supplier<List<Peer>> peers,
                 IntSupplier connections) {
        this(namespaces, settings, peers, connections, Map.of(), null, false);
    }

    /**
     * The info commands of a node; {@code jobs} answer once their change is done ({@link InfoJobs}), {@code udfs}
     * null where it serves no UDFs (udf-put refused, none listed), {@code tls} whether its port speaks TLS.
     */
    InfoCommands(Map<String, InfoNamespace> namespaces, WireServer.Settings settings, Supplier<List<Peer>> peers,
                 IntSupplier connections,
                 Map<String, java.util.function.Function<String, java.util.concurrent.CompletableFuture<String>>> jobs,
                 UdfModules udfs, boolean tls) {
        this(namespaces, settings, peers, connections, jobs, udfs, tls, null);
    }

    /** The info commands of a node that also shows and aborts its background jobs {@code backgroundJobs}. */
    InfoCommands(Map<String, InfoNamespace> namespaces, WireServer.Settings settings, Supplier<List<Peer>> peers,
                 IntSupplier connections,
                 Map<String, java.util.function.Function<String, java.util.concurrent.CompletableFuture<String>>> jobs,
                 UdfModules udfs, boolean tls, io.aerolog.server.jobs.BackgroundJobs backgroundJobs) {
        this.tls = tls;
        this.queryJobs = new InfoQueryJobs(backgroundJobs);
        this.jobs = jobs;
        this.udfs = udfs == null ? null : new UdfInfo(udfs);
        this.cluster = new ClusterInfo(namespaces, settings.nodeName(), settings.advertisedHost(), settings.port(),
                peers);
        this.namespaces = new NamespaceInfo(namespaces);
        this.server = new ServerInfo(settings, cluster, this.namespaces, connections, answered);
        this.commands = commands();
    }

    /** The commands answered, in the server's table order (summary commands first, in the summary's order). */
    private Map<String, Command> commands() {
        Map<String, Command> c = new LinkedHashMap<>();
        summary(c, "features", (p, out) -> out.text(FEATURES));
        summary(c, "node", (p, out) -> out.text(cluster.nodeName()));
        summary(c, "compatibility-id", (p, out) -> out.text(ServerInfo.COMPATIBILITY_ID));
        summary(c, "edition", (p, out) -> out.text(ServerInfo.EDITION));
        summary(c, "build_ee_sha", (p, out) -> { });
        summary(c, "build_sha", (p, out) -> out.text(ServerInfo.AEROLOG));
        summary(c, "build_arch", (p, out) -> out.text(ServerInfo.arch()));
        String buildTime = ServerInfo.buildTime();
        summary(c, "build_time", (p, out) -> out.text(buildTime));
        summary(c, "build_os", (p, out) -> out.text(ServerInfo.os()));
        summary(c, "build", (p, out) -> out.text(ServerInfo.BUILD));
        summary(c, "version", (p, out) -> out.text(ServerInfo.version()));
        summary(c, "statistics", (p, out) -> server.statistics(out));
        summary(c, "services-alumni", (p, out) -> cluster.services(out));
        summary(c, "services", (p, out) -> cluster.services(out));
        summary(c, "partition-generation", (p, out) -> out.text(cluster.partitionGeneration()));

        client(c, "admin-clear-std", (p, out) -> { });
        client(c, "admin-tls-std", (p, out) -> { });
        client(c, "alumni-clear-alt", this::clearPeers);
        client(c, "alumni-clear-std", this::clearPeers);
        tlsOnly(c, "alumni-tls-alt", true, this::tlsPeers);
        tlsOnly(c, "alumni-tls-std", true, this::tlsPeers);
        general(c, "best-practices", (p, out) -> ServerInfo.bestPractices(out));
        general(c, "cluster-name", (p, out) -> out.text(cluster.clusterName()));
        general(c, "cluster-stable", this::clusterStable);
        client(c, "config-get", server::getConfig);
        client(c, "config-set", server::setConfig);
        client(c, "connection", (p, out) -> out.text("admin=false"));
        client(c, "digests", (p, out) -> out.text("RIPEMD160"));
        enterprise(c, "feature-key", false);
        general(c, "get-config", server::getConfig);
        general(c, "get-stats", InfoCommands::getStats);
        general(c, "health-outliers", (p, out) -> { });
        general(c, "health-stats", (p, out) -> { });
        general(c, "help", this::help);
        enterprise(c, "masking", false);
        enterprise(c, "masking-show", false);
        client(c, "name", (p, out) -> out.text(cluster.nodeName()));
        general(c, "namespace", namespaces::namespace);
        general(c, "namespaces", (p, out) -> namespaces.names(out));
        client(c, "objects", (p, out) -> out.text(namespaces.objects()));
        client(c, "partitions", (p, out) -> out.text(io.aerolog.core.Digest.PARTITIONS));
        general(c, "peers-clear-alt", this::clearPeers);
        general(c, "peers-clear-std", this::clearPeers);
        general(c, "peers-generation", (p, out) -> out.text(cluster.peersGeneration()));
        tlsOnly(c, "peers-tls-alt", false, this::tlsPeers);
        tlsOnly(c, "peers-tls-std", false, this::tlsPeers);
        general(c, "query-abort", queryJobs::abort);
        general(c, "query-abort-all", queryJobs::abortAll);
        general(c, "query-show", queryJobs::show);
        enterprise(c, "quiesce", false);
        enterprise(c, "quiesce-undo", false);
        enterprise(c, "rack-ids", false);
        enterprise(c, "racks", false);
        client(c, "rebalance-generation", (p, out) -> out.text(Math.max(0, cluster.partitionGeneration())));
        client(c, "release", (p, out) -> ServerInfo.release(out));
        client(c, "replicas", this::replicas);
        client(c, "replicas-all", (p, out) -> cluster.replicas(out, false, true));
        client(c, "replicas-master", (p, out) -> cluster.replicas(out, false, false));
        enterprise(c, "revive", false);
        enterprise(c, "roster", false);
        enterprise(c, "roster-set", false);
        general(c, "service", this::clearService);
        client(c, "service-clear-alt", this::clearService);
        client(c, "service-clear-std", this::clearService);
        tlsOnly(c, "service-tls-alt", true, (p, out) -> out.text(cluster.service()));
        tlsOnly(c, "service-tls-std", true, (p, out) -> out.text(cluster.service()));
        client(c, "services-alternate", (p, out) -> cluster.services(out));
        general(c, "set-config", server::setConfig);
        general(c, "sets", namespaces::sets);
        client(c, "sindex", namespaces::sindex);
        general(c, "sindex-create", InfoCommands::answeredLater);
        general(c, "sindex-delete", InfoCommands::answeredLater);
        general(c, "sindex-exists", namespaces::sindexExists);
        general(c, "sindex-list", namespaces::sindexList);
        general(c, "sindex-stat", namespaces::sindexStat);
        general(c, "status", (p, out) -> out.text("ok"));
        general(c, "truncate", InfoCommands::answeredLater);
        general(c, "truncate-namespace", InfoCommands::answeredLater);
        general(c, "truncate-namespace-undo", refused("truncate"));
        general(c, "truncate-undo", refused("truncate"));
        client(c, "udf-clear-cache", (p, out) -> out.text("ok"));
        if (udfs == null) {
            general(c, "udf-get", InfoCommands::udfGet);
            general(c, "udf-list", (p, out) -> { });
            general(c, "udf-put", refused("UDFs"));
            general(c, "udf-remove", InfoCommands::udfRemove);
        } else {
            general(c, "udf-get", udfs::get);
            general(c, "udf-list", udfs::list);
            general(c, "udf-put", udfs::put);
            general(c, "udf-remove", udfs::remove);
        }
        client(c, "user-agent-set", InfoCommands::userAgentSet);
        client(c, "user-agents", (p, out) -> { });
        enterprise(c, "xdr-dc-state", false);
        enterprise(c, "xdr-get-filter", false);
        enterprise(c, "xdr-set-filter", false);
        return java.util.Collections.unmodifiableMap(c);
    }

    private static void summary(Map<String, Command> c, String name, Handler h) {
        c.put(name, new Command(name, true, false, false, h));
    }

    private static void general(Map<String, Command> c, String name, Handler h) {
        c.put(name, new Command(name, false, false, false, h));
    }

    private static void client(Map<String, Command> c, String name, Handler h) {
        c.put(name, new Command(name, false, true, false, h));
    }

    private static void enterprise(Map<String, Command> c, String name, boolean clientOnly) {
        c.put(name, new Command(name, false, clientOnly, true, (p, out) -> { }));
    }

    /** A TLS command: answered by {@code h} when the port speaks TLS, else "enterprise only" as in the community edition. */
    private void tlsOnly(Map<String, Command> c, String name, boolean clientOnly, Handler h) {
        if (tls) {
            c.put(name, new Command(name, false, clientOnly, false, h));
        } else {
            enterprise(c, name, clientOnly);
        }
    }

    /** The clear service: this node's address, or empty when its port speaks TLS (a port is one or the other). */
    private void clearService(String params, InfoText out) {
        if (!tls) {
            out.text(cluster.service());
        }
    }

    /** The clear peers: the peers, or none when the ports speak TLS. */
    private void clearPeers(String params, InfoText out) {
        cluster.peersList(out, tls, false);
    }

    /** The TLS peers (only asked when the port speaks TLS): the peers with the names their certificates carry. */
    private void tlsPeers(String params, InfoText out) {
        cluster.peersList(out, false, true);
    }

    /** The commands {@link InfoJobs} answers, listed here for {@code help}; {@link #answerLater} serves them. */
    private static void answeredLater(String params, InfoText out) {
        out.error(InfoText.UNKNOWN, "answered only by a node's info listener");
    }

    /** Whether {@code request} has a command that answers only once its change is done (see {@link InfoJobs}). */
    boolean answersLater(String request) {
        if (jobs.isEmpty() || request.length() > MAX_REQUEST_BYTES) {
            return false;
        }
        for (String name : jobs.keySet()) {
            if (request.startsWith(name + ":") || request.contains("\n" + name + ":")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Answers a request with commands that answer later: each line in order, those of {@link InfoJobs} when their
     * change is done, the others at once.
     */
    java.util.concurrent.CompletableFuture<String> answerLater(String request) {
        List<java.util.concurrent.CompletableFuture<String>> lines = new ArrayList<>();
        int n = 0;
        int at = 0;
        for (int eol = request.indexOf('\n'); eol >= 0 && ++n <= MAX_NAMES; at = eol + 1, eol = request.indexOf('\n', at)) {
            String line = request.substring(at, eol);
            int colon = line.indexOf(':');
            java.util.function.Function<String, java.util.concurrent.CompletableFuture<String>> job =
                    colon < 0 ? null : jobs.get(line.substring(0, colon));
            if (job == null) {
                lines.add(java.util.concurrent.CompletableFuture.completedFuture(answer(line + "\n")));
            } else {
                lines.add(job.apply(line.substring(colon + 1)).thenApply(a -> line + "\t" + a + "\n"));
            }
        }
        return java.util.concurrent.CompletableFuture.allOf(lines.toArray(java.util.concurrent.CompletableFuture[]::new))
                .thenApply(v -> {
                    StringBuilder out = new StringBuilder();
                    lines.forEach(f -> out.append(f.join()));
                    answered.increment();
                    return out.toString();
                });
    }

    /** A command for something the node does not do: UNSUPPORTED_FEATURE (16). */
    private static Handler refused(String what) {
        return (p, out) -> out.error(InfoText.UNSUPPORTED_FEATURE, what + " not supported");
    }

    /**
     * Answers every command of {@code request}; an empty request gets the summary. Lines not ended by
     * {@code \n} are not commands (as on the server).
     */
    String answer(String request) {
        if (request.length() > MAX_REQUEST_BYTES) {
            return "ERROR:4:the info request is over " + MAX_REQUEST_BYTES + " bytes\n";
        }
        StringBuilder out = new StringBuilder();
        if (request.isEmpty()) {
            for (Command command : commands.values()) {
                if (command.inSummary()) {
                    out.append(command.name()).append('\t');
                    command.handler().answer("", new InfoText(out));
                    out.append('\n');
                }
            }
            answered.increment();
            return out.toString();
        }
        int n = 0;
        int at = 0;
        for (int eol = request.indexOf('\n'); eol >= 0; at = eol + 1, eol = request.indexOf('\n', at)) {
            String line = request.substring(at, eol);
            if (++n > MAX_NAMES) {
                out.append("ERROR:4:at most ").append(MAX_NAMES).append(" names per info request\n");
                break;
            }
            out.append(line).append('\t');
            if (out.length() > MAX_ANSWER_CHARS) {
                new InfoText(out).error(InfoText.PARAMETER, "the answer is over " + MAX_ANSWER_CHARS
                        + " characters: ask fewer names at once");
            } else {
                one(line, new InfoText(out));
            }
            out.append('\n');
        }
        answered.increment();
        return out.toString();
    }

    /** Answers one command line: its name runs to the first {@code /}, {@code :} or {@code ;}, as the server parses it. */
    private void one(String line, InfoText out) {
        int slash = line.indexOf('/');
        int colon = line.indexOf(':');
        int semicolon = line.indexOf(';');
        int at = slash;
        if (at < 0 || colon >= 0 && colon < at) {
            at = colon;
        }
        if (at < 0 || semicolon >= 0 && semicolon < at) {
            at = semicolon;
        }
        String name = at < 0 ? line : line.substring(0, at);
        String params = at < 0 ? "" : line.substring(at + 1);
        Command command = name.length() > MAX_NAME_CHARS ? null : commands.get(name);
        if (command == null) {
            out.error(InfoText.PARAMETER, "unrecognized command");
        } else if (command.enterpriseOnly()) {
            out.error(InfoText.ENTERPRISE_ONLY, "enterprise only");
        } else {
            command.handler().answer(params, out);
        }
    }

    /** {@code help}: the commands a user may ask (not those only clients use), {@code ;}-separated. */
    private void help(String params, InfoText out) {
        List<String> names = new ArrayList<>();
        for (Command command : commands.values()) {
            if (!command.clientOnly() && !command.enterpriseOnly()) {
                names.add(command.name());
            }
        }
        out.text(String.join(";", names));
    }

    /** {@code replicas[:max=<n>]}: the partition map with its regime, at most {@code n} columns (there is one). */
    private void replicas(String params, InfoText out) {
        InfoParams.Param max = new InfoParams(params).get("max", 4);
        if (!InfoParams.optional(out, max)) {
            return;
        }
        if (max.found() == InfoParams.Found.OK && !max.value().matches("[0-9]+")) {
            out.error(InfoText.PARAMETER, "bad max");
            return;
        }
        cluster.replicas(out, true, true);
    }

    /**
     * {@code cluster-stable[:size=<n>][;ignore-migrations=<bool>][;namespace=<ns>]}: the cluster key when
     * the cluster has {@code size} nodes and every namespace runs here (no partition restoring, this node's
     * "migrations"); {@code ERROR:7:...} otherwise.
     */
    private void clusterStable(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        long key = cluster.clusterKey();
        InfoParams.Param size = p.get("size", 4);
        if (!InfoParams.optional(out, size)) {
            return;
        }
        if (size.found() == InfoParams.Found.OK) {
            if (!size.value().matches("[0-9]+")) {
                out.error(InfoText.PARAMETER, "bad size");
                return;
            }
            if (Integer.parseInt(size.value()) != cluster.clusterSize()) {
                out.error(InfoText.CLUSTER_KEY_MISMATCH, "cluster not specified size");
                return;
            }
        }
        InfoParams.Param ignore = p.get("ignore-migrations", 6);
        if (!InfoParams.optional(out, ignore)) {
            return;
        }
        boolean ignoreMigrations = false;
        if (ignore.found() == InfoParams.Found.OK) {
            if (!ignore.value().equals("true") && !ignore.value().equals("false")) {
                out.error(InfoText.PARAMETER, "bad ignore migrations");
                return;
            }
            ignoreMigrations = ignore.value().equals("true");
        }
        if (!ignoreMigrations) {
            InfoParams.Param ns = p.get("namespace", InfoParams.NAMESPACE_BUFFER);
            if (!namespaces.optionalLocalNamespace(ns, out)) {
                return;
            }
            boolean settled = ns.found() == InfoParams.Found.OK ? namespaces.get(ns.value()).running()
                    : cluster.allRunning();
            if (!settled) {
                out.error(InfoText.CLUSTER_KEY_MISMATCH, "unstable cluster");
                return;
            }
        }
        if (key != cluster.clusterKey()) {
            out.error(InfoText.CLUSTER_KEY_MISMATCH, "unstable cluster");
            return;
        }
        out.text(Long.toHexString(key).toUpperCase(java.util.Locale.ROOT));
    }

    /** {@code get-stats:context=<c>}: only XDR has a context, and the community edition reports nothing for it. */
    private static void getStats(String params, InfoText out) {
        InfoParams.Param context = new InfoParams(params).get("context", InfoParams.DEFAULT_BUFFER);
        if (InfoParams.required(out, context) && !context.value().equals("xdr")) {
            out.error(InfoText.PARAMETER, "unknown context");
        }
    }

    /** {@code udf-get:filename=<f>}: no UDF is registered, so the server's {@code error=not_found}. */
    private static void udfGet(String params, InfoText out) {
        InfoParams.Param file = new InfoParams(params).get("filename", 128);
        out.text(file.found() == InfoParams.Found.OK ? "error=not_found" : "error=invalid_filename");
    }

    /** {@code udf-remove:filename=<f>}: {@code ok}, as the server answers for a UDF it does not hold. */
    private static void udfRemove(String params, InfoText out) {
        InfoParams.Param file = new InfoParams(params).get("filename", 128);
        out.text(file.found() == InfoParams.Found.OK ? "ok" : "error=invalid_filename");
    }

    /** {@code user-agent-set:value=<base64>}: checked as the server checks it, then {@code ok}. */
    private static void userAgentSet(String params, InfoText out) {
        InfoParams.Param value = new InfoParams(params).get("value", 88);
        if (!InfoParams.required(out, value)) {
            return;
        }
        try {
            if (Base64.getDecoder().decode(value.value()).length <= 64) {
                out.text("ok");
                return;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        out.error(InfoText.PARAMETER, "'value' invalid base64");
    }
}
