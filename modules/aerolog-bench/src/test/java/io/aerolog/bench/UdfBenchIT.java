package io.aerolog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The UDF benchmark in a short run against a real node with its embedded broker, through Aerospike's Java
 * client: the three kinds of call run without an error, and the engine's own cost of each is measured.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UdfBenchIT {
    @Test
    void putOperateAndUdfRunSideBySide() throws Exception {
        Path dir = Files.createTempDirectory("udf-bench-it");
        NodeConfig config = new NodeConfig();
        config.dataDir = dir.resolve("node").toString();
        config.http.port = EmbeddedKafka.freePort();
        config.aerospike.port = EmbeddedKafka.freePort();
        config.kafka.embeddedPort = EmbeddedKafka.freePort();
        config.kafka.embeddedControllerPort = EmbeddedKafka.freePort();
        config.streamThreads = 1;
        try (AerologNode node = AerologNode.start(config)) {
            assertThat(node.awaitRunning(Duration.ofSeconds(60))).isTrue();
            UdfBench bench = new UdfBench();
            int exit = new CommandLine(bench).execute("--port", String.valueOf(node.aerospikePort()), "--threads",
                    System.getProperty("udfbench.threads", "4"), "--records", "1000", "--duration",
                    System.getProperty("udfbench.duration", "3"), "--warmup", "1", "--engine-calls",
                    System.getProperty("udfbench.engineCalls", "2000"));
            assertThat(exit).isZero();
            assertThat(bench.results).hasSize(3).allSatisfy(r -> {
                assertThat(r.ops()).isPositive();
                assertThat(r.errors()).isZero();
            });
            assertThat(bench.engineMicros).hasSize(2);
            assertThat(bench.engineMicros[0]).isPositive();
            assertThat(bench.engineMicros[1]).isPositive();
        }
    }
}
