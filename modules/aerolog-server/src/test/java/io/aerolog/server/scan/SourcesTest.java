package io.aerolog.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Value;
import io.aerolog.core.codec.BinSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scan or query reads the bins it returns and its index's bin, and every bin whenever a filter may read any. */
class SourcesTest {
    private static ScanSpec spec(List<String> bins, boolean noBins, Value filter) {
        return new ScanSpec("test", "s", bins, noBins, filter, 0, 0, List.of(), null);
    }

    @Test
    void theReturnedBinsAndTheIndexBin() {
        BinSelection read = Sources.returned(spec(List.of("a", "b"), false, null), "n");
        assertThat(read.all()).isFalse();
        assertThat(List.of("a", "b", "n")).allMatch(read::wants);
        assertThat(read.wants("c")).isFalse();

        BinSelection scan = Sources.returned(spec(List.of("a"), false, null), null);
        assertThat(scan.wants("a")).isTrue();
        assertThat(scan.wants("n")).isFalse();
    }

    @Test
    void noBinsReadsOnlyTheIndexBin() {
        BinSelection query = Sources.returned(spec(null, true, null), "n");
        assertThat(query.wants("n")).isTrue();
        assertThat(query.wants("a")).isFalse();
        assertThat(Sources.returned(spec(null, true, null), null).wants("a")).isFalse();
    }

    @Test
    void everyBinWhenAllAreReturnedOrAFilterMayReadAny() {
        assertThat(Sources.returned(spec(null, false, null), "n").all()).isTrue();
        assertThat(Sources.returned(spec(List.of("a"), false, Value.of(new byte[] {(byte) 0x93})), "n").all()).isTrue();
        assertThat(Sources.returned(spec(null, true, Value.of(new byte[] {(byte) 0x93})), null).all()).isTrue();
    }
}
