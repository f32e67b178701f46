package io.aerolog.server.namespace;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.protocol.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace on this node, and the owner of its lifecycle: its topics ({@link NamespaceTopics}), its
 * Kafka Streams application ({@link NamespaceTopology}: the command processor over the record store of
 * each partition), the {@link CommandLog} this node writes to and waits on, and the
 * {@link PartitionRouter} that says where each request is served. The front doors use those two and
 * nothing else of Kafka Streams.
 */
public final class NamespaceService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceService.class);
    /** How long a partition that opened here may take to apply its log before it serves reads anyway. */
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    private final NamespaceConfig config;
    private final NodeSettings node;
    private final Admin admin;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CommandLog log;
    private final PartitionRouter router;
    private final ScheduledExecutorService timer;

    private NamespaceService(NamespaceConfig config, NodeSettings node, MeterRegistry registry) {
        this.config = config;
        this.node = node;
        Properties adminProps = node.kafkaClient();
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name() + "-admin");
        this.admin = Admin.create(adminProps);
        EndOffsets ends = new EndOffsets(admin, Topics.commands(config.name()), Duration.ofMillis(100));
        Waiters waiters = new Waiters();
        ActiveStores activeStores = new ActiveStores(node.recordCacheBytes() / config.partitions() / 2,
                partition -> catchUp(ends, waiters, partition));
        NamespaceMetrics metrics = new NamespaceMetrics(registry, config.name());
        this.streams = new KafkaStreams(NamespaceTopology.topology(config, node, waiters, metrics, activeStores),
                NamespaceTopology.streamsProperties(config, node));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread of namespace {} failed; replacing it", config.name(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(NamespaceTopology.producerProperties(config, node),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.log = new CommandLog(config, node.nodeId(), waiters, ends, producer);
        this.router = new PartitionRouter(config.name(), NamespaceTopology.STORE, streams, activeStores,
                node.advertisedHttp());
        streams.setStateListener((now, before) -> router.forget());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aerolog-" + config.name() + "-lags");
            t.setDaemon(true);
            return t;
        });
        if (config.replicationFactor() > 1) {
            timer.scheduleWithFixedDelay(router::refreshLags, 0, 500, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * When a partition that opened here has applied the log up to the end it has now: the commands its
     * previous owner answered before the store's last commit are applied again before any read is
     * served. Bounded, so that a log whose last record is never applied (another writer's transaction
     * marker) cannot keep the partition from reads.
     */
    private CompletableFuture<Void> catchUp(EndOffsets ends, Waiters waiters, int partition) {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        ends.fresh(partition).thenCompose(end -> waiters.whenApplied(partition, end - 1)).whenComplete((v, e) -> {
            if (e != null) {
                caughtUp.completeExceptionally(e);
            } else {
                caughtUp.complete(null);
            }
        });
        return caughtUp.completeOnTimeout(null, CATCH_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    LOG.warn("partition {} of namespace {} serves reads without knowing its log's end: {}", partition,
                            config.name(), e.toString());
                    return null;
                });
    }

    /** Creates the namespace's topics if missing, and starts its stream processing and producer. */
    public static NamespaceService start(NamespaceConfig config, NodeSettings node, MeterRegistry registry) {
        NamespaceTopics.ensure(config, node);
        NamespaceService service = new NamespaceService(config, node, registry);
        service.streams.start();
        return service;
    }

    public NamespaceConfig config() {
        return config;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The namespace's command log: writes, and waits for positions of it. */
    public CommandLog log() {
        return log;
    }

    /** Where each request on a partition of this namespace is served. */
    public PartitionRouter router() {
        return router;
    }

    /** The write timeout of the node, the longest a front door waits for a write's answer. */
    public Duration writeTimeout() {
        return node.writeTimeout();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        log.close();
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        admin.close(Duration.ofSeconds(5));
    }
}
