package io.aerolog.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.client.BatchPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.BatchJson;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.RestApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batch reads: the keys grouped by the node that owns them, a request per group (and per
 * {@link BatchPolicy#maxKeysPerRequest()} keys) sent to every node at once, their answers filled into one
 * array in the keys' order. A group whose node answers a key PARTITION_UNAVAILABLE is retried whole,
 * routed by its first key.
 */
final class BatchReader {
    private final Calls calls;
    private final ClusterTender tender;

    BatchReader(Calls calls, ClusterTender tender) {
        this.calls = calls;
        this.tender = tender;
    }

    /**
     * Reads {@code keys} (all bins, or {@code binNames} when not null). Every request is sent before any
     * answer is awaited, also when the caller blocks: the requests to different nodes run at once.
     */
    CompletableFuture<ClientRecord[]> read(BatchPolicy bp, Key[] keys, String[] binNames) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.PARAMETER_ERROR,
                        "keys[" + i + "] is null"));
            }
        }
        ClientRecord[] out = new ClientRecord[keys.length];
        if (keys.length == 0) {
            return CompletableFuture.completedFuture(out);
        }
        ClusterMap m = tender.map();
        int spread = ThreadLocalRandom.current().nextInt(1 << 16);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(m.route(keys[i], bp.base().replica(), 0, spread), n -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        String path = RestRequests.readParams(new RestRequests.Query(RestApi.BATCH), bp.base()).toString();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += bp.maxKeysPerRequest()) {
                int[] indexes = group.subList(from, Math.min(group.size(), from + bp.maxKeysPerRequest()))
                        .stream().mapToInt(Integer::intValue).toArray();
                parts.add(calls.start(new Calls.Call<Void>(keys[indexes[0]], false, bp.base(), "POST", path,
                        RestRequests.batchBody(keys, indexes, binNames), (b, node) -> {
                            fill(RestRequests.parse(b, node), keys, indexes, out, node);
                            return null;
                        }, Calls.rethrow(), Calls.Mode.ASYNC)));
            }
        }
        CompletableFuture<ClientRecord[]> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(parts.size());
        for (CompletableFuture<Void> part : parts) {
            part.whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(Failures.unwrap(e));
                } else if (left.decrementAndGet() == 0) {
                    result.complete(out);
                }
            });
        }
        return result;
    }

    private static void fill(JsonNode body, Key[] keys, int[] indexes, ClientRecord[] out, String node) {
        JsonNode answer = body.path(BatchJson.RECORDS);
        if (!answer.isArray() || answer.size() != indexes.length) {
            throw new AerologException(ResultCode.PARSE_ERROR, "node " + node + " answered a batch of " + indexes.length
                    + " keys with " + (answer.isArray() ? answer.size() + " results" : "no array"));
        }
        for (int j = 0; j < indexes.length; j++) {
            JsonNode item = answer.get(j);
            int number = item.path("resultCode").asInt(ResultCode.SERVER_ERROR.code());
            ResultCode code = ResultCode.of(number);
            Key key = keys[indexes[j]];
            if (code == ResultCode.OK) {
                out[indexes[j]] = RestRequests.record(item.get("record"), key.toString());
            } else if (code == ResultCode.KEY_NOT_FOUND_ERROR) {
                out[indexes[j]] = null;
            } else {
                throw new AerologException(code, "batch read of " + key + ": "
                        + item.path("message").asText(code.name()), false, null);
            }
        }
    }
}
