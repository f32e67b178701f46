package io.aerolog.server.wire;

import static io.aerolog.server.wire.WireFrames.answers;
import static io.aerolog.server.wire.WireFrames.bytes;
import static io.aerolog.server.wire.WireFrames.compressed;
import static io.aerolog.server.wire.WireFrames.concat;
import static io.aerolog.server.wire.WireFrames.frame;
import static io.aerolog.server.wire.WireFrames.info;
import static io.aerolog.server.wire.WireFrames.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one connection of the wire listener answers, in order, for what needs no namespace ({@link WireHandler} with
 * an empty namespace map, on an embedded channel; batches on a pool the test runs by hand): pipelined requests
 * behind an asynchronous one, the read gate at the bound of waiting requests, compressed frames, security frames,
 * refused fields and flags, and the bounds of info requests.
 */
class WireHandlerTest {
    private static final int MAX_FRAME = 256 * 1024;
    private static final int MAX_WAITING = 3;

    private final InflightBudget budget = new InflightBudget(8L << 20);
    private final WireFrames.ManualExecutor batches = new WireFrames.ManualExecutor();
    private final WireServices services = WireFrames.services(budget, batches, MAX_WAITING, MAX_FRAME);
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        channel = WireFrames.connection(services);
    }

    private List<WireFrames.Answer> send(byte[] bytes) {
        channel.writeInbound(bytes(bytes));
        channel.runPendingTasks();
        return answers(channel);
    }

    /**
     * Requests sent behind a batch (answered later, from its pool) wait for it and are answered after it, in the
     * order they came, whatever each one is.
     */
    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() {
        channel.writeInbound(bytes(concat(WireFrames.batch("nope", 2, false), info("node\n"), read("nope"),
                frame(Replies.TYPE_SECURITY, new byte[16]))));
        assertThat(answers(channel)).as("everything waits behind the batch").isEmpty();
        assertThat(batches.runAll()).isEqualTo(1);
        channel.runPendingTasks();
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).extracting(WireFrames.Answer::type).containsExactly(Replies.TYPE_MESSAGE,
                Replies.TYPE_MESSAGE, Replies.TYPE_INFO, Replies.TYPE_MESSAGE, Replies.TYPE_SECURITY);
        assertThat(answers.get(0).messageCodes()).as("the first key fails the batch: it stops there")
                .containsExactly(ResultCode.INVALID_NAMESPACE.code());
        assertThat(answers.get(1).messageCodes()).as("the last message carries why")
                .containsExactly(ResultCode.INVALID_NAMESPACE.code());
        assertThat(answers.get(2).text()).isEqualTo("node\tnode-1\n");
        assertThat(answers.get(3).resultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(answers.get(4).resultCode()).isEqualTo(ResultCode.SECURITY_NOT_SUPPORTED.code());
        assertThat(budget.used()).isZero();
    }

    @Test
    void aBatchThatRespondsForAllKeysAnswersEachKeyThenOk() {
        send(WireFrames.batch("nope", 3, true));
        batches.runAll();
        channel.runPendingTasks();
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).messageCodes()).containsExactly(20, 20, 20);
        assertThat(answers.get(1).messageCodes()).containsExactly(ResultCode.OK.code());
    }

    /**
     * The connection stops reading once {@value #MAX_WAITING} requests wait behind the one being answered, and reads
     * again when they have been answered.
     */
    @Test
    void theReadGateClosesAtTheBoundOfWaitingRequestsAndReopens() {
        channel.writeInbound(bytes(WireFrames.batch("nope", 1, false)));
        channel.writeInbound(bytes(info("node\n")));
        channel.writeInbound(bytes(info("build\n")));
        assertThat(channel.config().isAutoRead()).as("two wait: still reading").isTrue();
        channel.writeInbound(bytes(info("edition\n")));
        assertThat(channel.config().isAutoRead()).as("three wait: it stops reading").isFalse();
        assertThat(ReadGate.of(channel).isClosedBy(ReadGate.Reason.QUEUE)).isTrue();
        assertThat(answers(channel)).isEmpty();

        batches.runAll();
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(ReadGate.of(channel).isClosedBy(ReadGate.Reason.QUEUE)).isFalse();
        List<WireFrames.Answer> answers = answers(channel);
        assertThat(answers).hasSize(5);
        assertThat(answers.subList(2, 5)).extracting(WireFrames.Answer::text).containsExactly("node\tnode-1\n",
                "build\t8.0.0\n", "edition\tAerospike Community Edition\n");
    }

    @Test
    void aCompressedMessageIsInflatedAndServed() {
        byte[] inner = read("nope");
        List<WireFrames.Answer> answers = send(compressed(inner.length, inner));
        assertThat(answers).singleElement().extracting(WireFrames.Answer::resultCode)
                .as("the inflated read reached the namespace lookup").isEqualTo(ResultCode.INVALID_NAMESPACE.code());
        assertThat(budget.used()).isZero();
    }

    /** A compressed frame that claims more than a frame may be is refused before anything is allocated for it. */
    @Test
    void aCompressedFrameClaimingMoreThanAFrameMayBeIsRecordTooBig() {
        byte[] inner = read("nope");
        for (long claimed : new long[] {MAX_FRAME + 1L, 1L << 40, Long.MAX_VALUE}) {
            List<WireFrames.Answer> answers = send(compressed(claimed, inner));
            assertThat(answers).as("claims %d", claimed).singleElement().extracting(WireFrames.Answer::resultCode)
                    .isEqualTo(ResultCode.RECORD_TOO_BIG.code());
        }
        assertThat(budget.used()).isZero();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aCompressedFrameThatInflatesToOtherThanItClaimsIsAParameterError() {
        byte[] inner = read("nope");
        for (long claimed : new long[] {inner.length + 10L, inner.length - 1L, 4, -1}) {
            List<WireFrames.Answer> answers = send(compressed(claimed, inner));
            assertThat(answers).as("claims %d for %d", claimed, inner.length).singleElement()
                    .extracting(WireFrames.Answer::resultCode).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        }
        assertThat(send(frame(Replies.TYPE_COMPRESSED, new byte[] {0, 0, 0, 0, 0, 0, 0, 30, 1, 2, 3})))
                .as("not deflate data").singleElement().extracting(WireFrames.Answer::resultCode)
                .isEqualTo(ResultCode.PARAMETER_ERROR.code());
        byte[] infoInside = info("node\n");
        assertThat(send(compressed(infoInside.length, infoInside))).as("a compressed frame holds a message only")
                .singleElement().extracting(WireFrames.Answer::resultCode).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(send(frame(Replies.TYPE_COMPRESSED, new byte[3]))).singleElement()
                .extracting(WireFrames.Answer::resultCode).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(budget.used()).isZero();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aSecurityFrameIsAnsweredSecurityNotSupportedInASecurityMessage() {
        List<WireFrames.Answer> answers = send(frame(Replies.TYPE_SECURITY, new byte[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0}));
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Replies.TYPE_SECURITY);
            assertThat(a.body()).hasSize(16);
            assertThat(a.resultCode()).isEqualTo(51);
        });
        assertThat(channel.isActive()).isTrue();
    }

    /** What the node does not serve is refused before the namespace is looked up: the code says why. */
    @Test
    void fieldsAndFlagsItDoesNotServeAreRefusedWithTheirCodes() {
        byte[] udf = frame(Replies.TYPE_MESSAGE, WireFrames.message(Request.INFO1_READ, 0, 0, 0, List.of(
                WireFrames.Field.text(Request.FIELD_NAMESPACE, "nope"), WireFrames.Field.text(30, "module.lua")),
                List.of()));
        byte[] transaction = frame(Replies.TYPE_MESSAGE, WireFrames.message(Request.INFO1_READ, 0, 0, 1, List.of(
                WireFrames.Field.text(Request.FIELD_NAMESPACE, "nope")), List.of()));
        byte[] unknownField = frame(Replies.TYPE_MESSAGE, WireFrames.message(Request.INFO1_READ, 0, 0, 0, List.of(
                WireFrames.Field.text(Request.FIELD_NAMESPACE, "nope"), WireFrames.Field.text(200, "?")), List.of()));
        byte[] scan = frame(Replies.TYPE_MESSAGE, WireFrames.message(Request.INFO1_READ, 0, 0, 0, List.of(
                WireFrames.Field.text(Request.FIELD_NAMESPACE, "nope")), List.of()));
        List<WireFrames.Answer> answers = send(concat(udf, transaction, unknownField, scan));
        // a UDF over a scan without its udf-op is a parameter error, as the server's get_query_type answers it
        assertThat(answers).extracting(WireFrames.Answer::resultCode).containsExactly(
                ResultCode.PARAMETER_ERROR.code(), ResultCode.UNSUPPORTED_FEATURE.code(),
                ResultCode.PARAMETER_ERROR.code(), ResultCode.UNSUPPORTED_FEATURE.code());
    }

    @Test
    void aMalformedMessageIsAParameterErrorAndTheConnectionGoesOn() {
        List<WireFrames.Answer> answers = send(concat(frame(Replies.TYPE_MESSAGE, new byte[5]),
                frame(Replies.TYPE_MESSAGE, WireFrames.message(Request.INFO1_READ, 0, 0, 0,
                        List.of(new WireFrames.Field(Request.FIELD_DIGEST, new byte[7])), List.of())),
                info("node\n")));
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(answers.get(1).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR.code());
        assertThat(answers.get(2).text()).isEqualTo("node\tnode-1\n");
    }

    @Test
    void infoRequestsAreBoundedInSizeAndNames() {
        String summary = send(info("")).get(0).text();
        assertThat(summary.lines()).extracting(l -> l.substring(0, l.indexOf('\t')))
                .as("an empty info request answers Aerospike's default names (as_info's default list)")
                .containsExactly("features", "node", "compatibility-id", "edition", "build_ee_sha", "build_sha",
                        "build_arch", "build_time", "build_os", "build", "version", "statistics", "services-alumni",
                        "services", "partition-generation");

        String tooLong = "x".repeat(InfoCommands.MAX_REQUEST_BYTES + 1);
        assertThat(send(info(tooLong)).get(0).text())
                .startsWith("ERROR:4:").contains(String.valueOf(InfoCommands.MAX_REQUEST_BYTES));

        StringBuilder names = new StringBuilder();
        for (int i = 0; i < InfoCommands.MAX_NAMES + 40; i++) {
            names.append("node\n");
        }
        List<String> lines = send(info(names.toString())).get(0).text().lines().toList();
        assertThat(lines).hasSize(InfoCommands.MAX_NAMES + 1);
        assertThat(lines.subList(0, InfoCommands.MAX_NAMES)).allMatch(l -> l.equals("node\tnode-1"));
        assertThat(lines.get(InfoCommands.MAX_NAMES)).isEqualTo("ERROR:4:at most " + InfoCommands.MAX_NAMES
                + " names per info request");

        assertThat(send(info("no-such-name\nnamespace/nope\n")).get(0).text().lines().toList())
                .satisfiesExactly(l -> assertThat(l).startsWith("no-such-name\tERROR:").contains("unrecognized"),
                        // as Aerospike's server answers a namespace it does not have
                        l -> assertThat(l).isEqualTo("namespace/nope\ttype=unknown"));
        assertThat(send(info("namespaces\n")).get(0).text().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("namespaces\t\n".getBytes(StandardCharsets.UTF_8));
    }
}
