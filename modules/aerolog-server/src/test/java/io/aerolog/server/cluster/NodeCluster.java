package io.aerolog.server.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.core.Command;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.protocol.Topics;
import io.aerolog.server.AerologNode;
import io.aerolog.server.config.NodeConfig;
import io.aerolog.server.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The set-up the cluster ITs share: a real Kafka cluster in this JVM and N real nodes on it, on free ports and
 * their own data directories, started together, awaited RUNNING, and closed together; plus Aerospike's client
 * once it sees a balanced cluster, an info command on every node, and a replay of a namespace's command log.
 */
final class NodeCluster implements AutoCloseable {
    private static final int START_SECONDS = 120;
    private final KafkaCluster kafka;
    private final List<AerologNode> nodes = new ArrayList<>();
    private final List<NodeConfig> configs = new ArrayList<>();
    private final List<AerospikeClient> clients = new ArrayList<>();

    private NodeCluster(KafkaCluster kafka) {
        this.kafka = kafka;
    }

    /**
     * {@code brokers} brokers and {@code nodeCount} nodes named node-1.. (configured as {@link ClusterIT#nodeConfig},
     * then by {@code tune} with the node's index from 0), each RUNNING before this returns.
     */
    static NodeCluster start(String name, int brokers, int nodeCount, BiConsumer<Integer, NodeConfig> tune)
            throws Exception {
        NodeCluster cluster = new NodeCluster(KafkaCluster.start(brokers));
        try {
            Path base = Path.of("target", "it-data", name + "-" + UUID.randomUUID());
            for (int i = 0; i < nodeCount; i++) {
                Path dir = base.resolve("node-" + (i + 1));
                Files.createDirectories(dir);
                NodeConfig config = ClusterIT.nodeConfig(cluster.bootstrapServers(), "node-" + (i + 1),
                        EmbeddedKafka.freePort(), dir);
                tune.accept(i, config);
                cluster.configs.add(config);
                cluster.nodes.add(AerologNode.start(config));
            }
            for (AerologNode n : cluster.nodes) {
                if (!n.awaitRunning(Duration.ofSeconds(START_SECONDS))) {
                    throw new AssertionError("a node did not reach RUNNING within " + START_SECONDS + " s");
                }
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    static NodeCluster start(String name, int brokers, int nodeCount) throws Exception {
        return start(name, brokers, nodeCount, (i, c) -> { });
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    KafkaCluster kafka() {
        return kafka;
    }

    AerologNode node(int i) {
        return nodes.get(i);
    }

    int size() {
        return nodes.size();
    }

    List<AerologNode> nodes() {
        return List.copyOf(nodes);
    }

    List<Integer> httpPorts() {
        return configs.stream().map(c -> c.http.port).toList();
    }

    /**
     * Stops node {@code i} (one a test closed already is passed over) and starts it again on the same
     * configuration, data and ports (not awaited).
     */
    AerologNode restart(int i) {
        try {
            nodes.get(i).close();
        } catch (RuntimeException e) {
            // closed by a test already
        }
        nodes.set(i, AerologNode.start(configs.get(i)));
        return nodes.get(i);
    }

    /** Whether every node is RUNNING now. */
    /**
     * Whether every node runs, has caught up, and has opened every partition the group assigned it: a task a
     * rebalance has just moved restores before it serves, and answers PARTITION_UNAVAILABLE until then.
     */
    boolean allRunning() throws InterruptedException {
        for (AerologNode n : nodes) {
            if (!n.awaitRunning(Duration.ofMillis(10)) || !n.namespace("test").router().restoringHere().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Each node's partitions that are assigned to it and still restoring, for a failure's message. */
    String restoring() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            out.append(i == 0 ? "" : ", ").append("node-").append(i + 1).append(": ")
                    .append(nodes.get(i).namespace("test").router().restoringHere());
        }
        return out.toString();
    }

    /**
     * Aerospike's client (with {@code policy}) on the first node, once it sees every node, a master of every
     * partition of {@code test}, each node mastering some, and every node's partition map published; closed
     * with the cluster.
     */
    AerospikeClient connect(ClientPolicy policy) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        AerospikeClient client = null;
        while (client == null) {
            try {
                client = new AerospikeClient(policy, "127.0.0.1", nodes.get(0).aerospikePort());
            } catch (AerospikeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
        clients.add(client);
        AerospikeClient connected = client;
        await("the client sees a balanced cluster of " + nodes.size(), START_SECONDS, () -> balanced(connected));
        return client;
    }

    /** Aerospike's client with a 10 s tend timeout, as {@link #connect(ClientPolicy)}. */
    AerospikeClient connect() throws InterruptedException {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        return connect(policy);
    }

    private boolean balanced(AerospikeClient client) {
        try {
            if (!allRunning() || client.getNodes().length != nodes.size()) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Partitions map = client.getCluster().partitionMap.get("test");
        if (map == null) {
            return false;
        }
        Set<String> masters = new HashSet<>();
        for (int p = 0; p < Node.PARTITIONS; p++) {
            Node master = map.replicas[0].get(p);
            if (master == null) {
                return false;
            }
            masters.add(master.getName());
        }
        return masters.size() == nodes.size()
                && java.util.Arrays.stream(client.getNodes()).allMatch(n -> n.getPartitionGeneration() > 0);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The answer of every node the client knows to the info {@code command}, by node name. */
    static Map<String, String> everyNode(AerospikeClient client, String command) {
        Map<String, String> out = new HashMap<>();
        for (Node n : client.getNodes()) {
            out.put(n.getName(), Info.request(null, n, command));
        }
        return out;
    }

    /** Aborts every background job on every node and waits until none runs. */
    static void abortAllJobs(AerospikeClient client) throws InterruptedException {
        everyNode(client, "query-abort-all");
        await("no background job runs", 30, () -> everyNode(client, "query-show").values().stream()
                .noneMatch(s -> s.contains("status=active")));
    }

    /**
     * Every record command of the namespace's log applied in order, as the command processor applies them
     * (control commands change no record and are passed over), by the base64 of the record's digest.
     */
    Map<String, Record> replay(NamespaceConfig ns) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Record> store = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < ns.partitions(); i++) {
                parts.add(new TopicPartition(Topics.commands(ns.name()), i));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Command c = AvroCodec.decodeCommand(r.value());
                    if (c.control() != null) {
                        continue;
                    }
                    Command timed = c.withTime(c.timeMillis() > 0 ? c.timeMillis() : r.timestamp());
                    String id = Base64.getEncoder().encodeToString(c.key().digest().bytes());
                    Outcome o = RecordEngine.apply(store.get(id), timed, ns);
                    if (o.effect() == Effect.WRITE) {
                        store.put(id, o.record());
                    } else if (o.effect() == Effect.DELETE) {
                        store.remove(id);
                    }
                }
            }
        }
        return store;
    }

    /** Closes the clients it made, every node (one a test closed already is passed over), then the Kafka cluster. */
    @Override
    public void close() {
        clients.forEach(AerospikeClient::close);
        for (AerologNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                // closed by a test already
            }
        }
        kafka.close();
    }
}
