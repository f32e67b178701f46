package io.aerolog.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.BinSelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scan passes on the records of its set that are live and not truncated, checked on each stored header, and
 * makes a record of one only when it reads some bin of it.
 */
class LiveRecordsTest {
    private static final byte[] DIGEST = new byte[20];
    private static final long NOW = 10_000L;
    private static final Map<String, Value> BINS = Map.of("a", Value.of(1L), "b", Value.of("x"));

    private static byte[] stored(String set, long voidTime, long lastUpdate) {
        return AvroCodec.encodeRecord(new Record(set, Value.of("k"), BINS, 4, voidTime, lastUpdate));
    }

    @Test
    void recordsOfOtherSetsExpiredOrTruncatedArePassedOver() {
        LiveRecords users = new LiveRecords("users", NOW, TruncateTimes.of(Map.of("users", 500L)), BinSelection.NONE);

        assertThat(users.read(DIGEST, stored("users", 0, 500), 0)).isNotNull();
        assertThat(users.read(DIGEST, stored("users", NOW + 1, 500), 0)).as("expires later").isNotNull();
        assertThat(users.read(DIGEST, stored("user", 0, 500), 0)).as("another set").isNull();
        assertThat(users.read(DIGEST, stored("usersx", 0, 500), 0)).as("another set").isNull();
        assertThat(users.read(DIGEST, stored("", 0, 500), 0)).as("no set").isNull();
        assertThat(users.read(DIGEST, stored("users", NOW, 500), 0)).as("expired").isNull();
        assertThat(users.read(DIGEST, stored("users", 0, 499), 0)).as("truncated").isNull();

        LiveRecords namespace = new LiveRecords(null, NOW, TruncateTimes.of(Map.of("users", 500L)), BinSelection.NONE);
        assertThat(namespace.read(DIGEST, stored("", 0, 1), 0)).isNotNull();
        assertThat(namespace.read(DIGEST, stored("orders", 0, 1), 0)).isNotNull();
        assertThat(namespace.read(DIGEST, stored("users", 0, 1), 0)).as("truncated").isNull();
    }

    @Test
    void aCandidateCarriesTheBinsReadAndItsHeaderAlwaysReadsOn() {
        byte[] stored = stored("users", 0, 500);
        Record whole = AvroCodec.decodeRecord(stored);

        Candidate headerOnly = new LiveRecords("users", NOW, TruncateTimes.NONE, BinSelection.NONE)
                .read(DIGEST, stored, 7);
        assertThat(headerOnly.digest()).isSameAs(DIGEST);
        assertThat(headerOnly.indexValue()).isEqualTo(7);
        assertThat(headerOnly.stored().generation()).isEqualTo(4);
        assertThat(headerOnly.stored().record(BinSelection.ALL)).isEqualTo(whole);
        assertThat(headerOnly.record()).as("made of its header when asked").isEqualTo(new Record("users",
                Value.of("k"), Map.of(), 4, 0, 500));

        Candidate someBins = new LiveRecords("users", NOW, TruncateTimes.NONE, BinSelection.of(List.of("b")))
                .read(DIGEST, stored, 0);
        assertThat(someBins.record().bins()).isEqualTo(Map.of("b", Value.of("x")));
        assertThat(someBins.record()).as("read once, by the source").isSameAs(someBins.record());
    }
}
