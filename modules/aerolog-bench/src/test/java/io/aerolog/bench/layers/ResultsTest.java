package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
    @Test
    void stepsAppendAndTheLastValueOfANameWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.txt");
        assertThat(Results.read(file)).isEmpty();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("records", 20_000L);
        first.put("load_rate", 1234.56789);
        Results.append(file, first);
        Results.append(file, Map.of("records", 30_000L));
        assertThat(Results.read(file)).containsExactly(Map.entry("records", "30000"), Map.entry("load_rate", "1234.568"));
    }

    @Test
    void namesAreChecked(@TempDir Path dir) {
        assertThatThrownBy(() -> Results.append(dir.resolve("r"), Map.of("Bad Name", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseSkipsCommentsAndBlankLines() {
        assertThat(Results.parse("# a note\n\nx=1\ny = 2 \nnot a figure\n"))
                .containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    }
}
