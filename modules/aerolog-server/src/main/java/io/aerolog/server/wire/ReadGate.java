package io.aerolog.server.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Whether a connection reads, as the reasons to stop say: the listener's byte budget is spent
 * ({@link FrameDecoder}), or the connection has as many requests waiting as it may
 * ({@link WireHandler}), or the client does not read its answers. It reads when no reason holds.
 * Used on the connection's event loop only.
 */
final class ReadGate {
    /** Why a connection stops reading. */
    enum Reason { BUDGET, QUEUE, UNWRITABLE }

    private static final AttributeKey<ReadGate> KEY = AttributeKey.valueOf("aerolog.readGate");

    private final Channel channel;
    private int closedBy;

    private ReadGate(Channel channel) {
        this.channel = channel;
    }

    static ReadGate of(Channel channel) {
        ReadGate gate = channel.attr(KEY).get();
        if (gate == null) {
            gate = new ReadGate(channel);
            channel.attr(KEY).set(gate);
        }
        return gate;
    }

    void close(Reason reason) {
        closedBy |= 1 << reason.ordinal();
        channel.config().setAutoRead(false);
    }

    /** Lifts {@code reason}; returns true when the connection reads again. */
    boolean open(Reason reason) {
        closedBy &= ~(1 << reason.ordinal());
        if (closedBy == 0 && channel.isActive()) {
            channel.config().setAutoRead(true);
            return true;
        }
        return false;
    }

    boolean isClosedBy(Reason reason) {
        return (closedBy & (1 << reason.ordinal())) != 0;
    }
}
