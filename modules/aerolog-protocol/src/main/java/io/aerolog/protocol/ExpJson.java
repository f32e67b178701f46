package io.aerolog.protocol;

import io.aerolog.core.AerologException;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Expressions over HTTP. A filter expression is the base64 of the expression Aerospike's client packs
 * ({@code Expression.getBase64()}), as the REST gateway's {@code filterexp} parameter takes it. The gateway
 * has no expression operations; Aerolog adds EXP_READ and EXP_WRITE ({@code ExpOperation.read/write}):
 * {@code {"type": "EXP_READ", "binName": "name", "expression": "<base64>", "flags": 0}}, whose payload is
 * what the client packs: {@code [expression, flags]} with the expression's bytes inline.
 */
public final class ExpJson {
    /** The most bytes of an expression (after base64), as a bound on what a request may make the engine compile. */
    public static final int MAX_EXPRESSION_BYTES = 1024 * 1024;
    private static final int ARRAY_OF_TWO = 0x92;

    private ExpJson() {
    }

    /**
     * The filter expression in {@code base64} (standard or URL-safe alphabet), as the engine takes it.
     *
     * @throws AerologException UNSUPPORTED_FEATURE for text that is not base64 (the gateway's expression
     *     language, which Aerolog does not read); PARAMETER_ERROR for an empty or oversized expression
     */
    public static Value filter(String base64, String where) {
        return Value.of(decode(base64, where));
    }

    private static byte[] decode(String base64, String where) {
        String text = base64.strip();
        if (!text.matches("[A-Za-z0-9+/_=-]*")) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, where + ": '" + JsonValues.abbreviate(text)
                    + "' is not base64; the REST gateway's filter expression language is not served by Aerolog:"
                    + " send the base64 of the packed expression (Aerospike's Expression.getBase64())");
        }
        byte[] bytes = JsonValues.decodeBase64(text, where);
        if (bytes.length == 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": the expression is empty");
        }
        if (bytes.length > MAX_EXPRESSION_BYTES) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + ": the expression has " + bytes.length
                    + " bytes, more than " + MAX_EXPRESSION_BYTES);
        }
        return bytes;
    }

    static Operation fromJson(String name, OpFields f) {
        if (!name.equals("EXP_READ") && !name.equals("EXP_WRITE")) {
            return null;
        }
        String bin = f.requiredBin();
        var e = f.required("expression");
        if (!e.isTextual()) {
            throw f.fieldError("expression", "must be the base64 of a packed expression");
        }
        byte[] exp = decode(e.textValue(), f.where() + " expression");
        Integer flags = f.optionalInt("flags");
        int fl = flags == null ? 0 : flags;
        if (fl < 0 || fl > 0xffff) {
            throw f.fieldError("flags", "must be 0 to 65535, got " + fl);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(exp.length + 4);
        out.write(ARRAY_OF_TWO);
        out.writeBytes(exp);
        packInt(out, fl);
        return new Operation(name.equals("EXP_READ") ? OperationType.EXP_READ : OperationType.EXP_MODIFY, bin,
                Value.of(out.toByteArray()));
    }

    /** A non-negative int in msgpack's smallest form, as Aerospike's client packs one. */
    private static void packInt(ByteArrayOutputStream out, int v) {
        if (v < 0x80) {
            out.write(v);
        } else if (v < 0x100) {
            out.write(0xcc);
            out.write(v);
        } else {
            out.write(0xcd);
            out.write(v >> 8);
            out.write(v & 0xff);
        }
    }

    /**
     * The JSON of an expression operation's payload: its flags are read from the last byte (flags are under
     * 128), the expression is what lies between; the payload is rebuilt the same way, so it stays exact.
     */
    static Rendered toJson(Operation op) {
        if (!(op.value() instanceof Value.BytesValue b) || b.value().length < 3 || (b.value()[0] & 0xff) != ARRAY_OF_TWO
                || (b.value()[b.value().length - 1] & 0x80) != 0) {
            throw OpTree.noForm("an expression operation whose payload is not [expression, flags] with flags under 128");
        }
        byte[] bytes = b.value();
        Rendered r = Rendered.of(op.type() == OperationType.EXP_READ ? "EXP_READ" : "EXP_WRITE", op.bin());
        r.fields().put("expression", Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 1, bytes.length - 1)));
        int flags = bytes[bytes.length - 1];
        if (flags != 0) {
            r.fields().put("flags", flags);
        }
        return r;
    }
}
