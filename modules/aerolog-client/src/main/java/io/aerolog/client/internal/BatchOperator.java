package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aerolog.client.BatchDelete;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.BatchRead;
import io.aerolog.client.BatchRecord;
import io.aerolog.client.BatchResult;
import io.aerolog.client.BatchWrite;
import io.aerolog.client.ClientRecord;
import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.BatchJson;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.Replica;
import io.aerolog.protocol.RestApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Batch operates: the records grouped by the node that serves them (writes by the key's master, reads by the
 * policy's replica), a {@code POST /v1/batch} per group (and per {@link BatchPolicy#maxKeysPerRequest()}
 * records) in the REST gateway's shapes, all sent at once, their results filled in the records' order. A
 * group whose request fails gives each of its records that failure (in doubt for its writes when the request
 * may have been applied); the call itself fails only for bad arguments.
 */
final class BatchOperator {
    private final Calls calls;
    private final ClusterTender tender;

    BatchOperator(Calls calls, ClusterTender tender) {
        this.calls = calls;
        this.tender = tender;
    }

    CompletableFuture<List<BatchResult>> operate(BatchPolicy bp, List<? extends BatchRecord> records) {
        List<BatchJson.Item> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            BatchRecord r = records.get(i);
            if (r == null) {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.PARAMETER_ERROR,
                        "records[" + i + "] is null"));
            }
            items.add(item(r));
        }
        BatchResult[] out = new BatchResult[records.size()];
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        ClusterMap m = tender.map();
        int spread = ThreadLocalRandom.current().nextInt(1 << 16);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            BatchRecord r = records.get(i);
            Replica replica = r.writes() ? Replica.MASTER : bp.base().replica();
            groups.computeIfAbsent(m.route(r.key(), replica, 0, spread), n -> new ArrayList<>()).add(i);
        }
        String path = RestRequests.readParams(new RestRequests.Query(RestApi.BATCH), bp.base()).toString();
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += bp.maxKeysPerRequest()) {
                int[] indexes = group.subList(from, Math.min(group.size(), from + bp.maxKeysPerRequest()))
                        .stream().mapToInt(Integer::intValue).toArray();
                boolean writes = Arrays.stream(indexes).anyMatch(i -> records.get(i).writes());
                ArrayNode body = RestRequests.JSON.createArrayNode();
                for (int i : indexes) {
                    body.add(BatchJson.toJson(items.get(i)));
                }
                parts.add(calls.start(new Calls.Call<Void>(records.get(indexes[0]).key(), writes, bp.base(), "POST", path,
                        RestRequests.bytes(body), (b, node) -> {
                            fill(RestRequests.parse(b, node), records, indexes, out, node);
                            return null;
                        }, Calls.rethrow(), Calls.Mode.ASYNC)).exceptionally(e -> {
                            AerologException failure = Failures.of(e, writes);
                            for (int i : indexes) {
                                BatchRecord r = records.get(i);
                                out[i] = new BatchResult(r.key(), failure.resultCode().code(), null,
                                        failure.inDoubt() && r.writes(), failure.getMessage(), null);
                            }
                            return null;
                        }));
            }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> List.of(out));
    }

    private static BatchJson.Item item(BatchRecord r) {
        if (r instanceof BatchRead read) {
            return read.operations().isEmpty() ? BatchJson.Item.read(read.key(), read.binNames())
                    : BatchJson.Item.readOperations(read.key(), read.operations());
        } else if (r instanceof BatchWrite write) {
            return BatchJson.Item.write(write.key(), write.policy(), write.operations());
        }
        BatchDelete delete = (BatchDelete) r;
        return BatchJson.Item.delete(delete.key(), delete.policy());
    }

    private static void fill(JsonNode body, List<? extends BatchRecord> records, int[] indexes, BatchResult[] out,
                             String node) {
        JsonNode answer = body.path(BatchJson.RECORDS);
        if (!answer.isArray() || answer.size() != indexes.length) {
            throw new AerologException(ResultCode.PARSE_ERROR, "node " + node + " answered a batch of " + indexes.length
                    + " records with " + (answer.isArray() ? answer.size() + " results" : "no " + BatchJson.RECORDS));
        }
        for (int j = 0; j < indexes.length; j++) {
            BatchRecord r = records.get(indexes[j]);
            BatchJson.Result res = BatchJson.result(answer.get(j), "batch result " + j + " of node " + node);
            ClientRecord record = res.record() == null ? null
                    : new ClientRecord(res.record().bins(), res.record().generation(), res.record().ttlSeconds());
            out[indexes[j]] = new BatchResult(Objects.requireNonNull(r.key()), res.resultCode(), record, res.inDoubt(),
                    res.message(), res.consistencyToken());
        }
    }
}
