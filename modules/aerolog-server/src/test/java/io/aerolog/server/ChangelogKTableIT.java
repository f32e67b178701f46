package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.client.kafka.RecordChangeSerde;
import io.aerolog.core.Change;
import io.aerolog.core.Key;
import io.aerolog.core.Value;
import io.aerolog.core.engine.ChangeKind;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's example: a Kafka Streams app that turns a namespace's changelog into a KTable. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChangelogKTableIT {
    @Test
    void theChangelogBuildsAKTableOfCurrentRecords() throws Exception {
        try (TestNode node = TestNode.start()) {
            node.post("/v1/kvs/test/users/ada", "{\"name\":\"Ada\"}");
            node.post("/v1/kvs/test/users/bob", "{\"name\":\"Bob\"}");
            node.post("/v1/kvs/test/users/eve", "{\"name\":\"Eve\"}");
            node.patch("/v1/kvs/test/users/ada", "{\"visits\":2}");
            node.delete("/v1/kvs/test/users/eve");

            // --- the README example, as it stands there
            StreamsBuilder builder = new StreamsBuilder();
            KTable<Bytes, Change> users = builder
                    .stream("aerolog.test.changes", Consumed.with(Serdes.Bytes(), new RecordChangeSerde()))
                    .filter((digest, change) -> change.set().equals("users"))
                    .mapValues(change -> change.kind() == ChangeKind.WRITE ? change : null)
                    .toTable(Materialized.<Bytes, Change, KeyValueStore<Bytes, byte[]>>as("users-view")
                            .withKeySerde(Serdes.Bytes()).withValueSerde(new RecordChangeSerde()));
            // ---
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
