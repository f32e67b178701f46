package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.exp.Expressions;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one scan or query of Aerospike's protocol: the requested partitions, Kafka partition by Kafka
 * partition, streamed as many reply frames of at most {@value #CHUNK} bytes, then the last message.
 *
 * <p>Threading and back-pressure. It runs in steps on the scan pool, never on an event loop or a stream thread:
 * a step reads records and writes frames until the channel is not writable (the step ends and the next one is
 * submitted when the client has read enough), the throttle says wait (the next step is scheduled then), or it
 * has run {@value #STEP_NANOS} ns (it yields the pool thread). A partition not mastered here, still catching up
 * with its log, or that moves away in the middle, is answered "done" with PARTITION_UNAVAILABLE: the client
 * retries it elsewhere, from the last digest it received. With {@code maxRecords}, it stops after that many
 * records, as the server does; the client then resumes from its digests.
 */
final class WireScan {
    private static final Logger LOG = LoggerFactory.getLogger(WireScan.class);
    /** Bytes of reply gathered before they are written (the server's QUERY_CHUNK_LIMIT is of this order). */
    static final int CHUNK = 128 * 1024;
    /** The longest a step holds a pool thread. */
    static final long STEP_NANOS = 20_000_000L;
    /** How long a scan waits for a client that does not read before it closes the connection. */
    private static final long WRITABLE_TIMEOUT_MS = 30_000;

    /** The requested partitions of one Kafka partition. */
    private record Group(int kafkaPartition, List<PartitionPart> parts) {
    }

    private final NamespaceService ns;
    private final ScanSpec spec;
    private final SourceFactory sources;
    private final ChannelHandlerContext ctx;
    private final Executor pool;
    private final Supplier<CompletableFuture<Void>> writable;
    private final CompletableFuture<ResultCode> done = new CompletableFuture<>();
    private final List<Group> groups = new ArrayList<>();
    private final long nowMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private int group;
    private PartitionSource source;
    private long sent;

    WireScan(NamespaceService ns, ScanSpec spec, SourceFactory sources, ChannelHandlerContext ctx, Executor pool,
             Supplier<CompletableFuture<Void>> writable) {
        this.ns = ns;
        this.spec = spec;
        this.sources = sources;
        this.ctx = ctx;
        this.pool = pool;
        this.writable = writable;
        spec.byKafkaPartition(ns.config().partitions()).forEach((k, parts) -> groups.add(new Group(k, parts)));
    }

    /** Starts serving; completes with the last message's code (never exceptionally) once everything else is written. */
    CompletableFuture<ResultCode> start() {
        pool.execute(this::step);
        return done;
    }

    private void step() {
        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, CHUNK + 4096);
        long stepEnd = System.nanoTime() + STEP_NANOS;
        try {
            while (true) {
                if (!ctx.channel().isActive()) {
                    out.release();
                    finish(ResultCode.OK);
                    return;
                }
                if (source == null && !openNext(out)) {
                    flush(out);
                    finish(ResultCode.OK);
                    return;
                }
                if (source == null) {
                    continue;
                }
                Candidate c;
                try {
                    c = source.next();
                } catch (InvalidStateStoreException e) {
                    unavailable(out, groups.get(group - 1));
                    continue;
                }
                if (c == null) {
                    source.close();
                    source = null;
                    continue;
                }
                if (spec.filter() != null && !Expressions.matches(spec.filter(), c.record(), c.digest(), nowMillis)) {
                    continue;
                }
                if (!ScanReplies.record(out, spec.namespace(), c.digest(), c.record(), spec.bins(), spec.noBins(),
                        spec.index() == null ? null : c.indexValue())) {
                    continue;
                }
                sent++;
                if (spec.maxRecords() > 0 && sent >= spec.maxRecords()) {
                    source.close();
                    source = null;
                    flush(out);
                    finish(ResultCode.OK);
                    return;
                }
                long wait = throttle();
                if (out.writerIndex() >= CHUNK || wait > 0 || System.nanoTime() > stepEnd) {
                    flush(out);
                    if (!ctx.channel().isWritable()) {
                        writable.get().orTimeout(WRITABLE_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                            if (e != null) {
                                ctx.close();
                            }
                            pool.execute(this::step);
                        });
                    } else if (wait > 0) {
                        ctx.executor().schedule(() -> pool.execute(this::step), wait, TimeUnit.NANOSECONDS);
                    } else {
                        pool.execute(this::step);
                    }
                    return;
                }
            }
        } catch (AerologException e) {
            out.release();
            close();
            finish(e.resultCode());
        } catch (RuntimeException e) {
            LOG.warn("a scan of namespace {} failed", spec.namespace(), e);
            out.release();
            close();
            finish(ResultCode.SERVER_ERROR);
        }
    }

    /** Opens the next Kafka partition's source, or answers its partitions unavailable; false when none is left. */
    private boolean openNext(ByteBuf out) {
        if (group == groups.size()) {
            return false;
        }
        Group g = groups.get(group++);
        Route route = ns.router().write(g.kafkaPartition());
        if (!(route instanceof Route.Active active) || !active.caughtUp()) {
            unavailable(out, g);
            return true;
        }
        try {
            source = sources.open(active, g.parts(), nowMillis);
        } catch (InvalidStateStoreException e) {
            unavailable(out, g);
        }
        return true;
    }

    private void unavailable(ByteBuf out, Group g) {
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException ignored) {
                // the store is gone already
            }
            source = null;
        }
        for (PartitionPart part : g.parts()) {
            ScanReplies.partitionDone(out, part.id(), ResultCode.PARTITION_UNAVAILABLE.code());
        }
    }

    /** Nanoseconds to wait before the next record under the records-per-second throttle (0: go on). */
    private long throttle() {
        if (spec.recordsPerSecond() <= 0) {
            return 0;
        }
        long due = startNanos + sent * 1_000_000_000L / spec.recordsPerSecond();
        return Math.max(0, due - System.nanoTime());
    }

    /** Writes what {@code out} gathered (nothing when it holds no message) and starts it afresh. */
    private void flush(ByteBuf out) {
        if (out.writerIndex() > 8) {
            ctx.writeAndFlush(Replies.end(out));
        } else {
            out.release();
        }
    }

    private void close() {
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException ignored) {
                // closing a source of a closed store
            }
            source = null;
        }
    }

    private void finish(ResultCode code) {
        close();
        done.complete(code);
    }
}
