package io.aerolog.server.namespace;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A namespace's Kafka Streams application: the topology (commands, the command processor over the record
 * store and the expiry index, the changes and dead-letter sinks) and the settings of its stream
 * processing and of the producer that appends this node's writes.
 */
final class NamespaceTopology {
    static final String STORE = "records";
    static final String EXPIRY_STORE = "expiry";
    /** A partition's secondary-index entries ({@code sindex.IndexKeys}). */
    static final String INDEX_STORE = "sindex";
    /** A partition's metadata: index definitions and build cursors, truncate times. */
    static final String META_STORE = "meta";
    /** The stores each partition of a namespace opens: records, expiry index, index entries, metadata. */
    static final int STORES_PER_PARTITION = 4;
    /**
     * How often Kafka Streams rebalances while a node waits to take partitions it is warming (Kafka Streams'
     * least; its default is ten minutes): how long the load stays uneven after a node rejoins.
     */
    static final Duration PROBING_INTERVAL = Duration.ofMinutes(1);

    private NamespaceTopology() {
    }

    static Topology topology(NamespaceConfig config, NodeSettings node, Waiters waiters, NamespaceMetrics metrics,
                             ActiveStores activeStores, NamespaceStatistics statistics,
                             io.aerolog.server.sindex.NamespaceIndexes indexes) {
        Topology topology = new Topology();
        String source = "commands";
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.commands(config.name()));
        topology.addProcessor("apply", () -> new CommandProcessor(config, STORE, EXPIRY_STORE, waiters,
                node.expiryScanInterval(), metrics, activeStores, statistics, indexes), source);
        KeyValueBytesStoreSupplier supplier = config.storage() == NamespaceConfig.Storage.MEMORY
                ? Stores.inMemoryKeyValueStore(STORE) : Stores.persistentKeyValueStore(STORE);
        StoreBuilder<?> store = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of("max.message.bytes", String.valueOf(maxMessageBytes(config))));
        topology.addStateStore(store, "apply");
        KeyValueBytesStoreSupplier expirySupplier = config.storage() == NamespaceConfig.Storage.MEMORY
                ? Stores.inMemoryKeyValueStore(EXPIRY_STORE) : Stores.persistentKeyValueStore(EXPIRY_STORE);
        topology.addStateStore(Stores.keyValueStoreBuilder(expirySupplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()), "apply");
        for (String name : new String[] {INDEX_STORE, META_STORE}) {
            KeyValueBytesStoreSupplier s = config.storage() == NamespaceConfig.Storage.MEMORY
                    ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
            topology.addStateStore(Stores.keyValueStoreBuilder(s, Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingEnabled(Map.of()), "apply");
        }
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IndexCatalog.STORE),
                        Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled(), "index-catalog-source",
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.indexes(config.name()),
                "index-catalog", IndexCatalog.Updater::new);
        int partitions = config.partitions();
        if (config.changesFeed()) {
            topology.addSink(CommandProcessor.CHANGES_SINK, Topics.changes(config.name()), new ByteArraySerializer(),
                    new ByteArraySerializer(), (topic, key, value, n) -> CommandProcessor.partitionOf(key, n), "apply");
        }
        topology.addSink(CommandProcessor.REJECTED_SINK, Topics.rejected(config.name()), new ByteArraySerializer(),
                new ByteArraySerializer(), (topic, key, value, n) -> CommandProcessor.partitionOf(key, n), "apply");
        return topology;
    }

    /** The static member id (group.instance.id) of node {@code nodeId} in the namespace's group. */
    static String memberId(NamespaceConfig config, String nodeId) {
        return "aerolog-" + nodeId + "-" + config.name();
    }

    /** The namespace's Kafka Streams application id, also its consumer group: {@code aerolog.<cluster>.<ns>}. */
    /** Where Kafka Streams keeps this namespace's stores on this node. */
    static Path stateDir(NamespaceConfig config, NodeSettings node) {
        return node.stateDir().resolve(config.name()).toAbsolutePath();
    }

    static String applicationId(NamespaceConfig config, NodeSettings node) {
        return "aerolog." + node.cluster() + "." + config.name();
    }

    /** The changelog topic Kafka Streams keeps for {@code store} of {@code application}. */
    static String changelog(String application, String store) {
        return application + "-" + store + "-changelog";
    }

    static int maxMessageBytes(NamespaceConfig config) {
        return config.maxRecordSize() * 3 + 64 * 1024;
    }

    static Properties streamsProperties(NamespaceConfig config, NodeSettings node) {
        Properties p = node.kafkaClient();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(config, node));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(config, node).toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, node.advertisedHttp());
        int standbys = config.replicationFactor() - 1;
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, node.streamThreads(standbys));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        // A node that holds no state of a partition does not take it while another node serves it: it warms a
        // standby first, and a probing rebalance (every minute while one waits) hands the partition over.
        p.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, WarmTaskAssignor.class.getName());
        p.putIfAbsent(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, (int) PROBING_INTERVAL.toMillis());
        // Answers do not wait for the commit; a commit costs a round of transaction requests and markers,
        // so fewer commits leave more CPU to writes. Downstream read_committed readers see changes that late.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) node.commitInterval().toMillis());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // A node that dies leaves its transaction open, which holds back read_committed readers of its
        // partitions (the node taking over among them) until the broker aborts it: keep that short, yet well
        // above the commit interval, or a busy healthy node's producer is fenced.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) node.transactionTimeout().toMillis());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxMessageBytes(config) * 2);
        p.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), maxMessageBytes(config) * 2);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class);
        p.put(RocksDbMemory.MEMORY_BYTES_CONFIG, node.rocksDbMemoryBytes());
        p.put(RocksDbMemory.WRITE_BUFFER_BYTES_CONFIG, node.storeWriteBufferBytes());
        // Static membership: a restarted node takes its partitions back at once, with no rebalance.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                memberId(config, node.nodeId()));
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) node.sessionTimeout().toMillis());
        // members hear of a rebalance at their next heartbeat: a failover waits at most this long for them
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.min(500, node.sessionTimeout().toMillis() / 3));
        return p;
    }

    static Properties producerProperties(NamespaceConfig config, NodeSettings node) {
        Properties p = node.kafkaClient();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Concurrent writes share produce requests: fewer requests for the broker to handle per write.
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) node.writeLinger().toMillis());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes(config));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name() + "-writer");
        return p;
    }
}
