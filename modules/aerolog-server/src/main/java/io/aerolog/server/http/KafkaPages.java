package io.aerolog.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.protocol.JsonValues;
import io.aerolog.protocol.RecordJson;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pages of the REST gateway's scans and queries ({@code /v1/scan}, {@code /v1/query}): a page is
 * {@code {"records": [{userKey, generation, ttl, bins}], "pagination": {nextToken, totalRecords}}}, read Kafka
 * partition by Kafka partition, so a page needs each Kafka partition's owner once: read here when this node
 * masters it, else asked of its owner (the same request for that Kafka partition alone, {@code kafkaPartition=}).
 * {@code nextToken} is the base64 of where the page stopped (its last digest, and for a query its last index
 * value), null at the end; the next page resumes strictly after it. What a part reads is its {@link Reader}'s.
 *
 * <p>A page that meets a partition not served now (it moves) answers PARTITION_UNAVAILABLE; the same request
 * again resumes where it stopped. Bounds: a page holds at most {@value #MAX_PAGE} records (also when
 * {@code maxRecords} is absent or 0) and stops once past {@value #MAX_PAGE_BYTES} bytes of JSON; at most
 * {@value #MAX_PAGES} pages are read at once on a node (FAIL_FORBIDDEN (22) beyond), on a pool of their own,
 * never on an I/O thread.
 */
final class KafkaPages implements AutoCloseable {
    static final int MAX_PAGE = 10_000;
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
    static final int MAX_PAGES = 8;
    static final String KAFKA_PARTITION = "kafkaPartition";

    private final Semaphore running = new Semaphore(MAX_PAGES);
    private final ExecutorService pool;

    KafkaPages() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "aerolog-http-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What one kind of paged read does in one Kafka partition. */
    interface Reader {
        /** The size of a resume token: a digest, and for a query the 8-byte index value after it. */
        int tokenSize();

        /** Reads Kafka partition {@code k} here, strictly after {@code after} (null: from its start); true at its end. */
        boolean local(Route.Active active, int k, byte[] after, Page page);

        /** Asks {@code node} for Kafka partition {@code k}'s part: at most {@code max} records after {@code after}. */
        CompletableFuture<Reply> remote(String node, int k, int max, byte[] after);
    }

    /** One page, gathered as it goes: the records' JSON, their bytes, the token of the last one. */
    static final class Page {
        final List<byte[]> records = new ArrayList<>();
        final long now = System.currentTimeMillis();
        final List<String> bins;
        long bytes;
        byte[] last;
        int limit;

        Page(List<String> bins) {
            this.bins = bins;
        }

        boolean full() {
            return records.size() >= limit || bytes >= MAX_PAGE_BYTES;
        }

        void add(byte[] json, byte[] token) {
            records.add(json);
            bytes += json.length + 1;
            last = token;
        }

        /** Adds {@code record} as the gateway writes one (its selected bins), resumed after {@code token}. */
        void add(Record record, byte[] token) {
            add(json(record), token);
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

    /**
     * A page of {@code reader} over namespace {@code ns}: {@code maxRecords}, the Kafka partition a forwarded
     * request is for, and the token it resumes after ({@code from}, or null) are checked here.
     */
    CompletableFuture<Reply> page(NamespaceService ns, HttpRequest q, String from, Reader reader) {
        int n = ns.config().partitions();
        long max = q.param("maxRecords") == null ? 0 : parseLong(q.param("maxRecords"), "maxRecords");
        if (max < 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "maxRecords is 0 (a page of at most " + MAX_PAGE
                    + ") or more, not " + max);
        }
        byte[] after = null;
        if (from != null) {
            after = JsonValues.decodeBase64(from, "from");
            if (after.length != reader.tokenSize()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "'from' is the nextToken of a page (the base64"
                        + " of " + reader.tokenSize() + " bytes)");
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
            throw new AerologException(ResultCode.FAIL_FORBIDDEN, "the node reads " + MAX_PAGES
                    + " scan and query pages already; retry when one ends");
        }
        Page page = new Page(q.recordBins());
        page.limit = (int) (max == 0 ? MAX_PAGE : Math.min(max, MAX_PAGE));
        Walk walk = new Walk(ns, reader, page, after, only);
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(walk::first, pool).thenCompose(walk::from);
        return reply.whenComplete((r, e) -> running.release());
    }

    /** A page being gathered: the Kafka partition it is in, and where it resumes. */
    private final class Walk {
        private final NamespaceService ns;
        private final Reader reader;
        private final Page page;
        private final byte[] from;
        private final Integer only;
        private final int n;

        Walk(NamespaceService ns, Reader reader, Page page, byte[] from, Integer only) {
            this.ns = ns;
            this.reader = reader;
            this.page = page;
            this.from = from;
            this.only = only;
            this.n = ns.config().partitions();
        }

        /** The Kafka partition the page starts in. */
        int first() {
            if (from != null) {
                int k = Digest.of(Arrays.copyOf(from, Digest.SIZE)).partitionId() % n;
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
            byte[] after = from != null && Digest.of(Arrays.copyOf(from, Digest.SIZE)).partitionId() % n == k
                    ? from : null;
            Route route = ns.router().write(k);
            CompletableFuture<Boolean> finished;
            if (route instanceof Route.Active active && active.caughtUp()) {
                finished = CompletableFuture.supplyAsync(() -> reader.local(active, k, after, page), pool);
            } else if (route instanceof Route.Remote remote && only == null) {
                finished = reader.remote(remote.node(), k, page.limit - page.records.size(), after)
                        .thenApply(reply -> remoteDone(reply, remote.node(), k));
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

        /** Adds the owner's part of the page; true when it reached the end of Kafka partition {@code k}. */
        private boolean remoteDone(Reply reply, String node, int k) {
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
        }

        /** The token after the whole of Kafka partition {@code k}: its last possible digest (and index value). */
        private byte[] lastOf(int k) {
            int p = k + (Digest.PARTITIONS - 1 - k) / n * n;
            byte[] d = new byte[reader.tokenSize()];
            Arrays.fill(d, (byte) 0xFF);
            d[0] = (byte) p;
            d[1] = (byte) (0xF0 | p >>> 8);
            if (d.length > Digest.SIZE) {
                d[Digest.SIZE] = (byte) 0x7F;
            }
            return d;
        }
    }

    /**
     * The query string of {@code q} forwarded to the owner of Kafka partition {@code k}: that partition alone, at
     * most {@code max} records, with the request's bin selection and filter expression.
     */
    static StringBuilder forwardedQuery(HttpRequest q, int k, int max) {
        StringBuilder query = new StringBuilder(KAFKA_PARTITION + "=" + k + "&maxRecords=" + max);
        for (String name : List.of("recordBins", "filterexp", "filterExp")) {
            List<String> values = q.query().get(name);
            if (values != null) {
                for (String v : values) {
                    query.append('&').append(name).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    static long parseLong(String text, String name) {
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
