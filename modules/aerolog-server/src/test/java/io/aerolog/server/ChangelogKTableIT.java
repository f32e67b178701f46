package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Change;
import io.aerolog.core.Key;
import io.aerolog.core.Value;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's example, taken from README.md and compiled when the test runs: a Kafka Streams app that turns a
 * namespace's changelog into a KTable, run against a real node and broker.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChangelogKTableIT {
    @Test
    void theChangelogBuildsAKTableOfCurrentRecords() throws Exception {
        try (TestNode node = TestNode.start()) {
            assertThat(node.post("/v1/kvs/test/users/ada", "{\"name\":\"Ada\"}").status()).isEqualTo(201);
            assertThat(node.post("/v1/kvs/test/users/bob", "{\"name\":\"Bob\"}").status()).isEqualTo(201);
            assertThat(node.post("/v1/kvs/test/users/eve", "{\"name\":\"Eve\"}").status()).isEqualTo(201);
            assertThat(node.post("/v1/kvs/test/others/x", "{\"name\":\"X\"}").status()).isEqualTo(201);
            assertThat(node.patch("/v1/kvs/test/users/ada", "{\"visits\":2}").status()).isEqualTo(200);
            assertThat(node.delete("/v1/kvs/test/users/eve").status()).isEqualTo(200);

            // the README's example, compiled from README.md as it stands there (ReadmeExamples)
            StreamsBuilder builder = ReadmeExamples.kafkaStreamsBuilder(Files.createTempDirectory("readme-example"));
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "changelog-example");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap());
            p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ktable").toString());
            p.put("consumer.auto.offset.reset", "earliest");
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
                streams.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ReadOnlyKeyValueStore<Bytes, Change> view = null;
                while (System.nanoTime() < deadline) {
                    try {
                        view = streams.store(StoreQueryParameters.fromNameAndType("users-view",
                                QueryableStoreTypes.keyValueStore()));
                        if (count(view) == 2 && view.get(digest("ada")) != null
                                && view.get(digest("ada")).generation() == 2) {
                            break;
                        }
                    } catch (RuntimeException notYet) {
                        // the store is not queryable until the task runs
                    }
                    Thread.sleep(100);
                }
                assertThat(view).isNotNull();
                assertThat(view.get(digest("ada")).bins()).containsEntry("name", Value.of("Ada"))
                        .containsEntry("visits", Value.of(2L));
                assertThat(view.get(digest("bob")).bins()).containsEntry("name", Value.of("Bob"));
                assertThat(view.get(digest("eve"))).as("a DELETE removes the row").isNull();
                assertThat(count(view)).as("only the set 'users'").isEqualTo(2);
                streams.close(Duration.ofSeconds(10));
            }
        }
    }

    private static Bytes digest(String userKey) {
        return Bytes.wrap(Key.of("test", "users", userKey).digest().bytes());
    }

    /** The rows of the view (approximateNumEntries is RocksDB's estimate, which counts a deleted row for a while). */
    private static long count(ReadOnlyKeyValueStore<Bytes, Change> view) {
        long n = 0;
        try (KeyValueIterator<Bytes, Change> it = view.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
