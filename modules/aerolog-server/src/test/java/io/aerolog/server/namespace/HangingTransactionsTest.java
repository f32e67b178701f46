package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
    private static final TopicPartition TP = new TopicPartition("aerolog.local.test-records-changelog", 4);
    private static final ProducerState OPEN = new ProducerState(1, 4, 4, 1_000, OptionalInt.of(0), OptionalLong.of(8));

    private static TransactionDescription coordinator(long producerId, TransactionState state, Set<TopicPartition> tps) {
        return new TransactionDescription(1, state, producerId, 8, 10_000, OptionalLong.empty(), tps);
    }

    @Test
    void anOpenTransactionItsCoordinatorHasEndedOrForgottenIsHanging() {
        // what a broker killed with its coordinator came back with: the coordinator Empty at a later epoch
        assertThat(HangingTransactions.isHanging(TP, OPEN, coordinator(1, TransactionState.EMPTY, Set.of()))).isTrue();
        assertThat(HangingTransactions.isHanging(TP, OPEN, coordinator(1, TransactionState.COMPLETE_COMMIT, Set.of(TP))))
                .isTrue();
        assertThat(HangingTransactions.isHanging(TP, OPEN, null)).as("no transactional id has the producer").isTrue();
        assertThat(HangingTransactions.isHanging(TP, OPEN, coordinator(2, TransactionState.ONGOING, Set.of(TP))))
                .as("the id now belongs to another producer").isTrue();
        assertThat(HangingTransactions.isHanging(TP, OPEN, coordinator(1, TransactionState.ONGOING, Set.of())))
                .as("ongoing, but not on this partition").isTrue();
    }

    @Test
    void aTransactionItsCoordinatorIsRunningOrEndingOnThePartitionIsLeftAlone() {
        for (TransactionState state : Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE)) {
            assertThat(HangingTransactions.isHanging(TP, OPEN, coordinator(1, state, Set.of(TP)))).as(state.toString())
                    .isFalse();
        }
    }

    @Test
    void aTransactionCountsAsLongOpenOnlyWhileTheSameOneStaysOpenAcrossSweeps() {
        var first = HangingTransactions.stillOpen(java.util.Map.of(), java.util.Map.of(TP, OPEN), 10_000);
        assertThat(first.get(TP).sinceMillis()).isEqualTo(10_000);
        var same = HangingTransactions.stillOpen(first, java.util.Map.of(TP, OPEN), 15_000);
        assertThat(same.get(TP).sinceMillis()).as("the same transaction: open since it was first seen").isEqualTo(10_000);
        ProducerState next = new ProducerState(1, 5, 4, 1_000, OptionalInt.of(0), OptionalLong.of(20));
        assertThat(HangingTransactions.stillOpen(same, java.util.Map.of(TP, next), 15_000).get(TP).sinceMillis())
                .as("a later transaction of the same producer (a live task commits and begins again)").isEqualTo(15_000);
        ProducerState sameEpochLater = new ProducerState(1, 4, 4, 1_000, OptionalInt.of(0), OptionalLong.of(20));
        assertThat(HangingTransactions.stillOpen(same, java.util.Map.of(TP, sameEpochLater), 15_000).get(TP)
                .sinceMillis()).as("same epoch, another first offset").isEqualTo(15_000);
        assertThat(HangingTransactions.stillOpen(same, java.util.Map.of(), 20_000)).as("closed: forgotten").isEmpty();
    }

    @Test
    void aTransactionJudgedHangingIsAbortedOnlyIfThePartitionStillShowsTheSameOneOpen() {
        assertThat(HangingTransactions.sameOpen(OPEN, OPEN)).isTrue();
        assertThat(HangingTransactions.sameOpen(OPEN, new ProducerState(1, 4, 9, 2_000, OptionalInt.of(0),
                OptionalLong.empty()))).as("ended while its coordinator was asked: its marker is written").isFalse();
        assertThat(HangingTransactions.sameOpen(OPEN, new ProducerState(1, 5, 0, 2_000, OptionalInt.of(0),
                OptionalLong.of(20)))).as("the producer's next transaction").isFalse();
        assertThat(HangingTransactions.sameOpen(OPEN, new ProducerState(2, 4, 4, 1_000, OptionalInt.of(0),
                OptionalLong.of(8)))).as("another producer").isFalse();
        assertThat(HangingTransactions.sameOpen(OPEN, new ProducerState(1, 4, 6, 1_500, OptionalInt.of(0),
                OptionalLong.of(8)))).as("the same transaction, more written to it").isTrue();
    }

    @Test
    void aTransactionIsAbortedOnlyWhenJudgedHangingOnTwoSweepsInARow() {
        var first = HangingTransactions.judgedTwice(java.util.Map.of(), java.util.Map.of(TP, OPEN));
        assertThat(first).as("one verdict: a coordinator's answer can be wrong for a moment").isEmpty();
        assertThat(HangingTransactions.judgedTwice(java.util.Map.of(TP, OPEN), java.util.Map.of(TP, OPEN)))
                .containsEntry(TP, OPEN);
        ProducerState next = new ProducerState(1, 5, 4, 1_000, OptionalInt.of(0), OptionalLong.of(20));
        assertThat(HangingTransactions.judgedTwice(java.util.Map.of(TP, OPEN), java.util.Map.of(TP, next)))
                .as("another transaction judged the second time: its first verdict").isEmpty();
        TopicPartition other = new TopicPartition(TP.topic(), 5);
        assertThat(HangingTransactions.judgedTwice(java.util.Map.of(other, OPEN), java.util.Map.of(TP, OPEN)))
                .as("judged on another partition before").isEmpty();
    }

    @Test
    void theGroupsOffsetsPartitionIsTheOneKafkasCoordinatorPicks() {
        // Kafka: Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions
        assertThat(HangingTransactions.offsetsPartition("aerolog.local.test", 50))
                .isEqualTo(Math.abs("aerolog.local.test".hashCode()) % 50);
        String minValueHash = "polygenelubricants"; // hashCode() == Integer.MIN_VALUE
        assertThat(minValueHash.hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(HangingTransactions.offsetsPartition(minValueHash, 50)).isZero();
    }
}
