package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.jobs.BackgroundJob;
import io.aerolog.server.jobs.BackgroundJobs;
import io.aerolog.server.jobs.OperationsAction;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.ScanSpec;
import io.aerolog.server.scan.Sources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * The REST gateway's background operations ({@code ExecuteV1Controller}, {@code ExecuteV2Controller}): {@code POST
 * /v1/execute/scan/{ns}[/{set}]} with the operations {@code /v1/operate} takes (or {@code /v2/...} with {@code
 * {"opsList": [...]}}) starts a background scan applying them to every record, as the gateway's {@code
 * client.execute(writePolicy, statement, operations)} does: this node starts the job over the partitions it
 * masters and asks every other node of the namespace to start it (same task id) over theirs, then answers the
 * gateway's task {@code {"taskId": n, "scan": true}}. When a node cannot start its share, the job is aborted
 * here and on each node that started it or may have (a node-only {@code DELETE .../status/{taskId}}) and the
 * caller gets that node's refusal: no share keeps running for a retry to run again. {@code GET
 * .../status/{taskId}} answers {@code {"task": ..., "status": "IN_PROGRESS" | "COMPLETE"}} as the gateway's
 * {@code ExecuteTask.queryStatus()} makes it from every node's {@code query-show}: in progress while a node runs
 * it; a node that does not know it has completed it (so an id no node knows is COMPLETE, as with the gateway);
 * when a node's share ended cut short (a partition moved away, see {@link BackgroundJob}) the answer says so with
 * {@code "jobStatus": "done(abandoned-unknown)"} beside the gateway's fields.
 * The gateway's write-policy and policy parameters are taken: {@code expiration}, {@code durableDelete}, {@code
 * recordExistsAction} (the job updates, or replaces with REPLACE_ONLY), {@code filterexp} and {@code
 * recordsPerSecond} shape the job; the client's transport settings are checked and have nothing to change
 * here. Any other parameter, an operation that reads, and a policy the job cannot honour are refused with
 * PARAMETER_ERROR (400), never ignored.
 */
final class ExecuteHandler {
    /** The task id of a job another node started; from nodes only. */
    static final String TASK_PARAM = "aerologTaskId";
    /** Asks for this node's own status of a task; from nodes only. */
    static final String NODE_ONLY_PARAM = "aerologNodeOnly";
    private static final Set<String> PATH = Set.of("ns", "set", "taskId");
    private static final Set<String> TRANSPORT_INTS = Set.of("totalTimeout", "socketTimeout", "maxRetries",
            "sleepBetweenRetries", "generation");
    private static final Set<String> TRANSPORT_BOOLEANS = Set.of("sendKey", "compress", "respondAllOps");
    private static final Set<String> EXECUTE_PARAMS = Set.of("expiration", "durableDelete", "recordExistsAction",
            "generationPolicy", "filterexp", "filterExp", "recordsPerSecond", "recordBins", "commitLevel", "replica",
            "readModeAP", "readModeSC", "totalTimeout", "socketTimeout", "maxRetries", "sleepBetweenRetries",
            "generation", "sendKey", "compress", "respondAllOps");
    private static final List<PartitionPart> ALL = IntStream.range(0, Digest.PARTITIONS).mapToObj(PartitionPart::whole)
            .toList();

    private final Namespaces namespaces;
    private final Forwarder forwarder;
    private final BackgroundJobs jobs;

    ExecuteHandler(Namespaces namespaces, Forwarder forwarder, BackgroundJobs jobs) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
        this.jobs = jobs;
    }

    /** Starts the job here and on every other node of the namespace; answers the gateway's task. */
    CompletableFuture<Reply> execute(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String set = q.param("set") == null ? "" : q.param("set");
        onlyKnown(q, EXECUTE_PARAMS, TASK_PARAM);
        checkTransport(q);
        List<Operation> ops = RecordHandlers.operations(RecordHandlers.json(q.body()));
        Value filter = q.filter();
        OperationsAction action = OperationsAction.of(ops, replaceOnly(q), q.intParam("expiration", 0),
                q.boolParam("durableDelete"), filter);
        int rps = q.intParam("recordsPerSecond", 0);
        if (rps < 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "recordsPerSecond " + rps + " is negative");
        }
        long trid = 0;
        if (q.param(TASK_PARAM) != null) {
            if (!q.forwarded()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + TASK_PARAM + "' is for nodes only");
            }
            trid = taskId(q.param(TASK_PARAM));
        }
        ScanSpec spec = new ScanSpec(ns.config().name(), set, null, false, filter, 0, rps, ALL, null);
        BackgroundJob job = jobs.start(trid, ns, spec, Sources.of(ns, spec), action, rps, "http");
        Reply started = Reply.json(200, task(job.trid()));
        if (q.forwarded()) {
            return CompletableFuture.completedFuture(started);
        }
        String query = (q.queryString() == null || q.queryString().isEmpty() ? "" : q.queryString() + "&")
                + TASK_PARAM + "=" + Long.toUnsignedString(job.trid());
        Map<String, CompletableFuture<Reply>> others = new LinkedHashMap<>();
        for (String node : ns.router().owners().nodes()) {
            if (!node.equals(ns.router().self())) {
                others.put(node, forwarder.send(node, "POST", q.path(), query, q.body(), true));
            }
        }
        String user = Forwarder.actingUser();
        return settled(others.values()).thenComposeAsync(v -> answer(job.trid(), started, others, user, io), io);
    }

    /** Completes when every one of {@code futures} has, whether it failed or not. */
    private static CompletableFuture<Void> settled(Collection<CompletableFuture<Reply>> futures) {
        return CompletableFuture.allOf(futures.stream().map(f -> f.handle((r, e) -> null))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * {@code started} when every other node started its share. When one did not, the job is aborted here and on
     * every node that started it or may have (a forward in doubt), so that the caller's retry does not run it
     * twice, and the caller gets the first refusal or failure; or SERVER_ERROR naming a node where the abort
     * failed and the job may still run.
     */
    private CompletableFuture<Reply> answer(long trid, Reply started, Map<String, CompletableFuture<Reply>> others,
                                            String user, Executor io) {
        List<String> mayRun = new ArrayList<>();
        boolean all = true;
        for (Map.Entry<String, CompletableFuture<Reply>> other : others.entrySet()) {
            CompletableFuture<Reply> answer = other.getValue();
            if (answer.isCompletedExceptionally()) {
                all = false;
                if (inDoubt(answer)) {
                    mayRun.add(other.getKey());
                }
            } else if (answer.join().status() == 200) {
                mayRun.add(other.getKey());
            } else {
                all = false;
            }
        }
        if (all) {
            return CompletableFuture.completedFuture(started);
        }
        jobs.abort(trid);
        String id = Long.toUnsignedString(trid);
        String path = RestApi.EXECUTE_SCAN + RestApi.EXECUTE_STATUS + "/" + id;
        Map<String, CompletableFuture<Reply>> aborts = new LinkedHashMap<>();
        for (String node : mayRun) {
            CompletableFuture<Reply> abort;
            try {
                abort = Forwarder.actingFor(user, () -> forwarder.send(node, "DELETE", path,
                        NODE_ONLY_PARAM + "=true", new byte[0], false));
            } catch (Exception e) {
                abort = CompletableFuture.failedFuture(e);
            }
            aborts.put(node, abort);
        }
        return settled(aborts.values()).thenApplyAsync(v -> {
            for (Map.Entry<String, CompletableFuture<Reply>> abort : aborts.entrySet()) {
                CompletableFuture<Reply> a = abort.getValue();
                if (a.isCompletedExceptionally() || a.join().status() != 200) {
                    throw new AerologException(ResultCode.SERVER_ERROR, "a node could not start task " + id
                            + ", and aborting it on " + abort.getKey() + " failed: it may still run there"
                            + " (abort it with the info command query-abort:trid=" + id + ")");
                }
            }
            for (CompletableFuture<Reply> answer : others.values()) {
                Reply r = answer.join();
                if (r.status() != 200) {
                    return r;
                }
            }
            throw new IllegalStateException("no node refused task " + id);
        }, io);
    }

    /** Whether a failed forward may have reached its node (a timeout, a failure after sending). */
    private static boolean inDoubt(CompletableFuture<Reply> failed) {
        try {
            failed.join();
            return false;
        } catch (RuntimeException e) {
            return !(Failures.unwrap(e) instanceof AerologException a) || a.inDoubt();
        }
    }

    /**
     * Aborts this node's share of a task, asked by the node that started it when another node could not start
     * its share; from nodes only. Answers the task's status here.
     */
    CompletableFuture<Reply> abort(HttpRequest q, Executor io) {
        onlyKnown(q, Set.of(), NODE_ONLY_PARAM);
        if (!q.forwarded() || q.param(NODE_ONLY_PARAM) == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "aborting a task's share is for nodes only");
        }
        long trid = taskId(q.param("taskId"));
        jobs.abort(trid);
        return CompletableFuture.completedFuture(Reply.json(200, status(trid, local(trid))));
    }

    /** The task's status over every node (or, asked by a node, this node's own). */
    CompletableFuture<Reply> status(HttpRequest q, Executor io) {
        onlyKnown(q, Set.of(), NODE_ONLY_PARAM);
        long trid = taskId(q.param("taskId"));
        String here = local(trid);
        BackgroundJob job = jobs.find(trid);
        boolean abandonedHere = job != null && job.status() == BackgroundJob.Status.FAILED;
        if (q.param(NODE_ONLY_PARAM) != null) {
            if (!q.forwarded()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + NODE_ONLY_PARAM + "' is for nodes only");
            }
            return CompletableFuture.completedFuture(Reply.json(200, abandoned(status(trid, here), abandonedHere)));
        }
        TreeSet<String> nodes = new TreeSet<>();
        String self = null;
        for (NamespaceService ns : namespaces.all()) {
            nodes.addAll(ns.router().owners().nodes());
            self = ns.router().self();
        }
        nodes.remove(self);
        List<CompletableFuture<Reply>> others = new ArrayList<>();
        for (String node : nodes) {
            others.add(forwarder.send(node, "GET", q.path(), NODE_ONLY_PARAM + "=true", new byte[0], false));
        }
        return CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).thenApplyAsync(v -> {
            boolean running = here.equals("IN_PROGRESS");
            boolean abandoned = abandonedHere;
            for (CompletableFuture<Reply> other : others) {
                Reply r = other.join();
                if (r.status() != 200) {
                    return r;
                }
                running |= nodeStatus(r).equals("IN_PROGRESS");
                abandoned |= nodeField(r, "jobStatus").equals(BackgroundJob.Status.FAILED.text());
            }
            return Reply.json(200, abandoned(status(trid, running ? "IN_PROGRESS" : "COMPLETE"), abandoned));
        }, io);
    }

    /** This node's part of a task: IN_PROGRESS, COMPLETE, or NOT_FOUND (which the gateway's client reads as done). */
    private String local(long trid) {
        BackgroundJob job = jobs.find(trid);
        if (job == null) {
            return "NOT_FOUND";
        }
        return job.status() == BackgroundJob.Status.ACTIVE ? "IN_PROGRESS" : "COMPLETE";
    }

    private static String nodeStatus(Reply r) {
        return nodeField(r, "status");
    }

    private static String nodeField(Reply r, String field) {
        try {
            JsonNode body = Reply.JSON.readTree(r.body());
            return body.path(field).asText("");
        } catch (IOException e) {
            throw new AerologException(ResultCode.SERVER_ERROR, "a node's task status is not JSON: " + e.getMessage());
        }
    }

    private static ObjectNode task(long trid) {
        ObjectNode o = Reply.JSON.createObjectNode();
        o.put("taskId", trid);
        o.put("scan", true);
        return o;
    }

    private static ObjectNode status(long trid, String status) {
        ObjectNode o = Reply.JSON.createObjectNode();
        o.set("task", task(trid));
        o.put("status", status);
        return o;
    }

    /** The status {@code o} saying, when {@code abandoned}, that a node's share of the job ended cut short. */
    private static ObjectNode abandoned(ObjectNode o, boolean abandoned) {
        if (abandoned) {
            o.put("jobStatus", BackgroundJob.Status.FAILED.text());
        }
        return o;
    }

    private static long taskId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the task id '" + JsonValues.abbreviate(text)
                    + "' is not a 64-bit integer");
        }
    }

    /** Refuses any query parameter that is neither the route's, nor {@code internal} (from a node). */
    private static void onlyKnown(HttpRequest q, Set<String> known, String internal) {
        for (String name : q.query().keySet()) {
            if (!known.contains(name) && !PATH.contains(name) && !name.equals(internal)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "unknown parameter '"
                        + JsonValues.abbreviate(name) + "'" + (known.isEmpty() ? ": the status takes none"
                        : ": a background execute takes " + new TreeSet<>(known)));
            }
        }
    }

    /**
     * The gateway's policy parameters that set how its client sends the request, checked as the gateway parses
     * them; a generation check, which a background job does not make, is refused.
     */
    private static void checkTransport(HttpRequest q) {
        TRANSPORT_INTS.forEach(name -> q.intParam(name, 0));
        TRANSPORT_BOOLEANS.forEach(q::boolParam);
        q.replica();
        q.recordBins();
        oneOf(q, "commitLevel", "COMMIT_ALL", "COMMIT_MASTER");
        oneOf(q, "readModeAP", "ONE", "ALL");
        oneOf(q, "readModeSC", "SESSION", "LINEARIZE", "ALLOW_REPLICA", "ALLOW_UNAVAILABLE");
        String gen = q.param("generationPolicy");
        if (gen != null && !gen.equalsIgnoreCase("NONE")) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "generationPolicy " + JsonValues.abbreviate(gen)
                    + ": a background job checks no generation (NONE only)");
        }
    }

    private static void oneOf(HttpRequest q, String name, String... values) {
        String v = q.param(name);
        if (v != null && !List.of(values).contains(v.toUpperCase(Locale.ROOT))) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, name + " '" + JsonValues.abbreviate(v)
                    + "' is not one of " + List.of(values));
        }
    }

    /**
     * Whether the job replaces records (REPLACE_ONLY) or updates them (UPDATE, UPDATE_ONLY, the default), as the
     * server builds a job's write; CREATE_ONLY and REPLACE, which a job over existing records cannot honour,
     * are refused.
     */
    private static boolean replaceOnly(HttpRequest q) {
        RecordExistsAction action = q.enumParam("recordExistsAction", RecordExistsAction.class,
                RecordExistsAction.UPDATE_ONLY);
        return switch (action) {
            case UPDATE, UPDATE_ONLY -> false;
            case REPLACE_ONLY -> true;
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, "recordExistsAction " + action
                    + ": a background job updates the records it reaches (UPDATE, UPDATE_ONLY) or replaces"
                    + " them (REPLACE_ONLY)");
        };
    }
}
