package io.aerolog.server.wire;

import io.aerolog.core.Value;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.codec.StoredBinVisitor;
import io.aerolog.core.codec.StoredHeader;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

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
     * Writes the record messages of one scan or query (one lane of it) from each record's stored header
     * ({@link StoredHeader}): its header fields, and its bins copied from the stored bytes where the header ends
     * rather than made into values and encoded again, which took most of a full scan's time. The namespace is
     * encoded once, and a set once per run of records of that set (compared in place); a user key is made only
     * when one was stored. Not thread-safe: one per lane.
     */
    static final class RecordWriter implements StoredBinVisitor {
        private final byte[] namespace;
        private final BinSelection bins;
        private final boolean noBins;
        private byte[] set = new byte[0];
        private ByteBuf out;
        private int count;

        /** A writer of records of {@code namespace} with the bins {@code bins} selects, or none at all ({@code noBins}). */
        RecordWriter(String namespace, BinSelection bins, boolean noBins) {
            this.namespace = namespace.getBytes(StandardCharsets.UTF_8);
            this.bins = bins;
            this.noBins = noBins;
        }

        /**
         * Appends the message of the record stored with {@code header}, with {@code indexValue} for a query; false
         * (nothing appended) when bins were selected and the record has none of them, as the server does not send
         * an empty record.
         */
        boolean write(ByteBuf out, byte[] digest, StoredHeader header, Long indexValue) {
            int start = out.writerIndex();
            if (!header.setIs(set)) {
                set = header.set().getBytes(StandardCharsets.UTF_8);
            }
            Value userKey = header.userKey();
            int fields = 2 + (set.length == 0 ? 0 : 1) + (userKey == null ? 0 : 1) + (indexValue == null ? 0 : 1);
            out.writeByte(Request.HEADER_SIZE);
            out.writeByte(noBins ? Request.INFO1_NOBINDATA : 0);
            out.writeByte(0);
            out.writeByte(0);
            out.writeByte(0);
            out.writeByte(0);
            out.writeInt(header.generation());
            out.writeInt(Replies.expiration(header.voidTimeMillis()));
            out.writeInt(0);
            out.writeShort(fields);
            int countAt = out.writerIndex();
            out.writeShort(0);
            field(out, FIELD_NAMESPACE, namespace);
            field(out, FIELD_DIGEST, digest);
            if (set.length != 0) {
                field(out, FIELD_SET, set);
            }
            if (userKey != null) {
                int sizeAt = out.writerIndex();
                out.writeInt(0);
                out.writeByte(FIELD_KEY);
                out.writeByte(Particles.typeOf(userKey));
                Particles.write(out, userKey);
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
            this.out = out;
            count = 0;
            header.visitBins(bins, this);
            this.out = null;
            if (count == 0 && !bins.all()) {
                out.writerIndex(start);
                return false;
            }
            out.setShort(countAt, count);
            return true;
        }

        @Override
        public void integer(byte[] b, int nameAt, int nameLength, long value) {
            int sizeAt = op(b, nameAt, nameLength, Particles.INTEGER);
            out.writeLong(value);
            end(sizeAt);
        }

        @Override
        public void floating(byte[] b, int nameAt, int nameLength, double value) {
            int sizeAt = op(b, nameAt, nameLength, Particles.DOUBLE);
            out.writeLong(Double.doubleToLongBits(value));
            end(sizeAt);
        }

        @Override
        public void bytes(byte[] b, int nameAt, int nameLength, Value.Type type, int at, int length) {
            int sizeAt = op(b, nameAt, nameLength, switch (type) {
                case STRING -> Particles.STRING;
                case BYTES -> Particles.BLOB;
                case GEOJSON -> Particles.GEOJSON;
                case HLL -> Particles.HLL;
                default -> throw new IllegalArgumentException(type + " is not a particle of bytes");
            });
            if (type == Value.Type.GEOJSON) {
                out.writeZero(Particles.GEOJSON_HEADER_SIZE);
            }
            out.writeBytes(b, at, length);
            end(sizeAt);
        }

        @Override
        public void value(byte[] b, int nameAt, int nameLength, Value value) {
            int sizeAt = op(b, nameAt, nameLength, Particles.typeOf(value));
            Particles.write(out, value);
            end(sizeAt);
        }

        /** Starts a read operation of the bin named by {@code nameLength} bytes of {@code b} from {@code nameAt}. */
        private int op(byte[] b, int nameAt, int nameLength, int particleType) {
            int sizeAt = out.writerIndex();
            out.writeInt(0);
            out.writeByte(OP_READ);
            out.writeByte(particleType);
            out.writeByte(0);
            out.writeByte(nameLength);
            out.writeBytes(b, nameAt, nameLength);
            return sizeAt;
        }

        private void end(int sizeAt) {
            out.setInt(sizeAt, out.writerIndex() - sizeAt - 4);
            count++;
        }

        private static void field(ByteBuf out, int type, byte[] value) {
            out.writeInt(1 + value.length);
            out.writeByte(type);
            out.writeBytes(value);
        }
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
}
