package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeftTransactionsTest {
    private static final TopicPartition DEAD = new TopicPartition("aerolog.local.test-records-changelog", 2);
    private static final TopicPartition LIVE = new TopicPartition("aerolog.local.test-records-changelog", 3);

    private static TransactionDescription tx(TransactionState state, long startedAt, Set<TopicPartition> tps) {
        return new TransactionDescription(1, state, 7, 3, 10_000, OptionalLong.of(startedAt), tps);
    }

    @Test
    void anOngoingTransactionBegunBeforeTheDeathOnADeadNodesPartitionIsLeftByIt() {
        assertThat(LeftTransactions.isLeftOn(tx(TransactionState.ONGOING, 900, Set.of(DEAD, LIVE)), Set.of(DEAD), 1_000))
                .isTrue();
    }

    @Test
    void anotherNodesTransactionALaterOneOrOneAlreadyEndingIsLeftAlone() {
        assertThat(LeftTransactions.isLeftOn(tx(TransactionState.ONGOING, 900, Set.of(LIVE)), Set.of(DEAD), 1_000))
                .as("writes only partitions of live nodes").isFalse();
        assertThat(LeftTransactions.isLeftOn(tx(TransactionState.ONGOING, 1_001, Set.of(DEAD)), Set.of(DEAD), 1_000))
                .as("begun after the node was found dead: the partition's new owner").isFalse();
        assertThat(LeftTransactions.isLeftOn(tx(TransactionState.PREPARE_ABORT, 900, Set.of(DEAD)), Set.of(DEAD), 1_000))
                .as("already ending").isFalse();
        assertThat(LeftTransactions.isLeftOn(new TransactionDescription(1, TransactionState.ONGOING, 7, 3, 10_000,
                OptionalLong.empty(), Set.of(DEAD)), Set.of(DEAD), 1_000)).as("no start time: not judged").isFalse();
    }
}
