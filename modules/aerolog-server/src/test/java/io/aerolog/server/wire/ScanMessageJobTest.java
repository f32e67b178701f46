package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.ResultCode;
import io.aerolog.server.jobs.BackgroundJobs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a job message (a background scan or query, an aggregation) is read, as the server's {@code
 * get_query_type} tells them apart, and the info commands that show and abort jobs.
 */
class ScanMessageJobTest {
    private static final long TRID = 0xFEDC_BA98_7654_3210L;

    private static List<WireFrames.Field> fields(int udfOp) {
        List<WireFrames.Field> fields = new ArrayList<>();
        fields.add(WireFrames.Field.text(Request.FIELD_NAMESPACE, "test"));
        fields.add(WireFrames.Field.text(Request.FIELD_SET, "users"));
        fields.add(new WireFrames.Field(ScanMessage.FIELD_QUERY_ID, ByteBuffer.allocate(8).putLong(TRID).array()));
        if (udfOp >= 0) {
            fields.add(new WireFrames.Field(ScanMessage.FIELD_UDF_OP, new byte[] {(byte) udfOp}));
            fields.add(WireFrames.Field.text(Request.FIELD_UDF_PACKAGE_NAME, "stats"));
            fields.add(WireFrames.Field.text(Request.FIELD_UDF_FUNCTION, "sum"));
            fields.add(new WireFrames.Field(Request.FIELD_UDF_ARGLIST, new byte[] {(byte) 0x90}));
        }
        return fields;
    }

    private static ScanMessage.Job job(int info1, int info2, int udfOp, List<WireFrames.Op> ops) {
        byte[] body = WireFrames.message(info1, info2, 0, 0, fields(udfOp), ops);
        Request r = Request.parse(body, 0, body.length);
        assertThat(ScanMessage.isJob(r)).isTrue();
        return ScanMessage.parseJob(r, body, 0, body.length);
    }

    @Test
    void aBackgroundOperationsScanCoversEveryPartitionUnderTheClientsTaskId() {
        ScanMessage.Job job = job(0, Request.INFO2_WRITE, -1, List.of(new WireFrames.Op(Commands.OP_ADD, Particles.INTEGER, "n", ByteBuffer.allocate(8).putLong(1).array())));
        assertThat(job.udfOp()).isZero();
        assertThat(job.trid()).isEqualTo(TRID);
        assertThat(job.ops()).hasSize(1);
        assertThat(job.scan().parts()).hasSize(Digest.PARTITIONS);
        assertThat(job.scan().set()).isEqualTo("users");
    }

    @Test
    void aUdfJobIsABackgroundOneOrAnAggregationByItsUdfOp() {
        assertThat(job(0, Request.INFO2_WRITE, ScanMessage.UDF_OP_BACKGROUND, List.of()).aggregate()).isFalse();
        ScanMessage.Job aggregate = job(Request.INFO1_READ, 0, ScanMessage.UDF_OP_AGGREGATE, List.of());
        assertThat(aggregate.aggregate()).isTrue();
        assertThat(aggregate.udf().packageName()).isEqualTo("stats");
        assertThat(aggregate.udf().function()).isEqualTo("sum");
        for (int op : new int[] {0, 3, 200}) {
            assertThatThrownBy(() -> job(Request.INFO1_READ, 0, op, List.of())).as("udf-op %d", op)
                    .isInstanceOfSatisfying(AerologException.class,
                            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        }
        // an aggregation does not write, a background UDF does
        assertThatThrownBy(() -> job(0, Request.INFO2_WRITE, ScanMessage.UDF_OP_AGGREGATE, List.of()))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        assertThatThrownBy(() -> job(Request.INFO1_READ, 0, ScanMessage.UDF_OP_BACKGROUND, List.of()))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    @Test
    void aBackgroundWriteWithoutOperationsIsAParameterError() {
        assertThatThrownBy(() -> job(0, Request.INFO2_WRITE, -1, List.of()))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    @Test
    void aJobOverTheServersMaximumRateIsRefusedBeforeItStarts() {
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            assertThatThrownBy(() -> jobs.start(1, null, null, null, null, BackgroundJobs.MAX_RPS + 1, "x"))
                    .isInstanceOfSatisfying(AerologException.class,
                            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        }
    }

    @Test
    void queryShowAndAbortAnswerAsTheServer() {
        try (BackgroundJobs jobs = new BackgroundJobs(1)) {
            InfoQueryJobs info = new InfoQueryJobs(jobs);
            assertThat(answer(info::show, "")).isEmpty();
            assertThat(answer(info::show, "trid=12")).isEqualTo("ERROR:2:job not found");
            assertThat(answer(info::show, "id=0")).isEqualTo("ERROR:4:bad id");
            assertThat(answer(info::abort, "trid=x")).isEqualTo("ERROR:4:bad id");
            assertThat(answer(info::abort, "id=0x1f")).isEqualTo("ERROR:2:id not active");
            assertThat(answer(info::abortAll, "")).isEqualTo("number-of-queries-killed:0");
        }
        assertThat(InfoQueryJobs.parse("0x1f")).isEqualTo(31);
        assertThat(InfoQueryJobs.parse("017")).isEqualTo(15);
        assertThat(InfoQueryJobs.parse("18446744073709551615")).isEqualTo(-1L);
        assertThat(InfoQueryJobs.parse("nope")).isZero();
    }

    private static String answer(InfoCommands.Handler handler, String params) {
        StringBuilder sb = new StringBuilder();
        handler.answer(params, new InfoText(sb));
        return sb.toString();
    }
}
