package io.aerolog.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.StoredHeader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one answer to "is this stored record gone because of a truncate", pinned to Aerospike's server
 * ({@code as_truncate_record_is_truncated}): last-update time strictly before the set's or the namespace's
 * truncate time, whichever is later.
 */
class TruncateTimesTest {
    private static Record updatedAt(String set, long lastUpdateMillis) {
        return new Record(set, null, Map.of("b", Value.of(1L)), 3, 0, lastUpdateMillis);
    }

    @Test
    void aSetTruncateHidesItsRecordsUpdatedStrictlyBeforeItsTime() {
        TruncateTimes t = TruncateTimes.of(Map.of("users", 1_000L));

        assertThat(t.hides(updatedAt("users", 999))).isTrue();
        assertThat(t.hides(updatedAt("users", 1_000))).as("updated at the truncate time: kept (<, not <=)").isFalse();
        assertThat(t.hides(updatedAt("users", 1_001))).isFalse();
        assertThat(t.hides(updatedAt("orders", 1))).as("another set").isFalse();
        assertThat(t.hides(updatedAt("", 1))).as("no set").isFalse();
    }

    @Test
    void aNamespaceTruncateHidesTheRecordsOfEverySetAndOfNoSet() {
        TruncateTimes t = TruncateTimes.of(Map.of("", 1_000L));

        assertThat(t.hides(updatedAt("users", 999))).isTrue();
        assertThat(t.hides(updatedAt("", 999))).isTrue();
        assertThat(t.hides(updatedAt("orders", 1_000))).isFalse();
        assertThat(t.of("anything")).isEqualTo(1_000L);
    }

    @Test
    void theLaterOfTheSetsAndTheNamespacesTimeWins() {
        TruncateTimes t = TruncateTimes.of(Map.of("", 1_000L, "early", 500L, "late", 2_000L));

        assertThat(t.of("early")).isEqualTo(1_000L);
        assertThat(t.hides(updatedAt("early", 700))).as("the namespace's later time hides it").isTrue();
        assertThat(t.of("late")).isEqualTo(2_000L);
        assertThat(t.hides(updatedAt("late", 1_500))).as("the set's later time hides it").isTrue();
        assertThat(t.hides(updatedAt("late", 2_000))).isFalse();
        assertThat(t.of("other")).isEqualTo(1_000L);
    }

    @Test
    void aStoredHeaderIsHiddenExactlyWhenItsRecordIs() {
        List<TruncateTimes> truncates = List.of(TruncateTimes.NONE, TruncateTimes.of(Map.of("users", 1_000L)),
                TruncateTimes.of(Map.of("", 1_000L)),
                TruncateTimes.of(Map.of("", 1_000L, "early", 500L, "late", 2_000L)),
                TruncateTimes.of(Map.of("é", 1_000L)));
        for (TruncateTimes t : truncates) {
            for (String set : List.of("", "users", "user", "early", "late", "other", "é")) {
                for (long lastUpdate : new long[] {1, 499, 500, 700, 999, 1_000, 1_500, 2_000, 2_001}) {
                    Record record = updatedAt(set, lastUpdate);
                    StoredHeader header = AvroCodec.decodeHeader(AvroCodec.encodeRecord(record));
                    assertThat(t.hides(header)).as("%s, %s at %d", t, set, lastUpdate).isEqualTo(t.hides(record));
                }
            }
        }
        assertThat(TruncateTimes.of(Map.of("late", 2_000L)).hides(AvroCodec.decodeHeader(AvroCodec.encodeRecord(
                updatedAt("late", 1_999))))).as("one the loop must find").isTrue();
    }

    @Test
    void aTruncateNeverLowersATime() {
        TruncateTimes t = TruncateTimes.of(Map.of("users", 1_000L));

        assertThat(t.with("users", 500)).isSameAs(t);
        assertThat(t.with("users", 1_000)).isSameAs(t);
        assertThat(t.with("users", 1_500).of("users")).isEqualTo(1_500L);
        assertThat(t.with("", 800).bySet()).isEqualTo(Map.of("users", 1_000L, "", 800L));
    }

    @Test
    void visibleIsTheRecordUnlessAbsentOrTruncated() {
        TruncateTimes t = TruncateTimes.of(Map.of("users", 1_000L));
        Record kept = updatedAt("users", 1_000);

        assertThat(t.visible(kept)).isSameAs(kept);
        assertThat(t.visible(updatedAt("users", 10))).isNull();
        assertThat(t.visible(null)).isNull();
        assertThat(TruncateTimes.NONE.visible(updatedAt("users", Long.MIN_VALUE + 1))).isNotNull();
        assertThat(TruncateTimes.NONE.of("users")).isEqualTo(Long.MIN_VALUE);
        assertThat(TruncateTimes.of(Map.of())).isSameAs(TruncateTimes.NONE);
    }
}
