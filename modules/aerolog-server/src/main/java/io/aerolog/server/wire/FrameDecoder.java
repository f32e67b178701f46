package io.aerolog.server.wire;

import io.aerolog.core.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream into Aerospike proto frames: 8 bytes of header (version 2, type, 48-bit length)
 * and the body. Each frame reserves its size from the listener's {@link InflightBudget} before its body is
 * read; when it does not fit, the connection stops reading until it does. A frame larger than any
 * request may be is answered RECORD_TOO_BIG and its body skipped as it arrives, so the client reads the
 * answer and the connection goes on; one of another version ends the connection (its bytes cannot be
 * skipped safely), as does a body too large even to skip.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);
    /** The largest oversized body skipped rather than ending the connection. */
    static final long MAX_SKIP = 64L * 1024 * 1024;

    /** One frame: its proto type, its body, and the budget it holds until {@link #release}d. */
    static final class Frame {
        private final int type;
        private final byte[] body;
        private final InflightBudget budget;
        private boolean released;

        Frame(int type, byte[] body, InflightBudget budget) {
            this.type = type;
            this.body = body;
            this.budget = budget;
        }

        int type() {
            return type;
        }

        byte[] body() {
            return body;
        }

        /** Gives the frame's bytes back to the budget once it is answered; harmless twice. */
        void release() {
            if (!released) {
                released = true;
                budget.release(body.length);
            }
        }
    }

    private final int maxFrame;
    private final InflightBudget budget;
    private long skipping;
    private boolean reserved;
    private long reservedSize;
    private boolean parked;

    FrameDecoder(int maxFrame, InflightBudget budget) {
        this.maxFrame = maxFrame;
        this.budget = budget;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (skipping > 0) {
                int n = (int) Math.min(skipping, in.readableBytes());
                in.skipBytes(n);
                skipping -= n;
                if (skipping > 0) {
                    return;
                }
            }
            if (in.readableBytes() < 8) {
                return;
            }
            long header = in.getLong(in.readerIndex());
            int version = (int) (header >>> 56) & 0xFF;
            int type = (int) (header >>> 48) & 0xFF;
            long size = header & 0xFFFF_FFFF_FFFFL;
            if (version != Replies.PROTO_VERSION) {
                LOG.debug("closing {}: proto version {} is not Aerospike's 2", ctx.channel().remoteAddress(), version);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (type == Replies.TYPE_INFO && size > InfoCommands.MAX_REQUEST_BYTES) {
                // an info request this large is no client's: answer in the info shape, skip its body, go on
                in.skipBytes(8);
                byte[] error = ("ERROR:4:an info request is at most " + InfoCommands.MAX_REQUEST_BYTES + " bytes, not "
                        + size + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ByteBuf reply = Replies.begin(ctx.alloc(), Replies.TYPE_INFO, error.length);
                var answer = ctx.writeAndFlush(Replies.end(reply.writeBytes(error)));
                if (size > MAX_SKIP) {
                    in.skipBytes(in.readableBytes());
                    answer.addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                skipping = size;
                continue;
            }
            if (size > maxFrame) {
                LOG.debug("{}: a frame of {} bytes is over {}", ctx.channel().remoteAddress(), size, maxFrame);
                in.skipBytes(8);
                var answer = ctx.writeAndFlush(Replies.error(ctx.alloc(), ResultCode.RECORD_TOO_BIG.code()));
                if (size > MAX_SKIP) {
                    in.skipBytes(in.readableBytes());
                    answer.addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                skipping = size;
                continue;
            }
            if (!reserved) {
                if (!budget.tryReserve(size)) {
                    park(ctx);
                    return;
                }
                reserved = true;
                reservedSize = size;
            }
            if (in.readableBytes() < 8 + size) {
                return;
            }
            in.skipBytes(8);
            byte[] body = new byte[(int) size];
            in.readBytes(body);
            reserved = false;
            out.add(new Frame(type, body, budget));
        }
    }

    /** Stops reading until the budget has room, then decodes what is buffered and reads again. */
    private void park(ChannelHandlerContext ctx) {
        if (parked) {
            return;
        }
        parked = true;
        ReadGate.of(ctx.channel()).close(ReadGate.Reason.BUDGET);
        budget.whenFree(() -> ctx.executor().execute(() -> {
            parked = false;
            if (ctx.channel().isActive()) {
                ReadGate.of(ctx.channel()).open(ReadGate.Reason.BUDGET);
                ctx.pipeline().fireChannelRead(io.netty.buffer.Unpooled.EMPTY_BUFFER);
            }
        }));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // the decoder's last pass over what is buffered comes first: it may reserve a frame's size again
        super.channelInactive(ctx);
        if (reserved) {
            reserved = false;
            // a frame whose header arrived and whose body never will: give its reservation back
            budget.release(reservedSize);
        }
    }
}
