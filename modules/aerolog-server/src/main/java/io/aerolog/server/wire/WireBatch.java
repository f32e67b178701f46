package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves one batch of Aerospike's protocol, in either of its forms: reads, writes, deletes and operates,
 * a single-record request per key, each answered under the key's index, then a last message.
 *
 * <p>Runs on the listener's batch pool, never on an event loop. Every key's partition must be mastered
 * here and have caught up with its log before anything is done; otherwise the whole batch answers
 * PARTITION_UNAVAILABLE and the client retries it against the map it refreshes (no write of it has been
 * applied). Reads are served at once and their answers written in blocks as they fill, waiting while the
 * client does not read; writes go to the log together and are answered as they are applied. Without
 * {@code respondAllKeys}, the first key that fails with anything but not-found or filtered-out stops the
 * keys after it, and the last message carries its code, as Aerospike's server does.
 */
final class WireBatch {
    /** Bytes of answers written at once. */
    private static final int BLOCK = 128 * 1024;
    /** How long a batch waits for a client that does not read its answers before it closes the connection. */
    private static final long WRITABLE_TIMEOUT_MS = 30_000;

    private final WireServices services;
    private final RecordService records;
    private final ChannelHandlerContext ctx;
    private final Request request;
    private final Supplier<CompletableFuture<Void>> writable;
    private final RowCheck check;

    /** Refuses a key its connection's user may not read or write (with AerologException), or does nothing. */
    interface RowCheck {
        void check(Request row);
    }

    WireBatch(WireServices services, ChannelHandlerContext ctx, Request request,
              Supplier<CompletableFuture<Void>> writable) {
        this(services, ctx, request, writable, row -> { });
    }

    WireBatch(WireServices services, ChannelHandlerContext ctx, Request request,
              Supplier<CompletableFuture<Void>> writable, RowCheck check) {
        this.services = services;
        this.records = new RecordService(services);
        this.ctx = ctx;
        this.request = request;
        this.writable = writable;
        this.check = check;
    }

    /** One key, planned: its request, namespace, key, copy and operations (or why it fails). */
    private record Planned(Request.Row row, NamespaceService ns, Key key, Route.Active active, List<Operation> reads,
                           AerologException refused) {
    }

    /**
     * Serves the batch; completes (never exceptionally) with the last message's result code once every
     * answer but the last has been written, or with the refusal of the whole batch.
     */
    CompletableFuture<ResultCode> run() {
        Request.Batch batch = request.batch();
        List<Planned> plan = new ArrayList<>(batch.rows().size());
        for (Request.Row row : batch.rows()) {
            plan.add(plan(row));
        }
        for (Planned p : plan) {
            if (p.refused() != null && p.refused().resultCode() == ResultCode.PARTITION_UNAVAILABLE) {
                throw p.refused();
            }
        }
        ByteBuf block = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, BLOCK);
        List<CompletableFuture<ResultCode>> writes = new ArrayList<>();
        ResultCode stop = ResultCode.OK;
        try {
            for (Planned p : plan) {
                if (stop != ResultCode.OK) {
                    break;
                }
                if (p.refused() == null && RecordService.writes(p.row().request())) {
                    int index = p.row().index();
                    // answered on the connection's event loop, not on the stream thread that applied it
                    writes.add(records.write(p.ns(), p.key(), p.row().request()).thenApplyAsync(answer -> {
                        ByteBuf out = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, 256);
                        answer.appendTo(out, index);
                        ctx.writeAndFlush(Replies.end(out));
                        return answer.code();
                    }, ctx.executor()));
                    continue;
                }
                RecordService.Answer answer = p.refused() != null ? RecordService.Answer.of(p.refused().resultCode())
                        : records.read(p.ns(), p.active(), p.key(), p.row().request(), p.reads(),
                        RecordService.readTouchPercent(p.row().request()));
                answer.appendTo(block, p.row().index());
                if (!batch.respondAllKeys() && stops(answer.code())) {
                    stop = answer.code();
                }
                if (block.writerIndex() >= BLOCK) {
                    flush(block);
                    block = Replies.begin(ctx.alloc(), Replies.TYPE_MESSAGE, BLOCK);
                }
            }
            if (block.writerIndex() > 8) {
                flush(block);
            } else {
                block.release();
            }
        } catch (RuntimeException e) {
            block.release();
            throw e;
        }
        ResultCode stopped = stop;
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((v, e) -> {
            ResultCode last = stopped;
            if (last == ResultCode.OK && !batch.respondAllKeys()) {
                for (CompletableFuture<ResultCode> w : writes) {
                    ResultCode code = w.getNow(ResultCode.SERVER_ERROR);
                    if (stops(code)) {
                        last = code;
                        break;
                    }
                }
            }
            return last;
        });
    }

    /** Whether a key's code ends a batch that does not respond for all keys. */
    private static boolean stops(ResultCode code) {
        return code != ResultCode.OK && code != ResultCode.KEY_NOT_FOUND_ERROR && code != ResultCode.FILTERED_OUT;
    }

    private Planned plan(Request.Row row) {
        Request r = row.request();
        try {
            Commands.checkServed(r);
            NamespaceService ns = services.namespace(r.namespace());
            check.check(r);
            Key key = Commands.key(r);
            Route.Active active = RecordService.master(ns, key);
            if (!active.caughtUp()) {
                throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + active.partition()
                        + " is still applying its log; retry shortly");
            }
            List<Operation> reads = RecordService.writes(r) ? List.of() : Commands.readOperations(r);
            return new Planned(row, ns, key, active, reads, null);
        } catch (AerologException e) {
            return new Planned(row, null, null, null, null, e);
        }
    }

    /** Writes a block of answers, first waiting (on this pool thread) while the client does not read. */
    private void flush(ByteBuf block) {
        if (!ctx.channel().isWritable()) {
            try {
                writable.get().get(WRITABLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                block.release();
                ctx.close();
                throw new AerologException(ResultCode.TIMEOUT, "the client did not read its batch answers for "
                        + WRITABLE_TIMEOUT_MS + " ms: " + Failures.unwrap(e));
            }
        }
        ctx.writeAndFlush(Replies.end(block));
    }
}
