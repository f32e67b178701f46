package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a node's /v1/info and /metrics answers. */
class NodeTest {
    @Test
    void infoNamesKafkaAndPartitions() throws Exception {
        Node.Info info = Node.Info.parse("{\"cluster\":\"local\",\"http\":\"127.0.0.1:38080\",\"kafka\":\"127.0.0.1:38092\","
                + "\"node\":\"node-1\",\"namespaces\":[{\"name\":\"test\",\"partitions\":8,\"replicationFactor\":1},"
                + "{\"name\":\"small\",\"partitions\":4}],\"aerospike\":\"127.0.0.1:3000\"}");
        assertThat(info.kafka()).isEqualTo("127.0.0.1:38092");
        assertThat(info.partitions()).containsExactly(Map.entry("test", 8), Map.entry("small", 4));
        assertThat(info.aerospike()).isEqualTo("127.0.0.1:3000");
        assertThat(Node.Info.parse("{\"kafka\":\"k:1\",\"namespaces\":[]}").aerospike()).isNull();
    }

    @Test
    void gcPausesAreSummedOverCollectorsAndCausesAndDescribedPerWrite() {
        String metrics = String.join("\n",
                "# TYPE jvm_gc_pause_seconds summary",
                "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 10",
                "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 0.1",
                "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"Metadata GC Threshold\",gc=\"G1 Young Generation\"} 2",
                "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"Metadata GC Threshold\",gc=\"G1 Young Generation\"} 0.02",
                "jvm_gc_pause_seconds_max{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 0.5",
                "");
        Node.GcPauses now = Node.GcPauses.parse(metrics);
        assertThat(now.count()).isEqualTo(12);
        assertThat(now.seconds()).isCloseTo(0.12, within(1e-12));
        Node.GcPauses phase = now.since(new Node.GcPauses(4, 0.04));
        assertThat(phase.describe(1200)).isEqualTo("8 GC pauses (one per 150 writes), 10.0 ms each on average, 80 ms in all");
        assertThat(new Node.GcPauses(0, 0).describe(100)).isEqualTo("no GC pause");
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
