package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamespaceMetricsTest {
    /** The value of the apply lag's {@code quantile} series in a scrape; fails when the series is missing. */
    private static double quantile(String scrape, String quantile) {
        Matcher m = Pattern.compile("(?m)^aerolog_commands_apply_lag_seconds\\{namespace=\"test\",quantile=\""
                + Pattern.quote(quantile) + "\"} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("the %s percentile series of the apply lag in:%n%s", quantile, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void applyLagPercentilesScrapeOverTheWholeRange() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NamespaceMetrics metrics = new NamespaceMetrics(registry, "test");
        for (long millis : new long[] {-5, 0, 1, 7, 250, 60_000, 3_600_000, Long.MAX_VALUE / 2_000_000}) {
            metrics.applyLag(millis);
        }
        metrics.applied(ResultCode.OK);
        metrics.rejected(ResultCode.PARSE_ERROR);
        String scrape = registry.scrape();
        assertThat(scrape).contains("aerolog_commands_apply_lag_seconds_count{namespace=\"test\"} 8");
        assertThat(scrape).contains("aerolog_commands_applied_total{namespace=\"test\",result=\"OK\"} 1.0");
        assertThat(scrape).contains("aerolog_commands_rejected_total{namespace=\"test\",result=\"PARSE_ERROR\"} 1.0");
        assertThat(quantile(scrape, "0.5")).isFinite().isNotNegative();
        assertThat(quantile(scrape, "0.99")).as("the largest lags reach the 99th percentile").isGreaterThan(3_000);
    }

    /** The percentile series exist and move with what is recorded: p50 and p99 of 5 ms, then p99 of seconds. */
    @Test
    void applyLagPercentilesMoveWithTheLags() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NamespaceMetrics metrics = new NamespaceMetrics(registry, "test");
        for (int i = 0; i < 200; i++) {
            metrics.applyLag(5);
        }
        String fast = registry.scrape();
        assertThat(quantile(fast, "0.5")).isBetween(0.004, 0.006);
        assertThat(quantile(fast, "0.99")).isBetween(0.004, 0.006);
        for (int i = 0; i < 20; i++) {
            metrics.applyLag(2_000);
        }
        String slow = registry.scrape();
        assertThat(quantile(slow, "0.5")).as("the median stays with the many fast ones").isBetween(0.004, 0.006);
        assertThat(quantile(slow, "0.99")).as("the 99th percentile moves to the slow ones").isBetween(1.9, 2.1);
    }
}
