package io.aerolog.core.udf;

import static io.aerolog.core.udf.Udfs.NOW;
import static io.aerolog.core.udf.Udfs.answer;
import static io.aerolog.core.udf.Udfs.bin;
import static io.aerolog.core.udf.Udfs.record;
import static io.aerolog.core.udf.Udfs.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import org.junit.jupiter.api.Test;

/** Record UDFs through the record engine: reads, writes, creates, removes, TTLs and their answers, as Aerospike's server gives them. */
class RecordUdfTest {

    @Test
    void readsBinsAndAnswersSuccess() {
        Outcome o = run(record("name", "Ada", "visits", 3), "function f(r) return r['name'] .. ':' .. r.visits end", "f");
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.NONE);
        assertThat(bin(o)).isEqualTo("SUCCESS");
        assertThat(answer(o)).isEqualTo(Value.of("Ada:3"));
    }

    @Test
    void updateWritesCachedBinsAndBumpsGeneration() {
        Outcome o = run(record("visits", 3), "function f(r, n) r.visits = r.visits + n; aerospike:update(r); return r.visits end",
                "f", Value.of(2L));
        assertThat(o.isOk()).isTrue();
        assertThat(o.effect()).isEqualTo(Effect.WRITE);
        assertThat(o.record().bins()).containsEntry("visits", Value.of(5L));
        assertThat(o.record().generation()).isEqualTo(4);
        assertThat(answer(o)).isEqualTo(Value.of(5L));
    }
}
