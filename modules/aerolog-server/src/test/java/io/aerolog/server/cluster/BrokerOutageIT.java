package io.aerolog.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The brokers go away under a node: a write can no longer be appended, and must not take the node with it.
 * The write answers TIMEOUT (in doubt) after the write timeout, the same connection then answers a read
 * from the local store, and meanwhile other connections are served at once (no event loop was blocked).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrokerOutageIT {
    @Test
    void aWriteThatCannotBeAppendedBlocksNoOneAndTheConnectionStillReads() throws Exception {
        Path base = Path.of("target", "it-data", "outage-" + UUID.randomUUID()).toAbsolutePath();
        try (KafkaCluster kafka = KafkaCluster.start(1)) {
            NodeConfig c = ClusterIT.nodeConfig(kafka.bootstrapServers(), "node-1", EmbeddedKafka.freePort(),
                    base.resolve("node-1"));
            c.aerospike.port = EmbeddedKafka.freePort();
            c.writeTimeoutMs = 2_000;
            c.namespaces.get(0).replicationFactor = 1;
            try (AerologNode node = AerologNode.start(c)) {
                assertThat(node.awaitRunning(Duration.ofSeconds(60))).isTrue();
                ClientPolicy policy = new ClientPolicy();
                policy.timeout = 10_000;
                Key key = new Key("test", "outage", "k");
                try (AerospikeClient client = new AerospikeClient(policy, "127.0.0.1", node.aerospikePort())) {
                    client.put(null, key, new Bin("a", 1));
                    assertThat(client.get(null, key).getInt("a")).isEqualTo(1);
                }
                kafka.stopBrokers();
                try (Socket s = new Socket("127.0.0.1", node.aerospikePort());
                     Socket other = new Socket("127.0.0.1", node.aerospikePort())) {
                    s.setSoTimeout(20_000);
                    other.setSoTimeout(5_000);
                    OutputStream out = s.getOutputStream();
                    // a write and then a read, pipelined on one connection
                    out.write(frame(key, true));
                    out.write(frame(key, false));
                    long sent = System.nanoTime();
                    // while the write waits, another connection is served at once
                    other.getOutputStream().write(frame(key, false));
                    byte[] otherAnswer = answer(other);
                    assertThat(otherAnswer[5]).as("a read on another connection").isEqualTo((byte) 0);
                    assertThat(System.nanoTime() - sent).isLessThan(TimeUnit.SECONDS.toNanos(1));
                    byte[] written = answer(s);
                    assertThat(written[5]).as("the write times out, in doubt").isEqualTo((byte) 9);
                    assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_900));
                    byte[] read = answer(s);
                    assertThat(read[5]).as("then the same connection reads").isEqualTo((byte) 0);
                }
            }
        }
    }

    /** A put of bin "a" = 2 (write) or a get of all bins (read) of {@code key}, as Aerospike's client frames it. */
    private static byte[] frame(Key key, boolean write) {
        byte[] ns = "test".getBytes(StandardCharsets.UTF_8);
        byte[] name = "a".getBytes(StandardCharsets.UTF_8);
        int ops = write ? 1 : 0;
        int size = 22 + 5 + ns.length + 5 + 20 + (write ? 8 + name.length + 8 : 0);
        ByteBuffer b = ByteBuffer.allocate(8 + size);
        b.putLong((2L << 56) | (3L << 48) | size);
        b.put((byte) 22).put((byte) (write ? 0 : 3)).put((byte) (write ? 1 : 0)).put((byte) 0).put((byte) 0)
                .put((byte) 0).putInt(0).putInt(0).putInt(0).putShort((short) 2).putShort((short) ops);
        b.putInt(ns.length + 1).put((byte) 0).put(ns);
        b.putInt(21).put((byte) 4).put(key.digest);
        if (write) {
            b.putInt(4 + name.length + 8).put((byte) 2).put((byte) 1).put((byte) 0).put((byte) name.length).put(name)
                    .putLong(2);
        }
        return b.array();
    }

    private static byte[] answer(Socket s) throws Exception {
        DataInputStream in = new DataInputStream(s.getInputStream());
        long header = in.readLong();
        byte[] body = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
        in.readFully(body);
        return body;
    }
}
