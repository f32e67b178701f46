package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.NamespaceConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** How many Kafka Streams threads a namespace runs on a node: the configured number, else by its replicas. */
class StreamThreadsTest {
    private static final NamespaceConfig ALONE = NamespaceConfig.defaults("test");
    private static final NamespaceConfig REPLICATED = ALONE.withReplicationFactor(3);

    private static NodeSettings node(int streamThreads) {
        return new NodeSettings("c", "node-1", "unused:9092", Path.of("state"), "127.0.0.1:1",
                Duration.ofSeconds(5), Duration.ofSeconds(1), streamThreads, Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMillis(1), 16L << 20, 1L << 20, Duration.ofSeconds(3));
    }

    private static Object threadsOf(NamespaceConfig namespace, NodeSettings node) {
        return NamespaceTopology.streamsProperties(namespace, node).get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
    }

    @Test
    void aNamespaceWithStandbysRunsOneThreadSoAFailoverTurnsTheStandbyActiveInPlace() {
        assertThat(threadsOf(REPLICATED, node(0))).isEqualTo(1);
        assertThat(NamespaceTopology.streamsProperties(REPLICATED, node(0))
                .get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(2);
    }

    @Test
    void aNamespaceWithoutStandbysRunsTwo() {
        assertThat(threadsOf(ALONE, node(0))).isEqualTo(2);
    }

    @Test
    void aConfiguredNumberWinsEitherWay() {
        assertThat(threadsOf(REPLICATED, node(3))).isEqualTo(3);
        assertThat(threadsOf(ALONE, node(1))).isEqualTo(1);
    }
}
