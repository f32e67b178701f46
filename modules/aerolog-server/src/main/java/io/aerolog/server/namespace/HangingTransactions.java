package io.aerolog.server.namespace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts transactions left open on the namespace's Kafka Streams topics that their coordinator no
 * longer knows of. A broker killed with its coordinator (the embedded default dies with its node) can come
 * back with a transaction open on a changelog partition and nothing to end it: the coordinator failed to
 * roll it back while it was still loading, then moved on. Every read_committed reader stops at it for good,
 * so the partition's restore never ends and the node never serves. This is Kafka's own remedy
 * ({@code kafka-transactions.sh find-hanging} and {@code abort}) run every few seconds on the topics only
 * this namespace's tasks write.
 *
 * <p>A transaction is aborted only when it is still open on the partition after its coordinator said it does not
 * run it there, and that on two sweeps in a row. A live transaction's coordinator lists it (with the partition:
 * Kafka's transactions v2 add the partition before the first write lands) until every marker is written, so one it
 * no longer lists has its marker on the partition already, and the partition no longer shows it open when asked
 * again. The second verdict is for the moments a coordinator's answer can be wrong about a live transaction for a
 * while: its transaction log moving between brokers, or a producer id rolled over at an epoch's end while the
 * markers of the last transaction under the old id are still being written. A verdict that holds two sweeps apart is
 * not one of those. This once waited for a transaction to stay open longer than the transaction timeout instead,
 * which kept a node restarted after kill -9 from serving for up to 15 s more.
 */
final class HangingTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

    private final Admin admin;
    private final Supplier<Admin> fresh;
    private final List<String> topics;
    private final String group;
    private final Duration olderThan;
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile Map<TopicPartition, Seen> seen = Map.of();
    private volatile Map<TopicPartition, ProducerState> judgedHanging = Map.of();

    /**
     * {@code topics}: those written only in this namespace's transactions; {@code group}: the consumer group
     * whose offsets those transactions commit (its partition of {@code __consumer_offsets} is swept too);
     * {@code olderThan}: how long a partition's transaction must have stayed open, seen by the sweeps, before
     * its coordinator is asked about it (a live task's transactions are short: asking about each one seen once
     * would only cost requests); {@code fresh}: a new admin client, for a second try when {@code admin} fails to list
     * the transactions ({@link AdminRetry}).
     */
    HangingTransactions(Admin admin, Supplier<Admin> fresh, List<String> topics, String group, Duration olderThan) {
        this.admin = admin;
        this.fresh = fresh;
        this.topics = List.copyOf(topics);
        this.group = group;
        this.olderThan = olderThan;
    }

    /** One pass: asynchronous, and skipped while the previous one runs. */
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        partitions().thenCompose(this::openTransactions).thenCompose(this::abortHanging).whenComplete((n, e) -> {
            sweeping.set(false);
            if (e != null) {
                LOG.debug("hanging transaction sweep failed: {}", e.toString());
            }
        });
    }

    private CompletionStage<List<TopicPartition>> partitions() {
        if (!partitions.isEmpty()) {
            return CompletableFuture.completedFuture(partitions);
        }
        List<String> described = new ArrayList<>(topics);
        described.add(OFFSETS_TOPIC);
        return admin.describeTopics(described).allTopicNames().toCompletionStage().thenApply(byName -> {
            List<TopicPartition> all = new ArrayList<>();
            for (TopicDescription d : byName.values()) {
                if (d.name().equals(OFFSETS_TOPIC)) {
                    all.add(new TopicPartition(OFFSETS_TOPIC, offsetsPartition(group, d.partitions().size())));
                } else {
                    d.partitions().forEach(p -> all.add(new TopicPartition(d.name(), p.partition())));
                }
            }
            partitions = List.copyOf(all);
            return partitions;
        });
    }

    /** The partition of {@code __consumer_offsets} that holds {@code group}'s offsets, as Kafka's coordinator picks it. */
    static int offsetsPartition(String group, int partitions) {
        int hash = group.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitions;
    }

    /**
     * A transaction seen open on a partition: the producer's state that showed it (producer, epoch, first offset),
     * and when it was first seen so.
     */
    record Seen(ProducerState producer, long sinceMillis) {
    }

    /**
     * The partitions' transactions that have stayed open, the same transaction (producer, epoch, first offset),
     * for longer than the bound across sweeps. A producer's own last timestamp does not tell: it is the record's
     * time, which Kafka Streams copies from the command applied, so a live task applying a backlog looks silent.
     */
    private CompletionStage<Map<TopicPartition, ProducerState>> openTransactions(List<TopicPartition> of) {
        return admin.describeProducers(of).all().toCompletionStage().thenApply(described -> {
            Map<TopicPartition, ProducerState> open = new HashMap<>();
            described.forEach((tp, state) -> state.activeProducers().stream()
                    .filter(p -> p.currentTransactionStartOffset().isPresent())
                    .findFirst().ifPresent(p -> open.put(tp, p)));
            Map<TopicPartition, Seen> now = stillOpen(seen, open, System.currentTimeMillis());
            seen = now;
            long before = System.currentTimeMillis() - olderThan.toMillis();
            open.keySet().removeIf(tp -> now.get(tp).sinceMillis() > before);
            return open;
        });
    }

    /** What is seen open now, each with the time it was first seen open as the same transaction. */
    static Map<TopicPartition, Seen> stillOpen(Map<TopicPartition, Seen> before, Map<TopicPartition, ProducerState> open,
                                               long nowMillis) {
        Map<TopicPartition, Seen> now = new HashMap<>();
        open.forEach((tp, p) -> {
            Seen was = before.get(tp);
            boolean same = was != null && sameOpen(was.producer(), p);
            now.put(tp, new Seen(p, same ? was.sinceMillis() : nowMillis));
        });
        return Map.copyOf(now);
    }

    private CompletionStage<Integer> abortHanging(Map<TopicPartition, ProducerState> open) {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Set<Long> producerIds = open.values().stream().map(ProducerState::producerId).collect(Collectors.toSet());
        return AdminRetry.call(admin, fresh, a -> a.listTransactions(new ListTransactionsOptions()
                        .filterProducerIds(producerIds)).all().toCompletionStage(),
                        first -> LOG.debug("listing transactions failed ({}): trying again with a new admin client",
                                first.toString()))
                .thenCompose(listings -> {
                    Map<Long, String> idOf = new HashMap<>();
                    for (TransactionListing l : listings) {
                        idOf.put(l.producerId(), l.transactionalId());
                    }
                    Collection<String> ids = Set.copyOf(idOf.values());
                    CompletionStage<Map<String, TransactionDescription>> described = ids.isEmpty()
                            ? CompletableFuture.completedFuture(Map.of())
                            : admin.describeTransactions(ids).all().toCompletionStage();
                    return described.thenCompose(descriptions -> {
                        Map<TopicPartition, ProducerState> hanging = new HashMap<>();
                        open.forEach((tp, producer) -> {
                            if (isHanging(tp, producer, descriptions.get(idOf.get(producer.producerId())))) {
                                hanging.put(tp, producer);
                            }
                        });
                        return stillOpenNow(hanging);
                    });
                }).thenApply(confirmed -> {
                    Map<TopicPartition, ProducerState> twice = judgedTwice(judgedHanging, confirmed);
                    judgedHanging = Map.copyOf(confirmed);
                    return twice;
                }).thenCompose(hanging -> {
                    List<CompletableFuture<Void>> aborts = new ArrayList<>();
                    hanging.forEach((tp, producer) -> aborts.add(abort(tp, producer)));
                    return CompletableFuture.allOf(aborts.toArray(CompletableFuture[]::new)).thenApply(v -> aborts.size());
                });
    }

    /**
     * Of {@code hanging} (judged so by their coordinators), those their partitions still show open, the same
     * transaction: one that ended while its coordinator was asked has its marker written by now.
     */
    private CompletionStage<Map<TopicPartition, ProducerState>> stillOpenNow(Map<TopicPartition, ProducerState> hanging) {
        if (hanging.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return admin.describeProducers(hanging.keySet()).all().toCompletionStage().thenApply(now -> {
            Map<TopicPartition, ProducerState> confirmed = new HashMap<>();
            hanging.forEach((tp, producer) -> {
                var described = now.get(tp);
                if (described != null && described.activeProducers().stream().anyMatch(p -> sameOpen(producer, p))) {
                    confirmed.put(tp, producer);
                }
            });
            return confirmed;
        });
    }

    /** Of the transactions judged hanging on this sweep ({@code now}), those judged so on the sweep before as well. */
    static Map<TopicPartition, ProducerState> judgedTwice(Map<TopicPartition, ProducerState> before,
                                                          Map<TopicPartition, ProducerState> now) {
        Map<TopicPartition, ProducerState> twice = new HashMap<>();
        now.forEach((tp, producer) -> {
            ProducerState was = before.get(tp);
            if (was != null && sameOpen(was, producer)) {
                twice.put(tp, producer);
            }
        });
        return twice;
    }

    /** Whether {@code now} shows the transaction {@code before} showed open (same producer, epoch, first offset) still open. */
    static boolean sameOpen(ProducerState before, ProducerState now) {
        return now.producerId() == before.producerId() && now.producerEpoch() == before.producerEpoch()
                && now.currentTransactionStartOffset().isPresent()
                && now.currentTransactionStartOffset().equals(before.currentTransactionStartOffset());
    }

    /**
     * Open on {@code tp} but not known to its coordinator as an ongoing (or ending) transaction that
     * includes {@code tp}: nothing will ever write its marker.
     */
    static boolean isHanging(TopicPartition tp, ProducerState producer, TransactionDescription coordinator) {
        if (coordinator == null || coordinator.producerId() != producer.producerId()) {
            return true;
        }
        TransactionState state = coordinator.state();
        boolean ending = state == TransactionState.ONGOING || state == TransactionState.PREPARE_COMMIT
                || state == TransactionState.PREPARE_ABORT || state == TransactionState.PREPARE_EPOCH_FENCE;
        return !(ending && coordinator.topicPartitions().contains(tp));
    }

    private CompletableFuture<Void> abort(TopicPartition tp, ProducerState producer) {
        LOG.warn("aborting a hanging transaction on {} (producer {}, epoch {}, open since offset {}) that its "
                        + "coordinator no longer knows of: read_committed readers of the partition were stopped at it",
                tp, producer.producerId(), producer.producerEpoch(), producer.currentTransactionStartOffset().getAsLong());
        return admin.abortTransaction(new AbortTransactionSpec(tp, producer.producerId(),
                        (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(0)))
                .all().toCompletionStage().toCompletableFuture();
    }
}
