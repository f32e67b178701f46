package io.aerolog.server.wire;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Aerospike protocol frames built byte by byte as a client sends them, answers read back, and a wire listener's
 * pipeline ({@link FrameDecoder}, {@link WireHandler}) on Netty's {@link EmbeddedChannel} with no namespace: every
 * step runs on the test's thread, in the order the test chooses.
 */
final class WireFrames {
    private WireFrames() {
    }

    /** A proto frame: version 2, {@code type}, the 48-bit size of {@code body}, the body. */
    static byte[] frame(int version, int type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(((long) version << 56) | ((long) type << 48) | body.length)
                .put(body).array();
    }

    static byte[] frame(int type, byte[] body) {
        return frame(Replies.PROTO_VERSION, type, body);
    }

    /** Only a proto header, claiming a body of {@code size} bytes. */
    static byte[] header(int type, long size) {
        return ByteBuffer.allocate(8).putLong(((long) Replies.PROTO_VERSION << 56) | ((long) type << 48) | size).array();
    }

    static byte[] info(String names) {
        return frame(Replies.TYPE_INFO, names.getBytes(StandardCharsets.UTF_8));
    }

    /** One field of a message: its size (counting its type byte), its type, its data. */
    record Field(int type, byte[] data) {
        static Field text(int type, String s) {
            return new Field(type, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One operation of a message. */
    record Op(int type, int particle, String bin, byte[] value) {
    }

    /** An AS_MSG body: the 22-byte header, the fields and the operations. */
    static byte[] message(int info1, int info2, int info3, int info4, List<Field> fields, List<Op> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(Request.HEADER_SIZE);
        header.put((byte) Request.HEADER_SIZE).put((byte) info1).put((byte) info2).put((byte) info3).put((byte) info4)
                .put((byte) 0).putInt(0).putInt(0).putInt(1_000).putShort((short) fields.size())
                .putShort((short) ops.size());
        out.writeBytes(header.array());
        for (Field f : fields) {
            out.writeBytes(ByteBuffer.allocate(5).putInt(f.data().length + 1).put((byte) f.type()).array());
            out.writeBytes(f.data());
        }
        for (Op op : ops) {
            byte[] name = op.bin() == null ? new byte[0] : op.bin().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(8).putInt(4 + name.length + op.value().length).put((byte) op.type())
                    .put((byte) op.particle()).put((byte) 0).put((byte) name.length).array());
            out.writeBytes(name);
            out.writeBytes(op.value());
        }
        return out.toByteArray();
    }

    /** A read of all bins of a key (by digest) of {@code namespace}. */
    static byte[] readMessage(String namespace) {
        return message(Request.INFO1_READ | Request.INFO1_GET_ALL, 0, 0, 0,
                List.of(Field.text(Request.FIELD_NAMESPACE, namespace), Field.text(Request.FIELD_SET, "s"),
                        new Field(Request.FIELD_DIGEST, new byte[20])), List.of());
    }

    static byte[] read(String namespace) {
        return frame(Replies.TYPE_MESSAGE, readMessage(namespace));
    }

    /** A batch read (the old batch-index form) of {@code keys} keys of {@code namespace}. */
    static byte[] batch(String namespace, int keys, boolean respondAllKeys) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        rows.writeBytes(ByteBuffer.allocate(5).putInt(keys).put((byte) (respondAllKeys ? Request.BATCH_RESPOND_ALL_KEYS
                : 0)).array());
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < keys; i++) {
            byte[] digest = new byte[20];
            digest[0] = (byte) i;
            rows.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            rows.writeBytes(digest);
            rows.writeBytes(ByteBuffer.allocate(1 + 1 + 2 + 2).put((byte) 0)
                    .put((byte) (Request.INFO1_READ | Request.INFO1_GET_ALL)).putShort((short) 1).putShort((short) 0)
                    .array());
            rows.writeBytes(ByteBuffer.allocate(5).putInt(ns.length + 1).put((byte) Request.FIELD_NAMESPACE).array());
            rows.writeBytes(ns);
        }
        return frame(Replies.TYPE_MESSAGE, message(Request.INFO1_READ | Request.INFO1_BATCH, 0, 0, 0,
                List.of(new Field(Request.FIELD_BATCH_INDEX, rows.toByteArray())), List.of()));
    }

    /** A compressed frame: the size {@code claimed} for the inflated frame, then {@code inner} deflated. */
    static byte[] compressed(long claimed, byte[] inner) {
        Deflater deflater = new Deflater();
        deflater.setInput(inner);
        deflater.finish();
        byte[] buf = new byte[inner.length + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        return frame(Replies.TYPE_COMPRESSED, ByteBuffer.allocate(8 + n).putLong(claimed).put(buf, 0, n).array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An answer read back: its proto type and body. */
    record Answer(int type, byte[] body) {
        /** The result code of a message answer (or of a security answer). */
        int resultCode() {
            return type == Replies.TYPE_SECURITY ? body[1] & 0xFF : body[5] & 0xFF;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The result codes of every message in a batch answer, in order. */
        List<Integer> messageCodes() {
            List<Integer> codes = new ArrayList<>();
            int p = 0;
            while (p < body.length) {
                codes.add(body[p + 5] & 0xFF);
                int nOps = ((body[p + 20] & 0xFF) << 8) | (body[p + 21] & 0xFF);
                int q = p + Request.HEADER_SIZE;
                for (int i = 0; i < nOps; i++) {
                    q += 4 + ByteBuffer.wrap(body, q, 4).getInt();
                }
                p = q;
            }
            return codes;
        }
    }

    /** Every answer written so far, in order (a buffer may hold several frames). */
    static List<Answer> answers(EmbeddedChannel channel) {
        List<Answer> out = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            try {
                while (buf.readableBytes() >= 8) {
                    long header = buf.readLong();
                    int type = (int) (header >>> 48) & 0xFF;
                    byte[] body = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
                    buf.readBytes(body);
                    out.add(new Answer(type, body));
                }
            } finally {
                buf.release();
            }
        }
        return out;
    }

    static ByteBuf bytes(byte[] b) {
        return Unpooled.wrappedBuffer(b);
    }

    /** An executor that runs what it is given only when told: the batch pool, under the test's control. */
    static final class ManualExecutor extends AbstractExecutorService {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        /** Runs everything queued (and what that queues); returns how many ran. */
        int runAll() {
            int n = 0;
            Runnable r;
            while ((r = queue.poll()) != null) {
                r.run();
                n++;
            }
            return n;
        }

        int queued() {
            return queue.size();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.copyOf(queue);
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** The listener's shared parts for connections to a node without namespaces. */
    static WireServices services(InflightBudget budget, ManualExecutor batches, int maxWaiting, int maxFrame) {
        return new WireServices(Map.of(), new InfoCommands(Map.of(), InfoCommandsTest.SETTINGS, List::of, () -> 0),
                new WireMetrics(new SimpleMeterRegistry()), budget, batches, new ScanPool(1, ScanPool.MAX_SCANS,
                new io.aerolog.server.jobs.BackgroundJobs(io.aerolog.server.jobs.BackgroundJobs.DEFAULT_MAX_ACTIVE)),
                new WireServices.Limits(maxWaiting, maxFrame), null);
    }

    /** A connection: the listener's decoder and handler on an embedded channel. */
    static EmbeddedChannel connection(WireServices services) {
        return new EmbeddedChannel(new FrameDecoder(services.limits().maxFrameBytes(), services.budget()),
                new WireHandler(services));
    }
}
