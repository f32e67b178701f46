package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.protocol.Topics;
import io.aerolog.core.Change;
import io.aerolog.core.codec.AvroCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node stopped and started on the same data keeps every record, and publishes each change once. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestartIT {
    @Test
    void restartKeepsRecordsAndChangesAreExactlyOnce() throws Exception {
        try (TestNode node = TestNode.start()) {
            for (int i = 0; i < 100; i++) {
                assertThat(node.post("/v1/kvs/test/r/k" + i, "{\"i\":" + i + "}").status()).isEqualTo(201);
            }
            for (int i = 0; i < 100; i += 2) {
                assertThat(node.patch("/v1/kvs/test/r/k" + i, "{\"j\":" + i + "}").status()).isEqualTo(200);
            }
            node.stop();
            node.restart();
            for (int i = 0; i < 100; i++) {
                var r = node.get("/v1/kvs/test/r/k" + i);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().get("bins").get("i").asInt()).isEqualTo(i);
                assertThat(r.body().get("generation").asInt()).isEqualTo(i % 2 == 0 ? 2 : 1);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(node.patch("/v1/kvs/test/r/k" + i, "{\"after\":true}").status()).isEqualTo(200);
            }
            int expected = 100 + 50 + 100;
            Map<String, Integer> seen = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : node.readTopic(Topics.changes("test"), expected)) {
                Change c = AvroCodec.decodeChange(r.value());
                seen.merge(c.digest().toHex() + "@" + c.generation(), 1, Integer::sum);
            }
            assertThat(seen).hasSize(expected);
            assertThat(seen.values()).as("each change exactly once").allMatch(n -> n == 1);
        }
    }
}
