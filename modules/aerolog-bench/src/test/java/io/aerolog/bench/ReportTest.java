package io.aerolog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static long[] oneTo(int n) {
        return LongStream.rangeClosed(1, n).toArray();
    }

    @Test
    void nearestRankPercentilesOfAKnownSample() {
        long[] hundred = oneTo(100);
        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 99.9)).isEqualTo(100);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
        assertThat(Stats.percentile(hundred, 1)).isEqualTo(1);

        long[] thousand = oneTo(1000);
        assertThat(Stats.percentile(thousand, 50)).isEqualTo(500);
        assertThat(Stats.percentile(thousand, 99)).isEqualTo(990);
        assertThat(Stats.percentile(thousand, 99.9)).isEqualTo(999);

        long[] tenThousand = oneTo(10_000);
        assertThat(Stats.percentile(tenThousand, 99.9)).isEqualTo(9990);
    }

    @Test
    void percentilesOfTinyAndEmptySamples() {
        assertThat(Stats.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(Stats.percentile(new long[] {7}, 99.9)).isEqualTo(7);
        assertThat(Stats.percentile(new long[] {1, 2}, 50)).isEqualTo(1);
        assertThat(Stats.percentile(new long[] {1, 2}, 51)).isEqualTo(2);
        assertThat(Stats.percentile(new long[0], 99)).isZero();
        assertThatThrownBy(() -> Stats.percentile(oneTo(3), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(oneTo(3), 100.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergesThreadLogsSorted() {
        LatencyLog a = new LatencyLog(1);
        LatencyLog b = new LatencyLog(1);
        for (long v : new long[] {50, 10, 40}) {
            a.record(v);
        }
        for (int i = 0; i < 100; i++) { // grows past its initial capacity
            b.record(1000 - i);
        }
        long[] all = LatencyLog.mergeSorted(List.of(a, b));
        assertThat(all).hasSize(103);
        long[] sorted = all.clone();
        Arrays.sort(sorted);
        assertThat(all).containsExactly(sorted);
        assertThat(all[0]).isEqualTo(10);
        assertThat(all[102]).isEqualTo(1000);
    }

    @Test
    void summarizesThroughputAndPercentiles() {
        long[] nanos = LongStream.rangeClosed(1, 1000).map(i -> i * 1_000_000L).toArray(); // 1..1000 ms
        Stats.OpResult r = Stats.summarize("put", nanos, 2_000_000_000L, 3);
        assertThat(r.ops()).isEqualTo(1000);
        assertThat(r.opsPerSec()).isEqualTo(500.0);
        assertThat(r.p50Nanos()).isEqualTo(500_000_000L);
        assertThat(r.p99Nanos()).isEqualTo(990_000_000L);
        assertThat(r.p999Nanos()).isEqualTo(999_000_000L);
        assertThat(r.maxNanos()).isEqualTo(1_000_000_000L);
        assertThat(r.errors()).isEqualTo(3);

        Stats.OpResult empty = Stats.summarize("get", new long[0], 0, 0);
        assertThat(empty.ops()).isZero();
        assertThat(empty.opsPerSec()).isZero();
        assertThat(empty.maxNanos()).isZero();
    }

    @Test
    void formatsMillisWithMicrosecondResolution() {
        assertThat(Report.millis(1_234_567)).isEqualTo("1.235");
        assertThat(Report.millis(0)).isEqualTo("0.000");
        assertThat(Report.millis(12_000_000_000L)).isEqualTo("12000.000");
        assertThat(Report.opsPerSec(1234.56)).isEqualTo("1234.6");
    }

    private static List<Stats.OpResult> sample() {
        return List.of(
                new Stats.OpResult("put", 10_000, 4321.98, 1_500_000, 12_250_000, 40_000_000, 95_123_456, 0),
                new Stats.OpResult("get", 123_456, 12345.6, 800_000, 4_000_000, 9_000_000, 20_000_000, 2));
    }

    @Test
    void markdownIsAWellFormedTable() {
        String md = Report.markdown(sample());
        List<String> lines = md.lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(line).startsWith("| ").endsWith(" |");
            assertThat(line.chars().filter(c -> c == '|').count()).isEqualTo(Report.HEADER.size() + 1);
            assertThat(line).hasSameSizeAs(lines.get(0)); // padded columns
        }
        assertThat(cells(lines.get(0))).containsExactlyElementsOf(Report.HEADER);
        assertThat(cells(lines.get(1))).allMatch(c -> c.matches(":?-{3,}:?"));
        assertThat(cells(lines.get(1)).get(1)).endsWith(":"); // numbers right-aligned
        assertThat(cells(lines.get(2))).containsExactly("put", "10000", "4322.0", "1.500", "12.250", "40.000", "95.123", "0");
        assertThat(cells(lines.get(3))).containsExactly("get", "123456", "12345.6", "0.800", "4.000", "9.000", "20.000", "2");
    }

    @Test
    void markdownEscapesPipesInNames() {
        String md = Report.markdown(List.of(new Stats.OpResult("a|b", 1, 1, 1, 1, 1, 1, 0)));
        assertThat(md).contains("a\\|b");
    }

    @Test
    void csvIsWellFormed() {
        String csv = Report.csv(sample());
        assertThat(csv).endsWith("\r\n");
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("operation,ops,ops_per_sec,p50_ms,p99_ms,p999_ms,max_ms,errors");
        assertThat(lines[1]).isEqualTo("put,10000,4322.0,1.500,12.250,40.000,95.123,0");
        assertThat(lines[2]).isEqualTo("get,123456,12345.6,0.800,4.000,9.000,20.000,2");
        for (String line : lines) {
            assertThat(line.split(",", -1)).hasSize(Report.CSV_HEADER.size());
        }
    }

    @Test
    void csvQuotesFieldsThatNeedIt() {
        assertThat(Report.csvField("plain")).isEqualTo("plain");
        assertThat(Report.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(Report.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        String csv = Report.csv(List.of(new Stats.OpResult("get, hot", 1, 1, 1, 1, 1, 1, 0)));
        assertThat(csv.split("\r\n")[1]).startsWith("\"get, hot\",1,");
    }

    @Test
    void shellJoinQuotesWhatTheShellWouldSplit() {
        assertThat(HttpBench.shellJoin(new String[] {"--url", "http://127.0.0.1:18181", "--quick"}))
                .isEqualTo("--url http://127.0.0.1:18181 --quick");
        assertThat(HttpBench.shellJoin(new String[] {"--set", "a b", "it's"})).isEqualTo("--set 'a b' 'it'\\''s'");
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        return Arrays.stream(inner.split("(?<!\\\\)\\|")).map(String::trim).toList();
    }
}
