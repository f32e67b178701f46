package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.protocol.Failures;
import io.aerolog.server.namespace.AppliedWrite;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one single-record request of Aerospike's protocol, alone or as a row of a batch: a read from
 * the partition's active copy here, a write through the namespace's log. What it answers is a
 * {@link Answer}, which becomes a reply message on the connection's event loop.
 */
final class RecordService {
    /** What a single-record request answers: a result code, the record's metadata and what its operations returned. */
    record Answer(ResultCode code, int generation, long voidTimeMillis, List<OpResult> results, boolean all) {
        static Answer of(ResultCode code) {
            return new Answer(code, 0, 0, List.of(), false);
        }

        boolean isOk() {
            return code == ResultCode.OK;
        }

        /** Whether the answer carries bins: when OK, and a UDF's failure (its FAILURE bin, as the server sends it). */
        boolean hasBins() {
            return isOk() || code == ResultCode.UDF_BAD_RESPONSE && !results.isEmpty();
        }

        /** A whole frame answering a single request. */
        ByteBuf frame(ByteBufAllocator alloc) {
            if (!hasBins()) {
                return Replies.error(alloc, WireHandler.wireCode(code));
            }
            return Replies.results(alloc, code.code(), generation, voidTimeMillis, results, all);
        }

        /** This answer as one message of a batch's reply, under the row's {@code index}. */
        void appendTo(ByteBuf out, int index) {
            Replies.message(out, 0, WireHandler.wireCode(code), isOk() ? generation : 0, isOk() ? voidTimeMillis : 0,
                    index, hasBins() ? results : List.of(), all);
        }
    }

    private final WireServices services;

    RecordService(WireServices services) {
        this.services = services;
    }

    /** The active task of the key's partition, here; PARTITION_UNAVAILABLE when it is not here. */
    static Route.Active master(NamespaceService ns, Key key) {
        int partition = key.digest().kafkaPartition(ns.config().partitions());
        Route route = ns.router().write(partition);
        if (route instanceof Route.Active active) {
            return active;
        }
        throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, route instanceof Route.Unavailable u ? u.reason()
                : "partition " + partition + " of namespace " + ns.config().name() + " is mastered by another node");
    }

    /** Whether {@code request} writes (a write or a delete). */
    static boolean writes(Request request) {
        return request.isWrite() || (request.info2() & Request.INFO2_DELETE) != 0;
    }

    /**
     * Aerospike's read-touch-ttl-percent, which a read carries in the record TTL field: 0 the namespace's
     * default (none in Aerolog), -1 never, 1 to 100 a percentage; anything else is a parameter error.
     */
    static int readTouchPercent(Request r) {
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

    /**
     * Reads {@code key} from its partition's active copy now (the copy has caught up with its log): plain
     * bin reads straight from the record, anything else (list, map, bit, HyperLogLog, expression reads, a
     * filter) through the engine's read. Resets the TTL of a record read in the last part of its life when
     * the read asks ({@code touchPercent}), without waiting for that touch.
     */
    Answer read(NamespaceService ns, Route.Active active, Key key, Request request, List<Operation> ops,
                int touchPercent) {
        Record record = active.get(key);
        long now = System.currentTimeMillis();
        if (record == null || record.isExpiredAt(now)) {
            return Answer.of(ResultCode.KEY_NOT_FOUND_ERROR);
        }
        if (touchPercent > 0) {
            touchIfDue(ns, key, record, touchPercent, now);
        }
        if (request.filter() == null && plainReads(ops)) {
            return new Answer(ResultCode.OK, record.generation(), record.voidTimeMillis(), selectBins(record, ops), false);
        }
        Outcome outcome = RecordEngine.read(record, ops, request.filter(), key.digest().bytes(), now);
        if (!outcome.isOk()) {
            return Answer.of(outcome.resultCode());
        }
        return new Answer(ResultCode.OK, record.generation(), record.voidTimeMillis(), outcome.results(),
                Commands.respondAllOps(request));
    }

    /**
     * Appends {@code request}'s command to the log; completes with its answer once applied, or with the
     * refusal (never exceptionally).
     */
    CompletableFuture<Answer> write(NamespaceService ns, Key key, Request request) {
        Command command;
        if (UdfCalls.isCall(request)) {
            java.util.Optional<io.aerolog.core.udf.UdfModule> module = UdfCalls.module(request, services.udfs());
            if (module.isEmpty()) {
                return CompletableFuture.completedFuture(UdfCalls.notLoaded());
            }
            command = UdfCalls.command(request, key, module.get());
        } else {
            command = Commands.write(request, key);
        }
        boolean all = Commands.respondAllOps(request);
        return ns.log().write(command, WireServices.timeout(ns, request)).handle((w, error) -> {
            if (error != null) {
                return Answer.of(Failures.of(error, true).resultCode());
            }
            return answer(w, all);
        });
    }

    private static Answer answer(AppliedWrite w, boolean all) {
        if (w.resultCode() == ResultCode.UDF_BAD_RESPONSE) {
            return new Answer(w.resultCode(), 0, 0, w.results(), false);
        }
        if (!w.isOk()) {
            return Answer.of(w.resultCode());
        }
        return new Answer(ResultCode.OK, w.generation(), w.voidTimeMillis(), w.results(), all);
    }

    /** Resets the TTL of a record read in the last part of its life, as Aerospike does; the read does not wait. */
    private static void touchIfDue(NamespaceService ns, Key key, Record record, int percent, long now) {
        int ttl = RecordEngine.readTouchTtl(record, percent, now);
        if (ttl > 0) {
            Command touch = new Command(null, null, key, List.of(Operation.touch()),
                    WritePolicy.DEFAULT.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY).withExpiration(ttl), 0);
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
    private static List<OpResult> selectBins(Record record, List<Operation> ops) {
        List<OpResult> out = new ArrayList<>();
        for (Operation op : ops) {
            if (op.type() == OperationType.READ_HEADER) {
                continue;
            }
            if (op.bin() == null) {
                out.clear();
                for (Map.Entry<String, Value> bin : record.bins().entrySet()) {
                    out.add(new OpResult(bin.getKey(), bin.getValue()));
                }
                return out;
            }
            Value v = record.bins().get(op.bin());
            if (v != null) {
                out.add(new OpResult(op.bin(), v));
            }
        }
        return out;
    }
}
