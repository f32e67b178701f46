package io.aerolog.server.namespace;

import io.aerolog.protocol.Replica;
import io.aerolog.protocol.Topics;
import io.aerolog.server.sindex.PartitionIndexes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that answers "where is this partition served, and can this node serve it now", for every
 * front door (HTTP, Aerospike's protocol, batches, info) and every request, once per request.
 *
 * <p>Design note. Two sources are joined here and nowhere else: the stores the command processors
 * opened on this node ({@link ActiveStores}: a partition whose active task runs here is served here,
 * whatever the cluster metadata says while it settles) and Kafka Streams' metadata of the whole group
 * (who else holds the active task or a standby, cached for 200 ms and dropped at every state change).
 * A partition whose task this node should run but has not opened yet is unavailable, never forwarded to
 * itself. Standby lags are read in the background ({@link #refreshLags}), since asking them blocks on the
 * brokers; a front door's thread never blocks here.
 */
public final class PartitionRouter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRouter.class);
    private static final long OWNERS_MAX_AGE_NANOS = 200_000_000L;

    private final String namespace;
    private final String storeName;
    private final KafkaStreams streams;
    private final ActiveStores active;
    private final String self;
    private final Map<Integer, ReadOnlyKeyValueStore<Bytes, byte[]>> standbyStores = new ConcurrentHashMap<>();
    private final Map<Integer, ReadOnlyKeyValueStore<Bytes, byte[]>> standbyMeta = new ConcurrentHashMap<>();
    private volatile PartitionOwners owners;
    private volatile long ownersAt;
    private volatile Map<Integer, Long> lags = Map.of();

    PartitionRouter(String namespace, String storeName, KafkaStreams streams, ActiveStores active, String self) {
        this.namespace = namespace;
        this.storeName = storeName;
        this.streams = streams;
        this.active = active;
        this.self = self;
    }

    /** Forgets what it knew of the group, after a state change of the stream processing (a rebalance). */
    void forget() {
        owners = null;
        standbyStores.clear();
        standbyMeta.clear();
    }

    /** This node's advertised HTTP address, as the metadata names it. */
    public String self() {
        return self;
    }

    /** Where a write of {@code partition} goes: its active task, here or on another node. */
    public Route write(int partition) {
        return read(partition, Replica.MASTER, -1);
    }

    /**
     * Where a read of {@code partition} with {@code replica} goes. A standby copy here serves it only when
     * the replica allows and, with {@code maxLag} of 0 or more, when it lags by at most that many records
     * (else the active serves it). The active task here always serves it.
     */
    public Route read(int partition, Replica replica, long maxLag) {
        ActiveStores.Served served = active.of(partition);
        if (served != null) {
            return new Route.Active(partition, served);
        }
        PartitionOwners map = owners();
        String activeNode = map.activeOf(partition);
        boolean activeElsewhere = activeNode != null && !activeNode.equals(self);
        boolean restoringHere = self.equals(activeNode);
        PartitionOwners.Owner owner = map.partitions().get(partition);
        List<String> standbys = owner == null ? List.of() : owner.standbys();
        boolean standbyHere = standbys.contains(self);
        switch (replica) {
            case MASTER:
                if (activeElsewhere) {
                    return new Route.Remote(partition, activeNode);
                }
                break;
            case SEQUENCE:
                if (activeElsewhere) {
                    return new Route.Remote(partition, activeNode);
                }
                if (standbyHere) {
                    Route local = standby(partition, maxLag);
                    if (local != null) {
                        return local;
                    }
                }
                for (String s : standbys) {
                    if (!s.equals(self)) {
                        return new Route.Remote(partition, s);
                    }
                }
                break;
            case ANY:
                if (standbyHere) {
                    Route local = standby(partition, maxLag);
                    if (local != null) {
                        return local;
                    }
                }
                if (activeElsewhere) {
                    return new Route.Remote(partition, activeNode);
                }
                for (String s : standbys) {
                    if (!s.equals(self)) {
                        return new Route.Remote(partition, s);
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("replica " + replica);
        }
        return new Route.Unavailable(partition, "partition " + partition + " of namespace " + namespace
                + (restoringHere ? " is restoring on this node" : activeNode == null
                ? " has no active owner now (a node joined or left)" : " is not served by this node")
                + "; retry shortly");
    }

    /** The standby copy here, when it is open and within {@code maxLag}; null otherwise. */
    private Route standby(int partition, long maxLag) {
        long lag = lags.getOrDefault(partition, Long.MAX_VALUE);
        if (maxLag >= 0 && lag > maxLag) {
            return null;
        }
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = standbyStores.computeIfAbsent(partition, p ->
                    streams.store(StoreQueryParameters.fromNameAndType(storeName,
                            QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(p).enableStaleStores()));
            ReadOnlyKeyValueStore<Bytes, byte[]> meta = standbyMeta.computeIfAbsent(partition, p ->
                    streams.store(StoreQueryParameters.fromNameAndType(NamespaceTopology.META_STORE,
                            QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(p).enableStaleStores()));
            return new Route.Standby(partition, store, lag, PartitionIndexes.truncateTimes(meta));
        } catch (InvalidStateStoreException e) {
            standbyStores.remove(partition);
            standbyMeta.remove(partition);
            return null;
        }
    }

    /**
     * The partitions whose active task runs here and is still applying the log it had at start: their reads
     * wait, so a node reports itself up only when there are none.
     */
    public java.util.List<Integer> catchingUp() {
        return active.catchingUp();
    }

    /**
     * The partitions the group's metadata says this node runs the active task of, but whose processor has not
     * opened its store yet (a rebalance moved the task here and it is restoring): they answer unavailable.
     */
    public List<Integer> restoringHere() {
        List<Integer> out = new ArrayList<>();
        owners().partitions().forEach((p, owner) -> {
            if (self.equals(owner.active()) && active.of(p) == null) {
                out.add(p);
            }
        });
        Collections.sort(out);
        return out;
    }

    /** Whether the active task of {@code partition} runs here (its writes are applied here). */
    public boolean mastersHere(int partition) {
        return active.of(partition) != null;
    }

    /** How many changelog records the copy of {@code partition} here lags; {@link Long#MAX_VALUE} when unknown. */
    public long standbyLag(int partition) {
        return mastersHere(partition) ? 0 : lags.getOrDefault(partition, Long.MAX_VALUE);
    }

    /**
     * Who serves each partition now, from Kafka Streams' metadata; cached for up to 200 ms and
     * recomputed after every state change of the stream processing.
     */
    public PartitionOwners owners() {
        PartitionOwners cached = owners;
        long now = System.nanoTime();
        if (cached != null && now - ownersAt < OWNERS_MAX_AGE_NANOS) {
            return cached;
        }
        Map<Integer, String> activeNodes = new HashMap<>();
        Map<Integer, List<String>> standbys = new HashMap<>();
        String topic = Topics.commands(namespace);
        for (var meta : streams.metadataForAllStreamsClients()) {
            String host = meta.host() + ":" + meta.port();
            for (var tp : meta.topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    activeNodes.put(tp.partition(), host);
                }
            }
            for (var tp : meta.standbyTopicPartitions()) {
                if (tp.topic().equals(topic)) {
                    standbys.computeIfAbsent(tp.partition(), k -> new ArrayList<>()).add(host);
                }
            }
        }
        Map<Integer, PartitionOwners.Owner> map = new HashMap<>();
        for (Integer p : activeNodes.keySet()) {
            map.put(p, new PartitionOwners.Owner(activeNodes.get(p), standbys.getOrDefault(p, List.of())));
        }
        standbys.forEach((p, s) -> map.putIfAbsent(p, new PartitionOwners.Owner(null, s)));
        PartitionOwners fresh = PartitionOwners.of(map);
        owners = fresh;
        ownersAt = now;
        return fresh;
    }

    /** Reads the lags of this node's standby copies; blocks on the brokers, so it runs on a timer, not a front door. */
    void refreshLags() {
        try {
            Map<Integer, LagInfo> all = streams.allLocalStorePartitionLags().getOrDefault(storeName, Map.of());
            Map<Integer, Long> fresh = new HashMap<>();
            all.forEach((p, info) -> fresh.put(p, info.offsetLag()));
            lags = Map.copyOf(fresh);
        } catch (RuntimeException e) {
            LOG.debug("standby lags of namespace {} not read: {}", namespace, e.toString());
        }
    }
}
