package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.bench.Stats;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layers table as Markdown and CSV, on canned rows. */
class MeasurementTest {
    private static List<Measurement> sample() {
        return List.of(
                new Measurement("rocksdb", "get of a 1024 B value, in process", 1,
                        new Stats.OpResult("rocksdb get", 400_000, 199_876.54, 2_345, 9_999, 41_000, 1_250_000, 0)),
                new Measurement("kafka", "produce 1024 B, acks=all, send().get()", 16,
                        new Stats.OpResult("kafka produce", 9_000, 4_500.0, 1_100_000, 4_000_000, 9_500_000, 12_000_000, 2)));
    }

    static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::trim).toList();
    }

    @Test
    void microsHaveOneDecimal() {
        assertThat(Measurement.micros(2_345)).isEqualTo("2.3");
        assertThat(Measurement.micros(0)).isEqualTo("0.0");
        assertThat(Measurement.micros(1_250_000)).isEqualTo("1250.0");
    }

    @Test
    void markdownIsAWellFormedPaddedTable() {
        List<String> lines = Measurement.markdown(sample()).lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(line).startsWith("| ").endsWith(" |").hasSameSizeAs(lines.get(0));
            assertThat(cells(line)).hasSize(Measurement.HEADER.size());
        }
        assertThat(cells(lines.get(0))).containsExactlyElementsOf(Measurement.HEADER);
        assertThat(lines.get(1)).matches("\\|( -+ \\|){2}( -+: \\|){" + (Measurement.HEADER.size() - 2) + "}");
        assertThat(cells(lines.get(2))).containsExactly("rocksdb", "get of a 1024 B value, in process", "1", "400000",
                "199876.5", "2.3", "10.0", "41.0", "1250.0", "0");
        assertThat(cells(lines.get(3))).containsExactly("kafka", "produce 1024 B, acks=all, send().get()", "16", "9000",
                "4500.0", "1100.0", "4000.0", "9500.0", "12000.0", "2");
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        String[] lines = Measurement.csv(sample()).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("layer,measurement,threads,ops,ops_per_sec,p50_us,p99_us,p999_us,max_us,errors");
        assertThat(lines[1]).isEqualTo("rocksdb,\"get of a 1024 B value, in process\",1,400000,199876.5,2.3,10.0,41.0,1250.0,0");
        assertThat(lines[2]).isEqualTo("kafka,\"produce 1024 B, acks=all, send().get()\",16,9000,4500.0,1100.0,4000.0,9500.0,12000.0,2");
        assertThat(Table.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void tableEscapesPipesAndRefusesRaggedRows() {
        assertThat(Table.markdown(List.of("a", "b"), List.of(List.of("x|y", "1")), 1)).contains("x\\|y");
        assertThatThrownBy(() -> Table.markdown(List.of("a", "b"), List.of(List.of("only one")), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
