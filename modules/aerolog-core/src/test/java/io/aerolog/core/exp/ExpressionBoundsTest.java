package io.aerolog.core.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import org.junit.jupiter.api.Test;

/**
 * A few bytes of expression cannot make the node allocate for what they claim: an instruction whose list header
 * claims two billion arguments is refused as malformed (each argument takes at least a byte), before anything is
 * sized by the claim. ExpressionDeterminismTest's random bytes once hit such a header and ran the JVM out of heap.
 */
class ExpressionBoundsTest {
    /** Instructions that size a list or an array by their argument count: and, add, int_and, cond, let, call. */
    private static final int[] SIZED_BY_COUNT = {16, 20, 32, 123, 125, 127};

    @Test
    void anInstructionClaimingMoreArgumentsThanBytesLeftIsMalformed() {
        for (int code : SIZED_BY_COUNT) {
            for (byte[] header : new byte[][] {{(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                    {(byte) 0xdc, (byte) 0xff, (byte) 0xff}}) {
                byte[] bytes = new byte[header.length + 3];
                System.arraycopy(header, 0, bytes, 0, header.length);
                bytes[header.length] = (byte) code;
                bytes[header.length + 1] = 1;
                bytes[header.length + 2] = 2;
                Value filter = Value.of(bytes);
                assertThatThrownBy(() -> Expressions.matches(filter, ExpFixtures.keyA(), ExpFixtures.NOW))
                        .as("op code %d", code).isInstanceOfSatisfying(AerologException.class,
                                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
            }
        }
    }
}
