package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class NamespaceMetricsTest {
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
    }
}
