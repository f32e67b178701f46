package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.bench.StreamsFloorBench;
import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The layers benchmark in a short run against a real node with its embedded broker: every measurement
 * runs, nothing fails, and every row of the report has a positive throughput and ordered percentiles.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LayersBenchIT {
    private static final List<String> LAYERS = List.of("rocksdb", "kafka", "http", WriteToVisible.LAYER);

    @Test
    void quickRunMeasuresEveryLayerAndWritesAWellFormedReport() throws Exception {
        Path dir = Files.createTempDirectory("layers-it");
        NodeConfig config = new NodeConfig();
        config.dataDir = dir.resolve("node").toString();
        int[] ports = distinctFreePorts(3);
        config.http.port = ports[0];
        config.aerospike.port = 0;
        config.kafka.embeddedPort = ports[1];
        config.kafka.embeddedControllerPort = ports[2];
        config.streamThreads = 1;
        Path out = dir.resolve("out");
        try (AerologNode node = AerologNode.start(config)) {
            assertThat(node.awaitRunning(Duration.ofSeconds(60))).isTrue();
            int exit = LayersBench.run("--url", "http://127.0.0.1:" + node.httpPort(), "--quick", "--threads", "2",
                    "--duration", "1", "--warmup", "0.2", "--records", "5000", "--writes", "30",
                    "--background-rate", "100", "--scratch", dir.toString(), "--out", out.toString());
            assertThat(exit).isZero();
            String report = Files.readString(out.resolve("layers.md"));
            assertThat(report).as("the node has an Aerospike port, so the probe is Aerospike's client")
                    .contains("stops when a get with Aerospike's Java client")
                    .containsPattern("node during the Kafka-native writes: (no GC pause|[0-9]+ GC pauses)")
                    .containsPattern("node during the HTTP PUTs: (no GC pause|[0-9]+ GC pauses)");

            Path httpOut = dir.resolve("out-http");
            assertThat(LayersBench.run("--url", "http://127.0.0.1:" + node.httpPort(), "--quick", "--measure",
                    "visible", "--probe", "http", "--writes", "10", "--out", httpOut.toString())).isZero();
            assertThat(Files.readString(httpOut.resolve("layers.md"))).contains("stops when an HTTP GET")
                    .contains("| write-to-visible | Kafka-native write → first GET that sees it");

            StreamsFloorBench floor = new StreamsFloorBench();
            new CommandLine(floor).parseArgs("--bootstrap", "127.0.0.1:" + ports[1], "--records", "3000",
                    "--keys", "1000", "--stream-threads", "1");
            StreamsFloorBench.Result result = floor.run();
            assertThat(result.records()).isEqualTo(3000);
            assertThat(result.perSecond()).isPositive();
            assertThat(floor.row(result)).matches("\\| bare Kafka Streams get\\+put\\+forward \\(EOS v2, 8 partitions, 1 threads, "
                    + "commit 500 ms\\) \\| 3,000 \\| [0-9]+\\.[0-9] \\| [0-9,]+ \\|");
        }

        List<String> csv = Files.readAllLines(out.resolve("layers.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", Measurement.CSV_HEADER));
        List<List<String>> rows = csv.subList(1, csv.size()).stream().map(LayersBenchIT::split).toList();
        assertThat(rows).hasSize(2 * 3 + 4 * 2);
        assertThat(rows.stream().map(r -> r.get(0)).distinct()).containsExactlyElementsOf(LAYERS);
        for (List<String> r : rows) {
            assertThat(r).hasSize(Measurement.CSV_HEADER.size());
            String what = r.get(0) + " / " + r.get(1) + " / " + r.get(2) + " threads";
            assertThat(Long.parseLong(r.get(3))).as(what + ": ops").isPositive();
            assertThat(Double.parseDouble(r.get(4))).as(what + ": ops/s").isPositive();
            double p50 = Double.parseDouble(r.get(5));
            double p99 = Double.parseDouble(r.get(6));
            double p999 = Double.parseDouble(r.get(7));
            double max = Double.parseDouble(r.get(8));
            assertThat(p50).as(what + ": p50").isPositive().isLessThanOrEqualTo(p99);
            assertThat(p99).as(what + ": p99").isLessThanOrEqualTo(p999);
            assertThat(p999).as(what + ": p99.9").isLessThanOrEqualTo(max);
            assertThat(r.get(9)).as(what + ": errors").isEqualTo("0");
        }
        assertThat(rows.stream().filter(r -> r.get(1).contains("under 100/s background"))).hasSize(4);

        List<String> table = Files.readAllLines(out.resolve("layers.md")).stream().filter(l -> l.startsWith("|")).toList();
        assertThat(table).hasSize(2 + rows.size());
        assertThat(table).allMatch(l -> l.length() == table.get(0).length());
    }

    /** Ports free a moment ago, all different (the OS may hand back a port it just gave out). */
    private static int[] distinctFreePorts(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            int port;
            do {
                port = EmbeddedKafka.freePort();
            } while (contains(ports, i, port));
            ports[i] = port;
        }
        return ports;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** A CSV line's fields; quoted fields may hold commas. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
