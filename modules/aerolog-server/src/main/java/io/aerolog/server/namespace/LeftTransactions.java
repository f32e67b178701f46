package io.aerolog.server.namespace;

import io.aerolog.protocol.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transaction a dead node left open, so that its partitions' new owners need not wait for it to time
 * out: while it is pending, the group's committed offsets of those partitions cannot be read (Kafka answers
 * UNSTABLE_OFFSET_COMMIT), so the new owners cannot start. The node's producers are fenced, which makes their
 * coordinator abort what they had open. Only a partition's active task writes its store changelog and changes
 * partitions, so an ongoing transaction, begun before the node was found dead, that writes those of a partition
 * the dead node was active for is the dead node's.
 */
final class LeftTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(LeftTransactions.class);

    private LeftTransactions() {
    }

    /**
     * Fences the producers of {@code application} that left a transaction open on {@code partitions}, and answers
     * their transactional ids. If {@code admin} fails, tries once more with a client from {@code fresh}
     * ({@link AdminRetry}): a transaction not aborted here holds the dead node's partitions back for the whole
     * transaction timeout.
     */
    static CompletionStage<List<String>> abort(Admin admin, Supplier<Admin> fresh, String application,
                                               String namespace, String nodeId, Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Set<TopicPartition> written = new HashSet<>();
        for (int p : partitions) {
            written.add(new TopicPartition(NamespaceTopology.changelog(application, NamespaceTopology.STORE), p));
            written.add(new TopicPartition(Topics.changes(namespace), p));
        }
        long now = System.currentTimeMillis();
        return AdminRetry.call(admin, fresh, a -> fence(a, application, written, now), first -> LOG.info(
                        "could not abort node {}'s open transactions in namespace {} ({}): trying again with a new "
                                + "admin client", nodeId, namespace, first.toString()))
                .whenComplete((fenced, e) -> {
                    if (e != null) {
                        LOG.info("could not abort node {}'s open transactions in namespace {} (they time out): {}",
                                nodeId, namespace, e.toString());
                    } else if (!fenced.isEmpty()) {
                        LOG.info("aborted node {}'s open transactions {} in namespace {}", nodeId, fenced, namespace);
                    }
                });
    }

    private static CompletionStage<List<String>> fence(Admin admin, String application, Set<TopicPartition> written,
                                                       long beganBy) {
        return admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                .all().toCompletionStage()
                .thenCompose(listings -> {
                    List<String> ids = listings.stream().map(TransactionListing::transactionalId)
                            .filter(id -> id.startsWith(application + "-")).toList();
                    return ids.isEmpty() ? CompletableFuture.completedFuture(Map.<String, TransactionDescription>of())
                            : admin.describeTransactions(ids).all().toCompletionStage();
                })
                .thenCompose(described -> {
                    List<String> left = described.entrySet().stream()
                            .filter(d -> isLeftOn(d.getValue(), written, beganBy)).map(Map.Entry::getKey).toList();
                    return left.isEmpty() ? CompletableFuture.completedFuture(left)
                            : admin.fenceProducers(left).all().toCompletionStage().thenApply(v -> left);
                });
    }

    /** Whether {@code transaction} is ongoing, began at or before {@code beforeMillis}, and writes one of {@code written}. */
    static boolean isLeftOn(TransactionDescription transaction, Set<TopicPartition> written, long beforeMillis) {
        return transaction.state() == TransactionState.ONGOING
                && transaction.transactionStartTimeMs().orElse(Long.MAX_VALUE) <= beforeMillis
                && transaction.topicPartitions().stream().anyMatch(written::contains);
    }
}
