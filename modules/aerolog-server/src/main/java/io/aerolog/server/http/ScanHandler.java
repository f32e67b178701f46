package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.exp.Expressions;
import io.aerolog.protocol.RestApi;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.LiveRecords;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.RecordScan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The REST gateway's scan, {@code GET /v1/scan/{ns}[/{set}]?maxRecords=&from=&recordBins=&filterexp=}: pages of
 * records as {@link KafkaPages} gathers them, {@code nextToken} (the base64 of the page's last digest, as the
 * gateway's) resuming strictly after it, null at the end. Within a Kafka partition its Aerospike partitions are
 * read by id, within one by digest, each one consistent view of its store.
 */
final class ScanHandler {
    private final Namespaces namespaces;
    private final Forwarder forwarder;
    private final KafkaPages pages;

    ScanHandler(Namespaces namespaces, Forwarder forwarder, KafkaPages pages) {
        this.namespaces = namespaces;
        this.forwarder = forwarder;
        this.pages = pages;
    }

    CompletableFuture<Reply> scan(HttpRequest q, Executor io) {
        NamespaceService ns = namespaces.get(q.param("ns"));
        String set = q.param("set") == null ? "" : q.param("set");
        return pages.page(ns, q, q.param("from"), new Scan(ns, set, q.filter(), q));
    }

    /** A scan's part of a page in one Kafka partition: its records in digest order, through the filter. */
    private final class Scan implements KafkaPages.Reader {
        private final NamespaceService ns;
        private final String set;
        private final Value filter;
        private final HttpRequest q;
        private final int n;

        Scan(NamespaceService ns, String set, Value filter, HttpRequest q) {
            this.ns = ns;
            this.set = set;
            this.filter = filter;
            this.q = q;
            this.n = ns.config().partitions();
        }

        @Override
        public int tokenSize() {
            return Digest.SIZE;
        }

        @Override
        public boolean local(Route.Active active, int k, byte[] after, KafkaPages.Page page) {
            int start = after == null ? k : Digest.of(after).partitionId();
            for (int p = start; p < Digest.PARTITIONS; p += n) {
                PartitionPart part = p == start && after != null ? PartitionPart.after(after, 0) : PartitionPart.whole(p);
                try (RecordScan scan = new RecordScan(active.store(), List.of(part), k, n,
                        new LiveRecords(set, page.now, active.truncation(), BinSelection.ALL))) {
                    Candidate c;
                    while ((c = scan.next()) != null) {
                        if (filter != null && !Expressions.matches(filter, c.record(), c.digest(), page.now)) {
                            continue;
                        }
                        page.add(c.record(), c.digest());
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

        @Override
        public CompletableFuture<Reply> remote(String node, int k, int max, byte[] after) {
            StringBuilder query = KafkaPages.forwardedQuery(q, k, max);
            if (after != null) {
                query.append("&from=").append(URLEncoder.encode(Base64.getEncoder().encodeToString(after),
                        StandardCharsets.UTF_8));
            }
            String path = RestApi.SCAN + "/" + ns.config().name() + (set.isEmpty() ? "" : "/" + set);
            return forwarder.send(node, "GET", path, query.toString(), new byte[0], false);
        }
    }
}
