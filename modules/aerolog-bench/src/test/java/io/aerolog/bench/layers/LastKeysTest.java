package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Key;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LastKeysTest {
    private static int partition(long i, int partitions) {
        return Key.of("test", "restore", LastKeys.key(i)).digest().kafkaPartition(partitions);
    }

    @Test
    void theLastRecordOfEachPartitionIsTheHighestThatLandsThere() {
        long records = 5_000;
        long[] last = LastKeys.lastPerPartition("test", "restore", records, 8);
        assertThat(last).hasSize(8);
        assertThat(Arrays.stream(last).boxed().toList()).allMatch(i -> i >= 0 && i < records);
        for (int p = 0; p < 8; p++) {
            assertThat(partition(last[p], 8)).isEqualTo(p);
            for (long i = last[p] + 1; i < records; i++) {
                assertThat(partition(i, 8)).as("record %d after the last of partition %d", i, p).isNotEqualTo(p);
            }
        }
    }

    @Test
    void partitionsNoRecordLandsInStayEmpty() {
        long[] last = LastKeys.lastPerPartition("test", "restore", 1, 8);
        assertThat(last).containsOnlyOnce(0L);
        assertThat(last[partition(0, 8)]).isZero();
        assertThat(Arrays.stream(last).filter(i -> i < 0).count()).isEqualTo(7);
    }
}
