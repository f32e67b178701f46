package io.aerolog.server.wire;

import io.aerolog.core.Value;
import io.aerolog.core.engine.OpResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes answers in the Aerospike wire protocol: an 8-byte proto header (version 2, type, length)
 * around one or more AS_MSG messages, each a 22-byte header (result code, generation, expiration in
 * seconds since 2010-01-01) and the record's bins as read operations.
 */
final class Replies {
    static final int PROTO_VERSION = 2;
    static final int TYPE_INFO = 1;
    static final int TYPE_SECURITY = 2;
    static final int TYPE_MESSAGE = 3;
    static final int TYPE_COMPRESSED = 4;
    /** Aerospike counts void times in seconds from 2010-01-01T00:00:00Z. */
    static final long CITRUS_EPOCH_SECONDS = 1_262_304_000L;
    private static final int OP_READ = 1;

    private Replies() {
    }

    /** Starts a frame of {@code type}: writes a proto header whose length {@link #end} fills in. */
    static ByteBuf begin(ByteBufAllocator alloc, int type, int sizeHint) {
        ByteBuf out = alloc.buffer(8 + sizeHint);
        out.writeLong(0);
        out.setByte(0, PROTO_VERSION);
        out.setByte(1, type);
        return out;
    }

    /** Sets the frame's length, counted after the 8-byte proto header. */
    static ByteBuf end(ByteBuf out) {
        long size = out.writerIndex() - 8L;
        out.setShort(2, (int) (size >>> 32));
        out.setInt(4, (int) size);
        return out;
    }

    /** One message: a record's header and {@code bins} (null or empty for none). */
    static void message(ByteBuf out, int info3, int resultCode, int generation, long voidTimeMillis, int batchIndex,
                        Map<String, Value> bins) {
        out.writeByte(Request.HEADER_SIZE);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(info3);
        out.writeByte(0);
        out.writeByte(resultCode);
        out.writeInt(generation);
        out.writeInt(expiration(voidTimeMillis));
        out.writeInt(batchIndex);
        out.writeShort(0);
        out.writeShort(bins == null ? 0 : bins.size());
        if (bins != null) {
            for (Map.Entry<String, Value> bin : bins.entrySet()) {
                int sizeAt = out.writerIndex();
                out.writeInt(0); // the operation's size, set once its name and value are written
                out.writeByte(OP_READ);
                out.writeByte(Particles.typeOf(bin.getValue()));
                out.writeByte(0);
                int nameSizeAt = out.writerIndex();
                out.writeByte(0);
                out.setByte(nameSizeAt, out.writeCharSequence(bin.getKey(), StandardCharsets.UTF_8));
                Particles.write(out, bin.getValue());
                out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
            }
        }
    }

    /**
     * One message answering an operate: a record's header and what its operations returned, in order;
     * with {@code all} (the client asked for a result per operation) also those that returned nothing, as
     * nil bins, else only those with a value.
     */
    static void message(ByteBuf out, int info3, int resultCode, int generation, long voidTimeMillis, int batchIndex,
                        List<OpResult> results, boolean all) {
        int count = 0;
        for (OpResult r : results) {
            if (all || (r.value() != null && r.bin() != null)) {
                count++;
            }
        }
        out.writeByte(Request.HEADER_SIZE);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(info3);
        out.writeByte(0);
        out.writeByte(resultCode);
        out.writeInt(generation);
        out.writeInt(expiration(voidTimeMillis));
        out.writeInt(batchIndex);
        out.writeShort(0);
        out.writeShort(count);
        for (OpResult r : results) {
            if (!all && (r.value() == null || r.bin() == null)) {
                continue;
            }
            Value value = r.value() == null ? Value.NIL : r.value();
            int sizeAt = out.writerIndex();
            out.writeInt(0);
            out.writeByte(OP_READ);
            out.writeByte(Particles.typeOf(value));
            out.writeByte(0);
            int nameSizeAt = out.writerIndex();
            out.writeByte(0);
            if (r.bin() != null) {
                out.setByte(nameSizeAt, out.writeCharSequence(r.bin(), StandardCharsets.UTF_8));
            }
            if (!(value instanceof Value.NilValue)) {
                Particles.write(out, value);
            }
            out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
        }
    }

    /** A whole frame holding one operate answer (see {@link #message(ByteBuf, int, int, int, long, int, List, boolean)}). */
    static ByteBuf results(ByteBufAllocator alloc, int resultCode, int generation, long voidTimeMillis,
                           List<OpResult> results, boolean all) {
        int hint = Request.HEADER_SIZE;
        for (OpResult r : results) {
            hint += 8 + (r.bin() == null ? 0 : 3 * r.bin().length()) + (r.value() == null ? 0 : Particles.sizeHint(r.value()));
        }
        ByteBuf out = begin(alloc, TYPE_MESSAGE, hint);
        message(out, 0, resultCode, generation, voidTimeMillis, 0, results, all);
        return end(out);
    }

    /** Enough bytes for a message of {@code bins}, so that its buffer does not grow while it is written. */
    static int sizeHint(Map<String, Value> bins) {
        int size = Request.HEADER_SIZE;
        if (bins != null) {
            for (Map.Entry<String, Value> bin : bins.entrySet()) {
                size += 8 + 3 * bin.getKey().length() + Particles.sizeHint(bin.getValue());
            }
        }
        return size;
    }

    /** A whole frame holding one message. */
    static ByteBuf single(ByteBufAllocator alloc, int resultCode, int generation, long voidTimeMillis,
                          Map<String, Value> bins) {
        ByteBuf out = begin(alloc, TYPE_MESSAGE, sizeHint(bins));
        message(out, 0, resultCode, generation, voidTimeMillis, 0, bins);
        return end(out);
    }

    /**
     * The answer to a security (admin) frame, as a node without security answers it: a 16-byte security
     * message (scheme 0) carrying {@code resultCode} and no fields.
     */
    static ByteBuf security(ByteBufAllocator alloc, int resultCode) {
        ByteBuf out = begin(alloc, TYPE_SECURITY, 16);
        out.writeByte(0);
        out.writeByte(resultCode);
        out.writeZero(14);
        return end(out);
    }

    /** A whole frame holding only a result code, the last of its command. */
    static ByteBuf error(ByteBufAllocator alloc, int resultCode) {
        ByteBuf out = begin(alloc, TYPE_MESSAGE, Request.HEADER_SIZE);
        message(out, Request.INFO3_LAST, resultCode, 0, 0, 0, null);
        return end(out);
    }

    /**
     * A record's void time as Aerospike sends it: seconds since 2010-01-01, 0 for never. Truncated, as
     * Aerospike's own void time is the write's whole second plus the TTL.
     */
    static int expiration(long voidTimeMillis) {
        if (voidTimeMillis == 0) {
            return 0;
        }
        long seconds = voidTimeMillis / 1000 - CITRUS_EPOCH_SECONDS;
        return (int) Math.max(1, Math.min(seconds, 0xFFFF_FFFFL));
    }
}
