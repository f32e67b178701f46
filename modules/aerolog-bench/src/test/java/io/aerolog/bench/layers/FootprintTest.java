package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FootprintTest {
    @Test
    void kibFromDuOutput() {
        assertThat(Footprint.duKiB("123456\t/tmp/aerolog-bench.x/aerolog-restore/streams\n")).isEqualTo(123_456);
        assertThat(Footprint.duKiB("0\t/a dir with spaces")).isZero();
        assertThatThrownBy(() -> Footprint.duKiB("du: cannot access '/nope': No such file or directory"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
