package io.aerolog.client.operation;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * Expression operations for {@code AerologClient.operate}, as Aerospike's {@code ExpOperation}: the
 * expression is given as the bytes Aerospike's client packs ({@code Expression.getBytes()}); {@code flags}
 * are Aerospike's {@code ExpReadFlags} / {@code ExpWriteFlags} (under 128). Over HTTP they go as Aerolog's
 * EXP_READ / EXP_WRITE, which the REST gateway does not have.
 */
public final class ExpOperation {
    private ExpOperation() {
    }

    /** Evaluates the expression and returns its value under {@code name}. */
    public static Operation read(String name, byte[] expression, int flags) {
        return new Operation(OperationType.EXP_READ, Objects.requireNonNull(name, "name"), payload(expression, flags));
    }

    /** Evaluates the expression and writes its value to {@code bin}. */
    public static Operation write(String bin, byte[] expression, int flags) {
        return new Operation(OperationType.EXP_MODIFY, Objects.requireNonNull(bin, "bin"), payload(expression, flags));
    }

    /** {@code [expression, flags]} in msgpack with the expression inline, as the client packs it. */
    private static Value payload(byte[] expression, int flags) {
        if (flags < 0 || flags > 0x7f) {
            throw new IllegalArgumentException("expression flags are 0 to 127, got " + flags);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(expression.length + 2);
        out.write(0x92);
        out.writeBytes(expression);
        out.write(flags);
        return Value.of(out.toByteArray());
    }
}
