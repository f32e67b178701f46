package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.client.kafka.AerologPartitioner;
import io.aerolog.client.kafka.CommandSerializer;
import io.aerolog.client.kafka.DigestSerializer;
import io.aerolog.protocol.Topics;
import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.schema.Rejected;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka-native writers, dead letters, the changelog and replay determinism, on a real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaNativeIT {
    private TestNode node;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private KafkaProducer<Digest, Command> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AerologPartitioner.class.getName());
        return new KafkaProducer<>(p, new DigestSerializer(), new CommandSerializer());
    }

    @Test
    @Order(1)
    void aPlainProducerWritesLikeHttp() throws Exception {
        try (KafkaProducer<Digest, Command> producer = producer()) {
            for (int i = 0; i < 50; i++) {
                Key key = Key.of("test", "native", "k" + i);
                Command c = Command.of(key, WritePolicy.DEFAULT.withSendKey(true), 0,
                        Operation.write("i", Value.of(i)), Operation.add("n", Value.of(1L)));
                producer.send(new ProducerRecord<>(Topics.commands("test"), key.digest(), c)).get(30, TimeUnit.SECONDS);
            }
            Key first = Key.of("test", "native", "k0");
            producer.send(new ProducerRecord<>(Topics.commands("test"), first.digest(),
                    Command.of(first, WritePolicy.DEFAULT, 0, Operation.add("n", Value.of(41L))))).get(30, TimeUnit.SECONDS);
        }
        awaitStatus("/v1/kvs/test/native/k49", 200);
        for (int i = 0; i < 50; i++) {
            var r = node.get("/v1/kvs/test/native/k" + i);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("bins").get("i").asInt()).isEqualTo(i);
        }
        awaitBin("/v1/kvs/test/native/k0", "n", 42);
    }

    @Test
    @Order(2)
    void poisonAndRefusedCommandsBecomeDeadLettersAndTheNodeKeepsServing() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<Digest, Command> producer = producer()) {
            raw.send(new ProducerRecord<>(Topics.commands("test"), 0, new byte[] {1, 2}, "not avro".getBytes())).get(30, TimeUnit.SECONDS);
            raw.send(new ProducerRecord<>(Topics.commands("test"), 1, null, null)).get(30, TimeUnit.SECONDS);
            Key key = Key.of("test", "poison", "s");
            producer.send(new ProducerRecord<>(Topics.commands("test"), key.digest(),
                    Command.of(key, WritePolicy.DEFAULT, 0, Operation.write("s", Value.of("text"))))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.commands("test"), key.digest(),
                    Command.of(key, WritePolicy.DEFAULT, 0, Operation.add("s", Value.of(1L))))).get(30, TimeUnit.SECONDS);
            Key misplaced = Key.of("test", "poison", "m");
            int wrong = (misplaced.digest().kafkaPartition(8) + 1) % 8;
            raw.send(new ProducerRecord<>(Topics.commands("test"), wrong, misplaced.digest().bytes(),
                    AvroCodec.encodeCommand(Command.of(misplaced, WritePolicy.DEFAULT, 0,
                            Operation.write("a", Value.of(1L)))))).get(30, TimeUnit.SECONDS);
        }
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : node.readTopic(Topics.rejected("test"), 4)) {
            rejected.add(AvroCodec.decodeRejected(r.value()));
        }
        assertThat(rejected).extracting(Rejected::getResultName)
                .containsExactlyInAnyOrder("PARSE_ERROR", "PARSE_ERROR", "BIN_TYPE_ERROR", "PARAMETER_ERROR");
        assertThat(rejected).filteredOn(r -> r.getResultCode() == ResultCode.BIN_TYPE_ERROR.code())
                .singleElement().satisfies(r -> assertThat(r.getReason()).contains("cannot ADD INTEGER"));
        assertThat(rejected).filteredOn(r -> r.getResultCode() == ResultCode.PARAMETER_ERROR.code())
                .singleElement().satisfies(r -> assertThat(r.getReason()).contains("AerologPartitioner"));
        assertThat(node.get("/v1/kvs/test/poison/s").body().get("bins").get("s").asText()).isEqualTo("text");
        assertThat(node.get("/v1/kvs/test/poison/m").status()).isEqualTo(404);
        var after = node.post("/v1/kvs/test/poison/after", "{\"ok\":true}");
        assertThat(after.status()).as("the node keeps serving").isEqualTo(201);
    }

    @Test
    @Order(3)
    void everyAppliedChangeIsPublishedOnceInKeyOrder() throws Exception {
        for (int g = 1; g <= 5; g++) {
            node.put("/v1/kvs/test/ch/k?recordExistsAction=UPDATE", "{\"g\":" + g + "}");
        }
        node.delete("/v1/kvs/test/ch/k");
        Digest digest = Key.of("test", "ch", "k").digest();
        List<Change> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : node.readTopic(Topics.changes("test"), 1)) {
            Change c = AvroCodec.decodeChange(r.value());
            if (c.digest().equals(digest)) {
                changes.add(c);
            }
        }
        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.WRITE, ChangeKind.WRITE,
                ChangeKind.WRITE, ChangeKind.WRITE, ChangeKind.WRITE, ChangeKind.DELETE);
        assertThat(changes.subList(0, 5)).extracting(Change::generation).containsExactly(1, 2, 3, 4, 5);
        assertThat(changes.get(4).bins()).containsEntry("g", Value.of(5L));
        assertThat(changes).extracting(Change::sourceOffset).isSorted();
    }

    @Test
    @Order(4)
    void expiredRecordsArePublishedAsExpireOnceAndOnlyThoseDue() throws Exception {
        node.put("/v1/kvs/test/exp/k?recordExistsAction=UPDATE&expiration=1", "{\"a\":1}");
        node.put("/v1/kvs/test/exp/later?recordExistsAction=UPDATE&expiration=1", "{\"a\":1}");
        node.put("/v1/kvs/test/exp/later?recordExistsAction=UPDATE&expiration=600", "{\"a\":2}");
        node.put("/v1/kvs/test/exp/gone?recordExistsAction=UPDATE&expiration=1", "{\"a\":1}");
        node.delete("/v1/kvs/test/exp/gone");
        node.put("/v1/kvs/test/exp/kept?recordExistsAction=UPDATE", "{\"a\":1}");
        Digest digest = Key.of("test", "exp", "k").digest();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!expiries().containsKey(digest) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // a few more removal rounds (every 300 ms here): nothing more may expire
        Map<Digest, Integer> expiries = expiries();
        assertThat(expiries).as("the record due expires once; the one whose TTL was extended, the deleted one "
                + "and the one without TTL do not").containsExactly(Map.entry(digest, 1));
        assertThat(node.get("/v1/kvs/test/exp/later").status()).isEqualTo(200);
        assertThat(node.get("/v1/kvs/test/exp/kept").status()).isEqualTo(200);
    }

    /** How many EXPIRE changes the changes topic holds per record. */
    private Map<Digest, Integer> expiries() {
        Map<Digest, Integer> expiries = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : node.readTopic(Topics.changes("test"), 1)) {
            Change c = AvroCodec.decodeChange(r.value());
            if (c.kind() == ChangeKind.EXPIRE) {
                expiries.merge(c.digest(), 1, Integer::sum);
            }
        }
        return expiries;
    }

    @Test
    @Order(5)
    void replayingTheCommandLogGivesTheSameRecords() throws Exception {
        for (int i = 0; i < 30; i++) {
            node.put("/v1/kvs/test/replay/k" + (i % 7) + "?recordExistsAction=UPDATE", "{\"i\":" + i + "}");
            node.post("/v1/operate/test/replay/k" + (i % 5), "[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"sum\",\"incr\":" + i + "}}]");
        }
        node.delete("/v1/kvs/test/replay/k3");
        node.put("/v1/kvs/test/replay/k3?recordExistsAction=UPDATE&generationPolicy=EXPECT_GEN_EQUAL&generation=9", "{\"x\":1}");

        NamespaceConfig ns = node.node.namespace("test").config();
        Map<Digest, Record> replayed = new HashMap<>();
        Map<Digest, Key> keys = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> log = node.readTopic(Topics.commands("test"), 1);
        log.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        for (ConsumerRecord<byte[], byte[]> r : log) {
            Command c;
            try {
                c = AvroCodec.decodeCommand(r.value());
            } catch (RuntimeException e) {
                continue;
            }
            if (c.key().digest().kafkaPartition(ns.partitions()) != r.partition()) {
                continue;
            }
            long time = c.timeMillis() > 0 ? c.timeMillis() : r.timestamp();
            Outcome o = RecordEngine.apply(replayed.get(c.key().digest()), c.withTime(time), ns);
            if (o.effect() == Effect.WRITE) {
                replayed.put(c.key().digest(), o.record());
            } else if (o.effect() == Effect.DELETE) {
                replayed.remove(c.key().digest());
            }
            keys.put(c.key().digest(), c.key());
        }
        int compared = 0;
        long now = System.currentTimeMillis();
        for (Map.Entry<Digest, Key> e : keys.entrySet()) {
            Record expected = replayed.get(e.getKey());
            var served = node.readLocal("test", e.getValue());
            if (expected == null || expected.isExpiredAt(now)) {
                assertThat(served).as(e.getValue().toString()).isEmpty();
            } else {
                assertThat(served).as(e.getValue().toString()).isPresent();
                assertThat(AvroCodec.encodeRecord(served.get())).as(e.getValue().toString())
                        .isEqualTo(AvroCodec.encodeRecord(expected));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (node.get(path).status() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(node.get(path).status()).isEqualTo(status);
    }

    private void awaitBin(String path, String bin, int value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var body = node.get(path).body();
            if (body.has("bins") && body.get("bins").path(bin).asInt() == value) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(node.get(path).body().get("bins").get(bin).asInt()).isEqualTo(value);
    }
}
