package io.aerolog.server.namespace;

import io.aerolog.core.NamespaceConfig;
import io.aerolog.protocol.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
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
    private volatile boolean hasRun;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CommandLog log;
    private final PartitionRouter router;
    private final NamespaceStatistics statistics;
    private final io.aerolog.server.sindex.NamespaceIndexes indexes = new io.aerolog.server.sindex.NamespaceIndexes();
    private final ScheduledExecutorService timer;
    private final IndexCatalog catalog;
    private final ControlBroadcast controls;
    private final StallWatch stallWatch;
    private final UncleanStop run;

    private NamespaceService(NamespaceConfig config, NodeSettings node, MeterRegistry registry) {
        this.config = config;
        this.node = node;
        this.admin = Admin.create(adminProperties(config, node, "-admin"));
        EndOffsets ends = new EndOffsets(admin, Topics.commands(config.name()), Duration.ofMillis(100));
        Waiters waiters = new Waiters();
        ActiveStores activeStores = new ActiveStores(node.recordCacheBytes() / config.partitions() / 2,
                partition -> catchUp(ends, waiters, partition));
        NamespaceMetrics metrics = new NamespaceMetrics(registry, config.name());
        this.statistics = new NamespaceStatistics(config.partitions());
        this.run = UncleanStop.begin(NamespaceTopology.stateDir(config, node), NamespaceTopology.applicationId(config, node));
        if (!run.removed().isEmpty()) {
            LOG.info("namespace {} did not stop cleanly last time: removed the state of tasks {}, which exactly-once "
                    + "cannot trust; their stores are restored from the changelogs", config.name(), run.removed());
        }
        this.streams = new KafkaStreams(NamespaceTopology.topology(config, node, waiters, metrics, activeStores,
                statistics, indexes),
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
        // a stall of half a session may have cost this node its partitions without its threads knowing yet
        this.stallWatch = new StallWatch(config.name(), node.sessionTimeout().dividedBy(2), activeStores::catchUpAgain);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
            router.forget();
        });
        this.catalog = new IndexCatalog(config.name(), () -> streams.store(
                org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(IndexCatalog.STORE,
                        org.apache.kafka.streams.state.QueryableStoreTypes.keyValueStore())), log);
        this.controls = new ControlBroadcast(this);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aerolog-" + config.name() + "-upkeep");
            t.setDaemon(true);
            return t;
        });
        if (config.replicationFactor() > 1) {
            timer.scheduleWithFixedDelay(router::refreshLags, 0, 500, TimeUnit.MILLISECONDS);
        }
        String application = NamespaceTopology.applicationId(config, node);
        HangingTransactions hanging = new HangingTransactions(admin, this::freshAdmin, List.of(
                NamespaceTopology.changelog(application, NamespaceTopology.STORE),
                NamespaceTopology.changelog(application, NamespaceTopology.EXPIRY_STORE),
                Topics.changes(config.name()), Topics.rejected(config.name())), application, Duration.ofSeconds(1));
        // a transaction is judged from its second sighting and aborted on the second verdict: a restarted node's
        // restore waits for the sweeps
        timer.scheduleWithFixedDelay(hanging::sweep, 1, 2, TimeUnit.SECONDS);
    }

    /** A second admin client, for a call the node's own failed ({@link AdminRetry}); the caller closes it. */
    private Admin freshAdmin() {
        return Admin.create(adminProperties(config, node, "-admin-again"));
    }

    private static Properties adminProperties(NamespaceConfig config, NodeSettings node, String suffix) {
        Properties p = node.kafkaClient();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "aerolog-" + node.nodeId() + "-" + config.name() + suffix);
        return p;
    }

    /**
     * When a partition that opened here has applied the log up to the end it has now: the commands its
     * previous owner answered before the store's last commit are applied again before any read is
     * served. Bounded, so that a log whose last record is never applied (another writer's transaction
     * marker) cannot keep the partition from reads.
     */
    private CompletableFuture<Void> catchUp(EndOffsets ends, Waiters waiters, int partition) {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        // Commands before the group's committed offset are in the restored store, applied or not (a refused
        // command writes nothing, so the store's position may be behind them); those from it to the end are
        // delivered again and applied now.
        CompletableFuture<Long> committed = ends.committed(NamespaceTopology.applicationId(config, node), partition);
        ends.fresh(partition).thenCombine(committed, (end, done) -> {
            waiters.applied(partition, done - 1);
            return end;
        }).thenCompose(end -> waiters.whenApplied(partition, end - 1)).whenComplete((v, e) -> {
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

    /** Whether its stream processing has been RUNNING since the node started (it may be rebalancing now). */
    public boolean hasRun() {
        return hasRun;
    }

    /** The namespace's command log: writes, and waits for positions of it. */
    public CommandLog log() {
        return log;
    }

    /** Where each request on a partition of this namespace is served. */
    public PartitionRouter router() {
        return router;
    }

    /** What the namespace holds on this node, counted by its processors (Aerospike's info commands report it). */
    public NamespaceStatistics statistics() {
        return statistics;
    }

    /** The namespace's secondary-index definitions, as every node lists them. */
    public IndexCatalog catalog() {
        return catalog;
    }

    /**
     * Appends {@code control} to every partition; completes once every partition applied it (TIMEOUT, in doubt,
     * past {@code timeout}: the partitions that have not yet apply it when they can).
     */
    public CompletableFuture<Void> control(io.aerolog.core.Control control, Duration timeout) {
        return controls.apply(control, timeout);
    }

    /** The secondary indexes and truncate times of the partitions mastered here. */
    public io.aerolog.server.sindex.NamespaceIndexes indexes() {
        return indexes;
    }

    /** What every namespace of this node shares: the cluster's name, timings, where state lives. */
    public NodeSettings node() {
        return node;
    }

    /** The write timeout of the node, the longest a front door waits for a write's answer. */
    public Duration writeTimeout() {
        return node.writeTimeout();
    }

    /**
     * Removes node {@code nodeId}'s static member from this namespace's consumer group, so that its
     * partitions move to the other nodes now rather than after the session timeout, and aborts the transaction
     * it left open, which would otherwise hold its partitions' new owners back until it times out (their
     * committed offsets stay unreadable while it is pending). For a node known dead, at {@code httpAddress}.
     */
    public void evict(String nodeId, String httpAddress) {
        Set<Integer> held = new HashSet<>();
        router.owners().partitions().forEach((p, owner) -> {
            if (httpAddress.equals(owner.active())) {
                held.add(p);
            }
        });
        String group = NamespaceTopology.applicationId(config, node);
        // Kafka Streams gives each stream thread its own static member: <member id>-<thread index>
        String prefix = NamespaceTopology.memberId(config, nodeId) + "-";
        admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).toCompletionStage()
                .thenCompose(description -> {
                    List<MemberToRemove> members = description.members().stream()
                            .filter(m -> m.groupInstanceId().map(id -> id.startsWith(prefix)).orElse(false))
                            .map(m -> new MemberToRemove(m.groupInstanceId().get())).toList();
                    if (members.isEmpty()) {
                        return java.util.concurrent.CompletableFuture.completedFuture(0);
                    }
                    return admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(members))
                            .all().toCompletionStage().thenApply(v -> members.size());
                })
                .whenComplete((n, e) -> {
                    if (e != null) {
                        LOG.debug("could not remove node {} from namespace {}'s group: {}", nodeId, config.name(),
                                e.toString());
                    } else if (n > 0) {
                        LOG.info("removed node {}'s {} members from namespace {}'s group: its partitions move now",
                                nodeId, n, config.name());
                    }
                });
        LeftTransactions.abort(admin, this::freshAdmin, NamespaceTopology.applicationId(config, node), config.name(),
                nodeId, held);
    }

    @Override
    public void close() {
        stallWatch.close();
        timer.shutdownNow();
        log.close();
        if (streams.close(Duration.ofSeconds(30))) {
            run.stoppedCleanly();
        }
        streamsMetrics.close();
        admin.close(Duration.ofSeconds(5));
    }
}
