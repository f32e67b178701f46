package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.client.kafka.RecordChangeSerde;
import io.aerolog.core.Change;
import io.aerolog.core.Key;
import io.aerolog.core.Value;
import io.aerolog.core.engine.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's Java examples, compiled from the README as it stands ({@link ReadmeExamples}): each compiles against
 * the modules and their client libraries, and the Kafka Streams example, run by Kafka Streams' test driver over a
 * changelog, keeps a table of the current records of its set.
 */
class ReadmeExamplesTest {
    @TempDir
    Path work;

    @Test
    void everyJavaExampleOfTheReadmeCompiles() throws Exception {
        List<ReadmeExamples.Example> examples = ReadmeExamples.examples();
        assertThat(examples).extracting(ReadmeExamples.Example::kind).as("the client, Aerospike's client, a"
                + " Kafka producer and a Kafka Streams app").contains("AerologClient.connect", "new AerospikeClient",
                "KafkaProducer", "StreamsBuilder");
        for (int i = 0; i < examples.size(); i++) {
            Class<?> compiled = ReadmeExamples.compile("Example" + i, examples.get(i), work.resolve("e" + i));
            assertThat(compiled.getMethod("run")).isNotNull();
        }
    }

    @Test
    void aReadmeExampleThatDoesNotCompileFailsWithTheCompilersMessage() {
        ReadmeExamples.Example broken = new ReadmeExamples.Example(1, "StreamsBuilder builder = new StreamsBuilder();\n"
                + "builder.noSuchMethod();\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReadmeExamples.compile("Broken", broken, work))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not compile")
                .hasMessageContaining("noSuchMethod");
    }

    @Test
    void theKafkaStreamsExampleKeepsATableOfTheCurrentRecordsOfItsSet() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "readme-example");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(work.resolve("state")).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ReadmeExamples.kafkaStreamsBuilder(work.resolve("compiled")).build(), p);
             RecordChangeSerde serde = new RecordChangeSerde()) {
            TestInputTopic<Bytes, Change> changes = driver.createInputTopic("aerolog.test.changes",
                    Serdes.Bytes().serializer(), serde.serializer());
            changes.pipeInput(digest("users", "ada"), change("users", "ada", ChangeKind.WRITE, 1, "Ada"));
            changes.pipeInput(digest("users", "bob"), change("users", "bob", ChangeKind.WRITE, 1, "Bob"));
            changes.pipeInput(digest("users", "eve"), change("users", "eve", ChangeKind.WRITE, 1, "Eve"));
            changes.pipeInput(digest("users", "ada"), change("users", "ada", ChangeKind.WRITE, 2, "Ada L."));
            changes.pipeInput(digest("users", "eve"), change("users", "eve", ChangeKind.DELETE, 1, null));
            changes.pipeInput(digest("other", "x"), change("other", "x", ChangeKind.WRITE, 1, "X"));

            KeyValueStore<Bytes, ValueAndTimestamp<Change>> view = driver.getTimestampedKeyValueStore("users-view");
            assertThat(view.get(digest("users", "ada")).value().generation()).isEqualTo(2);
            assertThat(view.get(digest("users", "ada")).value().bins()).containsEntry("name", Value.of("Ada L."));
            assertThat(view.get(digest("users", "bob"))).isNotNull();
            assertThat(view.get(digest("users", "eve"))).as("a DELETE removes the row").isNull();
            assertThat(view.get(digest("other", "x"))).as("another set's records are not in the view").isNull();
        }
    }

    private static Bytes digest(String set, String userKey) {
        return Bytes.wrap(Key.of("test", set, userKey).digest().bytes());
    }

    private static Change change(String set, String userKey, ChangeKind kind, int generation, String name) {
        Key key = Key.of("test", set, userKey);
        return new Change("test", set, key.digest(), null, kind, generation, 1_000L * generation, 0,
                name == null ? Map.of() : Map.of("name", Value.of(name)), 0, generation);
    }
}
