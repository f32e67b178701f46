package io.aerolog.server.wire;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The messages of a scan's or query's reply, as the server's {@code as_msg_make_response_bufbuilder} and
 * {@code as_msg_pid_done_bufbuilder} write them: a record (fields namespace, digest, set when it has one, user
 * key when stored, index value for a query; then its bins as read operations, or none with GET_NO_BINS), and a
 * partition's "done" marker (info3 PARTITION_DONE, the partition id in the generation, a result code).
 */
final class ScanReplies {
    private static final int FIELD_NAMESPACE = 0;
    private static final int FIELD_SET = 1;
    private static final int FIELD_KEY = 2;
    private static final int FIELD_DIGEST = 4;
    private static final int FIELD_BVAL = 15;
    private static final int OP_READ = 1;

    private ScanReplies() {
    }

    /**
     * Appends the message of {@code record}; false (nothing appended) when bins were selected and the record
     * has none of them, as the server does not send an empty record.
     */
    static boolean record(ByteBuf out, String namespace, byte[] digest, Record record, List<String> bins,
                          boolean noBins, Long indexValue) {
        int count = 0;
        if (!noBins) {
            if (bins == null) {
                count = record.bins().size();
            } else {
                for (String bin : bins) {
                    if (record.bins().containsKey(bin)) {
                        count++;
                    }
                }
                if (count == 0) {
                    return false;
                }
            }
        }
        int fields = 2 + (record.set().isEmpty() ? 0 : 1) + (record.userKey() == null ? 0 : 1) + (indexValue == null ? 0 : 1);
        out.writeByte(Request.HEADER_SIZE);
        out.writeByte(noBins ? Request.INFO1_NOBINDATA : 0);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(0);
        out.writeInt(record.generation());
        out.writeInt(Replies.expiration(record.voidTimeMillis()));
        out.writeInt(0);
        out.writeShort(fields);
        out.writeShort(count);
        textField(out, FIELD_NAMESPACE, namespace);
        out.writeInt(1 + digest.length);
        out.writeByte(FIELD_DIGEST);
        out.writeBytes(digest);
        if (!record.set().isEmpty()) {
            textField(out, FIELD_SET, record.set());
        }
        if (record.userKey() != null) {
            int sizeAt = out.writerIndex();
            out.writeInt(0);
            out.writeByte(FIELD_KEY);
            out.writeByte(Particles.typeOf(record.userKey()));
            Particles.write(out, record.userKey());
            out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
        }
        if (indexValue != null) {
            out.writeInt(9);
            out.writeByte(FIELD_BVAL);
            out.writeLongLE(indexValue);
        }
        if (noBins) {
            return true;
        }
        if (bins == null) {
            for (Map.Entry<String, Value> bin : record.bins().entrySet()) {
                bin(out, bin.getKey(), bin.getValue());
            }
        } else {
            for (String name : bins) {
                Value v = record.bins().get(name);
                if (v != null) {
                    bin(out, name, v);
                }
            }
        }
        return true;
    }

    /** Appends partition {@code id}'s "done" marker with {@code resultCode} (PARTITION_UNAVAILABLE: retry it elsewhere). */
    static void partitionDone(ByteBuf out, int id, int resultCode) {
        out.writeByte(Request.HEADER_SIZE);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(ScanMessage.INFO3_PARTITION_DONE);
        out.writeByte(0);
        out.writeByte(resultCode);
        out.writeInt(id);
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(0);
        out.writeShort(0);
    }

    private static void textField(ByteBuf out, int type, String text) {
        int sizeAt = out.writerIndex();
        out.writeInt(0);
        out.writeByte(type);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
    }

    private static void bin(ByteBuf out, String name, Value value) {
        int sizeAt = out.writerIndex();
        out.writeInt(0);
        out.writeByte(OP_READ);
        out.writeByte(Particles.typeOf(value));
        out.writeByte(0);
        int nameSizeAt = out.writerIndex();
        out.writeByte(0);
        out.setByte(nameSizeAt, out.writeCharSequence(name, StandardCharsets.UTF_8));
        Particles.write(out, value);
        out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
    }
}
