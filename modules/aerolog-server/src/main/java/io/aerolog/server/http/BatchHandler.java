package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.core.udf.UdfCall;
import io.aerolog.protocol.BatchJson;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.ErrorBody;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.KeyJson;
import io.aerolog.protocol.OperateResults;
import io.aerolog.protocol.RecordJson;
import io.aerolog.protocol.Replica;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.AppliedWrite;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.udf.UdfModules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Batches of up to {@value #MAX_BATCH_KEYS} items in Aerospike's REST gateway shapes (reads, writes, deletes,
 * record UDF calls; see {@link BatchJson}), a result per item in the items' order.
 *
 * <p>The items this node serves are served here: their reads once each copy may answer (a consistency token
 * is waited for once, on its partition), their writes and deletes appended to the namespace's log all at
 * once, none waiting for another, each answered as its task applies it. The items of other nodes are sent to
 * them, a group per node, all groups at once, and their answers put back in place. A failure of one item is
 * that item's result (with {@code inDoubt} for a write that may have applied); only a malformed request
 * fails whole. With {@code respondAllKeys=false}, as on Aerospike's server, the items this node serves stop
 * at the first that fails with anything but not found or filtered out: those after it are not attempted
 * and answer NO_RESPONSE (-15). Writes already appended are not stopped: they do not wait for each other.
 */
final class BatchHandler {
    /** The most items one batch request may carry. */
    static final int MAX_BATCH_KEYS = 5000;

    private final Namespaces namespaces;
    private final Forwarder forwarder;
    private final UdfModules udfs;

    BatchHandler(Namespaces namespaces, Forwarder forwarder, UdfModules udfs) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
        this.udfs = udfs;
    }

    /** One item of the batch: where it is in the answer, its key as answered, and what and where it is, or why it fails. */
    private record Row(int index, JsonNode raw, JsonNode key, BatchJson.Item item, NamespaceService ns, Route route,
                       AerologException failure) {
        static Row failed(int index, JsonNode raw, JsonNode key, AerologException e) {
            return new Row(index, raw, key, null, null, null, e);
        }
    }

    CompletableFuture<Reply> serve(HttpRequest r, Executor io) {
        JsonNode body = RecordHandlers.json(r.body());
        JsonNode items = body.isObject() && body.has(BatchJson.RECORDS) ? body.get(BatchJson.RECORDS) : body;
        if (!items.isArray()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body must be a JSON array of batch records, "
                    + "e.g. [{\"type\": \"READ\", \"key\": {\"namespace\": \"test\", \"setName\": \"s\", \"userKey\": \"k1\"},"
                    + " \"readAllBins\": true}]");
        }
        if (items.size() > MAX_BATCH_KEYS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a batch carries at most " + MAX_BATCH_KEYS
                    + " keys, got " + items.size() + ": split it");
        }
        Value batchFilter = r.filter();
        Replica replica = r.replica();
        long maxLag = r.maxLag();
        ObjectNode[] out = new ObjectNode[items.size()];
        List<Row> here = new ArrayList<>();
        Map<String, List<Row>> remote = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Row row = plan(i, items.get(i), batchFilter, replica, maxLag);
            if (row.failure() == null && row.route() instanceof Route.Remote rr) {
                if (r.forwarded()) {
                    row = Row.failed(i, row.raw(), row.key(), new AerologException(ResultCode.PARTITION_UNAVAILABLE,
                            "partition " + rr.partition() + " moved while the batch was forwarded; retry shortly"));
                } else {
                    remote.computeIfAbsent(rr.node(), n -> new ArrayList<>()).add(row);
                    continue;
                }
            }
            here.add(row);
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        parts.add(serveHere(here, r.token(), r.respondAllKeys(), out, io));
        for (Map.Entry<String, List<Row>> group : remote.entrySet()) {
            parts.add(forward(r, group.getKey(), group.getValue(), out));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ObjectNode answer = Reply.JSON.createObjectNode();
            ArrayNode records = answer.putArray(BatchJson.RECORDS);
            for (ObjectNode o : out) {
                records.add(o);
            }
            return Reply.json(200, answer);
        });
    }

    /** Parses item {@code i} and finds where it is served: reads by the request's replica, writes by the master. */
    private Row plan(int i, JsonNode raw, Value batchFilter, Replica replica, long maxLag) {
        JsonNode key = raw != null && raw.isObject() ? raw.get("key") : null;
        try {
            BatchJson.Item item = BatchJson.fromJson(raw, "batch item " + i, batchFilter);
            key = KeyJson.toJson(item.key());
            NamespaceService ns = namespaces.get(item.key().namespace());
            int partition = item.key().digest().kafkaPartition(ns.config().partitions());
            Route route = item.writes() ? ns.router().write(partition) : ns.router().read(partition, replica, maxLag);
            if (route instanceof Route.Unavailable u) {
                throw u.refusal();
            }
            return new Row(i, raw, key, item, ns, route, null);
        } catch (AerologException e) {
            return Row.failed(i, raw, key, e);
        }
    }

    /**
     * Serves the rows of this node in order, once every copy its reads go to may answer: reads at once,
     * writes appended without waiting; completes when every write has its answer.
     */
    private CompletableFuture<Void> serveHere(List<Row> rows, ConsistencyToken token, boolean respondAll,
                                              ObjectNode[] out, Executor io) {
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<Route.Local, CompletableFuture<Void>> waits = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.failure() == null && !row.item().writes()) {
                Route.Local route = (Route.Local) row.route();
                ConsistencyToken t = token != null && token.partition() == route.partition() ? token : null;
                waits.computeIfAbsent(route, rt -> RecordHandlers.whenReadable(row.ns(), rt, t));
            }
        }
        CompletableFuture<Void> ready = CompletableFuture.allOf(waits.values().toArray(CompletableFuture[]::new))
                .handle((v, e) -> null);
        return ready.thenComposeAsync(v -> {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            Row stoppedBy = null;
            for (Row row : rows) {
                if (stoppedBy != null) {
                    out[row.index()] = BatchJson.resultJson(row.key(), BatchJson.NO_RESPONSE, "not attempted:"
                            + " respondAllKeys is false and batch item " + stoppedBy.index() + " failed", null, false, null);
                    continue;
                }
                if (row.failure() == null && row.item().kind() == BatchJson.Kind.UDF) {
                    writes.add(call(row, out, io));
                    continue;
                }
                if (row.failure() == null && row.item().writes()) {
                    writes.add(write(row, out, io));
                    continue;
                }
                out[row.index()] = row.failure() != null ? BatchJson.failure(row.key(), row.failure())
                        : readOne(row, waits.get((Route.Local) row.route()));
                if (!respondAll && stops(out[row.index()].get("resultCode").asInt())) {
                    stoppedBy = row;
                }
            }
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        }, io);
    }

    /** Whether a key's code ends a batch that does not respond for all keys (Aerospike's server's rule). */
    private static boolean stops(int code) {
        return code != ResultCode.OK.code() && code != ResultCode.KEY_NOT_FOUND_ERROR.code()
                && code != ResultCode.FILTERED_OUT.code();
    }

    /** A read row's answer, from the copy now that it may answer ({@code ready} is done). */
    private static ObjectNode readOne(Row row, CompletableFuture<Void> ready) {
        try {
            ready.join();
            BatchJson.Item item = row.item();
            Key key = item.key();
            Record record = ((Route.Local) row.route()).get(key);
            long now = System.currentTimeMillis();
            if (record == null || record.isExpiredAt(now)) {
                return BatchJson.resultJson(row.key(), ResultCode.KEY_NOT_FOUND_ERROR.code(), null, null, false, null);
            }
            if (!item.operations().isEmpty()) {
                Outcome o = RecordEngine.read(record, item.operations(), item.filter(), key.digest().bytes(), now);
                if (!o.isOk()) {
                    throw new AerologException(o.resultCode(), o.message());
                }
                return ok(row, RecordJson.toJson(OperateResults.bins(o.results(), false), record.generation(),
                        record.ttlSecondsAt(now)), null);
            }
            RecordHandlers.checkFilter(item.filter(), key, record, now);
            return ok(row, RecordJson.toJson(select(record, item.binNames()), record.generation(),
                    record.ttlSecondsAt(now)), null);
        } catch (RuntimeException e) {
            return BatchJson.failure(row.key(), Failures.of(e, false));
        }
    }

    /** Appends a write row's command; its answer fills its place on {@code io} once applied. */
    private static CompletableFuture<Void> write(Row row, ObjectNode[] out, Executor io) {
        BatchJson.Item item = row.item();
        List<Operation> ops = item.kind() == BatchJson.Kind.DELETE ? List.of(Operation.delete()) : item.operations();
        Command command = new Command(null, null, item.key(), ops, item.policy(), 0, item.filter());
        CompletableFuture<AppliedWrite> applied;
        try {
            applied = row.ns().log().write(command, row.ns().writeTimeout());
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        return applied.handleAsync((w, e) -> {
            if (e != null) {
                out[row.index()] = BatchJson.failure(row.key(), Failures.of(e, true));
            } else if (!w.isOk()) {
                out[row.index()] = BatchJson.resultJson(row.key(), w.resultCode().code(), w.message(), null, false, null);
            } else {
                ObjectNode record = Reply.JSON.createObjectNode();
                if (item.kind() == BatchJson.Kind.DELETE) {
                    // as Aerospike's server answers a delete: no generation, no void time
                    record.putNull("bins");
                    record.put("generation", 0);
                    record.put("ttl", -1);
                } else {
                    Map<String, Value> reads = OperateResults.bins(w.results(),
                            OperateResults.respondAllOpsOfBatchWrite(ops));
                    if (reads.isEmpty()) {
                        record.putNull("bins");
                    } else {
                        record.set("bins", JsonValues.binsToJson(reads));
                    }
                    record.put("generation", w.generation());
                    record.put("ttl", w.ttlSeconds());
                }
                out[row.index()] = ok(row, record, w.token().toString());
            }
            return null;
        }, io);
    }

    /**
     * Appends a UDF row's call with the module registered now; its answer, once applied, is the function's
     * value in bin SUCCESS, or UDF_BAD_RESPONSE (100) with the error in bin FAILURE, as Aerospike's clients
     * read a BatchUDF's record.
     */
    private CompletableFuture<Void> call(Row row, ObjectNode[] out, Executor io) {
        BatchJson.Item item = row.item();
        CompletableFuture<AppliedWrite> applied;
        try {
            if (udfs == null) {
                throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "this node serves no UDFs");
            }
            java.util.Optional<io.aerolog.core.udf.UdfModule> module = udfs.get(item.udf().packageName() + ".lua");
            if (module.isEmpty()) {
                out[row.index()] = udfFailure(row, UdfModules.NOT_LOADED);
                return CompletableFuture.completedFuture(null);
            }
            byte[] args = MsgPack.pack(Value.ofList(item.udf().args()));
            Command command = new Command(null, null, item.key(), List.of(UdfCall.of(module.get(),
                    item.udf().functionName(), args).operation()), item.policy(), 0, item.filter());
            applied = row.ns().log().write(command, row.ns().writeTimeout());
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        return applied.handleAsync((w, e) -> {
            if (e != null) {
                out[row.index()] = BatchJson.failure(row.key(), Failures.of(e, true));
            } else if (w.resultCode() == ResultCode.UDF_BAD_RESPONSE) {
                Value failure = w.reads().get("FAILURE");
                out[row.index()] = udfFailure(row, failure instanceof Value.StringValue sv ? sv.value() : w.message());
            } else if (!w.isOk()) {
                out[row.index()] = BatchJson.resultJson(row.key(), w.resultCode().code(), w.message(), null, false, null);
            } else {
                ObjectNode record = Reply.JSON.createObjectNode();
                record.set("bins", JsonValues.binsToJson(w.reads()));
                record.put("generation", w.generation());
                record.put("ttl", w.ttlSeconds());
                out[row.index()] = ok(row, record, w.token().toString());
            }
            return null;
        }, io);
    }

    private static ObjectNode udfFailure(Row row, String message) {
        ObjectNode record = Reply.JSON.createObjectNode();
        record.set("bins", JsonValues.binsToJson(Map.of("FAILURE", Value.of(message))));
        record.put("generation", 0);
        record.put("ttl", -1);
        return BatchJson.resultJson(row.key(), ResultCode.UDF_BAD_RESPONSE.code(), message, record, false, null);
    }

    private static ObjectNode ok(Row row, ObjectNode record, String token) {
        return BatchJson.resultJson(row.key(), ResultCode.OK.code(), null, record, false, token);
    }

    /** Sends a group's items to their node, marked forwarded, and puts its answers in their places. */
    private CompletableFuture<Void> forward(HttpRequest r, String node, List<Row> rows, ObjectNode[] out) {
        ArrayNode sub = Reply.JSON.createArrayNode();
        boolean writes = false;
        for (Row row : rows) {
            sub.add(row.raw());
            writes |= row.item().writes();
        }
        byte[] body;
        try {
            body = Reply.JSON.writeValueAsBytes(sub);
        } catch (IOException e) {
            throw new AerologException(ResultCode.SERVER_ERROR, "batch could not be encoded: " + e);
        }
        return forwarder.send(node, "POST", RestApi.BATCH, r.queryString(), body, writes).handle((reply, error) -> {
            JsonNode answers = null;
            AerologException failure = null;
            if (error != null) {
                failure = Failures.of(error, false);
            } else if (reply.status() != 200) {
                failure = refusal(node, reply);
            } else {
                try {
                    answers = Reply.JSON.readTree(reply.body()).get(BatchJson.RECORDS);
                } catch (IOException e) {
                    answers = null;
                }
                if (answers == null || !answers.isArray() || answers.size() != rows.size()) {
                    failure = new AerologException(ResultCode.PARSE_ERROR, "batch on " + node + " answered "
                            + rows.size() + " items with no matching " + BatchJson.RECORDS, true, null);
                }
            }
            for (int j = 0; j < rows.size(); j++) {
                Row row = rows.get(j);
                if (failure == null) {
                    out[row.index()] = (ObjectNode) answers.get(j);
                } else {
                    boolean inDoubt = failure.inDoubt() && row.item().writes();
                    out[row.index()] = BatchJson.failure(row.key(), new AerologException(failure.resultCode(),
                            failure.getMessage(), inDoubt, null));
                }
            }
            return null;
        });
    }

    /** What a node's refusal of a whole forwarded batch means: its error body, else PARTITION_UNAVAILABLE. */
    private static AerologException refusal(String node, Reply reply) {
        try {
            ErrorBody body = ErrorBody.parse(Reply.JSON.readTree(reply.body()));
            if (body != null) {
                return body.toException();
            }
        } catch (IOException e) {
            // no error body: the status says it
        }
        return new AerologException(ResultCode.PARTITION_UNAVAILABLE, "batch on " + node + " answered HTTP "
                + reply.status());
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
}
