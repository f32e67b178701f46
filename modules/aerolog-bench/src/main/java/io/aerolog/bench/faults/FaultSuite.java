package io.aerolog.bench.faults;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.bench.HttpBench;
import io.aerolog.core.Digest;
import io.aerolog.protocol.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault suite (issue 14): faults done to a running system under writes, each repeated, with what a user
 * would see counted. Against {@code ops/cluster} (3 brokers, replication 3, 3 nodes) and against one node on
 * its embedded default: kill -9 of a node then its restart, kill -9 of a broker then its restart (the cluster
 * only), and a node paused with SIGSTOP for longer than the failover bound then resumed. Reports acknowledged
 * writes lost, reads of acknowledged writes that found nothing, counters outside [acknowledged, acknowledged +
 * in doubt], changes lost or doubled in the namespace's changes topic (read_committed), restart and failover
 * times, as {@code faults.md} and {@code faults.csv}; exits 1 when any check failed.
 */
@Command(name = "aerolog faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kills, restarts and pauses nodes and brokers under writes, and reports what was lost, read "
                + "as missing or doubled, and how long restart and failover took.")
public final class FaultSuite implements Callable<Integer> {
    static final List<String> FAULTS = List.of("node-kill", "broker-kill", "pause");
    static final List<String> TARGETS = List.of("cluster", "embedded");

    @Option(names = "--targets", split = ",", description = "cluster (ops/cluster) and/or embedded (default: both).")
    List<String> targets = TARGETS;
    @Option(names = "--faults", split = ",", description = "node-kill, broker-kill (cluster only), pause (default: all).")
    List<String> faults = FAULTS;
    @Option(names = "--repeat", description = "Repetitions of each fault on each target (default: ${DEFAULT-VALUE}).")
    int repeat = 3;
    @Option(names = "--writers", description = "Writer threads (default: ${DEFAULT-VALUE}).")
    int writers = 4;
    @Option(names = "--readers", description = "Reader threads (default: ${DEFAULT-VALUE}).")
    int readers = 2;
    @Option(names = "--warmup", description = "Seconds of writes before each fault (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 10;
    @Option(names = "--settle", description = "Seconds of writes after recovery, before the checks (default: ${DEFAULT-VALUE}).")
    int settleSeconds = 5;
    @Option(names = "--pause", description = "Seconds a paused node stays stopped: longer than the failover bound, "
            + "the 10 s session timeout (default: ${DEFAULT-VALUE}).")
    int pauseSeconds = 15;
    @Option(names = "--recovery-timeout", description = "Seconds each wait for recovery may take before the "
            + "repetition fails (default: ${DEFAULT-VALUE}).")
    int recoverySeconds = 180;
    @Option(names = "--startup-timeout", description = "Seconds the cluster or node may take to start before the "
            + "target is given up (default: ${DEFAULT-VALUE}).")
    int startupSeconds = 600;
    @Option(names = "--namespace", description = "Namespace written (default: ${DEFAULT-VALUE}).")
    String namespace = "test";
    @Option(names = "--root", description = "The repository (ops/cluster, ops/aerolog; default: the launcher's, or "
            + "found above the working directory).")
    Path root;
    @Option(names = "--work", description = "Scratch folder for the cluster's and node's data (default: <out>/work; "
            + "removed at the end unless --keep-work or a check failed).")
    Path work;
    @Option(names = "--keep-work", description = "Keep the scratch folder.")
    boolean keepWork;
    @Option(names = "--out", description = "Folder for faults.md and faults.csv (default: ./bench-results/faults-<timestamp>/).")
    Path out;

    private String[] args = new String[0];
    private final PrintStream log = System.err;
    private final String runId = UUID.randomUUID().toString().substring(0, 4);

    public static void main(String[] args) {
        FaultSuite suite = new FaultSuite();
        suite.args = args.clone();
        System.exit(new CommandLine(suite).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || writers < 1 || readers < 0 || warmupSeconds < 1 || settleSeconds < 0 || pauseSeconds < 1
                || recoverySeconds < 10 || !TARGETS.containsAll(targets) || !FAULTS.containsAll(faults)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "need --repeat, --writers, --warmup, "
                    + "--pause >= 1, --readers, --settle >= 0, --recovery-timeout >= 10, --targets among " + TARGETS
                    + ", --faults among " + FAULTS);
        }
        Path repo = root != null ? root : System.getProperty("aerolog.root") != null
                ? Path.of(System.getProperty("aerolog.root")) : findRoot();
        Path dir = out != null ? out : Path.of("bench-results", "faults-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Path scratch = work != null ? work : dir.resolve("work");
        String started = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        List<Outcome> outcomes = new ArrayList<>();
        List<String> described = new ArrayList<>();
        boolean targetFailed = false;
        try (LoadAverage load = new LoadAverage()) {
            for (String t : targets) {
                log.printf("faults: starting the %s target%n", t);
                try (Target target = t.equals("cluster") ? OpsCluster.up(repo, scratch.resolve("cluster"), log)
                        : EmbeddedNode.start(repo, scratch.resolve("embedded"), log, Duration.ofSeconds(startupSeconds))) {
                    described.add(target.id() + ": " + target.describe());
                    runTarget(target, outcomes);
                } catch (Exception e) {
                    log.printf("faults: the %s target failed: %s%n", t, e);
                    described.add(t + ": **not run to its end: " + e + "**");
                    targetFailed = true;
                }
            }
            String md = report(outcomes, described, load, started, repo);
            Files.writeString(dir.resolve("faults.md"), md);
            Files.writeString(dir.resolve("faults.csv"), FaultReport.csv(outcomes));
            System.out.print(md);
            log.println("wrote " + dir.toAbsolutePath().normalize().resolve("faults.md") + " and faults.csv");
        }
        boolean ok = !targetFailed && !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::ok);
        if (ok && !keepWork && work == null) {
            deleteTree(scratch);
        }
        return ok ? 0 : 1;
    }

    /** Runs every fault on {@code target}, adding each repetition's outcome to {@code outcomes} as it ends. */
    private void runTarget(Target target, List<Outcome> outcomes) throws Exception {
        int partitions = partitions(target.http(target.nodes().get(0)));
        ClientPolicy writersPolicy = new ClientPolicy();
        writersPolicy.timeout = 10_000;
        writersPolicy.failIfNotConnected = true;
        ClientPolicy probesPolicy = new ClientPolicy(writersPolicy);
        probesPolicy.tendInterval = 250;
        // The tend thread asks each node in turn, waiting up to this timeout for each: with the writers' 10 s, a
        // stopped (paused) node held every partition map update back for 10 s a round; probes measure what a
        // client on Aerospike's default policy (1 s) sees.
        probesPolicy.timeout = new ClientPolicy().timeout;
        try (AerospikeClient client = new AerospikeClient(writersPolicy, target.aerospikeHosts());
             AerospikeClient probeClient = new AerospikeClient(probesPolicy, target.aerospikeHosts())) {
            ChangesTopic changes = new ChangesTopic(target.bootstrapServers(), Topics.changes(namespace));
            for (String fault : faults) {
                if (fault.equals("broker-kill") && target.brokers().isEmpty()) {
                    continue;
                }
                for (int rep = 1; rep <= repeat; rep++) {
                    Repetition r = new Repetition(target, fault, rep, partitions, client, probeClient, changes);
                    log.printf("faults: %s %s %d/%d on %s%n", target.id(), fault, rep, repeat, r.victim);
                    Outcome o = r.run();
                    log.printf("faults: %s %s %d: %s, %d acked puts, %d lost, %d missing reads of %d, %d counters "
                                    + "outside, changes %d lost / %d doubled, failover %s s, up %s s, first read %s s%s%n",
                            target.id(), fault, rep, o.ok() ? "ok" : "FAIL", o.ackedPuts(), o.lostPuts(),
                            o.missingReads(), o.reads(), o.countersOutside(), o.changesLost(), o.changesDoubled(),
                            FaultReport.seconds(o.failoverMs()), FaultReport.seconds(o.upMs()),
                            FaultReport.seconds(o.firstReadMs()), o.failures().isEmpty() ? "" : " " + o.failures());
                    outcomes.add(o);
                }
            }
        }
    }

    /** One fault done once: the load, the fault and the recovery, then the checks. */
    private final class Repetition {
        final Target target;
        final String fault;
        final int rep;
        final int partitions;
        final AerospikeClient client;
        final AerospikeClient probeClient;
        final ChangesTopic changes;
        final String victim;
        final String set;
        final List<String> failures = new ArrayList<>();
        final List<String> details = new ArrayList<>();
        long failoverMs = -1;
        long upMs = -1;
        long firstReadMs = -1;
        long faultAt;
        long resumeAt = -1;

        Repetition(Target target, String fault, int rep, int partitions, AerospikeClient client,
                   AerospikeClient probeClient, ChangesTopic changes) {
            this.target = target;
            this.fault = fault;
            this.rep = rep;
            this.partitions = partitions;
            this.client = client;
            this.probeClient = probeClient;
            this.changes = changes;
            List<String> nodes = target.nodes();
            this.victim = switch (fault) {
                case "broker-kill" -> target.brokers().get((rep - 1) % target.brokers().size());
                case "pause" -> nodes.get(rep % nodes.size());
                default -> nodes.get((rep - 1) % nodes.size());
            };
            this.set = switch (fault) {
                case "broker-kill" -> "bk";
                case "pause" -> "ps";
                default -> "nk";
            } + rep + "-" + target.id().charAt(0) + runId;
        }

        Outcome run() throws Exception {
            Map<TopicPartition, Long> marks = changes.ends();
            List<Path> logs = target.logs();
            long[] logFrom = logs.stream().mapToLong(LogScan::size).toArray();
            Duration recovery = Duration.ofSeconds(recoverySeconds);
            Workload load = new Workload(client, namespace, set, partitions, writers, readers);
            Probes probes = new Probes(probeClient, namespace, "probe-" + runId, partitions);
            long end;
            try {
                long begin = System.nanoTime();
                faultAt = begin;
                boolean ready = true;
                try {
                    probes.awaitAllWritable(begin, recovery);
                } catch (TimeoutException e) {
                    ready = false;
                    failures.add("not every partition took writes before the fault, so it was not done: "
                            + e.getMessage());
                }
                Thread.sleep(warmupSeconds * 1000L);
                if (ready) {
                    try {
                        switch (fault) {
                            case "node-kill" -> killNode(load, probes, recovery);
                            case "broker-kill" -> killBroker(probes, recovery);
                            default -> pause(load, probes, recovery);
                        }
                    } catch (Exception e) {
                        failures.add(fault + " of " + victim + " failed: " + e);
                    }
                }
                awaitRecovered(probes, recovery);
                Thread.sleep(settleSeconds * 1000L);
                end = System.nanoTime();
            } finally {
                load.close();
                probes.close();
            }
            long longestGapMs = ms(probes.longestGap(faultAt, end));
            ReadBack.Result back = ReadBack.check(client, namespace, load, recovery);
            details.addAll(back.details());
            if (back.unreadable() > 0) {
                failures.add(back.unreadable() + " acknowledged records could not be read back");
                details.addAll(ReadBackDiagnosis.explain(client, target, namespace, partitions, back.unreadableKeys()));
            }
            List<Workload.MissingRead> missing = load.missing();
            for (Workload.MissingRead m : missing.subList(0, Math.min(10, missing.size()))) {
                details.add(String.format(Locale.ROOT, "read of %s found nothing %.3f s after the fault (acknowledged "
                        + "%.3f s before that read)", m.key(), (m.readNanos() - faultAt) / 1e9,
                        (m.readNanos() - m.ackNanos()) / 1e9));
            }
            ChangesTopic.Read read = changes.read(marks, set, Duration.ofSeconds(60));
            if (!read.complete()) {
                failures.add(read.problem());
            }
            ChangeTally.Verdict verdict = read.tally().verdict(digests(load.acked()), digestsOf(load.doubtPuts()),
                    counterDigests(load));
            details.addAll(verdict.samples());
            long oos = 0;
            for (int i = 0; i < logs.size(); i++) {
                oos += LogScan.count(logs.get(i), logFrom[i], "OutOfOrderSequenceException");
            }
            long ackedIncrements = 0;
            long doubtIncrements = 0;
            for (int p = 0; p < partitions; p++) {
                ackedIncrements += load.counter(p)[0];
                doubtIncrements += load.counter(p)[1];
            }
            if (!load.errors().isEmpty()) {
                details.add("client errors during the run: " + load.errors());
            }
            return new Outcome(target.id(), fault, rep, victim, load.ackedCount(), load.doubtPuts().size(),
                    ackedIncrements, doubtIncrements, back.lost(), back.doubled(), load.reads(), missing.size(),
                    back.countersOutside(), verdict.changes(), verdict.lost(), verdict.doubled(), read.complete(),
                    failoverMs, longestGapMs, upMs, firstReadMs, oos, failures, details);
        }

        /** kill -9 of a node; on a cluster, failover first, then the restart; alone, the restart at once. */
        private void killNode(Workload load, Probes probes, Duration recovery) throws Exception {
            String probeKey = lastAcked(load);
            long pid = target.pid(victim);
            faultAt = System.nanoTime();
            Signals.send(pid, "KILL");
            Signals.awaitExit(pid, Duration.ofSeconds(30));
            boolean alone = target.nodes().size() == 1;
            if (!alone) {
                failoverMs = ms(probes.awaitAllWritable(faultAt, recovery) - faultAt);
            }
            long restartAt = System.nanoTime();
            target.restart(victim);
            URI http = target.http(victim);
            upMs = ms(Health.awaitUp(http, recovery) - restartAt);
            firstReadMs = ms(Health.await(http, record(probeKey), recovery) - restartAt);
            target.awaitStarted(victim, recovery);
            if (alone) {
                failoverMs = ms(probes.awaitAllWritable(faultAt, recovery) - faultAt);
            }
        }

        /** kill -9 of a broker: failover (partition leaders move), then its restart. */
        private void killBroker(Probes probes, Duration recovery) throws Exception {
            long pid = target.pid(victim);
            faultAt = System.nanoTime();
            Signals.send(pid, "KILL");
            Signals.awaitExit(pid, Duration.ofSeconds(30));
            try {
                failoverMs = ms(probes.awaitAllWritable(faultAt, recovery) - faultAt);
            } finally {
                long restartAt = System.nanoTime();
                target.restart(victim);
                target.awaitStarted(victim, recovery);
                upMs = ms(System.nanoTime() - restartAt);
            }
        }

        /**
         * SIGSTOP for --pause seconds, then SIGCONT. On a cluster the others take the partitions over while it
         * is stopped (failover from the stop); alone, nothing is writable until it resumes (from the resumption).
         */
        private void pause(Workload load, Probes probes, Duration recovery) throws Exception {
            String probeKey = lastAcked(load);
            long pid = target.pid(victim);
            faultAt = System.nanoTime();
            Signals.send(pid, "STOP");
            boolean alone = target.nodes().size() == 1;
            long resumeDue = faultAt + pauseSeconds * 1_000_000_000L;
            try {
                if (!alone) {
                    try {
                        long writable = probes.awaitAllWritable(faultAt, Duration.ofNanos(resumeDue - System.nanoTime()));
                        failoverMs = ms(writable - faultAt);
                    } catch (TimeoutException e) {
                        details.add("not every partition was writable again while the node was stopped: "
                                + probes.notWritableSince(faultAt));
                    }
                }
                long left = resumeDue - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
            } finally {
                resumeAt = System.nanoTime();
                Signals.send(pid, "CONT");
            }
            if (alone || failoverMs < 0) {
                long writable = probes.awaitAllWritable(alone ? resumeAt : faultAt, recovery);
                failoverMs = ms(writable - (alone ? resumeAt : faultAt));
            }
            URI http = target.http(victim);
            upMs = ms(Health.awaitUp(http, recovery) - resumeAt);
            firstReadMs = ms(Health.await(http, record(probeKey), recovery) - resumeAt);
        }

        /** Every node UP, every replica in sync (a cluster), every partition writable again. */
        private void awaitRecovered(Probes probes, Duration recovery) throws Exception {
            try {
                for (String n : target.nodes()) {
                    if (!Health.up(target.http(n))) {
                        ensureRunning(n, recovery);
                        Health.awaitUp(target.http(n), recovery);
                    }
                }
                for (String b : target.brokers()) {
                    ensureRunning(b, recovery);
                }
                if (!target.brokers().isEmpty()) {
                    Replicas.awaitInSync(target.bootstrapServers(), recovery);
                }
                probes.awaitAllWritable(System.nanoTime(), recovery);
            } catch (Exception e) {
                failures.add("did not recover: " + e);
            }
        }

        /** A process a failed wait left stopped or dead is resumed or started, so the next repetition has it. */
        private void ensureRunning(String name, Duration recovery) throws Exception {
            long pid;
            try {
                pid = target.pid(name);
            } catch (IOException e) {
                pid = -1;
            }
            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Signals.send(pid, "CONT");
                return;
            }
            failures.add(name + " was not running after the repetition; started again");
            target.restart(name);
            target.awaitStarted(name, recovery);
        }

        private String record(String key) {
            return "/v1/kvs/" + namespace + "/" + set + "/" + key;
        }

        private String lastAcked(Workload load) {
            List<Workload.Ack> acked = load.acked();
            if (acked.isEmpty()) {
                throw new IllegalStateException("no write was acknowledged in " + warmupSeconds + " s of warm-up");
            }
            return acked.get(acked.size() - 1).key();
        }

        private Set<Digest> digests(List<Workload.Ack> acked) {
            Set<Digest> out = new HashSet<>();
            for (Workload.Ack a : acked) {
                out.add(Workload.digest(new com.aerospike.client.Key(namespace, set, a.key())));
            }
            return out;
        }

        private Set<Digest> digestsOf(Set<String> keys) {
            Set<Digest> out = new HashSet<>();
            for (String k : keys) {
                out.add(Workload.digest(new com.aerospike.client.Key(namespace, set, k)));
            }
            return out;
        }

        private Map<Digest, long[]> counterDigests(Workload load) {
            Map<Digest, long[]> out = new HashMap<>();
            com.aerospike.client.Key[] keys = load.counters();
            for (int p = 0; p < keys.length; p++) {
                out.put(Workload.digest(keys[p]), load.counter(p));
            }
            return out;
        }
    }

    private String report(List<Outcome> outcomes, List<String> described, LoadAverage load, String started, Path repo)
            throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder("## Fault suite (issue 14)\n\n");
        md.append("- command: `ops/aerolog faults ").append(HttpBench.shellJoin(args)).append("`, started ")
                .append(started).append(" UTC, commit ").append(commit(repo)).append('\n');
        md.append("- machine: ").append(HttpBench.machine()).append("; load average ").append(load.describe()).append('\n');
        for (String d : described) {
            md.append("- ").append(d).append('\n');
        }
        md.append("- load: ").append(writers).append(" writers through Aerospike's Java client (each a put of a new key, "
                + "never retried, then an increment of one of a counter per Kafka partition; 5 s timeouts), ")
                .append(readers).append(" readers of acknowledged keys (half among the last 200); ").append(warmupSeconds)
                .append(" s of writes before each fault, ").append(settleSeconds).append(" s after recovery; a pause lasts ")
                .append(pauseSeconds).append(" s\n");
        md.append("- failover: from the fault until every Kafka partition took a probe write again (a probe per "
                + "partition every " + Probes.PACE_MS + " ms, " + Probes.TIMEOUT_MS + " ms timeout, its client's tend "
                + "interval 250 ms); a paused single node from its resumption. longest gap: the longest time any "
                + "partition took no probe write, fault to end. up / first read: from the restart (a paused node: the "
                + "resumption; a broker: until ops/cluster saw it listening) until /health answered 200, and until "
                + "a GET of the last write acknowledged before the fault answered 200 on that node\n");
        md.append("- checks (each must be 0): lost = acknowledged puts absent or not at generation 1 after the run; "
                + "missing reads = reads during and after recovery that found no record for a key already acknowledged; "
                + "counters outside [acknowledged, acknowledged + in doubt]; changes lost / doubled = the changes topic "
                + "read_committed from before the repetition: each acknowledged put exactly once, each in-doubt put at "
                + "most once, each counter's generations 1..n once each with n within its bounds\n\n");
        md.append(FaultReport.summary(outcomes)).append('\n');
        md.append("Times are min / median / max seconds over the runs.\n\n");
        md.append(FaultReport.repetitions(outcomes));
        boolean anyDetail = outcomes.stream().anyMatch(o -> !o.details().isEmpty() || !o.failures().isEmpty());
        if (anyDetail) {
            md.append("\nDetails:\n\n");
            for (Outcome o : outcomes) {
                for (String f : o.failures()) {
                    md.append("- ").append(o.target()).append(' ').append(o.scenario()).append(' ').append(o.repetition())
                            .append(": **").append(f).append("**\n");
                }
                for (String d : o.details()) {
                    md.append("- ").append(o.target()).append(' ').append(o.scenario()).append(' ').append(o.repetition())
                            .append(": ").append(d).append('\n');
                }
            }
        }
        return md.toString();
    }

    private static String commit(Path repo) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD")
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes()).trim();
        return git.waitFor() == 0 ? out : "unknown";
    }

    /** The namespace's partition count, from the node's /v1/info. */
    private int partitions(URI node) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.resolve("/v1/info"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode ns : new ObjectMapper().readTree(r.body()).path("namespaces")) {
            if (ns.path("name").asText().equals(namespace)) {
                return ns.path("partitions").asInt();
            }
        }
        throw new IllegalArgumentException("the node at " + node + " has no namespace " + namespace + ": " + r.body());
    }

    static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("ops/cluster")) && Files.exists(dir.resolve("ops/aerolog"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository (ops/cluster, ops/aerolog) above " + Path.of("").toAbsolutePath()
                + ": pass --root");
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
