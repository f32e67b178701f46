package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a node's /v1/info and /metrics answers. */
class NodeTest {
    @Test
    void infoNamesKafkaAndPartitions() throws Exception {
        Node.Info info = Node.Info.parse("{\"cluster\":\"local\",\"http\":\"127.0.0.1:38080\",\"kafka\":\"127.0.0.1:38092\","
                + "\"node\":\"node-1\",\"namespaces\":[{\"name\":\"test\",\"partitions\":8,\"replicationFactor\":1},"
                + "{\"name\":\"small\",\"partitions\":4}]}");
        assertThat(info.kafka()).isEqualTo("127.0.0.1:38092");
        assertThat(info.partitions()).containsExactly(Map.entry("test", 8), Map.entry("small", 4));
    }

    @Test
    void appliedCommandsAreSummedOverResultsOfOneNamespace() {
        String metrics = String.join("\n",
                "# HELP aerolog_commands_applied_total",
                "# TYPE aerolog_commands_applied_total counter",
                "aerolog_commands_applied_total{namespace=\"test\",result=\"OK\"} 1500.0",
                "aerolog_commands_applied_total{namespace=\"test\",result=\"KEY_EXISTS_ERROR\"} 2.0",
                "aerolog_commands_applied_total{namespace=\"small\",result=\"OK\"} 99.0",
                "aerolog_commands_rejected_total{namespace=\"test\",result=\"OK\"} 7.0", "");
        assertThat(Node.sumCounter(metrics, Node.APPLIED, "test")).isEqualTo(1502.0);
        assertThat(Node.sumCounter(metrics, Node.APPLIED, "none")).isZero();
    }

    @Test
    void recordPathsAreEncoded() {
        assertThat(Node.kvs("test", "my set", "a/b")).isEqualTo("/v1/kvs/test/my%20set/a%2Fb");
    }
}
