package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.Replica;
import io.aerolog.server.namespace.AppliedWrite;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection of Aerospike's protocol, answering its requests in the order they came.
 *
 * <p>Threading contract. Everything here runs on the connection's event loop and never blocks it: a read
 * of a partition that has caught up with its log is served at once (a store get and a decode); a write is
 * appended by the namespace's {@code CommandLog} (which never blocks) and answered when its task has
 * applied it; a read of a partition still catching up, and a batch (served on the listener's batch pool),
 * are answered when they complete. Those answers are encoded and written back on this event loop. While
 * one request is being answered the next ones wait here; past {@code maxWaitingRequests}, or while the
 * client does not read its answers, the connection stops reading.
 */
final class WireHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WireHandler.class);

    private final WireServices services;
    private final ArrayDeque<FrameDecoder.Frame> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ReadGate gate;
    /** The request being answered asynchronously, or null. */
    private FrameDecoder.Frame busy;

    WireHandler(WireServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.gate = ReadGate.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        waiting.add((FrameDecoder.Frame) msg);
        if (waiting.size() >= services.limits().maxWaitingRequests()) {
            gate.close(ReadGate.Reason.QUEUE);
        }
        drain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            gate.open(ReadGate.Reason.UNWRITABLE);
            drain();
        } else {
            gate.close(ReadGate.Reason.UNWRITABLE);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FrameDecoder.Frame f;
        while ((f = waiting.poll()) != null) {
            f.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing Aerospike connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Serves waiting requests in order while none is being answered and the client reads its answers. */
    private void drain() {
        while (busy == null && !waiting.isEmpty() && ctx.channel().isActive() && ctx.channel().isWritable()) {
            FrameDecoder.Frame frame = waiting.poll();
            ByteBuf answer = handle(frame);
            if (answer != null) {
                frame.release();
                ctx.writeAndFlush(answer);
            }
        }
        if (waiting.size() < services.limits().maxWaitingRequests()) {
            gate.open(ReadGate.Reason.QUEUE);
        }
    }

    /**
     * Answers {@code frame} at once (returns the answer), or starts answering it later (returns null after
     * {@link #later}). Never throws: a refusal is an answer.
     */
    private ByteBuf handle(FrameDecoder.Frame frame) {
        switch (frame.type()) {
            case Replies.TYPE_INFO:
                return info(frame.body());
            case Replies.TYPE_SECURITY:
                services.metrics().count(WireMetrics.Kind.UNSUPPORTED, ResultCode.SECURITY_NOT_SUPPORTED);
                return Replies.security(ctx.alloc(), ResultCode.SECURITY_NOT_SUPPORTED.code());
            case Replies.TYPE_MESSAGE:
                return message(frame, frame.body(), 0, frame.body().length);
            case Replies.TYPE_COMPRESSED:
                return compressed(frame);
            default:
                services.metrics().count(WireMetrics.Kind.MALFORMED, ResultCode.PARAMETER_ERROR);
                LOG.debug("{}: proto type {} is not one of Aerospike's", ctx.channel().remoteAddress(), frame.type());
                return Replies.error(ctx.alloc(), ResultCode.PARAMETER_ERROR.code());
        }
    }

    private ByteBuf info(byte[] body) {
        byte[] answer = services.info().answer(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        services.metrics().count(WireMetrics.Kind.INFO, ResultCode.OK);
        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_INFO, answer.length);
        return Replies.end(out.writeBytes(answer));
    }

    /** A compressed message: 8 bytes of uncompressed size, then a deflated proto frame, inflated no larger than a frame may be. */
    private ByteBuf compressed(FrameDecoder.Frame frame) {
        byte[] body = frame.body();
        if (body.length < 8) {
            return refuse(WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame of " + body.length + " bytes"));
        }
        long size = Particles.longAt(body, 0);
        long max = services.limits().maxFrameBytes();
        if (size < 8 || size > max) {
            return refuse(WireMetrics.Kind.MALFORMED, new AerologException(size > max ? ResultCode.RECORD_TOO_BIG
                    : ResultCode.PARAMETER_ERROR, "a compressed frame that claims to inflate to " + size
                    + " bytes (at most " + max + ")"));
        }
        if (!services.budget().tryReserve(size)) {
            return refuse(WireMetrics.Kind.MALFORMED, new AerologException(ResultCode.DEVICE_OVERLOAD,
                    "the node holds too many request bytes to inflate another " + size + " now; retry"));
        }
        try {
            byte[] inflated = new byte[(int) size];
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(body, 8, body.length - 8);
                int n = inflater.inflate(inflated);
                if (n != size || !inflater.finished()) {
                    return refuse(WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame inflated to "
                            + (inflater.finished() ? n : "more than " + n) + " bytes, not the " + size + " it claims"));
                }
            } catch (DataFormatException e) {
                return refuse(WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame that does not inflate: "
                        + e.getMessage()));
            } finally {
                inflater.end();
            }
            if (inflated.length < 8 || inflated[1] != Replies.TYPE_MESSAGE) {
                return refuse(WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame that holds no message"));
            }
            return message(frame, inflated, 8, inflated.length - 8);
        } finally {
            services.budget().release(size);
        }
    }

    private ByteBuf message(FrameDecoder.Frame frame, byte[] buf, int off, int len) {
        WireMetrics.Kind kind = WireMetrics.Kind.MALFORMED;
        try {
            Request request = Request.parse(buf, off, len);
            boolean write = request.isWrite() || (request.info2() & Request.INFO2_DELETE) != 0;
            kind = request.batchField() != null ? WireMetrics.Kind.BATCH
                    : request.digest() == null && request.keyBytes() == null ? WireMetrics.Kind.UNSUPPORTED
                    : write ? WireMetrics.Kind.WRITE : WireMetrics.Kind.READ;
            Commands.checkServed(request);
            return switch (kind) {
                case BATCH -> batch(frame, request);
                case WRITE -> write(frame, request);
                case READ -> read(frame, request);
                default -> throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "scans, queries and user-defined"
                        + " functions are not served over the Aerospike protocol yet");
            };
        } catch (AerologException e) {
            return refuse(kind, e);
        } catch (RuntimeException e) {
            LOG.warn("an Aerospike request from {} failed", ctx.channel().remoteAddress(), e);
            services.metrics().count(kind, ResultCode.SERVER_ERROR);
            return Replies.error(ctx.alloc(), ResultCode.SERVER_ERROR.code());
        }
    }

    // ---- reads

    private ByteBuf read(FrameDecoder.Frame frame, Request request) {
        if ((request.info1() & Request.INFO1_READ) == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a message that neither reads nor writes");
        }
        NamespaceService ns = services.namespace(request.namespace());
        Key key = Commands.key(request);
        List<Operation> ops = Commands.readOperations(request);
        int touchPercent = readTouchPercent(request);
        Route.Active active = master(ns, key);
        if (active.caughtUp()) {
            return readNow(ns, active, key, request, ops, touchPercent);
        }
        // the partition just started here: its reads wait until it has applied its log (a restart's last writes)
        later(frame, WireMetrics.Kind.READ, active.readable()
                .orTimeout(WireServices.timeout(ns, request).toMillis(), TimeUnit.MILLISECONDS)
                .handle((v, e) -> e == null ? null : Failures.unwrap(e)), (error) -> error == null
                ? readNow(ns, active, key, request, ops, touchPercent)
                : refuse(WireMetrics.Kind.READ, new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition "
                        + active.partition() + " is still applying its log; retry shortly")));
        return null;
    }

    /** The active task of the key's partition, here; PARTITION_UNAVAILABLE when it is not here. */
    private static Route.Active master(NamespaceService ns, Key key) {
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        Route route = ns.router().write(partition);
        if (route instanceof Route.Active active) {
            return active;
        }
        throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, route instanceof Route.Unavailable u ? u.reason()
                : "partition " + partition + " of namespace " + ns.config().name() + " is mastered by another node");
    }

    /**
     * Aerospike's read-touch-ttl-percent, which a read carries in the record TTL field: 0 the namespace's
     * default (none in Aerolog), -1 never, 1 to 100 a percentage; anything else is a parameter error.
     */
    private static int readTouchPercent(Request r) {
        int pct = r.recordTtl();
        if (pct == -1 || pct == 0) {
            return 0;
        }
        if (pct < 0 || pct > 100) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "read-touch-ttl-percent " + Integer.toUnsignedString(pct)
                    + " is not 0 (default), -1 (never) or 1 to 100");
        }
        return pct;
    }

    private ByteBuf readNow(NamespaceService ns, Route.Active active, Key key, Request request, List<Operation> ops,
                            int touchPercent) {
        Record record = active.get(key);
        long now = System.currentTimeMillis();
        if (record == null || record.isExpiredAt(now)) {
            services.metrics().count(WireMetrics.Kind.READ, ResultCode.KEY_NOT_FOUND_ERROR);
            return Replies.single(ctx.alloc(), ResultCode.KEY_NOT_FOUND_ERROR.code(), 0, 0, null);
        }
        if (touchPercent > 0) {
            touchIfDue(ns, key, record, touchPercent, now);
        }
        if (request.filter() == null && plainReads(ops)) {
            services.metrics().count(WireMetrics.Kind.READ, ResultCode.OK);
            return Replies.single(ctx.alloc(), ResultCode.OK.code(), record.generation(), record.voidTimeMillis(),
                    selectBins(record, ops));
        }
        Outcome outcome = RecordEngine.read(record, ops, request.filter(), now);
        services.metrics().count(WireMetrics.Kind.READ, outcome.resultCode());
        if (!outcome.isOk()) {
            return Replies.error(ctx.alloc(), wireCode(outcome.resultCode()));
        }
        return Replies.results(ctx.alloc(), ResultCode.OK.code(), record.generation(), record.voidTimeMillis(),
                outcome.results(), Commands.respondAllOps(request));
    }

    /** Resets the TTL of a record read in the last part of its life, as Aerospike does; the read does not wait. */
    private void touchIfDue(NamespaceService ns, Key key, Record record, int percent, long now) {
        int ttl = RecordEngine.readTouchTtl(record, percent, now);
        if (ttl > 0) {
            Command touch = new Command(null, null, key, List.of(Operation.touch()),
                    WritePolicy.DEFAULT.withRecordExistsAction(io.aerolog.core.RecordExistsAction.UPDATE_ONLY)
                            .withExpiration(ttl), 0);
            ns.log().write(touch, ns.writeTimeout()).exceptionally(e -> null);
        }
    }

    /** Whether {@code ops} are only plain bin reads, all bins, or the header (served without the engine). */
    private static boolean plainReads(List<Operation> ops) {
        for (Operation op : ops) {
            if (op.type() != OperationType.READ && op.type() != OperationType.READ_HEADER) {
                return false;
            }
        }
        return true;
    }

    /** The bins plain reads ask for: all for a read of every bin, none for a header read, else those named. */
    private static Map<String, Value> selectBins(Record record, List<Operation> ops) {
        boolean header = true;
        Map<String, Value> bins = null;
        for (Operation op : ops) {
            if (op.type() == OperationType.READ_HEADER) {
                continue;
            }
            header = false;
            if (op.bin() == null) {
                return record.bins();
            }
            Value v = record.bins().get(op.bin());
            if (v != null) {
                if (bins == null) {
                    bins = new LinkedHashMap<>();
                }
                bins.put(op.bin(), v);
            }
        }
        return header ? null : bins == null ? Map.of() : bins;
    }

    // ---- writes

    private ByteBuf write(FrameDecoder.Frame frame, Request request) {
        NamespaceService ns = services.namespace(request.namespace());
        Key key = Commands.key(request);
        master(ns, key);
        Command command = Commands.write(request, key);
        boolean all = Commands.respondAllOps(request);
        CompletableFuture<AppliedWrite> written = ns.log().write(command, WireServices.timeout(ns, request));
        later(frame, WireMetrics.Kind.WRITE, written.handle((result, error) -> error == null ? result : error),
                answer -> answer instanceof AppliedWrite w ? answer(w, all) : failure((Throwable) answer));
        return null;
    }

    private ByteBuf answer(AppliedWrite result, boolean all) {
        services.metrics().count(WireMetrics.Kind.WRITE, result.resultCode());
        if (!result.isOk()) {
            return Replies.error(ctx.alloc(), wireCode(result.resultCode()));
        }
        return Replies.results(ctx.alloc(), ResultCode.OK.code(), result.generation(), result.voidTimeMillis(),
                result.results(), all);
    }

    private ByteBuf failure(Throwable error) {
        AerologException e = Failures.of(error, true);
        services.metrics().count(WireMetrics.Kind.WRITE, e.resultCode());
        if (e.resultCode() == ResultCode.SERVER_ERROR) {
            LOG.warn("an Aerospike write from {} failed", ctx.channel().remoteAddress(), e);
        } else {
            LOG.debug("Aerospike write from {} failed: {}", ctx.channel().remoteAddress(), e.getMessage());
        }
        return Replies.error(ctx.alloc(), wireCode(e.resultCode()));
    }

    // ---- batches

    /**
     * A batch read in Aerospike's batch-index form ({@link Request#batchKeys}), served on the listener's batch
     * pool: one message per key (in the key's result code, with its index) and a last message. When a key's
     * partition is not mastered here the whole batch answers PARTITION_UNAVAILABLE, so that the client retries
     * it against the map it refreshes (a key answered "not found" instead would be wrong).
     */
    private ByteBuf batch(FrameDecoder.Frame frame, Request request) {
        List<Request.BatchKey> keys = Request.batchKeys(request.batchField());
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
            services.batchReads().execute(() -> {
                try {
                    done.complete(batchAnswer(keys));
                } catch (RuntimeException e) {
                    done.complete(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new AerologException(ResultCode.DEVICE_OVERLOAD, "too many batches wait to be served; retry");
        }
        later(frame, WireMetrics.Kind.BATCH, done, answer -> {
            if (answer instanceof ByteBuf out) {
                services.metrics().count(WireMetrics.Kind.BATCH, ResultCode.OK);
                return out;
            }
            return refuse(WireMetrics.Kind.BATCH, Failures.of((Throwable) answer, false));
        });
        return null;
    }

    private ByteBuf batchAnswer(List<Request.BatchKey> keys) {
        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, keys.size() * 64 + Request.HEADER_SIZE);
        try {
            long now = System.currentTimeMillis();
            for (Request.BatchKey k : keys) {
                NamespaceService ns = services.namespace(k.namespace());
                Key key = Key.ofDigest(k.namespace(), k.set(), Digest.of(k.digest()));
                Route.Active active = master(ns, key);
                if (!active.caughtUp()) {
                    throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + active.partition()
                            + " is still applying its log; retry shortly");
                }
                Record record = active.get(key);
                if (record == null || record.isExpiredAt(now)) {
                    Replies.message(out, 0, ResultCode.KEY_NOT_FOUND_ERROR.code(), 0, 0, k.index(), (Map<String, Value>) null);
                } else {
                    Map<String, Value> bins = (k.readAttr() & Request.INFO1_NOBINDATA) != 0 ? null
                            : (k.readAttr() & Request.INFO1_GET_ALL) != 0 || k.ops().isEmpty() ? record.bins()
                            : selectNamed(record, k.ops());
                    Replies.message(out, 0, ResultCode.OK.code(), record.generation(), record.voidTimeMillis(), k.index(),
                            bins);
                }
            }
            Replies.message(out, Request.INFO3_LAST, ResultCode.OK.code(), 0, 0, 0, (Map<String, Value>) null);
            return Replies.end(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static Map<String, Value> selectNamed(Record record, List<Request.Op> ops) {
        Map<String, Value> bins = new LinkedHashMap<>();
        for (Request.Op op : ops) {
            Value v = op.bin() == null ? null : record.bins().get(op.bin());
            if (v != null) {
                bins.put(op.bin(), v);
            }
        }
        return bins;
    }

    // ---- plumbing

    /** What turns an asynchronous result into the request's answer, on the event loop. */
    private interface Answerer<T> {
        ByteBuf answer(T result);
    }

    /**
     * Answers {@code frame} when {@code result} completes (it never completes exceptionally: failures come as
     * values): the answer is built and written on this connection's event loop, then the next request runs.
     */
    private <T> void later(FrameDecoder.Frame frame, WireMetrics.Kind kind, CompletableFuture<T> result,
                           Answerer<T> answerer) {
        busy = frame;
        result.whenComplete((value, error) -> ctx.executor().execute(() -> {
            ByteBuf out;
            try {
                out = error != null ? refuse(kind, Failures.of(error, kind == WireMetrics.Kind.WRITE))
                        : answerer.answer(value);
            } catch (AerologException e) {
                out = refuse(kind, e);
            } catch (RuntimeException e) {
                LOG.warn("an Aerospike request from {} failed", ctx.channel().remoteAddress(), e);
                out = Replies.error(ctx.alloc(), ResultCode.SERVER_ERROR.code());
            }
            frame.release();
            busy = null;
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(out);
            } else {
                out.release();
            }
            drain();
        }));
    }

    private ByteBuf refuse(WireMetrics.Kind kind, AerologException e) {
        services.metrics().count(kind, e.resultCode());
        LOG.debug("Aerospike request from {} refused: {} {}", ctx.channel().remoteAddress(), e.resultCode(),
                e.getMessage());
        return Replies.error(ctx.alloc(), wireCode(e.resultCode()));
    }

    /** Aerospike's server codes are positive; a client-side code (parse, serialize) is a parameter error here. */
    static int wireCode(ResultCode code) {
        return code.code() >= 0 ? code.code() : ResultCode.PARAMETER_ERROR.code();
    }
}
