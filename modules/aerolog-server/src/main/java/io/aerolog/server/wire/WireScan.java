package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.codec.BinSelection;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one scan or query of Aerospike's protocol: the requested partitions, Kafka partition by Kafka
 * partition, streamed as many reply frames of at most {@value #CHUNK} bytes, then the last message.
 *
 * <p>Lanes. Up to {@code lanes} Kafka partitions are read at once, each lane taking the next one when it has
 * served one, so one query uses more than one core (a query of 1,000 records spends most of its time reading
 * each record from its store). A lane writes whole frames, and an Aerospike partition is served by one lane
 * from start to end, so each partition's records still arrive in the order a client resumes in. A scan with a
 * records-per-second throttle runs in one lane.
 *
 * <p>Threading and back-pressure. A lane runs in steps on the scan pool, never on an event loop or a stream
 * thread: a step reads records and writes frames until the channel is not writable (the step ends and the next
 * one is submitted when the client has read enough), the throttle says wait (the next step is scheduled then),
 * or it has run {@value #STEP_NANOS} ns (it yields the pool thread). A partition not mastered here, still
 * catching up with its log, or that moves away in the middle, is answered "done" with PARTITION_UNAVAILABLE: the
 * client retries it elsewhere, from the last digest it received. With {@code maxRecords}, it stops after that
 * many records in all lanes, as the server does; the client then resumes from its digests.
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
    private final int lanes;
    private final Supplier<CompletableFuture<Void>> writable;
    private final CompletableFuture<ResultCode> done = new CompletableFuture<>();
    private final List<Group> groups = new ArrayList<>();
    /** The bins each record's message carries. */
    private final BinSelection replyBins;
    private final long nowMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    /** The next group a lane takes. */
    private final AtomicInteger nextGroup = new AtomicInteger();
    /** Records written by all lanes. */
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger lanesRunning = new AtomicInteger();
    /** The first failure's code, or OK. */
    private volatile ResultCode outcome = ResultCode.OK;
    /** Set once every lane should stop: maxRecords reached or a lane failed. */
    private volatile boolean stopped;

    WireScan(NamespaceService ns, ScanSpec spec, SourceFactory sources, ChannelHandlerContext ctx, Executor pool,
             int lanes, Supplier<CompletableFuture<Void>> writable) {
        this.ns = ns;
        this.spec = spec;
        this.sources = sources;
        this.ctx = ctx;
        this.pool = pool;
        this.writable = writable;
        this.replyBins = BinSelection.of(spec.bins());
        spec.byKafkaPartition(ns.config().partitions()).forEach((k, parts) -> groups.add(new Group(k, parts)));
        this.lanes = spec.recordsPerSecond() > 0 ? 1 : Math.max(1, Math.min(lanes, groups.size()));
    }

    /** Starts serving; completes with the last message's code (never exceptionally) once everything else is written. */
    CompletableFuture<ResultCode> start() {
        lanesRunning.set(lanes);
        for (int i = 0; i < lanes; i++) {
            Lane lane = new Lane();
            pool.execute(lane::step);
        }
        return done;
    }

    /** One reader of groups in turn, with its own source and reply buffer. */
    private final class Lane {
        private final ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter(spec.namespace(), replyBins,
                spec.noBins());
        private Group group;
        private PartitionSource source;

        void step() {
            ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, CHUNK + 4096);
            long stepEnd = System.nanoTime() + STEP_NANOS;
            try {
                while (true) {
                    if (!ctx.channel().isActive() || stopped) {
                        flush(out);
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
                        unavailable(out, group);
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
                    int before = out.writerIndex();
                    if (!writer.write(out, c.digest(), c.stored(), spec.index() == null ? null : c.indexValue())) {
                        continue;
                    }
                    long n = sent.incrementAndGet();
                    if (spec.maxRecords() > 0 && n >= spec.maxRecords()) {
                        if (n > spec.maxRecords()) {
                            out.writerIndex(before); // another lane sent the last one: the client resumes here
                        }
                        stopped = true;
                        flush(out);
                        finish(ResultCode.OK);
                        return;
                    }
                    long wait = throttle(n);
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
                finish(e.resultCode());
            } catch (RuntimeException e) {
                LOG.warn("a scan of namespace {} failed", spec.namespace(), e);
                out.release();
                finish(ResultCode.SERVER_ERROR);
            }
        }

        /** Opens the next group's source, or answers its partitions unavailable; false when none is left. */
        private boolean openNext(ByteBuf out) {
            int next = nextGroup.getAndIncrement();
            if (next >= groups.size()) {
                return false;
            }
            group = groups.get(next);
            Route route = ns.router().write(group.kafkaPartition());
            if (!(route instanceof Route.Active active) || !active.caughtUp()) {
                unavailable(out, group);
                return true;
            }
            try {
                source = sources.open(active, group.parts(), nowMillis);
            } catch (InvalidStateStoreException e) {
                unavailable(out, group);
            }
            return true;
        }

        private void unavailable(ByteBuf out, Group g) {
            close();
            for (PartitionPart part : g.parts()) {
                ScanReplies.partitionDone(out, part.id(), ResultCode.PARTITION_UNAVAILABLE.code());
            }
        }

        private void close() {
            PartitionSource.closeQuietly(source);
            source = null;
        }

        /** Ends this lane; the scan is done when its last lane ends, with the first failure's code if any. */
        private void finish(ResultCode code) {
            close();
            if (code != ResultCode.OK) {
                synchronized (WireScan.this) {
                    if (outcome == ResultCode.OK) {
                        outcome = code;
                    }
                }
                stopped = true;
            }
            if (lanesRunning.decrementAndGet() == 0) {
                done.complete(outcome);
            }
        }
    }

    /** Nanoseconds to wait before the next record under the records-per-second throttle (0: go on). */
    private long throttle(long sentSoFar) {
        if (spec.recordsPerSecond() <= 0) {
            return 0;
        }
        long due = startNanos + sentSoFar * 1_000_000_000L / spec.recordsPerSecond();
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
}
