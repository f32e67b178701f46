package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.client.kafka.Topics;
import io.aerolog.core.codec.AvroCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace on this node: its topics, its Kafka Streams application (the command processor over
 * the record store of each partition), the producer that appends this node's writes, and the
 * interactive queries that serve reads.
 */
public final class NamespaceService implements AutoCloseable {
    static final String STORE = "records";
    static final String EXPIRY_STORE = "expiry";
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceService.class);
    private static final long READ_WAIT_PAUSE_NANOS = 50_000;

    private final NamespaceConfig config;
    private final NodeSettings node;
    private final Waiters waiters;
    private final ActiveStores activeStores;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AtomicLong requestSeq = new AtomicLong();
    private final String requestPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";

    private NamespaceService(NamespaceConfig config, NodeSettings node, Waiters waiters, ActiveStores activeStores,
                             KafkaProducer<byte[], byte[]> producer, KafkaStreams streams,
                             KafkaStreamsMetrics streamsMetrics) {
        this.config = config;
        this.waiters = waiters;
        this.activeStores = activeStores;
        this.node = node;
        this.producer = producer;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        streams.setStateListener((now, before) -> {
            this.owners = null;
            stores[0].clear();
            stores[1].clear();
        });
    }

    /** Creates the namespace's topics if missing, and starts its stream processing and producer. */
    public static NamespaceService start(NamespaceConfig config, NodeSettings node, MeterRegistry registry) {
        ensureTopics(config, node);
        NamespaceService service = create(config, node, registry);
        service.streams.start();
        return service;
    }

    private static NamespaceService create(NamespaceConfig config, NodeSettings node, MeterRegistry registry) {
        Waiters waiters = new Waiters();
        ActiveStores activeStores = new ActiveStores(node.recordCacheBytes() / config.partitions() / 2);
        NamespaceMetrics metrics = new NamespaceMetrics(registry, config.name());
        Topology topology = topology(config, node, waiters, metrics, activeStores);
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config, node));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread of namespace {} failed; replacing it", config.name(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(config, node),
                new ByteArraySerializer(), new ByteArraySerializer());
        return new NamespaceService(config, node, waiters, activeStores, producer, streams, streamsMetrics);
    }

    static Topology topology(NamespaceConfig config, NodeSettings node, Waiters waiters, NamespaceMetrics metrics,
                             ActiveStores activeStores) {
        Topology topology = new Topology();
        String source = "commands";
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.commands(config.name()));
        topology.addProcessor("apply", () -> new CommandProcessor(config, STORE, EXPIRY_STORE, waiters,
                node.expiryScanInterval(), metrics, activeStores), source);
        KeyValueBytesStoreSupplier supplier = config.storage() == NamespaceConfig.Storage.MEMORY
                ? Stores.inMemoryKeyValueStore(STORE) : Stores.persistentKeyValueStore(STORE);
        StoreBuilder<?> store = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of("max.message.bytes", String.valueOf(maxMessageBytes(config))));
        topology.addStateStore(store, "apply");
        KeyValueBytesStoreSupplier expirySupplier = config.storage() == NamespaceConfig.Storage.MEMORY
                ? Stores.inMemoryKeyValueStore(EXPIRY_STORE) : Stores.persistentKeyValueStore(EXPIRY_STORE);
        topology.addStateStore(Stores.keyValueStoreBuilder(expirySupplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()), "apply");
        int partitions = config.partitions();
        topology.addSink(CommandProcessor.CHANGES_SINK, Topics.changes(config.name()), new ByteArraySerializer(),
                new ByteArraySerializer(), (topic, key, value, n) -> CommandProcessor.partitionOf(key, n), "apply");
        topology.addSink(CommandProcessor.REJECTED_SINK, Topics.rejected(config.name()), new ByteArraySerializer(),
                new ByteArraySerializer(), (topic, key, value, n) -> CommandProcessor.partitionOf(key, n), "apply");
        return topology;
    }

    static int maxMessageBytes(NamespaceConfig config) {
        return config.maxRecordSize() * 3 + 64 * 1024;
    }

    private static Properties streamsProperties(NamespaceConfig config, NodeSettings node) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "aerolog." + node.cluster() + "." + config.name());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, node.stateDir().resolve(config.name()).toAbsolutePath().toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, node.advertisedHttp());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, node.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.replicationFactor() - 1);
        // Answers do not wait for the commit; a commit costs a round of transaction requests and markers,
        // so fewer commits leave more CPU to writes. Downstream read_committed readers see changes that late.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) node.commitInterval().toMillis());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // A node that dies leaves its transaction open, which holds back read_committed readers of its
        // partitions (the node taking over among them) until the broker aborts it: keep that short.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) Math.max(2_000, node.sessionTimeout().toMillis()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxMessageBytes(config) * 2);
        p.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), maxMessageBytes(config) * 2);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class);
        p.put(RocksDbMemory.MEMORY_BYTES_CONFIG, node.rocksDbMemoryBytes());
        // Static membership: a restarted node takes its partitions back at once, with no rebalance.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                "aerolog-" + node.nodeId() + "-" + config.name());
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) node.sessionTimeout().toMillis());
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(500, node.sessionTimeout().toMillis() / 5));
        return p;
    }

    private static Properties producerProperties(NamespaceConfig config, NodeSettings node) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Concurrent writes share produce requests: fewer requests for the broker to handle per write.
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) node.writeLinger().toMillis());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes(config));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name() + "-writer");
        return p;
    }

    private static void ensureTopics(NamespaceConfig config, NodeSettings node) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            short rf = (short) config.replicationFactor();
            String minIsr = String.valueOf(Math.max(1, config.replicationFactor() - 1));
            String maxBytes = String.valueOf(maxMessageBytes(config));
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.commands(config.name()), config.partitions(), rf).configs(Map.of(
                            "retention.ms", "-1", "min.insync.replicas", minIsr, "max.message.bytes", maxBytes)),
                    new NewTopic(Topics.changes(config.name()), config.partitions(), rf).configs(Map.of(
                            "min.insync.replicas", minIsr, "max.message.bytes", maxBytes)),
                    new NewTopic(Topics.rejected(config.name()), config.partitions(), rf).configs(Map.of(
                            "min.insync.replicas", minIsr, "max.message.bytes", maxBytes)));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {} with {} partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = describe(admin, topics.stream().map(NewTopic::name).toList());
            for (TopicDescription d : described.values()) {
                if (d.partitions().size() != config.partitions()) {
                    throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                            + " partitions but namespace " + config.name() + " is configured with "
                            + config.partitions() + ": keep the namespace's partitions as they were created");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics of namespace " + config.name() + " on "
                    + node.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** Describes topics, waiting out the moment after creation when the broker does not know them yet. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public NamespaceConfig config() {
        return config;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Appends {@code command} to the log and completes when this node's task has applied it.
     * The future fails with {@link AerologException} TIMEOUT, in doubt, when no answer came in time.
     */
    public CompletableFuture<WriteResult> write(Command command) {
        String requestId = requestPrefix + requestSeq.incrementAndGet();
        Command stamped = command.withRequest(requestId, node.nodeId()).withTime(System.currentTimeMillis());
        byte[] digest = stamped.key().digest().bytes();
        int partition = stamped.key().digest().kafkaPartition(config.partitions());
        CompletableFuture<WriteResult> future = waiters.register(requestId);
        producer.send(new ProducerRecord<>(Topics.commands(config.name()), partition, digest,
                AvroCodec.encodeCommand(stamped)), (meta, error) -> {
                    if (error != null) {
                        future.completeExceptionally(new AerologException(ResultCode.SERVER_ERROR,
                                "the write could not be appended to the log: " + error.getMessage(), true, error));
                    }
                });
        long timeoutMs = node.writeTimeout().toMillis();
        return future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.TIMEOUT,
                        "no answer within " + timeoutMs + " ms; the write is in doubt: read the record to see whether it applied",
                        true, cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * Reads a record from the local store of its partition. Waits, up to the write timeout, until the
     * store has applied the write of {@code token} when one is given. Expired records are absent.
     *
     * @throws AerologException PARTITION_UNAVAILABLE when this node does not serve the partition now,
     *                          TIMEOUT when the token's write was not applied in time
     */
    public Optional<Record> get(Key key, ConsistencyToken token) {
        return get(key, token, true);
    }

    /**
     * Reads a record as {@link #get(Key, ConsistencyToken)} does; with {@code requireActive} false a
     * standby replica of the partition on this node may answer (its data may lag the active's).
     *
     * <p>Reads use Interactive Queries v1 on the partition's store. (IQv2 in Kafka Streams 4.1 locks
     * the store's position and then the store, while a put locks them the other way round: under
     * concurrent reads and writes the two deadlock.) A consistency token is checked against the
     * offsets this node has applied, seeded from the store's position when its task starts.
     */
    public Optional<Record> get(Key key, ConsistencyToken token, boolean requireActive) {
        int partition = key.digest().kafkaPartition(config.partitions());
        if (token != null && token.partition() != partition) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "consistency token " + token
                    + " is for partition " + token.partition() + ", but the key is in partition " + partition);
        }
        long deadline = System.nanoTime() + node.writeTimeout().toNanos();
        while (true) {
            boolean reached = token == null || waiters.appliedOffset(partition) >= token.offset();
            AerologException unavailable = null;
            if (reached) {
                try {
                    return getNow(key, requireActive);
                } catch (AerologException e) {
                    if (e.resultCode() != ResultCode.PARTITION_UNAVAILABLE) {
                        throw e;
                    }
                    unavailable = e;
                }
            }
            if (System.nanoTime() > deadline) {
                if (unavailable == null) {
                    throw new AerologException(ResultCode.TIMEOUT, "the store of partition " + partition
                            + " has not applied " + token + " within " + node.writeTimeout().toMillis() + " ms");
                }
                throw unavailable;
            }
            LockSupport.parkNanos(READ_WAIT_PAUSE_NANOS);
        }
    }

    /** Whether the active task of {@code partition} runs on this node now, so its store answers reads here. */
    public boolean servesActive(int partition) {
        return activeStores.of(partition) != null;
    }

    /**
     * Reads a record from the local store of its partition at once, without waiting (so an HTTP I/O
     * thread may call it). Expired records are absent.
     *
     * @throws AerologException PARTITION_UNAVAILABLE when no store of the partition is open here now
     */
    public Optional<Record> getNow(Key key, boolean requireActive) {
        int partition = key.digest().kafkaPartition(config.partitions());
        Bytes storeKey = Bytes.wrap(key.digest().bytes());
        Record record;
        try {
            ActiveStores.Served active = activeStores.of(partition);
            if (active != null && active.cache() != null) {
                record = active.cache().get(storeKey);
                if (record == null) {
                    long writes = active.cache().writes();
                    record = decode(active.store().get(storeKey));
                    if (record != null) {
                        active.cache().offer(storeKey, record, writes);
                    }
                }
            } else {
                record = decode(active != null ? active.store().get(storeKey)
                        : store(partition, requireActive).get(storeKey));
            }
        } catch (InvalidStateStoreException e) {
            stores[requireActive ? 0 : 1].remove(partition);
            throw new AerologException(ResultCode.PARTITION_UNAVAILABLE, "partition " + partition
                    + " of namespace " + config.name() + " is not served by this node now (" + e.getMessage()
                    + "); retry shortly");
        }
        if (record == null || record.isExpiredAt(System.currentTimeMillis())) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    private static Record decode(byte[] bytes) {
        return bytes == null ? null : AvroCodec.decodeRecord(bytes);
    }

    @SuppressWarnings("unchecked")
    private final Map<Integer, ReadOnlyKeyValueStore<Bytes, byte[]>>[] stores = new Map[] {
        new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>()};

    /** The local store of {@code partition} (active only, or any copy), cached until it moves. */
    private ReadOnlyKeyValueStore<Bytes, byte[]> store(int partition, boolean requireActive) {
        return stores[requireActive ? 0 : 1].computeIfAbsent(partition, p -> {
            StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> params = StoreQueryParameters
                    .fromNameAndType(STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(p);
            return streams.store(requireActive ? params : params.enableStaleStores());
        });
    }

    /**
     * Who serves each partition now, from Kafka Streams' metadata; cached for up to 200 ms and
     * recomputed after every state change of the stream processing (a rebalance).
     */
    public PartitionOwners owners() {
        PartitionOwners cached = owners;
        long now = System.nanoTime();
        if (cached != null && now - ownersAt < 200_000_000L) {
            return cached;
        }
        Map<Integer, String> active = new HashMap<>();
        Map<Integer, List<String>> standbys = new HashMap<>();
        String topic = Topics.commands(config.name());
        for (var meta : streams.metadataForAllStreamsClients()) {
            String host = meta.host() + ":" + meta.port();
            for (var tp : meta.topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    active.put(tp.partition(), host);
                }
            }
            for (var tp : meta.standbyTopicPartitions()) {
                if (tp.topic().equals(topic)) {
                    standbys.computeIfAbsent(tp.partition(), k -> new java.util.ArrayList<>()).add(host);
                }
            }
        }
        Map<Integer, PartitionOwners.Owner> map = new HashMap<>();
        for (int p = 0; p < config.partitions(); p++) {
            if (active.containsKey(p) || standbys.containsKey(p)) {
                map.put(p, new PartitionOwners.Owner(active.get(p), standbys.getOrDefault(p, List.of())));
            }
        }
        PartitionOwners fresh = PartitionOwners.of(map);
        owners = fresh;
        ownersAt = now;
        return fresh;
    }

    private volatile PartitionOwners owners;
    private volatile long ownersAt;

    /**
     * How many changelog records the local copy of {@code partition}'s store lags behind (0 for an
     * active task that is up to date); {@link Long#MAX_VALUE} when this node holds no copy. Cached
     * for 100 ms, since computing it asks the brokers for end offsets.
     */
    public long standbyLag(int partition) {
        long now = System.nanoTime();
        Map<Integer, org.apache.kafka.streams.LagInfo> cached = lags;
        if (cached == null || now - lagsAt > 100_000_000L) {
            cached = streams.allLocalStorePartitionLags().getOrDefault(STORE, Map.of());
            lags = cached;
            lagsAt = now;
        }
        org.apache.kafka.streams.LagInfo info = cached.get(partition);
        return info == null ? Long.MAX_VALUE : info.offsetLag();
    }

    private volatile Map<Integer, org.apache.kafka.streams.LagInfo> lags;
    private volatile long lagsAt;

    /** This node's advertised HTTP address, as it appears in {@link #owners()}. */
    public String self() {
        return node.advertisedHttp();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }
}
