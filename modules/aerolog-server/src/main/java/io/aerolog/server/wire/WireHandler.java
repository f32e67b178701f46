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
import io.aerolog.server.security.Permission;
import io.aerolog.server.security.SecurityService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 *
 * <p>Security. With access control on, a connection is anonymous until it logs in (LOGIN, or AUTHENTICATE
 * with a session token, answered by the node's {@link SecurityService} off the event loop); until then it
 * may only do that: info requests answer {@code ERROR:80:not authenticated} and messages NOT_AUTHENTICATED,
 * as Aerospike's server does. After, every read, write and batch key is checked against the user's roles
 * for its namespace and set (ROLE_VIOLATION), after its namespace is known, as Aerospike checks it, and an
 * info command that changes the node needs its permission ({@link InfoAccess}). With
 * access control off, security messages are answered SECURITY_NOT_SUPPORTED, as Aerospike's community
 * edition answers them.
 */
final class WireHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WireHandler.class);

    private final WireServices services;
    private final ArrayDeque<FrameDecoder.Frame> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ReadGate gate;
    /** The request being answered asynchronously, or null. */
    private FrameDecoder.Frame busy;
    /** When the request being served arrived whole (one at a time per connection), for its latency. */
    private long started;
    /** Batches waiting for the client to read its answers. */
    private final List<CompletableFuture<Void>> writableWaiters = new java.util.ArrayList<>();
    private final RecordService records;
    private final WireSecurity security;
    /** The user this connection logged in as, or null (with access control on: it may only log in). */
    private String user;

    WireHandler(WireServices services) {
        this(services, WireSecurity.OFF);
    }

    WireHandler(WireServices services, WireSecurity security) {
        this.services = services;
        this.records = new RecordService(services);
        this.security = security;
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
            List<CompletableFuture<Void>> waiters = List.copyOf(writableWaiters);
            writableWaiters.clear();
            waiters.forEach(f -> f.complete(null));
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
        writableWaiters.forEach(w -> w.complete(null));
        writableWaiters.clear();
        if (user != null) {
            security.access().disconnected(user);
            user = null;
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
                if (security.access() != null && user == null) {
                    services.metrics().count(WireMetrics.Kind.INFO, ResultCode.NOT_AUTHENTICATED);
                    return infoAnswer("ERROR:" + ResultCode.NOT_AUTHENTICATED.code() + ":not authenticated\n");
                }
                return info(frame);
            case Replies.TYPE_SECURITY:
                if (security.access() == null) {
                    services.metrics().count(WireMetrics.Kind.UNSUPPORTED, ResultCode.SECURITY_NOT_SUPPORTED);
                    return Replies.security(ctx.alloc(), ResultCode.SECURITY_NOT_SUPPORTED.code());
                }
                return security(frame);
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

    /**
     * An info request: answered at once, or later when it has commands that answer once their change is done
     * (sindex-create, truncate: {@link InfoCommands#answerLater}) or that wait for the module topic (udf-put,
     * udf-remove: answered on the batch pool, never on the event loop).
     */
    private ByteBuf info(FrameDecoder.Frame frame) {
        String request = new String(frame.body(), StandardCharsets.UTF_8);
        InfoCommands info = services.info();
        SecurityService access = security.access();
        if (access != null && request.length() <= InfoCommands.MAX_REQUEST_BYTES) {
            // a command the user may not run is answered with its refusal in its own place, the others at once
            String who = user;
            InfoAccess.Refusals refusals = line -> access.infoRefusal(who, line);
            if (InfoAccess.anyRefused(request, refusals)) {
                services.metrics().count(WireMetrics.Kind.INFO, ResultCode.ROLE_VIOLATION);
                return infoAnswer(InfoAccess.answer(request, refusals, info::answer));
            }
        }
        boolean jobs = info.answersLater(request);
        if (UdfInfo.waits(request)) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            try {
                services.batchReads().execute(() -> {
                    try {
                        CompletableFuture<String> lines = jobs ? info.answerLater(request)
                                : CompletableFuture.completedFuture(info.answer(request));
                        lines.whenComplete((text, error) -> {
                            if (error != null) {
                                answer.completeExceptionally(error);
                            } else {
                                answer.complete(text);
                            }
                        });
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                answer.complete("ERROR:1:the node is busy; retry\n");
            }
            later(frame, WireMetrics.Kind.INFO, answer, this::answeredInfo);
            return null;
        }
        if (jobs) {
            later(frame, WireMetrics.Kind.INFO, info.answerLater(request), this::answeredInfo);
            return null;
        }
        return answeredInfo(info.answer(request));
    }

    private ByteBuf answeredInfo(String text) {
        services.metrics().count(WireMetrics.Kind.INFO, ResultCode.OK);
        return infoAnswer(text);
    }

    private ByteBuf infoAnswer(String text) {
        byte[] answer = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_INFO, answer.length);
        return Replies.end(out.writeBytes(answer));
    }

    // ---- security

    /**
     * A security message: login, authenticate, or user and role administration, answered by the node's
     * security service off the event loop; a login or authentication that succeeds logs this connection in.
     */
    private ByteBuf security(FrameDecoder.Frame frame) {
        SecurityService access = security.access();
        later(frame, WireMetrics.Kind.SECURITY, access.message(user, frame.body()), answer -> {
            if (answer.user() != null && !answer.user().equals(user)) {
                if (user != null) {
                    access.disconnected(user);
                }
                user = answer.user();
                access.connected(user);
            }
            byte[] reply = answer.frame();
            services.metrics().count(WireMetrics.Kind.SECURITY, ResultCode.of(reply.length > 9 ? reply[9] & 0xFF : 1));
            return Unpooled.wrappedBuffer(reply);
        });
        return null;
    }

    /** Refuses a request of this connection's user that its roles do not allow on its namespace and set. */
    private void authorize(Request r, String who) {
        SecurityService access = security.access();
        if (access == null) {
            return;
        }
        ResultCode code = access.check(who, permissions(r), r.namespace(), r.set());
        if (code != ResultCode.OK) {
            throw new AerologException(code, code == ResultCode.ROLE_VIOLATION ? "user " + who + " may not "
                    + (RecordService.writes(r) ? "write" : "read") + " in " + r.namespace()
                    + (r.set() == null ? "" : "/" + r.set()) : "the connection is not logged in");
        }
    }

    /** What a single-record request needs: read, or write (and read too when it also reads), as Aerospike's tsvc asks. */
    static long permissions(Request r) {
        if (RecordService.writes(r)) {
            return Permission.WRITE.bit() | ((r.info1() & Request.INFO1_READ) != 0 ? Permission.READ.bit() : 0);
        }
        return Permission.READ.bit();
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
        started = System.nanoTime();
        WireMetrics.Kind kind = WireMetrics.Kind.MALFORMED;
        try {
            Request request = Request.parse(buf, off, len);
            boolean write = request.isWrite() || (request.info2() & Request.INFO2_DELETE) != 0;
            kind = request.batchField() != null ? WireMetrics.Kind.BATCH
                    : request.digest() == null && request.keyBytes() == null ? WireMetrics.Kind.SCAN
                    : write ? WireMetrics.Kind.WRITE : WireMetrics.Kind.READ;
            if (security.access() != null && user == null) {
                throw new AerologException(ResultCode.NOT_AUTHENTICATED, "the connection is not logged in");
            }
            Commands.checkServed(request, kind == WireMetrics.Kind.SCAN);
            return switch (kind) {
                case BATCH -> batch(frame, request);
                case WRITE -> write(frame, request);
                case SCAN -> scan(frame, request, buf, off, len);
                default -> read(frame, request);
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
        authorize(request, user);
        Key key = Commands.key(request);
        List<Operation> ops = Commands.readOperations(request);
        int touchPercent = RecordService.readTouchPercent(request);
        Route.Active active = RecordService.master(ns, key);
        if (active.caughtUp()) {
            return answered(WireMetrics.Kind.READ, records.read(ns, active, key, request, ops, touchPercent));
        }
        // the partition just started here: its reads wait until it has applied its log (a restart's last writes)
        later(frame, WireMetrics.Kind.READ, active.readable()
                .orTimeout(WireServices.timeout(ns, request).toMillis(), TimeUnit.MILLISECONDS)
                .handle((v, e) -> e == null ? null : Failures.unwrap(e)), (error) -> error == null
                ? answered(WireMetrics.Kind.READ, records.read(ns, active, key, request, ops, touchPercent))
                : refuse(WireMetrics.Kind.READ, new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition "
                        + active.partition() + " is still applying its log; retry shortly")));
        return null;
    }

    private ByteBuf answered(WireMetrics.Kind kind, RecordService.Answer answer) {
        services.metrics().count(kind, answer.code(), started);
        return answer.frame(ctx.alloc());
    }

    // ---- writes

    private ByteBuf write(FrameDecoder.Frame frame, Request request) {
        NamespaceService ns = services.namespace(request.namespace());
        authorize(request, user);
        Key key = Commands.key(request);
        RecordService.master(ns, key);
        later(frame, WireMetrics.Kind.WRITE, records.write(ns, key, request),
                answer -> answered(WireMetrics.Kind.WRITE, answer));
        return null;
    }

    // ---- batches

    /**
     * A batch, served by a {@link WireBatch} on the listener's batch pool; its answers are written as they
     * come, and its last message here once every key is answered.
     */
    private ByteBuf batch(FrameDecoder.Frame frame, Request request) {
        String who = user;
        WireBatch batch = new WireBatch(services, ctx, request, this::whenWritable, row -> authorize(row, who));
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
            services.batchReads().execute(() -> {
                try {
                    batch.run().whenComplete((code, e) -> done.complete(e != null ? e : code));
                } catch (RuntimeException e) {
                    done.complete(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new AerologException(ResultCode.BATCH_QUEUES_FULL, "too many batches wait to be served; retry");
        }
        later(frame, WireMetrics.Kind.BATCH, done, result -> {
            if (result instanceof ResultCode code) {
                services.metrics().count(WireMetrics.Kind.BATCH, code, started);
                ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, Request.HEADER_SIZE);
                Replies.message(out, Request.INFO3_LAST, wireCode(code), 0, 0, 0, (Map<String, Value>) null);
                return Replies.end(out);
            }
            return refuse(WireMetrics.Kind.BATCH, Failures.of((Throwable) result, false));
        });
        return null;
    }

    // ---- scans and queries

    /**
     * A scan or query, served by a {@link WireScan} on the scan pool: its records are written in frames as they
     * come, and its last message here once it ends.
     */
    private ByteBuf scan(FrameDecoder.Frame frame, Request request, byte[] buf, int off, int len) {
        if (ScanMessage.isJob(request)) {
            return job(frame, request, buf, off, len);
        }
        io.aerolog.server.scan.ScanSpec spec = ScanMessage.parse(request, buf, off, len);
        NamespaceService ns = services.namespace(spec.namespace());
        authorize(request, user); // a scan or query reads: read on its namespace and set, as any read
        io.aerolog.server.scan.SourceFactory sources = io.aerolog.server.scan.Sources.copying(ns, spec);
        services.scans().acquire();
        CompletableFuture<ResultCode> done;
        try {
            done = new WireScan(ns, spec, sources, ctx, services.scans().executor(), services.scans().lanes(),
                    this::whenWritable).start();
        } catch (RuntimeException e) {
            services.scans().release();
            throw e;
        }
        later(frame, WireMetrics.Kind.SCAN, done.whenComplete((c, e) -> services.scans().release()), code -> {
            services.metrics().count(WireMetrics.Kind.SCAN, code);
            ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, Request.HEADER_SIZE);
            Replies.message(out, Request.INFO3_LAST, wireCode(code), 0, 0, 0, (Map<String, Value>) null);
            return Replies.end(out);
        });
        return null;
    }

    /**
     * A background scan or query (answered at once, as the server answers it, then run by the node's jobs) or
     * a query aggregation (served by a {@link WireAggregate} on the scan pool, as a scan is). Either needs its
     * permission on the namespace and set: ops-query for operations, udf-query for a UDF.
     */
    private ByteBuf job(FrameDecoder.Frame frame, Request request, byte[] buf, int off, int len) {
        ScanMessage.Job job = ScanMessage.parseJob(request, buf, off, len);
        NamespaceService ns = services.namespace(job.scan().namespace());
        SecurityService access = security.access();
        if (access != null) {
            ResultCode code = access.check(user, WireJobs.permission(job), request.namespace(), request.set());
            if (code != ResultCode.OK) {
                throw new AerologException(code, "user " + user + " may not run this job in " + request.namespace());
            }
        }
        io.aerolog.server.scan.SourceFactory sources = io.aerolog.server.scan.Sources.of(ns, job.scan());
        if (!job.aggregate()) {
            WireJobs.start(services.scans().jobs(), services.udfs(), ns, request, job, sources,
                    String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", ""));
            services.metrics().count(WireMetrics.Kind.SCAN, ResultCode.OK, started);
            ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, Request.HEADER_SIZE);
            Replies.message(out, Request.INFO3_LAST, 0, 0, 0, 0, (Map<String, Value>) null);
            return Replies.end(out);
        }
        services.scans().acquire();
        CompletableFuture<ResultCode> done;
        try {
            java.util.Optional<io.aerolog.core.udf.UdfModule> module = services.udfs() == null
                    ? java.util.Optional.empty() : services.udfs().get(job.udf().packageName() + ".lua");
            done = new WireAggregate(ns, job.scan(), sources, module, job.udf(), ctx, services.scans().executor(),
                    this::whenWritable).start();
        } catch (RuntimeException e) {
            services.scans().release();
            throw e;
        }
        later(frame, WireMetrics.Kind.SCAN, done.whenComplete((c, e) -> services.scans().release()), code -> {
            services.metrics().count(WireMetrics.Kind.SCAN, code == null ? ResultCode.UDF_BAD_RESPONSE : code);
            if (code == null) {
                return io.netty.buffer.Unpooled.EMPTY_BUFFER; // the aggregation wrote its failure and last message
            }
            ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, Request.HEADER_SIZE);
            Replies.message(out, Request.INFO3_LAST, wireCode(code), 0, 0, 0, (Map<String, Value>) null);
            return Replies.end(out);
        });
        return null;
    }

    /** Completes when the client reads its answers again (at once when it does). */
    private CompletableFuture<Void> whenWritable() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
                f.complete(null);
            } else {
                writableWaiters.add(f);
            }
        });
        return f;
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
        services.metrics().count(kind, e.resultCode(), started);
        LOG.debug("Aerospike request from {} refused: {} {}", ctx.channel().remoteAddress(), e.resultCode(),
                e.getMessage());
        return Replies.error(ctx.alloc(), wireCode(e.resultCode()));
    }

    /** Aerospike's server codes are positive; a client-side code (parse, serialize) is a parameter error here. */
    static int wireCode(ResultCode code) {
        return code.code() >= 0 ? code.code() : ResultCode.PARAMETER_ERROR.code();
    }
}
