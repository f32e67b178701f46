package io.aerolog.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.server.metrics.RequestLatency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console's summary makes of a node's meters, and which files the console serves. */
class NodeSummaryTest {
    @Test
    void readsAndWritesOfBothProtocolsAreSummedIntoOneHistogramEach() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestLatency.timer("aerolog.http.request.duration").tag("route", "kvs.get").tag("status", "200")
                .register(registry).record(Duration.ofMillis(2));
        RequestLatency.timer("aerolog.http.request.duration").tag("route", "kvs.get").tag("status", "404")
                .register(registry).record(Duration.ofMillis(20));
        RequestLatency.timer("aerolog.http.request.duration").tag("route", "kvs.post").tag("status", "201")
                .register(registry).record(Duration.ofMillis(7));
        RequestLatency.timer("aerolog.http.request.duration").tag("route", "metrics").tag("status", "200")
                .register(registry).record(Duration.ofSeconds(3));
        RequestLatency.timer("aerolog.aerospike.request.duration").tag("kind", "read").register(registry)
                .record(Duration.ofNanos(200_000));
        RequestLatency.timer("aerolog.aerospike.request.duration").tag("kind", "write").register(registry)
                .record(Duration.ofMillis(7));
        Counter.builder("aerolog.commands.applied").tag("result", "OK").register(registry).increment(5);

        JsonNode s = NodeSummary.of("node-1", "127.0.0.1:8080", "UP", 1234L, registry, List.of());

        assertThat(s.get("node").asText()).isEqualTo("node-1");
        assertThat(s.get("time").asLong()).isEqualTo(1234L);
        assertThat(s.get("reads").asLong()).as("two HTTP gets and one Aerospike read").isEqualTo(3);
        assertThat(s.get("writes").asLong()).isEqualTo(2);
        assertThat(s.get("applied").asLong()).isEqualTo(5);
        JsonNode reads = s.get("readLatency");
        assertThat(reads.get("le")).hasSize(16);
        assertThat(reads.get("le").get(0).asDouble()).isEqualTo(0.0001);
        assertThat(reads.get("count").asLong()).isEqualTo(3);
        assertThat(reads.get("counts").get(0).asLong()).as("<= 100 µs").isZero();
        assertThat(reads.get("counts").get(1).asLong()).as("<= 250 µs").isEqualTo(1);
        assertThat(reads.get("counts").get(4).asLong()).as("<= 2.5 ms").isEqualTo(2);
        assertThat(reads.get("counts").get(15).asLong()).as("<= 10 s").isEqualTo(3);
        assertThat(s.get("writeLatency").get("counts").get(6).asLong()).as("<= 10 ms").isEqualTo(2);
        assertThat(s.get("namespaces")).isEmpty();
    }

    @Test
    void theConsoleServesItsListedFilesOnly() {
        ConsoleAssets assets = ConsoleAssets.load();
        assertThat(assets.get("index.html").contentType()).startsWith("text/html");
        assertThat(new String(assets.get("index.html").body())).contains("console.js", "uPlot.iife.min.js");
        String uplot = new String(assets.get("uPlot.iife.min.js").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(uplot).as("the vendored uPlot is the version the page credits").startsWith(
                "/*! https://github.com/leeoniya/uPlot (v1.6.32) */");
        assertThat(new String(assets.get("index.html").body())).contains("uPlot 1.6.32 (MIT)");
        assertThat(assets.get("../logback.xml")).isNull();
        assertThat(assets.get("VENDOR.txt")).isNull();
        assertThat(assets.get(null)).isNull();
    }
}
