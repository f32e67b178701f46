package io.aerolog.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Value;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.server.scan.Sources.Reads;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a source reads of each record: the bins its reply returns and its index's bin (HTTP), the index's bin
 * alone when the reply copies bins from the stored bytes (the wire), and every bin whenever a filter may read any.
 */
class SourcesTest {
    private static final Value FILTER = Value.of(new byte[] {(byte) 0x93});

    private static ScanSpec spec(List<String> bins, boolean noBins, Value filter) {
        return new ScanSpec("test", "s", bins, noBins, filter, 0, 0, List.of(), null);
    }

    @Test
    void aReplyMadeFromRecordsReadsTheReturnedBinsAndTheIndexBin() {
        BinSelection read = Sources.read(spec(List.of("a", "b"), false, null), "n", Reads.RETURNED);
        assertThat(read.all()).isFalse();
        assertThat(List.of("a", "b", "n")).allMatch(read::wants);
        assertThat(read.wants("c")).isFalse();

        BinSelection scan = Sources.read(spec(List.of("a"), false, null), null, Reads.RETURNED);
        assertThat(scan.wants("a")).isTrue();
        assertThat(scan.wants("n")).isFalse();
        assertThat(Sources.read(spec(null, false, null), "n", Reads.RETURNED).all()).isTrue();
    }

    @Test
    void noBinsReadsOnlyTheIndexBin() {
        BinSelection query = Sources.read(spec(null, true, null), "n", Reads.RETURNED);
        assertThat(query.wants("n")).isTrue();
        assertThat(query.wants("a")).isFalse();
        assertThat(Sources.read(spec(null, true, null), null, Reads.RETURNED).wants("a")).isFalse();
    }

    @Test
    void aReplyCopyingStoredBinsReadsHeadersAndTheIndexBin() {
        BinSelection scan = Sources.read(spec(null, false, null), null, Reads.HEADERS);
        assertThat(scan.all()).isFalse();
        assertThat(scan.wants("a")).isFalse();
        BinSelection query = Sources.read(spec(List.of("a"), false, null), "n", Reads.HEADERS);
        assertThat(query.wants("n")).isTrue();
        assertThat(query.wants("a")).isFalse();
    }

    @Test
    void everyBinWhenAFilterMayReadAnyOrAJobHandsWholeRecordsOn() {
        for (Reads reads : Reads.values()) {
            assertThat(Sources.read(spec(List.of("a"), false, FILTER), "n", reads).all()).as("%s", reads).isTrue();
            assertThat(Sources.read(spec(null, true, FILTER), null, reads).all()).as("%s", reads).isTrue();
        }
        assertThat(Sources.read(spec(List.of("a"), false, null), "n", Reads.ALL).all()).isTrue();
    }
}
