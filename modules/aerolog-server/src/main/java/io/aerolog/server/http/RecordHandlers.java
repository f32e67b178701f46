package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.core.exp.Expressions;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.HttpStatus;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.OperateResults;
import io.aerolog.protocol.OperationJson;
import io.aerolog.protocol.RecordJson;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.AppliedWrite;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The key-value requests of the HTTP API: read, exists, create/replace/update, delete and operate on one
 * record, each served where {@link io.aerolog.server.namespace.PartitionRouter} says: here (a read from
 * the local copy, a write through the namespace's log), or forwarded once to the node that serves it.
 * Nothing here blocks: what waits (a write's answer, a consistency token, a forward) completes a future,
 * and the reply is built on {@code io}, the request's I/O thread.
 */
final class RecordHandlers {
    private final Namespaces namespaces;
    private final Forwarder forwarder;

    RecordHandlers(Namespaces namespaces, Forwarder forwarder) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
    }

    // ---- reads

    CompletableFuture<Reply> get(HttpRequest r, Executor io) {
        Key key = r.key();
        NamespaceService ns = namespaces.get(key.namespace());
        List<String> bins = r.recordBins();
        Value filter = r.filter();
        return read(r, ns, key, io, (record, headers) -> {
            if (record == null) {
                throw new AerologException(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + key);
            }
            long now = System.currentTimeMillis();
            checkFilter(filter, key, record, now);
            return Reply.json(200, RecordJson.toJson(select(record, bins), record.generation(), record.ttlSecondsAt(now)),
                    headers);
        });
    }

    CompletableFuture<Reply> exists(HttpRequest r, Executor io) {
        Key key = r.key();
        NamespaceService ns = namespaces.get(key.namespace());
        Value filter = r.filter();
        return read(r, ns, key, io, (record, headers) -> {
            ResultCode code = ResultCode.KEY_NOT_FOUND_ERROR;
            if (record != null) {
                if (filter == null || Expressions.matches(filter, record, key.digest().bytes(),
                        System.currentTimeMillis())) {
                    return Reply.empty(200, headers);
                }
                code = ResultCode.FILTERED_OUT;
            }
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(RestApi.RESULT_CODE_HEADER, Integer.toString(code.code()));
            return Reply.empty(HttpStatus.of(code), h);
        });
    }

    /** Refuses a record the request's filter expression does not hold for, with FILTERED_OUT. */
    static void checkFilter(Value filter, Key key, Record record, long now) {
        if (filter != null && !Expressions.matches(filter, record, key.digest().bytes(), now)) {
            throw new AerologException(ResultCode.FILTERED_OUT, "the record " + key
                    + " does not match the filter expression (filterexp)");
        }
    }

    /** What a read makes of the record it found (null when absent or expired), with the routing headers. */
    private interface Answer {
        Reply apply(Record record, Map<String, String> headers);
    }

    /**
     * Reads {@code key} where its route says: here once the copy may answer (it has caught up with its
     * log, and applied the request's consistency token), else forwarded to the node that serves it.
     */
    private CompletableFuture<Reply> read(HttpRequest r, NamespaceService ns, Key key, Executor io, Answer answer) {
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        ConsistencyToken token = r.token();
        if (token != null && token.partition() != partition) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "consistency token " + token + " is for partition "
                    + token.partition() + ", but the key is in partition " + partition);
        }
        Route route = ns.router().read(partition, r.replica(), r.maxLag());
        if (!(route instanceof Route.Local local)) {
            return elsewhere(r, route, false);
        }
        Map<String, String> headers = served(ns);
        CompletableFuture<Void> ready = whenReadable(ns, local, token);
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(answer.apply(present(local.get(key)), headers));
        }
        return ready.thenApplyAsync(v -> answer.apply(present(local.get(key)), headers), io);
    }

    /** When {@code local} may answer a read carrying {@code token} (null for none). */
    static CompletableFuture<Void> whenReadable(NamespaceService ns, Route.Local local, ConsistencyToken token) {
        CompletableFuture<Void> ready = local.readable();
        if (!ready.isDone()) {
            ready = ready.orTimeout(ns.writeTimeout().toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e ->
                    CompletableFuture.failedFuture(new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition "
                            + local.partition() + " is still applying its log on this node; retry shortly")));
        }
        if (token == null) {
            return ready;
        }
        return ready.thenCompose(v -> ns.log().reached(token, ns.writeTimeout()));
    }

    private static Record present(Record record) {
        return record == null || record.isExpiredAt(System.currentTimeMillis()) ? null : record;
    }

    private static Map<String, Value> select(Record record, List<String> bins) {
        if (bins == null) {
            return record.bins();
        }
        Map<String, Value> selected = new LinkedHashMap<>();
        for (String b : bins) {
            Value v = record.bins().get(b);
            if (v != null) {
                selected.put(b, v);
            }
        }
        return selected;
    }

    // ---- writes

    CompletableFuture<Reply> put(HttpRequest r, Executor io, RecordExistsAction defaultAction) {
        Key key = r.key();
        NamespaceService ns = namespaces.get(key.namespace());
        WritePolicy policy = r.writePolicy(defaultAction);
        return write(r, ns, key, io, () -> {
            JsonNode body = json(r.body());
            if (!body.isObject() || body.isEmpty()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR,
                        "the body must be a JSON object of bins, e.g. {\"name\": \"Ada\", \"visits\": 1}");
            }
            List<Operation> ops = new ArrayList<>();
            body.fields().forEachRemaining(f -> ops.add(Operation.write(f.getKey(),
                    JsonValues.fromJson(f.getValue(), "bin '" + f.getKey() + "'"))));
            return new Command(null, null, key, ops, policy, 0, r.filter());
        }, written -> written(written, policy.recordExistsAction() == RecordExistsAction.CREATE_ONLY ? 201 : 200));
    }

    CompletableFuture<Reply> delete(HttpRequest r, Executor io) {
        Key key = r.key();
        NamespaceService ns = namespaces.get(key.namespace());
        WritePolicy policy = r.writePolicy(RecordExistsAction.UPDATE);
        return write(r, ns, key, io, () -> new Command(null, null, key, List.of(Operation.delete()), policy, 0,
                r.filter()), written -> written(written, 200));
    }

    /**
     * Operations on one record, atomically ({@code /v1/operate}, answering the record as
     * {@code {bins, generation, ttl}}). Read-only operations are served as a read (here, or forwarded), without
     * going through the log; any write makes the whole command a write. A filter expression
     * ({@code filterexp}) makes the record that does not match it answer FILTERED_OUT.
     */
    CompletableFuture<Reply> operate(HttpRequest r, Executor io) {
        return operate(r, io, answer -> answer);
    }

    /** {@link #operate} in the gateway's {@code /v2/operate} form: {@code {"opsList": [...]}} in, {@code {"record": ...}} out. */
    CompletableFuture<Reply> operateTyped(HttpRequest r, Executor io) {
        return operate(r, io, answer -> {
            ObjectNode o = Reply.JSON.createObjectNode();
            o.set("record", answer);
            return o;
        });
    }

    private CompletableFuture<Reply> operate(HttpRequest r, Executor io, UnaryOperator<ObjectNode> shape) {
        Key key = r.key();
        NamespaceService ns = namespaces.get(key.namespace());
        List<Operation> ops = operations(json(r.body()));
        Value filter = r.filter();
        boolean all = OperateResults.respondAllOps(ops, r.boolParam("respondAllOps"));
        boolean writes = ops.stream().anyMatch(op -> op.type().isWrite());
        if (!writes) {
            return read(r, ns, key, io, (record, headers) -> {
                if (record == null) {
                    throw new AerologException(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + key);
                }
                long now = System.currentTimeMillis();
                Outcome o = RecordEngine.read(record, ops, filter, key.digest().bytes(), now);
                if (!o.isOk()) {
                    throw new AerologException(o.resultCode(), o.message());
                }
                return Reply.json(200, shape.apply(RecordJson.toJson(OperateResults.bins(o.results(), all),
                        record.generation(), record.ttlSecondsAt(now))), headers);
            });
        }
        WritePolicy policy = r.writePolicy(RecordExistsAction.UPDATE);
        return write(r, ns, key, io, () -> new Command(null, null, key, ops, policy, 0, filter),
                written -> Reply.json(200, shape.apply(writtenJson(written, OperateResults.bins(written.results(), all))),
                        Map.of(RestApi.CONSISTENCY_TOKEN_HEADER, written.token().toString())));
    }

    /** The operations of an operate body: an array, or {@code {"opsList": [...]}}, bounded in number. */
    static List<Operation> operations(JsonNode body) {
        JsonNode list = body.isObject() && body.has("opsList") ? body.get("opsList") : body;
        if (!list.isArray() || list.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body must be a non-empty JSON array of "
                    + "operations, e.g. [{\"operation\": \"ADD\", \"opValues\": {\"bin\": \"count\", \"incr\": 1}}]");
        }
        if (list.size() > OperationJson.MAX_OPERATIONS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an operate carries at most "
                    + OperationJson.MAX_OPERATIONS + " operations, got " + list.size());
        }
        List<Operation> ops = new ArrayList<>();
        int i = 0;
        for (JsonNode op : list) {
            ops.add(OperationJson.fromJson(op, "operation " + i++));
        }
        return ops;
    }

    /** Builds a write's command from the request (its body is parsed only where the write is served). */
    private interface CommandOf {
        Command build();
    }

    /** What a write answers once applied. */
    private interface WrittenReply {
        Reply apply(AppliedWrite written);
    }

    private CompletableFuture<Reply> write(HttpRequest r, NamespaceService ns, Key key, Executor io, CommandOf command,
                                           WrittenReply reply) {
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        Route route = ns.router().write(partition);
        if (!(route instanceof Route.Active)) {
            return elsewhere(r, route, true);
        }
        Map<String, String> headers = served(ns);
        return ns.log().write(command.build(), ns.writeTimeout()).thenApplyAsync(w -> reply.apply(w).with(headers), io);
    }

    private static Reply written(AppliedWrite w, int status) {
        return Reply.json(status, writtenJson(w, null), Map.of(RestApi.CONSISTENCY_TOKEN_HEADER, w.token().toString()));
    }

    /** A write's answer: generation, ttl, consistency token and, for an operate, the bins its operations returned. */
    private static ObjectNode writtenJson(AppliedWrite w, Map<String, Value> bins) {
        if (!w.isOk()) {
            throw new AerologException(w.resultCode(), w.message());
        }
        ObjectNode o = RecordJson.writtenToJson(new RecordJson.Written(w.generation(), w.ttlSeconds(),
                w.token().toString(), bins == null ? Map.of() : bins));
        if (bins != null && !o.has("bins")) {
            o.putObject("bins");
        }
        return o;
    }

    // ---- routing

    /** The routing headers of a request served here. */
    private static Map<String, String> served(NamespaceService ns) {
        return Map.of(RestApi.MAP_GENERATION_HEADER, Long.toString(ns.router().owners().generation()),
                RestApi.SERVED_BY_HEADER, ns.router().self());
    }

    /** A request this node does not serve: forwarded once to the node that does, else refused. */
    private CompletableFuture<Reply> elsewhere(HttpRequest r, Route route, boolean write) {
        if (route instanceof Route.Unavailable u) {
            throw u.refusal();
        }
        Route.Remote remote = (Route.Remote) route;
        if (r.forwarded()) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + remote.partition()
                    + " moved while the request was forwarded; retry shortly");
        }
        return forwarder.send(remote.node(), r.method(), r.path(), r.queryString(), r.body(), write);
    }

    static JsonNode json(byte[] bytes) {
        if (bytes.length == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the request needs a JSON body");
        }
        try {
            return Reply.JSON.readTree(bytes);
        } catch (IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body is not valid JSON: " + detail);
        }
    }
}
