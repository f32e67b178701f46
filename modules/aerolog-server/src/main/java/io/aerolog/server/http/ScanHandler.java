package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.exp.Expressions;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.RecordJson;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.RecordScan;
import io.aerolog.server.scan.TruncateTimes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The REST gateway's scan, {@code GET /v1/scan/{ns}[/{set}]?maxRecords=&from=&recordBins=&filterexp=}: a page of
 * records as {@code {"records": [{userKey, generation, ttl, bins}], "pagination": {nextToken, totalRecords}}},
 * {@code nextToken} (the base64 of the page's last digest, as the gateway's) resuming strictly after it, null at
 * the end.
 *
 * <p>Order: Kafka partition by Kafka partition, within one its Aerospike partitions by id, within one by digest,
 * so a page needs each Kafka partition's owner once: read here when this node masters it, else asked of its
 * owner (a forwarded request for that Kafka partition alone, {@code kafkaPartition=}). Each Aerospike partition
 * is one consistent view of its store. A page that meets a partition not served now (it moves) answers
 * PARTITION_UNAVAILABLE; the same request again resumes where it stopped.
 *
 * <p>Bounds: a page holds at most {@value #MAX_PAGE} records (also when {@code maxRecords} is absent or 0: the
 * gateway would return everything in one answer) and stops once past {@value #MAX_PAGE_BYTES} bytes of JSON; at
 * most {@value #MAX_SCANS} pages are read at once on a node (FAIL_FORBIDDEN (22) beyond), on a pool of their own,
 * never on an I/O thread.
 */
final class ScanHandler implements AutoCloseable {
    static final int MAX_PAGE = 10_000;
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
    static final int MAX_SCANS = 8;
    private static final String KAFKA_PARTITION = "kafkaPartition";

    private final Namespaces namespaces;
    private final Forwarder forwarder;
    private final Semaphore running = new Semaphore(MAX_SCANS);
    private final ExecutorService pool;

    ScanHandler(Namespaces namespaces, Forwarder forwarder) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "aerolog-http-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One page of a scan, gathered as it goes: the records' JSON, their bytes, the last digest. */
    private static final class Page {
        final List<byte[]> records = new ArrayList<>();
        long bytes;
        byte[] last;
        int limit;

        boolean full() {
            return records.size() >= limit || bytes >= MAX_PAGE_BYTES;
        }

        void add(byte[] json, byte[] digest) {
            records.add(json);
            bytes += json.length + 1;
            last = digest;
        }

        Reply reply(boolean finished) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bytes + 128, MAX_PAGE_BYTES * 2L));
            out.writeBytes("{\"records\":[".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(records.get(i));
            }
            String token = finished || last == null ? "null" : "\"" + Base64.getEncoder().encodeToString(last) + "\"";
            out.writeBytes(("],\"pagination\":{\"nextToken\":" + token + ",\"totalRecords\":" + records.size() + "}}")
                    .getBytes(StandardCharsets.US_ASCII));
            return new Reply(200, Map.of(), out.toByteArray(), "application/json");
        }
    }

    CompletableFuture<Reply> scan(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String set = q.param("set") == null ? "" : q.param("set");
        int n = ns.config().partitions();
        long max = q.param("maxRecords") == null ? 0 : parseLong(q.param("maxRecords"), "maxRecords");
        if (max < 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "maxRecords is 0 (a page of at most " + MAX_PAGE
                    + ") or more, not " + max);
        }
        byte[] from = null;
        if (q.param("from") != null) {
            from = JsonValues.decodeBase64(q.param("from"), "from");
            if (from.length != Digest.SIZE) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'from' is the nextToken of a page (the base64"
                        + " of a 20-byte digest)");
            }
        }
        Integer only = null;
        if (q.param(KAFKA_PARTITION) != null) {
            only = (int) parseLong(q.param(KAFKA_PARTITION), KAFKA_PARTITION);
            if (!q.forwarded() || only < 0 || only >= n) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + KAFKA_PARTITION + "' is for nodes only");
            }
        }
        if (!running.tryAcquire()) {
            throw new AerologException(ResultCode.FAIL_FORBIDDEN, "the node reads " + MAX_SCANS
                    + " scan pages already; retry when one ends");
        }
        Page page = new Page();
        page.limit = (int) (max == 0 ? MAX_PAGE : Math.min(max, MAX_PAGE));
        Request request = new Request(ns, set, q.recordBins(), q.filter(), q, page, from, only);
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(() -> request.first(), pool)
                .thenCompose(request::from);
        return reply.whenComplete((r, e) -> running.release());
    }

    /** A page being gathered: where it is, and what each Kafka partition's part asks. */
    private final class Request {
        private final NamespaceService ns;
        private final String set;
        private final List<String> bins;
        private final Value filter;
        private final HttpRequest q;
        private final Page page;
        private final byte[] from;
        private final Integer only;
        private final int n;
        private final long now = System.currentTimeMillis();

        Request(NamespaceService ns, String set, List<String> bins, Value filter, HttpRequest q, Page page, byte[] from,
                Integer only) {
            this.ns = ns;
            this.set = set;
            this.bins = bins;
            this.filter = filter;
            this.q = q;
            this.page = page;
            this.from = from;
            this.only = only;
            this.n = ns.config().partitions();
        }

        /** The Kafka partition the page starts in. */
        int first() {
            if (from != null) {
                int k = Digest.of(from).partitionId() % n;
                if (only != null && only != k) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "'from' is not in partition " + only);
                }
                return k;
            }
            return only != null ? only : 0;
        }

        /** Reads Kafka partition {@code k} (resumed after {@code from} when it holds it) and those after it. */
        CompletableFuture<Reply> from(int k) {
            if (k >= n || only != null && k != only) {
                return CompletableFuture.completedFuture(page.reply(true));
            }
            byte[] after = from != null && Digest.of(from).partitionId() % n == k ? from : null;
            Route route = ns.router().write(k);
            CompletableFuture<Boolean> finished;
            if (route instanceof Route.Active active && active.caughtUp()) {
                finished = CompletableFuture.supplyAsync(() -> local(active, k, after), pool);
            } else if (route instanceof Route.Remote remote && only == null) {
                finished = remote(remote.node(), k, after);
            } else {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition "
                        + k + " is not served now (it moves or catches up); retry this page shortly"));
            }
            return finished.thenComposeAsync(done -> {
                if (!done || page.full()) {
                    return CompletableFuture.completedFuture(page.reply(false));
                }
                return from(k + 1);
            }, pool);
        }

        /** Reads Kafka partition {@code k} here; true when it reached its end. */
        private boolean local(Route.Active active, int k, byte[] after) {
            int start = after == null ? k : Digest.of(after).partitionId();
            for (int p = start; p < Digest.PARTITIONS; p += n) {
                PartitionPart part = p == start && after != null ? PartitionPart.after(after, 0) : PartitionPart.whole(p);
                try (RecordScan scan = new RecordScan(active.store(), List.of(part), k, n, set, now, TruncateTimes.NONE)) {
                    Candidate c;
                    while ((c = scan.next()) != null) {
                        if (filter != null && !Expressions.matches(filter, c.record(), c.digest(), now)) {
                            continue;
                        }
                        page.add(json(c.record()), c.digest());
                        if (page.full()) {
                            return false;
                        }
                    }
                } catch (InvalidStateStoreException e) {
                    throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + k + " moved while it was"
                            + " read; retry this page");
                }
            }
            return true;
        }

        /** Asks the owner of Kafka partition {@code k} for its part of the page; true when it reached its end. */
        private CompletableFuture<Boolean> remote(String node, int k, byte[] after) {
            StringBuilder query = new StringBuilder(KAFKA_PARTITION + "=" + k + "&maxRecords="
                    + (page.limit - page.records.size()));
            if (after != null) {
                query.append("&from=").append(URLEncoder.encode(Base64.getEncoder().encodeToString(after),
                        StandardCharsets.UTF_8));
            }
            for (String name : List.of("recordBins", "filterexp", "filterExp")) {
                List<String> values = q.query().get(name);
                if (values != null) {
                    for (String v : values) {
                        query.append('&').append(name).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                    }
                }
            }
            String path = RestApi.SCAN + "/" + ns.config().name() + (set.isEmpty() ? "" : "/" + set);
            return forwarder.send(node, "GET", path, query.toString(), new byte[0], false).thenApply(reply -> {
                JsonNode body;
                try {
                    body = Reply.JSON.readTree(reply.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (reply.status() != 200) {
                    int code = body.path("resultCode").asInt(ResultCode.PARTITION_UNAVAILABLE.code());
                    throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "the owner " + node + " of partition "
                            + k + " answered " + code + ": " + body.path("message").asText() + "; retry this page");
                }
                for (JsonNode record : body.path("records")) {
                    try {
                        page.add(Reply.JSON.writeValueAsBytes(record), null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                JsonNode token = body.path("pagination").path("nextToken");
                if (token.isTextual()) {
                    page.last = Base64.getDecoder().decode(token.asText());
                    return false;
                }
                if (!body.path("records").isEmpty()) {
                    page.last = lastOf(k);
                }
                return true;
            });
        }

        /** The token after the whole of Kafka partition {@code k}: its last possible digest. */
        private byte[] lastOf(int k) {
            int p = k + (Digest.PARTITIONS - 1 - k) / n * n;
            byte[] d = new byte[Digest.SIZE];
            java.util.Arrays.fill(d, (byte) 0xFF);
            d[0] = (byte) p;
            d[1] = (byte) (0xF0 | p >>> 8);
            return d;
        }

        private byte[] json(Record record) {
            ObjectNode o = Reply.JSON.createObjectNode();
            if (record.userKey() != null) {
                o.set("userKey", JsonValues.toJson(record.userKey()));
            } else {
                o.putNull("userKey");
            }
            ObjectNode r = RecordJson.toJson(select(record), record.generation(), record.ttlSecondsAt(now));
            o.set("generation", r.get("generation"));
            o.set("ttl", r.get("ttl"));
            o.set("bins", r.get("bins"));
            try {
                return Reply.JSON.writeValueAsBytes(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Map<String, Value> select(Record record) {
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

    private static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "'" + name + "' is an integer, not '" + text + "'");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
