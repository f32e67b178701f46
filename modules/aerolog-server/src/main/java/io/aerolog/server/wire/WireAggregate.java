package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.exp.Expressions;
import io.aerolog.core.udf.StreamUdf;
import io.aerolog.core.udf.UdfModule;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartitionSource;
import io.aerolog.server.scan.ScanSpec;
import io.aerolog.server.scan.SourceFactory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one query aggregation of Aerospike's protocol ({@code client.queryAggregate}): over the matching
 * records of each Kafka partition this node masters, the server's share of the stream UDF's stages runs
 * ({@link StreamUdf.Scope#SERVER}, bounded by {@link StreamUdf.Limits#DEFAULT} per partition) and every value
 * it emits goes back as a message with one bin {@code SUCCESS}, as {@code aggr_query_job_slice} sends them per
 * partition; the client's reduce combines the values of every partition of every node. A Lua error answers a
 * bin {@code FAILURE} with the server's words ({@code UDF: Execution Error 2 : <error>}), which the client
 * throws, and ends the query (the server then sends its last message with code 1; here both go in one frame).
 *
 * <p>One partition per step on the scan pool, never on an event loop or a stream thread; a client that does
 * not read is waited for as a scan waits. A partition that is still applying its log or moves away in the
 * middle ends the query with PARTITION_UNAVAILABLE: an aggregation names no partitions, so the client could
 * not tell a partial answer from a whole one.
 */
final class WireAggregate {
    private static final Logger LOG = LoggerFactory.getLogger(WireAggregate.class);
    private static final long WRITABLE_TIMEOUT_MS = 30_000;

    private final NamespaceService ns;
    private final ScanSpec spec;
    private final SourceFactory sources;
    private final Optional<UdfModule> module;
    private final String function;
    private final List<Value> args;
    private final ChannelHandlerContext ctx;
    private final Executor pool;
    private final Supplier<CompletableFuture<Void>> writable;
    private final CompletableFuture<ResultCode> done = new CompletableFuture<>();
    private final List<Integer> kafkaPartitions = new ArrayList<>();
    private final List<List<PartitionPart>> groups = new ArrayList<>();
    private final long nowMillis = System.currentTimeMillis();
    private int group;

    WireAggregate(NamespaceService ns, ScanSpec spec, SourceFactory sources, Optional<UdfModule> module,
                  Request.Udf udf, ChannelHandlerContext ctx, Executor pool, Supplier<CompletableFuture<Void>> writable) {
        this.ns = ns;
        this.spec = spec;
        this.sources = sources;
        this.module = module;
        this.function = udf.function();
        this.args = arguments(udf.args());
        this.ctx = ctx;
        this.pool = pool;
        this.writable = writable;
        spec.byKafkaPartition(ns.config().partitions()).forEach((k, parts) -> {
            kafkaPartitions.add(k);
            groups.add(parts);
        });
    }

    /** The arguments as the client packed them (a msgpack list), as the server reads them. */
    private static List<Value> arguments(byte[] packed) {
        if (packed == null || packed.length == 0) {
            return List.of();
        }
        Value v = MsgPack.unpack(packed, 0, packed.length);
        return v instanceof Value.ListValue l ? l.items() : List.of();
    }

    /**
     * Starts serving; completes with the last message's code (never exceptionally) once everything else is
     * written, or with null when it wrote its last message itself (after a failure).
     */
    CompletableFuture<ResultCode> start() {
        pool.execute(this::step);
        return done;
    }

    private void step() {
        try {
            if (!ctx.channel().isActive() || group == groups.size()) {
                done.complete(ResultCode.OK);
                return;
            }
            int k = kafkaPartitions.get(group);
            List<PartitionPart> parts = groups.get(group++);
            Route route = ns.router().write(k);
            if (!(route instanceof Route.Active active)) {
                pool.execute(this::step); // another node masters it and aggregates it there
                return;
            }
            if (!active.caughtUp()) {
                throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + k
                        + " is still applying its log; retry shortly");
            }
            StreamUdf.Result result = run(active, parts);
            ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, 4096);
            if (!result.isOk()) {
                String failure = result.failure().startsWith("UDF: Execution Error") ? result.failure()
                        : "UDF: Execution Error 2 : " + result.failure();
                // the failure and the last message in one frame: the client throws at the first and reads the
                // whole frame, so nothing of this query is left on the connection it pools again
                Replies.message(out, 0, 0, 0, 0, 0, Map.of("FAILURE", Value.of(failure)));
                Replies.message(out, Request.INFO3_LAST, ResultCode.SERVER_ERROR.code(), 0, 0, 0,
                        (Map<String, Value>) null);
                ctx.writeAndFlush(Replies.end(out));
                done.complete(null);
                return;
            }
            for (Value v : result.values()) {
                Replies.message(out, 0, 0, 0, 0, 0, Map.of("SUCCESS", v));
            }
            if (out.writerIndex() > 8) {
                ctx.writeAndFlush(Replies.end(out));
            } else {
                out.release();
            }
            if (!ctx.channel().isWritable()) {
                writable.get().orTimeout(WRITABLE_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                    if (e != null) {
                        ctx.close();
                    }
                    pool.execute(this::step);
                });
            } else {
                pool.execute(this::step);
            }
        } catch (AerologException e) {
            done.complete(e.resultCode());
        } catch (RuntimeException e) {
            LOG.warn("an aggregation of namespace {} failed", spec.namespace(), e);
            done.complete(ResultCode.SERVER_ERROR);
        }
    }

    /** The server's share of the stream over the matching records of {@code parts} of one partition. */
    private StreamUdf.Result run(Route.Active active, List<PartitionPart> parts) {
        if (module.isEmpty()) {
            return new StreamUdf.Result(List.of(), "UDF: Execution Error 1");
        }
        Records records;
        try {
            records = new Records(sources.open(active, parts, nowMillis));
        } catch (InvalidStateStoreException e) {
            throw moved(active.partition());
        }
        try (records) {
            StreamUdf.Result result = StreamUdf.overRecords(module.get(), function, args, records, ns.config(),
                    nowMillis, StreamUdf.Limits.DEFAULT);
            if (records.moved) {
                throw moved(active.partition());
            }
            return result;
        }
    }

    private static AerologException moved(int partition) {
        return new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                + " moved during the aggregation; retry");
    }

    /** The matching records of one partition as the stream's input; a store that closes ends it (and marks it moved). */
    private final class Records implements Iterator<StreamUdf.Input>, AutoCloseable {
        private final PartitionSource source;
        private StreamUdf.Input next;
        private boolean moved;
        private boolean ended;

        Records(PartitionSource source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                Candidate c;
                try {
                    c = source.next();
                } catch (InvalidStateStoreException e) {
                    moved = true;
                    c = null;
                }
                if (c == null) {
                    ended = true;
                } else if (spec.filter() == null || Expressions.matches(spec.filter(), c.record(), c.digest(), nowMillis)) {
                    next = new StreamUdf.Input(Key.ofDigest(spec.namespace(), c.record().set(), Digest.of(c.digest())),
                            c.record());
                }
            }
            return next != null;
        }

        @Override
        public StreamUdf.Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StreamUdf.Input out = next;
            next = null;
            return out;
        }

        @Override
        public void close() {
            PartitionSource.closeQuietly(source);
        }
    }
}
