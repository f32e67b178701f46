package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The ingest benchmark in a short paced run against a real node with its embedded broker, node and
 * floor: both apply what was produced, nothing fails, and the report's row carries both sides.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class IngestBenchIT {
    @Test
    void pacedRunAppliesOnBothSidesAndReportsThem() throws Exception {
        Path dir = Files.createTempDirectory("ingest-it");
        NodeConfig config = new NodeConfig();
        config.dataDir = dir.resolve("node").toString();
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < 3) {
            ports.add(EmbeddedKafka.freePort());
        }
        Integer[] p = ports.toArray(new Integer[0]);
        config.http.port = p[0];
        config.aerospike.port = 0;
        config.kafka.embeddedPort = p[1];
        config.kafka.embeddedControllerPort = p[2];
        Path out = dir.resolve("ingest.md");
        try (AerologNode node = AerologNode.start(config)) {
            assertThat(node.awaitRunning(Duration.ofSeconds(60))).isTrue();
            int exit = new CommandLine(new IngestBench()).execute("--url", "http://127.0.0.1:" + p[0], "--warmup", "2",
                    "--duration", "3", "--value-bytes", "100", "--keys", "1000", "--rate", "500", "--floor",
                    "--drain", "60", "--out", out.toString());
            assertThat(exit).as("no send failed").isZero();
            Node http = new Node("http://127.0.0.1:" + p[0]);
            assertThat(http.applied("test")).as("the node applied what the run produced").isGreaterThanOrEqualTo(1_000);
        }
        String report = Files.readString(out);
        assertThat(report).contains("at most 500/s").contains("Floor: bare Kafka Streams get+put+forward, EOS v2, 8 partitions, "
                + "2 stream threads, commit 500 ms");
        String row = report.lines().filter(l -> l.startsWith("| 100 B |")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        // | 100 B | node applied/s | floor applied/s | ratio | CPU | node produced/s | node backlog | floor produced/s | floor backlog |
        assertThat(number(cells[2])).as("node applied/s").isPositive();
        assertThat(number(cells[3])).as("floor applied/s").isPositive();
        assertThat(cells[5].trim()).as("the node's CPU per command comes from its /metrics").matches("[0-9,]+\\.[0-9]");
        assertThat(number(cells[6])).as("node produced/s, paced at 500").isBetween(1.0, 600.0);
        assertThat(number(cells[8])).as("floor produced/s, paced at 500").isBetween(1.0, 600.0);
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.trim().replace(",", ""));
    }
}
