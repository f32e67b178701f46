package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.KeyJson;
import io.aerolog.protocol.RecordJson;
import io.aerolog.protocol.Replica;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Batch reads of up to {@value #MAX_BATCH_KEYS} keys, a result per key in the keys' order: the keys this
 * node serves are read here once their copies may answer (a consistency token is waited for once), the
 * others are sent to their nodes, all groups at once, and the answers put back in order.
 */
final class BatchHandler {
    /** The most keys one batch request may carry. */
    static final int MAX_BATCH_KEYS = 5000;

    private final Namespaces namespaces;
    private final Forwarder forwarder;

    BatchHandler(Namespaces namespaces, Forwarder forwarder) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
    }

    /** One key of the batch: where it is in the answer, what to read, and where it is served. */
    private record Item(int index, JsonNode raw, Key key, List<String> bins, NamespaceService ns, Route route) {
    }

    CompletableFuture<Reply> read(HttpRequest r, Executor io) {
        JsonNode body = RecordHandlers.json(r.body());
        JsonNode items = body.isObject() && body.has("batchRecords") ? body.get("batchRecords") : body;
        if (!items.isArray()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the body must be a JSON array of batch reads, "
                    + "e.g. [{\"key\": {\"namespace\": \"test\", \"setName\": \"s\", \"userKey\": \"k1\"}, \"readAllBins\": true}]");
        }
        if (items.size() > MAX_BATCH_KEYS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a batch reads at most " + MAX_BATCH_KEYS
                    + " keys, got " + items.size() + ": split it");
        }
        ConsistencyToken token = r.token();
        Replica replica = r.replica();
        long maxLag = r.maxLag();
        ObjectNode[] out = new ObjectNode[items.size()];
        List<Item> local = new ArrayList<>();
        Map<String, List<Item>> remote = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ObjectNode result = Reply.JSON.createObjectNode();
            result.set("key", item.get("key"));
            out[i] = result;
            try {
                Key key = KeyJson.fromJson(item.get("key"), "batch item " + i);
                NamespaceService ns = namespaces.get(key.namespace());
                int partition = key.digest().kafkaPartition(ns.config().partitions());
                Route route = ns.router().read(partition, replica, maxLag);
                Item it = new Item(i, item, key, bins(item), ns, route);
                if (route instanceof Route.Local) {
                    local.add(it);
                } else if (route instanceof Route.Remote remoteRoute) {
                    if (r.forwarded()) {
                        throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                                + " moved while the batch was forwarded; retry shortly");
                    }
                    remote.computeIfAbsent(remoteRoute.node(), n -> new ArrayList<>()).add(it);
                } else {
                    throw ((Route.Unavailable) route).refusal();
                }
            } catch (AerologException e) {
                failed(result, e);
            }
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        parts.add(readLocal(local, token, out, io));
        for (Map.Entry<String, List<Item>> group : remote.entrySet()) {
            parts.add(forward(r, group.getKey(), group.getValue(), out));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ArrayNode answer = Reply.JSON.createArrayNode();
            for (ObjectNode o : out) {
                answer.add(o);
            }
            return Reply.json(200, answer);
        });
    }

    /** Reads the keys served here once each copy may answer: the token (if any) is waited for once, on its partition. */
    private CompletableFuture<Void> readLocal(List<Item> items, ConsistencyToken token, ObjectNode[] out, Executor io) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<Route.Local, CompletableFuture<Void>> waits = new LinkedHashMap<>();
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (Item it : items) {
            Route.Local route = (Route.Local) it.route();
            ConsistencyToken t = token != null && token.partition() == route.partition() ? token : null;
            CompletableFuture<Void> ready = waits.computeIfAbsent(route,
                    rt -> RecordHandlers.whenReadable(it.ns(), rt, t));
            each.add(ready.handleAsync((v, e) -> {
                if (e != null) {
                    failed(out[it.index()], Failures.of(e, false));
                } else {
                    readOne(it, route, out[it.index()]);
                }
                return null;
            }, io));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }

    private static void readOne(Item it, Route.Local route, ObjectNode result) {
        try {
            Record record = route.get(it.key());
            long now = System.currentTimeMillis();
            if (record != null && !record.isExpiredAt(now)) {
                result.put("resultCode", ResultCode.OK.code());
                result.set("record", RecordJson.toJson(select(record, it.bins()), record.generation(),
                        record.ttlSecondsAt(now)));
            } else {
                result.put("resultCode", ResultCode.KEY_NOT_FOUND_ERROR.code());
                result.putNull("record");
            }
        } catch (AerologException e) {
            failed(result, e);
        }
    }

    /** Sends a group's items to their node, marked forwarded, and puts its answers in their places. */
    private CompletableFuture<Void> forward(HttpRequest r, String node, List<Item> items, ObjectNode[] out) {
        ArrayNode sub = Reply.JSON.createArrayNode();
        items.forEach(it -> sub.add(it.raw()));
        byte[] body;
        try {
            body = Reply.JSON.writeValueAsBytes(sub);
        } catch (IOException e) {
            throw new AerologException(ResultCode.SERVER_ERROR, "batch could not be encoded: " + e);
        }
        return forwarder.send(node, "POST", RestApi.BATCH, r.queryString(), body, false).handle((reply, error) -> {
            JsonNode answers = null;
            AerologException failure = null;
            if (error != null) {
                failure = Failures.of(error, false);
            } else if (reply.status() != 200) {
                failure = new AerologException(ResultCode.PARTITION_UNAVAILABLE, "batch read on " + node
                        + " answered HTTP " + reply.status());
            } else {
                try {
                    answers = Reply.JSON.readTree(reply.body());
                } catch (IOException e) {
                    failure = new AerologException(ResultCode.PARSE_ERROR, "batch read on " + node
                            + " answered no JSON");
                }
                if (answers != null && (!answers.isArray() || answers.size() != items.size())) {
                    failure = new AerologException(ResultCode.PARSE_ERROR, "batch read on " + node + " answered "
                            + items.size() + " keys with " + answers.size() + " results");
                }
            }
            for (int j = 0; j < items.size(); j++) {
                int index = items.get(j).index();
                if (failure != null) {
                    failed(out[index], failure);
                } else {
                    out[index] = (ObjectNode) answers.get(j);
                }
            }
            return null;
        });
    }

    private static List<String> bins(JsonNode item) {
        if (!item.has("binNames") || item.path("readAllBins").asBoolean(false)) {
            return null;
        }
        List<String> bins = new ArrayList<>();
        for (JsonNode b : item.get("binNames")) {
            bins.add(b.asText());
        }
        return bins;
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

    private static void failed(ObjectNode result, AerologException e) {
        result.put("resultCode", e.resultCode().code());
        result.put("message", e.getMessage());
        result.putNull("record");
    }
}
