package io.aerolog.server.wire;

import static io.aerolog.server.wire.WireFrames.answers;
import static io.aerolog.server.wire.WireFrames.bytes;
import static io.aerolog.server.wire.WireFrames.concat;
import static io.aerolog.server.wire.WireFrames.frame;
import static io.aerolog.server.wire.WireFrames.header;
import static io.aerolog.server.wire.WireFrames.info;
import static io.aerolog.server.wire.WireFrames.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a connection's bytes become frames ({@link FrameDecoder} in front of {@link WireHandler}, on an embedded
 * channel): frames cut anywhere or arriving together, oversized frames answered and skipped, a foreign protocol
 * version ending the connection, and the listener's byte budget parking and resuming connections.
 */
class FrameDecoderTest {
    private static final int MAX_FRAME = 1024;

    private final InflightBudget budget = new InflightBudget(1L << 20);
    private final WireFrames.ManualExecutor batches = new WireFrames.ManualExecutor();
    private final WireServices services = WireFrames.services(budget, batches, 16, MAX_FRAME);

    @Test
    void aFrameCutAtAnyByteIsAnsweredOnceItIsWhole() {
        byte[] request = info("node\nbuild\n");
        for (int cut = 1; cut < request.length; cut++) {
            EmbeddedChannel channel = WireFrames.connection(services);
            channel.writeInbound(bytes(Arrays.copyOfRange(request, 0, cut)));
            assertThat(answers(channel)).as("cut at %d: nothing before the frame is whole", cut).isEmpty();
            channel.writeInbound(bytes(Arrays.copyOfRange(request, cut, request.length)));
            List<WireFrames.Answer> answers = answers(channel);
            assertThat(answers).as("cut at %d", cut).hasSize(1);
            assertThat(answers.get(0).text()).isEqualTo("node\tnode-1\nbuild\t8.0.0\n");
            assertThat(budget.used()).isZero();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aFrameArrivingAByteAtATimeIsAnsweredOnce() {
        EmbeddedChannel channel = WireFrames.connection(services);
        byte[] request = concat(info("node\n"), read("nope"));
        for (byte b : request) {
            channel.writeInbound(bytes(new byte[] {b}));
        }
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).extracting(WireFrames.Answer::type).containsExactly(Replies.TYPE_INFO, Replies.TYPE_MESSAGE);
        assertThat(answers.get(1).resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE.code());
    }

    @Test
    void framesArrivingTogetherAreEachAnsweredInOrder() {
        EmbeddedChannel channel = WireFrames.connection(services);
        channel.writeInbound(bytes(concat(info("node\n"), frame(Replies.TYPE_SECURITY, new byte[16]), read("nope"),
                frame(9, new byte[3]), info("features\n"))));
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).extracting(WireFrames.Answer::type).containsExactly(Replies.TYPE_INFO,
                Replies.TYPE_SECURITY, Replies.TYPE_MESSAGE, Replies.TYPE_MESSAGE, Replies.TYPE_INFO);
        assertThat(answers.get(0).text()).isEqualTo("node\tnode-1\n");
        assertThat(answers.get(1).resultCode()).isEqualTo(ResultCode.SECURITY_NOT_SUPPORTED.code());
        assertThat(answers.get(2).resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(answers.get(3).resultCode()).as("proto type 9 is not Aerospike's")
                .isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(answers.get(4).text()).startsWith("features\t");
        assertThat(channel.isActive()).isTrue();
    }

    /** An oversized frame is answered RECORD_TOO_BIG at once; its body is skipped as it arrives; the connection goes on. */
    @Test
    void anOversizedFrameIsAnsweredRecordTooBigAndItsBodySkipped() {
        EmbeddedChannel channel = WireFrames.connection(services);
        int size = 5 * MAX_FRAME;
        channel.writeInbound(bytes(header(Replies.TYPE_MESSAGE, size)));
        List<WireFrames.Answer> first = answers(channel);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).resultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG.code());
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 0x02); // bytes that would read as proto headers if they were not skipped
        channel.writeInbound(bytes(Arrays.copyOfRange(body, 0, 1000)));
        channel.writeInbound(bytes(Arrays.copyOfRange(body, 1000, 4000)));
        channel.writeInbound(bytes(concat(Arrays.copyOfRange(body, 4000, size), info("node\n"))));
        List<WireFrames.Answer> after = answers(channel);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).text()).isEqualTo("node\tnode-1\n");
        assertThat(channel.isActive()).isTrue();
        assertThat(budget.used()).as("a skipped body holds no budget").isZero();
    }

    @Test
    void aFrameTooLargeEvenToSkipIsAnsweredThenTheConnectionCloses() {
        EmbeddedChannel channel = WireFrames.connection(services);
        channel.writeInbound(bytes(header(Replies.TYPE_MESSAGE, FrameDecoder.MAX_SKIP + 1)));
        channel.runPendingTasks();
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).resultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG.code());
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aFrameOfAnotherProtoVersionClosesTheConnection() {
        EmbeddedChannel channel = WireFrames.connection(services);
        channel.writeInbound(bytes(concat(frame(3, Replies.TYPE_INFO, "node\n".getBytes()), info("node\n"))));
        assertThat(answers(channel)).as("its bytes cannot be skipped safely: nothing after it is read").isEmpty();
        assertThat(channel.isActive()).isFalse();
        assertThat(budget.used()).isZero();
    }

    /**
     * Two connections share a budget of 100 bytes: one holds 71 with a batch not yet answered, so the other's next
     * frame (62 bytes) does not fit: that connection stops reading, and resumes when the batch's answer frees the
     * budget.
     */
    @Test
    void theByteBudgetParksAConnectionAndResumesItWhenAnotherFreesIt() {
        InflightBudget small = new InflightBudget(100);
        WireServices shared = WireFrames.services(small, batches, 16, MAX_FRAME);
        EmbeddedChannel holder = WireFrames.connection(shared);
        EmbeddedChannel parked = WireFrames.connection(shared);
        byte[] batch = WireFrames.batch("nope", 1, false);
        byte[] read = read("nope");
        assertThat(batch.length - 8).isEqualTo(71);
        assertThat(read.length - 8).isEqualTo(62);

        holder.writeInbound(bytes(batch));
        assertThat(small.used()).isEqualTo(71);
        assertThat(answers(holder)).as("the batch waits for its pool").isEmpty();

        parked.writeInbound(bytes(read));
        assertThat(answers(parked)).isEmpty();
        assertThat(parked.config().isAutoRead()).as("parked: it stops reading").isFalse();
        assertThat(ReadGate.of(parked).isClosedBy(ReadGate.Reason.BUDGET)).isTrue();
        assertThat(small.used()).isEqualTo(71);

        assertThat(batches.runAll()).isEqualTo(1);
        holder.runPendingTasks();
        assertThat(answers(holder)).isNotEmpty();
        assertThat(parked.config().isAutoRead()).as("resumed on its own event loop, not on the releasing one")
                .isFalse();
        parked.runPendingTasks();
        assertThat(parked.config().isAutoRead()).isTrue();
        List<WireFrames.Answer> answers = answers(parked);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(small.used()).isZero();
    }

    /** A frame larger than the whole budget still passes when nothing else is held, so it can be answered. */
    @Test
    void aFrameLargerThanTheWholeBudgetPassesAlone() {
        InflightBudget tiny = new InflightBudget(10);
        EmbeddedChannel channel = WireFrames.connection(WireFrames.services(tiny, batches, 16, MAX_FRAME));
        channel.writeInbound(bytes(read("nope")));
        assertThat(answers(channel)).singleElement().extracting(WireFrames.Answer::resultCode)
                .isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(tiny.used()).isZero();
    }

    @Test
    void aConnectionThatClosesMidFrameGivesItsReservationBack() {
        EmbeddedChannel channel = WireFrames.connection(services);
        byte[] request = read("nope");
        channel.writeInbound(bytes(Arrays.copyOfRange(request, 0, 20)));
        assertThat(budget.used()).as("reserved from its header on").isEqualTo(request.length - 8);
        channel.close();
        assertThat(budget.used()).isZero();
    }
}
