package io.aerolog.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aerolog.bench.layers.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report code on canned YCSB exports: no benchmark runs, no Redis or PostgreSQL needed. */
class YcsbReportTest {
    private static String export(double throughput, String... opLines) {
        return String.join("\n",
                "[OVERALL], RunTime(ms), 5000",
                "[OVERALL], Throughput(ops/sec), " + throughput,
                "[TOTAL_GCS_G1_Young_Generation], Count, 3",
                "[TOTAL_GC_TIME_%], Time(%), 0.5",
                "[CLEANUP], Operations, 16",
                "[CLEANUP], 50thPercentileLatency(us), 1",
                String.join("\n", opLines)) + "\n";
    }

    private static String op(String name, long ok, long p50, long p99, long p999) {
        return String.join("\n",
                "[" + name + "], Operations, " + ok,
                "[" + name + "], AverageLatency(us), 1234.5",
                "[" + name + "], 50thPercentileLatency(us), " + p50,
                "[" + name + "], 99thPercentileLatency(us), " + p99,
                "[" + name + "], 99.9PercentileLatency(us), " + p999,
                "[" + name + "], Return=OK, " + ok);
    }

    private static List<YcsbResult> sample() {
        return List.of(
                YcsbResult.parse("aerolog", "A", export(2000.0,
                        op("READ", 5000, 1500, 9000, 20000), op("UPDATE", 5000, 4000, 25000, 60000),
                        "[UPDATE-FAILED], 50thPercentileLatency(us), 10000", "[UPDATE], Return=ERROR, 3")),
                YcsbResult.parse("aerolog", "load", export(1000.0, op("INSERT", 5000, 8000, 30000, 90000))),
                YcsbResult.parse("redis-everysec", "A", export(40000.0,
                        op("READ", 100000, 200, 900, 2100), op("UPDATE", 100000, 210, 950, 2500))),
                YcsbResult.parse("redis-everysec", "load", export(25000.0, op("INSERT", 5000, 300, 1000, 3000))),
                YcsbResult.parse("postgres", "A", export(8000.0,
                        op("READ", 20000, 300, 2000, 5000), op("UPDATE", 20000, 1800, 7000, 15000))));
    }

    @Test
    void parsesYcsbsTextExport() {
        YcsbResult a = sample().get(0);
        assertThat(a.system()).isEqualTo("aerolog");
        assertThat(a.workload()).isEqualTo("A");
        assertThat(a.runtimeMs()).isEqualTo(5000.0);
        assertThat(a.opsPerSec()).isEqualTo(2000.0);
        assertThat(a.ops()).containsOnlyKeys("read", "update"); // no CLEANUP, GC or -FAILED sections
        assertThat(a.ops().get("read")).isEqualTo(new YcsbResult.Op(5000, 1500, 9000, 20000, 0));
        assertThat(a.ops().get("update").errors()).isEqualTo(3);
        assertThat(a.errors()).isEqualTo(3);
        assertThatThrownBy(() -> YcsbResult.parse("x", "A", "[READ], Return=OK, 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Throughput");
    }

    @Test
    void cpuSecondsBecomeMicrosecondsPerOperationOnEachSide() {
        YcsbResult a = sample().get(0).withCpu(YcsbResult.Cpu.parse(" 1.5 0.75\n"));
        assertThat(a.operations()).isEqualTo(5000 + 5000 + 3); // failed operations cost CPU too
        assertThat(a.clientMicrosPerOp()).isCloseTo(1.5e6 / 10_003, within(1e-9));
        assertThat(a.serverMicrosPerOp()).isCloseTo(0.75e6 / 10_003, within(1e-9));
        assertThat(sample().get(0).clientMicrosPerOp()).isNaN();
        List<String> row = YcsbReport.cells(List.of(a), "aerolog", a);
        assertThat(row.subList(12, 14)).containsExactly("150.0", "75.0");
        assertThatThrownBy(() -> YcsbResult.Cpu.parse("1.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<client seconds> <server seconds>");
    }

    @Test
    void theReportReadsEachRunsCpuFromTheFileBesideItsExport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("aerolog__C.txt"), export(4000.0, op("READ", 20_000, 300, 900, 2000)));
        Files.writeString(dir.resolve("aerolog__C.cpu"), "3.0 5.0\n");
        Files.writeString(dir.resolve("postgres__C.txt"), export(2000.0, op("READ", 10_000, 500, 2000, 4000)));
        System.setProperty("java.awt.headless", "true");
        YcsbReport.main(new String[] {"--out", dir.resolve("out").toString(),
                dir.resolve("aerolog__C.txt").toString(), dir.resolve("postgres__C.txt").toString()});
        List<String> csv = Files.readAllLines(dir.resolve("out/results.csv"));
        assertThat(csv.get(1)).isEqualTo("aerolog,C,4000.0,0.30,0.90,2.00,,,,,,,150.0,250.0,0,1.000");
        assertThat(csv.get(2)).isEqualTo("postgres,C,2000.0,0.50,2.00,4.00,,,,,,,,,0,2.000");
    }

    @Test
    void ratiosAreAerologsThroughputOverThePeersForTheSameWorkload() {
        List<YcsbResult> r = sample();
        assertThat(YcsbReport.ratio(r, "aerolog", r.get(0))).hasValue(1.0);
        assertThat(YcsbReport.ratio(r, "aerolog", r.get(2)).orElseThrow()).isCloseTo(0.05, within(1e-12));
        assertThat(YcsbReport.ratio(r, "aerolog", r.get(3)).orElseThrow()).isCloseTo(0.04, within(1e-12));
        assertThat(YcsbReport.ratio(r, "aerolog", r.get(4)).orElseThrow()).isCloseTo(0.25, within(1e-12));
        YcsbResult noReference = YcsbResult.parse("postgres", "C", export(100.0, op("READ", 500, 1, 2, 3)));
        assertThat(YcsbReport.ratio(r, "aerolog", noReference)).isEmpty();
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::trim).toList();
    }

    @Test
    void markdownIsTwoWellFormedTables() {
        String md = YcsbReport.markdown(sample(), "aerolog");
        String[] tables = md.split("\n\n");
        assertThat(tables).hasSize(2);

        List<String> main = tables[0].lines().toList();
        assertThat(main).hasSize(2 + 5);
        for (String line : main) {
            assertThat(line).startsWith("| ").endsWith(" |").hasSameSizeAs(main.get(0));
            assertThat(cells(line)).hasSize(YcsbReport.HEADER.size());
        }
        assertThat(cells(main.get(0))).containsExactlyElementsOf(YcsbReport.HEADER);
        assertThat(main.get(1)).matches("\\|( -+ \\|){2}( -+: \\|){" + (YcsbReport.HEADER.size() - 2) + "}");
        assertThat(cells(main.get(2))).containsExactly("aerolog", "A", "2000.0",
                "1.50", "9.00", "20.00", "4.00", "25.00", "60.00", "", "", "", "", "", "3", "1.000");
        assertThat(cells(main.get(3))).containsExactly("aerolog", "load", "1000.0",
                "", "", "", "", "", "", "8.00", "30.00", "90.00", "", "", "0", "1.000");
        assertThat(cells(main.get(4))).startsWith("redis-everysec", "A", "40000.0", "0.20", "0.90", "2.10")
                .endsWith("0", "0.050");

        List<String> ratios = tables[1].lines().toList();
        assertThat(ratios).hasSize(2 + 2);
        assertThat(cells(ratios.get(0))).containsExactly("workload", "aerolog ÷ redis-everysec", "aerolog ÷ postgres");
        assertThat(cells(ratios.get(2))).containsExactly("A", "0.050", "0.250");
        assertThat(cells(ratios.get(3))).containsExactly("load", "0.040", ""); // postgres has no load here
    }

    @Test
    void csvHasAHeaderAndOneRecordPerRunOfEqualWidth() {
        String csv = YcsbReport.csv(sample(), "aerolog");
        assertThat(csv).endsWith("\r\n");
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.get(0)).isEqualTo(String.join(",", YcsbReport.CSV_HEADER));
        for (String line : lines) {
            assertThat(line.split(",", -1)).hasSize(YcsbReport.CSV_HEADER.size());
        }
        assertThat(lines.get(5)).isEqualTo("postgres,A,8000.0,0.30,2.00,5.00,1.80,7.00,15.00,,,,,,0,0.250");
    }

    @Test
    void csvQuotesAndMarkdownEscapesOddNames() {
        List<YcsbResult> odd = List.of(YcsbResult.parse("a,b|c", "A", export(10.0, op("READ", 1, 1, 1, 1))));
        assertThat(YcsbReport.csv(odd, "aerolog").split("\r\n")[1]).startsWith("\"a,b|c\",A,10.0,");
        assertThat(YcsbReport.markdown(odd, "aerolog")).contains("| a,b\\|c ");
    }

    @Test
    void sumsAPrometheusCounterOverItsLabelsForOneNamespace() {
        String metrics = String.join("\n",
                "# HELP aerolog_commands_applied_total",
                "# TYPE aerolog_commands_applied_total counter",
                "aerolog_commands_applied_total{namespace=\"test\",result=\"OK\"} 1500.0",
                "aerolog_commands_applied_total{namespace=\"test\",result=\"KEY_EXISTS_ERROR\"} 2.0",
                "aerolog_commands_applied_total{namespace=\"cache\",result=\"OK\"} 99.0",
                "aerolog_commands_rejected_total{namespace=\"test\",result=\"OK\"} 7.0");
        assertThat(Node.sumCounter(metrics, "aerolog_commands_applied_total", "test"))
                .isEqualTo(1502.0);
    }

    @Test
    void postgresUpsertSetsOnlyTheGivenColumns() {
        assertThat(PostgresYcsbClient.upsert("usertable", List.of("f1", "f3"))).isEqualTo(
                "INSERT INTO usertable (ycsb_key, f1, f3) VALUES (?, ?, ?) ON CONFLICT (ycsb_key) DO UPDATE SET "
                        + "f1 = EXCLUDED.f1, f3 = EXCLUDED.f3");
        assertThat(PostgresYcsbClient.createTable("usertable", "f", 2))
                .isEqualTo("CREATE TABLE IF NOT EXISTS usertable (ycsb_key text PRIMARY KEY, f0 text, f1 text)");
        assertThatThrownBy(() -> PostgresYcsbClient.name("x; DROP TABLE y")).isInstanceOf(IllegalArgumentException.class);
    }
}
