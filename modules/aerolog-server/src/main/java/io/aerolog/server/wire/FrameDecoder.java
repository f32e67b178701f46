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
 * and the body. A frame of another version, or larger than any record could need, ends the
 * connection (its bytes cannot be skipped safely), after an answer saying why where one can be given.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    /** One frame: its proto type and its body. */
    record Frame(int type, byte[] body) {
    }

    private final int maxFrame;

    FrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 8) {
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
            if (size > maxFrame) {
                LOG.debug("closing {}: a frame of {} bytes is over {}", ctx.channel().remoteAddress(), size, maxFrame);
                in.skipBytes(in.readableBytes());
                ctx.writeAndFlush(Replies.error(ctx.alloc(), ResultCode.RECORD_TOO_BIG.code()))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (in.readableBytes() < 8 + size) {
                return;
            }
            in.skipBytes(8);
            byte[] body = new byte[(int) size];
            in.readBytes(body);
            out.add(new Frame(type, body));
        }
    }
}
