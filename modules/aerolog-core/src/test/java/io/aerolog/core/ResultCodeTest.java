package io.aerolog.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Aerolog's result codes carry Aerospike's numbers under Aerospike's names (the Java client's, or the server's). */
class ResultCodeTest {

    @ParameterizedTest
    @EnumSource(ResultCode.class)
    void numberIsAerospikes(ResultCode code) throws ReflectiveOperationException {
        if (code == ResultCode.GEO_INVALID_GEOJSON) {
            // the server's AS_ERR_GEO_INVALID_GEOJSON (proto.h); Aerospike's Java client has no name for it
            assertThat(code.code()).isEqualTo(160);
            return;
        }
        Field f = com.aerospike.client.ResultCode.class.getField(code.name());
        assertThat(Modifier.isStatic(f.getModifiers())).isTrue();
        assertThat(f.getType()).isEqualTo(int.class);
        assertThat(code.code()).as(code.name()).isEqualTo(f.getInt(null));
    }

    @ParameterizedTest
    @EnumSource(ResultCode.class)
    void ofIsTheInverseOfCode(ResultCode code) {
        assertThat(ResultCode.of(code.code())).isEqualTo(code);
    }

    @Test
    void numbersAreDistinctAndUnknownNumbersAreServerErrors() {
        assertThat(java.util.Arrays.stream(ResultCode.values()).mapToInt(ResultCode::code).distinct().count())
                .isEqualTo(ResultCode.values().length);
        assertThat(ResultCode.of(12345)).isEqualTo(ResultCode.SERVER_ERROR);
    }
}
