package io.aerolog.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Paths, bodies and error parsing of the client's side of the HTTP API. */
class RestRequestsTest {

    @Test
    void keyPathsOfEveryKeyType() {
        assertThat(RestRequests.keyPath("/v1/kvs", Key.of("test", "users", "ada")).toString()).isEqualTo("/v1/kvs/test/users/ada");
        assertThat(RestRequests.keyPath("/v1/kvs", Key.of("test", "", "ada")).toString()).as("no set").isEqualTo("/v1/kvs/test/ada");
        assertThat(RestRequests.keyPath("/v1/kvs", Key.of("test", "s", "a b/c?é")).toString())
                .isEqualTo("/v1/kvs/test/s/a%20b%2Fc%3F%C3%A9");
        assertThat(RestRequests.keyPath("/v1/operate", Key.of("test", "s", -42L)).toString())
                .isEqualTo("/v1/operate/test/s/-42?keytype=INTEGER");
        assertThat(RestRequests.keyPath("/v1/kvs", Key.of("test", "s", new byte[] {(byte) 0xFB, (byte) 0xFF})).toString())
                .isEqualTo("/v1/kvs/test/s/-_8?keytype=BYTES");
        Digest d = Key.of("test", "s", "x").digest();
        assertThat(RestRequests.keyPath("/v1/kvs", Key.ofDigest("test", "s", d)).toString()).isEqualTo("/v1/kvs/test/s/"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(d.bytes()) + "?keytype=DIGEST");
    }

    @Test
    void writeParamsLeaveOutDefaults() {
        assertThat(RestRequests.writeParams(new RestRequests.Query("/p"), WritePolicy.DEFAULT).toString())
                .isEqualTo("/p?recordExistsAction=UPDATE");
        WritePolicy all = WritePolicy.DEFAULT.withRecordExistsAction(RecordExistsAction.CREATE_ONLY)
                .withGeneration(GenerationPolicy.EXPECT_GEN_GT, 3).withExpiration(-1).withSendKey(true)
                .withDurableDelete(true);
        assertThat(RestRequests.writeParams(new RestRequests.Query("/p"), all).toString()).isEqualTo("/p?recordExistsAction=CREATE_ONLY"
                + "&generationPolicy=EXPECT_GEN_GT&generation=3&expiration=-1&sendKey=true&durableDelete=true");
    }

    @Test
    void operationsInTheGatewayForm() {
        String json = new String(RestRequests.operateBody(new Operation[] {
            Operation.add("n", Value.of(1L)), Operation.write("s", Value.of("x")), Operation.append("s", Value.of("!")),
            Operation.prepend("b", Value.of(new byte[] {1})), Operation.read("n"), Operation.readAll(),
            Operation.readHeader(), Operation.touch(), Operation.deleteBin("s"), Operation.delete()}),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"n\",\"incr\":1}},"
                + "{\"operation\":\"PUT\",\"opValues\":{\"bin\":\"s\",\"value\":\"x\"}},"
                + "{\"operation\":\"APPEND\",\"opValues\":{\"bin\":\"s\",\"value\":\"!\"}},"
                + "{\"operation\":\"PREPEND\",\"opValues\":{\"bin\":\"b\",\"value\":{\"$bytes\":\"AQ==\"}}},"
                + "{\"operation\":\"READ\",\"opValues\":{\"bin\":\"n\"}},{\"operation\":\"GET\"},"
                + "{\"operation\":\"GET_HEADER\"},{\"operation\":\"TOUCH\"},"
                + "{\"operation\":\"DELETE_BIN\",\"opValues\":{\"bin\":\"s\"}},{\"operation\":\"DELETE\"}]");
    }

    @Test
    void batchKeysNameTheirType() {
        Key[] keys = {Key.of("test", "s", "a"), Key.of("test", "s", 7L), Key.of("test", "", new byte[] {1})};
        String json = new String(RestRequests.batchBody(keys, new int[] {0, 1, 2}, new String[] {"x"}), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[{\"key\":{\"namespace\":\"test\",\"setName\":\"s\",\"userKey\":\"a\",\"keytype\":\"STRING\"},"
                + "\"binNames\":[\"x\"]},{\"key\":{\"namespace\":\"test\",\"setName\":\"s\",\"userKey\":7,\"keytype\":\"INTEGER\"},"
                + "\"binNames\":[\"x\"]},{\"key\":{\"namespace\":\"test\",\"setName\":\"\",\"userKey\":\"AQ\",\"keytype\":\"BYTES\"},"
                + "\"binNames\":[\"x\"]}]");
    }

    @Test
    void errorBodiesAndBareStatuses() {
        AerologException e = RestRequests.error(409, ("{\"resultCode\":3,\"name\":\"GENERATION_ERROR\",\"message\":\"generation is 1\","
                + "\"inDoubt\":false}").getBytes(StandardCharsets.UTF_8), "n:1", true);
        assertThat(e.resultCode()).isEqualTo(ResultCode.GENERATION_ERROR);
        assertThat(e.getMessage()).isEqualTo("generation is 1");
        assertThat(e.inDoubt()).isFalse();

        AerologException timeout = RestRequests.error(504, "{\"resultCode\":9,\"message\":\"m\",\"inDoubt\":true}"
                .getBytes(StandardCharsets.UTF_8), "n:1", true);
        assertThat(timeout.resultCode()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(timeout.inDoubt()).isTrue();

        AerologException unknown = RestRequests.error(500, "{\"resultCode\":77,\"name\":\"NEW\",\"message\":\"m\"}"
                .getBytes(StandardCharsets.UTF_8), "n:1", false);
        assertThat(unknown.resultCode()).isEqualTo(ResultCode.SERVER_ERROR);
        assertThat(unknown.getMessage()).startsWith("result code 77 (NEW)");

        assertThat(RestRequests.error(404, new byte[0], "n:1", false).resultCode()).as("HEAD").isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(RestRequests.error(503, new byte[0], "n:1", true).resultCode()).isEqualTo(ResultCode.PARTITION_UNAVAILABLE);
        assertThat(RestRequests.error(503, new byte[0], "n:1", true).inDoubt()).isFalse();
        AerologException proxy = RestRequests.error(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8), "n:1", true);
        assertThat(proxy.resultCode()).isEqualTo(ResultCode.SERVER_ERROR);
        assertThat(proxy.inDoubt()).as("a write behind a failing proxy may have applied").isTrue();
        assertThat(proxy.getMessage()).contains("n:1").contains("502").contains("bad gateway");
    }

    @Test
    void recordsParse() {
        var r = RestRequests.record(RestRequests.parse(("{\"bins\":{\"a\":1,\"b\":2.5,\"c\":{\"$bytes\":\"AQI=\"},\"d\":null},"
                + "\"generation\":4,\"ttl\":30}").getBytes(StandardCharsets.UTF_8), "n"), "k");
        assertThat(r.generation()).isEqualTo(4);
        assertThat(r.ttlSeconds()).isEqualTo(30);
        assertThat(r.getLong("a")).isEqualTo(1);
        assertThat(r.getDouble("b")).isEqualTo(2.5);
        assertThat(r.getBytes("c")).containsExactly(1, 2);
        assertThat(r.getValue("d")).isEqualTo(Value.NIL);
        assertThat(r.getString("d")).isNull();
    }
}
