package io.aerolog.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsByIdTest {
    @Test
    void findsEachNamedPartByIdInAnyOrderAndNoOther() {
        byte[] digest = new byte[20];
        digest[0] = 9; // partition 9
        PartitionPart resumed = PartitionPart.after(digest, 5);
        List<PartitionPart> parts = new ArrayList<>(List.of(PartitionPart.whole(4095), resumed, PartitionPart.whole(1)));
        PartsById byId = new PartsById(parts);
        assertThat(byId.of(1)).isEqualTo(PartitionPart.whole(1));
        assertThat(byId.of(9)).isSameAs(resumed);
        assertThat(byId.of(4095)).isEqualTo(PartitionPart.whole(4095));
        for (int id : new int[] {0, 2, 8, 10, 4094}) {
            assertThat(byId.of(id)).as("partition %d is not named", id).isNull();
        }
        assertThat(new PartsById(List.of()).of(0)).isNull();
    }

    @Test
    void aWholePartitionIsMadeOnce() {
        assertThat(PartitionPart.whole(7)).isSameAs(PartitionPart.whole(7));
        assertThat(PartitionPart.whole(7).resumed()).isFalse();
    }
}
