package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.WriteResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection. Requests are answered in the order they came: while a write waits
 * for its command to be applied, later requests on the connection wait behind it.
 */
final class WireHandler extends SimpleChannelInboundHandler<FrameDecoder.Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(WireHandler.class);

    private final Map<String, NamespaceService> namespaces;
    private final InfoCommands info;
    private final WireMetrics metrics;
    private final ArrayDeque<FrameDecoder.Frame> waiting = new ArrayDeque<>();
    private boolean busy;

    WireHandler(Map<String, NamespaceService> namespaces, InfoCommands info, WireMetrics metrics) {
        this.namespaces = namespaces;
        this.info = info;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FrameDecoder.Frame frame) {
        if (busy) {
            waiting.add(frame);
        } else {
            handle(ctx, frame);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing Aerospike connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void handle(ChannelHandlerContext ctx, FrameDecoder.Frame frame) {
        switch (frame.type()) {
            case Replies.TYPE_INFO -> {
                byte[] answer = info.answer(new String(frame.body(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_INFO, answer.length);
                ctx.writeAndFlush(Replies.end(out.writeBytes(answer)));
                metrics.count(WireMetrics.Kind.INFO, ResultCode.OK);
            }
            case Replies.TYPE_MESSAGE -> message(ctx, frame.body(), 0, frame.body().length);
            case Replies.TYPE_COMPRESSED -> compressed(ctx, frame.body());
            default -> {
                LOG.debug("closing {}: proto type {} (security and other admin commands are not served)",
                        ctx.channel().remoteAddress(), frame.type());
                ctx.close();
            }
        }
    }

    /** A compressed message: 8 bytes of uncompressed size, then a deflated proto frame. */
    private void compressed(ChannelHandlerContext ctx, byte[] body) {
        if (body.length < 8) {
            refuse(ctx, WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame of " + body.length + " bytes"));
            return;
        }
        long size = Particles.longAt(body, 0);
        if (size < 8 || size > 64L * 1024 * 1024) {
            refuse(ctx, WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame that inflates to " + size + " bytes"));
            return;
        }
        byte[] inflated = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 8, body.length - 8);
            int n = inflater.inflate(inflated);
            if (n != size) {
                refuse(ctx, WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame inflated to " + n + " bytes, not " + size));
                return;
            }
        } catch (DataFormatException e) {
            refuse(ctx, WireMetrics.Kind.MALFORMED, Request.malformed("a compressed frame that does not inflate: " + e.getMessage()));
            return;
        } finally {
            inflater.end();
        }
        message(ctx, inflated, 8, inflated.length - 8);
    }

    private void message(ChannelHandlerContext ctx, byte[] buf, int off, int len) {
        WireMetrics.Kind kind = WireMetrics.Kind.MALFORMED;
        try {
            Request request = Request.parse(buf, off, len);
            if (request.batchField() != null) {
                kind = WireMetrics.Kind.BATCH;
                batchRead(ctx, request);
            } else if (request.digest() == null && request.keyBytes() == null) {
                kind = WireMetrics.Kind.UNSUPPORTED;
                throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "scans, queries and user-defined"
                        + " functions are not served over the Aerospike protocol yet (fields " + request.otherFields() + ")");
            } else if (request.isWrite()) {
                kind = WireMetrics.Kind.WRITE;
                write(ctx, request);
            } else {
                kind = WireMetrics.Kind.READ;
                read(ctx, request);
            }
        } catch (AerologException e) {
            refuse(ctx, kind, e);
        } catch (RuntimeException e) {
            LOG.warn("an Aerospike request from {} failed", ctx.channel().remoteAddress(), e);
            metrics.count(kind, ResultCode.SERVER_ERROR);
            ctx.writeAndFlush(Replies.error(ctx.alloc(), ResultCode.SERVER_ERROR.code()));
        }
    }

    private NamespaceService namespace(String name) {
        NamespaceService ns = namespaces.get(name);
        if (ns == null) {
            throw new AerologException(ResultCode.INVALID_NAMESPACE, "namespace '" + name
                    + "' is not configured on this node (it has " + namespaces.keySet() + ")");
        }
        return ns;
    }

    private void read(ChannelHandlerContext ctx, Request request) {
        if ((request.info1() & Request.INFO1_READ) == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a message that neither reads nor writes");
        }
        NamespaceService ns = namespace(request.namespace());
        Optional<Record> record = ns.getNow(Commands.key(request), true);
        if (record.isEmpty()) {
            metrics.count(WireMetrics.Kind.READ, ResultCode.KEY_NOT_FOUND_ERROR);
            ctx.writeAndFlush(Replies.single(ctx.alloc(), ResultCode.KEY_NOT_FOUND_ERROR.code(), 0, 0, null));
            return;
        }
        metrics.count(WireMetrics.Kind.READ, ResultCode.OK);
        Record r = record.get();
        ctx.writeAndFlush(Replies.single(ctx.alloc(), ResultCode.OK.code(), r.generation(), r.voidTimeMillis(),
                selectBins(r, request.info1(), request.ops())));
    }

    /** The bins a read asks for: none for a header read, all for "get all" (or no bin named), else those named. */
    private static Map<String, Value> selectBins(Record record, int info1, List<Request.Op> ops) {
        if ((info1 & Request.INFO1_NOBINDATA) != 0) {
            return null;
        }
        boolean named = false;
        for (Request.Op op : ops) {
            named |= op.bin() != null;
        }
        if ((info1 & Request.INFO1_GET_ALL) != 0 || !named) {
            return record.bins();
        }
        Map<String, Value> bins = new LinkedHashMap<>();
        for (Request.Op op : ops) {
            Value v = op.bin() == null ? null : record.bins().get(op.bin());
            if (v != null) {
                bins.put(op.bin(), v);
            }
        }
        return bins;
    }

    private void write(ChannelHandlerContext ctx, Request request) {
        NamespaceService ns = namespace(request.namespace());
        Key key = Commands.key(request);
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        if (!ns.servesActive(partition)) {
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition + " of namespace "
                    + ns.config().name() + " is not mastered by this node now");
        }
        Command command = Commands.write(request, key);
        CompletableFuture<WriteResult> written = ns.write(command);
        busy = true;
        written.whenComplete((result, error) -> {
            ByteBuf reply = error == null ? answer(ctx, result) : failure(ctx, error);
            metrics.count(WireMetrics.Kind.WRITE, error == null ? result.resultCode() : resultOf(error));
            ctx.executor().execute(() -> {
                ctx.writeAndFlush(reply);
                busy = false;
                drain(ctx);
            });
        });
    }

    private static ByteBuf answer(ChannelHandlerContext ctx, WriteResult result) {
        Map<String, Value> reads = result.isOk() && !result.reads().isEmpty() ? result.reads() : null;
        return Replies.single(ctx.alloc(), result.resultCode().code(), result.generation(), result.voidTimeMillis(),
                reads);
    }

    /** What a failed write future failed with, unwrapped from the future's CompletionException. */
    private static Throwable causeOf(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static ResultCode resultOf(Throwable error) {
        return causeOf(error) instanceof AerologException e ? e.resultCode() : ResultCode.SERVER_ERROR;
    }

    private static ByteBuf failure(ChannelHandlerContext ctx, Throwable error) {
        Throwable cause = causeOf(error);
        if (cause instanceof AerologException e) {
            LOG.debug("Aerospike write from {} failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            return Replies.error(ctx.alloc(), wireCode(e.resultCode()));
        }
        LOG.warn("an Aerospike write from {} failed", ctx.channel().remoteAddress(), cause);
        return Replies.error(ctx.alloc(), ResultCode.SERVER_ERROR.code());
    }

    private void drain(ChannelHandlerContext ctx) {
        while (!busy && !waiting.isEmpty() && ctx.channel().isActive()) {
            handle(ctx, waiting.poll());
        }
    }

    /**
     * A batch read in Aerospike's batch-index form ({@link Request#batchKeys}). Answered with one message
     * per key (in the key's result code, with its index) and a last message. When a key's partition is not mastered
     * here the whole batch answers PARTITION_UNAVAILABLE, so that the client retries it against the map
     * it refreshes (a key answered "not found" instead would be wrong).
     */
    private void batchRead(ChannelHandlerContext ctx, Request request) {
        List<Request.BatchKey> keys = Request.batchKeys(request.batchField());
        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, keys.size() * 64 + Request.HEADER_SIZE);
        try {
            for (Request.BatchKey k : keys) {
                NamespaceService ns = namespace(k.namespace());
                Key key = Key.ofDigest(k.namespace(), k.set(), Digest.of(k.digest()));
                if (!ns.servesActive(key.digest().kafkaPartition(ns.config().partitions()))) {
                    throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "a key of the batch is in a"
                            + " partition this node does not master now");
                }
                Optional<Record> record = ns.getNow(key, true);
                if (record.isEmpty()) {
                    Replies.message(out, 0, ResultCode.KEY_NOT_FOUND_ERROR.code(), 0, 0, k.index(), null);
                } else {
                    Record r = record.get();
                    Replies.message(out, 0, ResultCode.OK.code(), r.generation(), r.voidTimeMillis(), k.index(),
                            selectBins(r, k.readAttr(), k.ops()));
                }
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        Replies.message(out, Request.INFO3_LAST, ResultCode.OK.code(), 0, 0, 0, null);
        metrics.count(WireMetrics.Kind.BATCH, ResultCode.OK);
        ctx.writeAndFlush(Replies.end(out));
    }

    private void refuse(ChannelHandlerContext ctx, WireMetrics.Kind kind, AerologException e) {
        metrics.count(kind, e.resultCode());
        LOG.debug("Aerospike request from {} refused: {} {}", ctx.channel().remoteAddress(), e.resultCode(),
                e.getMessage());
        ctx.writeAndFlush(Replies.error(ctx.alloc(), wireCode(e.resultCode())));
    }

    /** Aerospike's server codes are positive; a client-side code (parse, serialize) is a parameter error here. */
    private static int wireCode(ResultCode code) {
        return code.code() >= 0 ? code.code() : ResultCode.PARAMETER_ERROR.code();
    }
}
