package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.client.kafka.AerologPartitioner;
import io.aerolog.client.kafka.CommandSerializer;
import io.aerolog.client.kafka.DigestSerializer;
import io.aerolog.core.Command;
import io.aerolog.core.Operation;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.protocol.Topics;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What a hostile or careless client may send a node, over real sockets, one test per class of harm: a
 * poison command on the log, values nested too deep, more connections than the node takes, requests
 * pipelined without reading answers, bodies that never finish, frames that inflate to far more than
 * they are, values that cannot be stored exactly. After each the node keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileClientsIT {
    private static final int MAX_CONNECTIONS = 40;
    private TestNode node;
    private AerospikeClient client;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start(c -> {
            c.aerospike.maxConnections = MAX_CONNECTIONS;
            c.aerospike.maxInflightMb = 4;
            c.aerospike.maxWaitingRequests = 4;
            c.http.bodyTimeoutSeconds = 2;
            c.http.maxConnections = 200;
        });
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.maxConnsPerNode = 8;
        client = new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** A list nested {@code depth} deep around an integer. */
    private static Value nested(int depth) {
        Value v = Value.of(1L);
        for (int i = 0; i < depth; i++) {
            v = Value.ofList(List.of(v));
        }
        return v;
    }

    @Test
    void aPoisonCommandOnTheLogIsADeadLetterAndItsPartitionGoesOn() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AerologPartitioner.class.getName());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        io.aerolog.core.Key poisoned = io.aerolog.core.Key.of("test", "hostile", "deep");
        io.aerolog.core.Key after = null;
        for (int i = 0; after == null; i++) {
            io.aerolog.core.Key k = io.aerolog.core.Key.of("test", "hostile", "after" + i);
            if (k.digest().kafkaPartition(8) == poisoned.digest().kafkaPartition(8)) {
                after = k;
            }
        }
        byte[] deep3000 = encodeDeep(poisoned, 3000);
        assertThat(deep3000).as("the poison command, as a producer can write it").isNotNull();
        try (KafkaProducer<io.aerolog.core.Digest, Command> producer = new KafkaProducer<>(p, new DigestSerializer(),
                new CommandSerializer());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new org.apache.kafka.common.serialization
                     .ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.commands("test"), poisoned.digest(),
                    Command.of(poisoned, WritePolicy.DEFAULT, 0, Operation.write("l", nested(70))))).get();
            raw.send(new ProducerRecord<>(Topics.commands("test"), poisoned.digest().bytes(), deep3000)).get();
            producer.send(new ProducerRecord<>(Topics.commands("test"), after.digest(),
                    Command.of(after, WritePolicy.DEFAULT, 0, Operation.write("n", Value.of(7L))))).get();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Record found = null;
        while (found == null && System.nanoTime() < deadline) {
            found = readLocal(after);
            if (found == null) {
                Thread.sleep(100);
            }
        }
        assertThat(found).as("the command after the poison ones is applied").isNotNull();
        assertThat(readLocal(poisoned)).as("nothing of the poison commands is stored").isNull();
        List<ConsumerRecord<byte[], byte[]>> dead = node.readTopic(Topics.rejected("test"), 2);
        List<Integer> codes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            codes.add(AvroCodec.decodeRejected(r.value()).getResultCode());
        }
        assertThat(codes).as("dead letters with PARAMETER_ERROR").contains(4);
        assertThat(node.get("/health").status()).isEqualTo(200);
    }

    private record Record(io.aerolog.core.Record record) {
    }

    private Record readLocal(io.aerolog.core.Key key) throws Exception {
        var r = node.readLocal("test", key);
        return r.map(Record::new).orElse(null);
    }

    /** A command whose bin nests {@code depth} lists, encoded on a thread with a stack deep enough for it. */
    private static byte[] encodeDeep(io.aerolog.core.Key key, int depth) throws InterruptedException {
        byte[][] out = new byte[1][];
        Thread t = new Thread(null, () -> out[0] = AvroCodec.encodeCommand(Command.of(key, WritePolicy.DEFAULT, 0,
                Operation.write("l", nested(depth)))), "deep-encoder", 256L * 1024 * 1024);
        t.start();
        t.join();
        return out[0];
    }

    @Test
    void valuesNestedTooDeepAreRefusedAtEveryDoor() throws Exception {
        StringBuilder json = new StringBuilder("{\"l\":");
        json.append("[".repeat(3000)).append("1").append("]".repeat(3000)).append("}");
        var http = node.put("/v1/kvs/test/hostile/json3000?recordExistsAction=UPDATE", json.toString());
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.resultCode()).isEqualTo(4);
        StringBuilder json70 = new StringBuilder("{\"l\":");
        json70.append("[".repeat(70)).append("1").append("]".repeat(70)).append("}");
        assertThat(node.put("/v1/kvs/test/hostile/json70?recordExistsAction=UPDATE", json70.toString()).resultCode())
                .isEqualTo(4);
        List<Object> deep = List.of(1L);
        for (int i = 0; i < 80; i++) {
            deep = List.of(deep);
        }
        List<Object> tooDeep = deep;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.put(null, new Key("test", "hostile", "wire80"),
                        new Bin("l", tooDeep)))
                .isInstanceOfSatisfying(com.aerospike.client.AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(4));
        List<Object> fine = List.of(1L);
        for (int i = 0; i < 40; i++) {
            fine = List.of(fine);
        }
        client.put(null, new Key("test", "hostile", "wire40"), new Bin("l", fine));
        assertThat(client.get(null, new Key("test", "hostile", "wire40")).getList("l")).isEqualTo(fine);
    }

    @Test
    void connectionsPastTheCapWaitAndTheNodeKeepsItsDescriptors() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS + 20; i++) {
                Socket s = new Socket("127.0.0.1", node.node.aerospikePort());
                s.setSoTimeout(1_000);
                idle.add(s);
            }
            // past its cap the listener stops accepting (and closes any that slipped in): at most the cap is
            // served at once (which of the sockets get in depends on when the slipped-in ones are closed)
            int served = 0;
            for (Socket s : idle) {
                s.setSoTimeout(500);
                if (infoAnswer(s, "node") != null) {
                    served++;
                }
            }
            assertThat(served).as("connections served while %d are open", idle.size()).isLessThanOrEqualTo(MAX_CONNECTIONS);
            String metrics = node.metricsText();
            assertThat(metricValue(metrics, "aerolog_aerospike_connections")).isLessThanOrEqualTo(MAX_CONNECTIONS);
            // closing some lets new ones in
            for (int i = 0; i < 30; i++) {
                idle.get(i).close();
            }
            // a new connection is then served (the sockets still waiting in the accept queue go first)
            String answer = null;
            for (int attempt = 0; attempt < 10 && answer == null; attempt++) {
                try (Socket fresh = new Socket("127.0.0.1", node.node.aerospikePort())) {
                    fresh.setSoTimeout(2_000);
                    answer = infoAnswer(fresh, "node");
                }
            }
            assertThat(answer).as("a new connection once some are closed").contains("node-1");
            assertThat(node.get("/health").status()).isEqualTo(200);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** The answer of an info request on {@code s}, or null when none comes within its timeout. */
    private static String infoAnswer(Socket s, String name) throws Exception {
        byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length);
        frame.putLong((2L << 56) | (1L << 48) | body.length).put(body);
        s.getOutputStream().write(frame.array());
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            long header = in.readLong();
            byte[] answer = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
            in.readFully(answer);
            return new String(answer, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException | java.io.EOFException | java.net.SocketException e) {
            return null;
        }
    }

    @Test
    void requestsPipelinedWithoutReadingAnswersAreBounded() throws Exception {
        // Each answer is half a megabyte and the client never reads one: once the answers fill the
        // socket buffers the node must stop reading requests, whatever the speed of the machine.
        AerospikeClient other = client;
        client.put(null, new Key("test", "hostile", "big"), new Bin("b", new byte[512 * 1024]));
        byte[] get = getFrame("big");
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            chunk.writeBytes(get);
        }
        byte[] gets = chunk.toByteArray();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(32 * 1024);
            s.setSendBufferSize(64 * 1024);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", node.node.aerospikePort()));
            OutputStream out = s.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 400; i++) {
                        out.write(gets);
                    }
                } catch (Exception ignored) {
                    // the node stops reading, then the socket closes: both expected
                }
            });
            writer.setDaemon(true);
            writer.start();
            writer.join(5_000);
            assertThat(writer.isAlive())
                    .as("the node stopped reading %d MB of gets whose answers nobody reads", 400L * gets.length >> 20)
                    .isTrue();
            // the node still serves others at once, and holds no more than its budget
            long started = System.nanoTime();
            other.put(null, new Key("test", "hostile", "other"), new Bin("a", 1));
            assertThat(other.get(null, new Key("test", "hostile", "other")).getInt("a")).isEqualTo(1);
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
            String metrics = node.metricsText();
            double inflight = metricValue(metrics, "aerolog_aerospike_inflight_bytes");
            assertThat(inflight).as("bytes held for requests").isLessThanOrEqualTo(4 * 1024 * 1024 + gets.length);
        }
    }

    /** An Aerospike read of every bin of one record, as Aerospike's client frames it. */
    private static byte[] getFrame(String userKey) {
        byte[] digest = new Key("test", "hostile", userKey).digest;
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(22);
        header.put((byte) 22).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0)
                .putInt(0).putInt(0).putInt(0).putShort((short) 2).putShort((short) 0);
        msg.writeBytes(header.array());
        msg.writeBytes(field(0, "test".getBytes(StandardCharsets.UTF_8)));
        msg.writeBytes(field(4, digest));
        byte[] body = msg.toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length);
        frame.putLong((2L << 56) | (3L << 48) | body.length).put(body);
        return frame.array();
    }

    private static double metricValue(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    private static byte[] field(int type, byte[] data) {
        ByteBuffer f = ByteBuffer.allocate(5 + data.length);
        f.putInt(data.length + 1).put((byte) type).put(data);
        return f.array();
    }

    @Test
    void aCompressedFrameThatClaimsToInflateHugelyIsRefusedAtOnce() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(zeros);
        deflater.finish();
        byte[] packed = new byte[200_000];
        int n = deflater.deflate(packed);
        deflater.end();
        ByteBuffer frame = ByteBuffer.allocate(16 + n);
        frame.putLong((2L << 56) | (4L << 48) | (8 + n)).putLong(zeros.length).put(packed, 0, n);
        try (Socket s = new Socket("127.0.0.1", node.node.aerospikePort())) {
            s.setSoTimeout(5_000);
            long started = System.nanoTime();
            s.getOutputStream().write(frame.array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            long header = in.readLong();
            byte[] answer = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
            in.readFully(answer);
            assertThat(answer[5]).as("RECORD_TOO_BIG").isEqualTo((byte) 13);
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(infoAnswer(s, "node")).as("the connection goes on").contains("node-1");
        }
        StringBuilder repeated = new StringBuilder();
        while (repeated.length() < 3 * 1024 * 1024) {
            repeated.append("replicas\n");
        }
        try (Socket s = new Socket("127.0.0.1", node.node.aerospikePort())) {
            s.setSoTimeout(5_000);
            String answer = infoAnswer(s, repeated.toString());
            assertThat(answer).startsWith("ERROR");
            assertThat(answer.length()).isLessThan(1024);
        }
    }

    @Test
    void slowBodiesNeitherHoldWorkersNorStayForever() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket s = new Socket("127.0.0.1", node.config.http.port);
                s.getOutputStream().write(("PUT /v1/kvs/test/hostile/slow" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":").getBytes(
                        StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long started = System.nanoTime();
            assertThat(node.put("/v1/kvs/test/hostile/fast?recordExistsAction=UPDATE", "{\"a\":1}").status())
                    .isEqualTo(200);
            assertThat(node.get("/health").status()).isEqualTo(200);
            assertThat(node.get("/v1/info").status()).isEqualTo(200);
            assertThat(System.nanoTime() - started).as("served beside 70 stalled bodies")
                    .isLessThan(TimeUnit.SECONDS.toNanos(3));
            // past the body timeout (2 s) the node closes them
            Socket first = slow.get(0);
            first.setSoTimeout(10_000);
            InputStream in = first.getInputStream();
            long closedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int read = 0;
            while (read != -1 && System.nanoTime() < closedBy) {
                try {
                    read = in.read();
                } catch (java.io.IOException e) {
                    read = -1;
                }
            }
            assertThat(read).as("the stalled connection was closed").isEqualTo(-1);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void valuesThatCannotBeStoredExactlyAreRefused() throws Exception {
        var surrogate = node.put("/v1/kvs/test/hostile/s?recordExistsAction=UPDATE", "{\"s\":\"\\ud800\"}");
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.body().get("message").asText()).contains("surrogate");
        var huge = node.put("/v1/kvs/test/hostile/d?recordExistsAction=UPDATE", "{\"d\":1e400}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(node.get("/v1/kvs/test/hostile/s").status()).isEqualTo(404);
        assertThat(node.get("/v1/kvs/test/hostile/d").status()).isEqualTo(404);
    }

    @Test
    void sizesThatOverflowAnIntegerAreAParameterError() throws Exception {
        byte[] frame = java.util.HexFormat.of().parseHex(
                "02030000000000271600010000000000000000000000000003e8000200007ffffff000746573740000000401667a77");
        try (Socket s = new Socket("127.0.0.1", node.node.aerospikePort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(frame);
            DataInputStream in = new DataInputStream(s.getInputStream());
            long header = in.readLong();
            byte[] answer = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
            in.readFully(answer);
            assertThat(answer[5]).as("PARAMETER_ERROR").isEqualTo((byte) 4);
        }
        assertThat(Info.request("127.0.0.1", node.node.aerospikePort(), "node")).isEqualTo("node-1");
    }

    /**
     * Chunk sizes a parser can read but no body can have answer 400; a size past 64 bits loses the request's
     * framing, so the connection is closed at once (Undertow's chunk reader), without an error logged.
     */
    @Test
    void malformedChunkedBodiesAnswerBadRequestOrCloseQuietly() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            for (String chunk : new String[] {"zz\r\n", "-1\r\n"}) {
                assertThat(chunked(chunk)).as("answer to chunk " + chunk.trim()).startsWith("HTTP/1.1 400");
            }
            long started = System.nanoTime();
            assertThat(chunked("FFFFFFFFFFFFFFFFFF\r\n")).as("a chunk size past 64 bits: closed").isEmpty();
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
        } finally {
            root.detachAppender(logged);
        }
        // the HTTP stack's loggers only: a Kafka client of a node another test class left stopping may log
        // its own errors meanwhile, in this same JVM
        assertThat(logged.list).as("nothing logged as an error by the HTTP stack")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)
                        && (e.getLoggerName().startsWith("io.undertow") || e.getLoggerName().startsWith("org.xnio")
                        || e.getLoggerName().startsWith("io.aerolog.server.http")));
        assertThat(node.get("/health").status()).isEqualTo(200);
    }

    /** The first bytes of the answer to a PUT whose chunked body starts with {@code chunk} ("" when closed). */
    private String chunked(String chunk) throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.config.http.port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("PUT /v1/kvs/test/hostile/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n" + chunk)
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }
}
