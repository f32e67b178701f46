package io.aerolog.core.hll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.aerospike.client.Operation;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.BinOpResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors from Aerospike's own HLL code: {@code particle_hll.c} (8.1.2) and the msgpack reader
 * it calls, compiled unchanged on x86-64 with stubs for the rest of the server, were fed these
 * operations, and each line records what the server answered: the result code, what the operation
 * returned and the bin's bytes after it. Every sketch byte (registers, cached count in host order),
 * every count and every similarity must come out identical here.
 *
 * <p>Format, one step per line: {@code P slot [type hex]} puts a bin (absent without a type; a hex of
 * {@code prefix*FFxN} is the prefix then N bytes FF); {@code slot M|R hex => code result B bin} runs a
 * modify or read whose msgpack payload is {@code hex}, where {@code @k;} stands for slot k's bytes as an
 * HLL argument; {@code slot A lo hi index minhash} is the Java client's {@code HLLOperation.add} of
 * strings "key lo" to "key hi-1". Results: {@code N} nothing, {@code I n} integer, {@code D bits} double,
 * {@code H hex} sketch, {@code L a b} describe; bins and sketches longer than 512 bytes as their SHA-256.
 */
class HllServerVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyStepMatchesAerospikesHllCode() throws IOException {
        Value[] slots = new Value[16];
        int steps = 0;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/golden/hll/server-vectors.txt.gz"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] parts = line.split(" ");
                if (parts[0].equals("P")) {
                    int slot = Integer.parseInt(parts[1]);
                    slots[slot] = parts.length == 2 ? null : bin(Integer.parseInt(parts[2]), bytes(parts[3]));
                    continue;
                }
                step(slots, line, number);
                steps++;
            }
        }
        assertThat(steps).isGreaterThan(2000);
    }

    private static void step(Value[] slots, String line, int number) {
        String[] sides = line.split(" => ");
        String[] op = sides[0].split(" ");
        String[] expected = sides[1].split(" ");
        int slot = Integer.parseInt(op[0]);
        boolean modify = !op[1].equals("R");
        Value wire = op[1].equals("A")
                ? add(Integer.parseInt(op[2]), Integer.parseInt(op[3]), Integer.parseInt(op[4]), Integer.parseInt(op[5]))
                : decode(expand(op[2], slots));
        int code = 0;
        Value result = null;
        try {
            if (modify) {
                BinOpResult r = HllOperations.modify(slots[slot], wire);
                slots[slot] = r.bin();
                result = r.result();
            } else {
                result = HllOperations.read(slots[slot], wire);
            }
        } catch (AerologException e) {
            code = e.resultCode().code();
        }
        String where = "line " + number + ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
        assertThat(code).as(where).isEqualTo(Integer.parseInt(expected[0]));
        assertResult(result, expected, where);
        int b = indexOf(expected, "B");
        assertThat(digest(binBytes(slots[slot]))).as(where + " bin").isEqualTo(expected[b + 1]);
    }

    private static void assertResult(Value result, String[] expected, String where) {
        switch (expected[1]) {
            case "N" -> assertThat(result).as(where).isNull();
            case "I" -> assertThat(result).as(where).isEqualTo(Value.of(Long.parseLong(expected[2])));
            case "D" -> {
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(expected[2], 16));
                assertThat(result).as(where).isInstanceOf(Value.DoubleValue.class);
                double actual = ((Value.DoubleValue) result).value();
                if (Double.isNaN(d)) {
                    assertThat(actual).as(where).isNaN();
                } else {
                    assertThat(Double.doubleToRawLongBits(actual)).as(where + " = " + d + " vs " + actual)
                            .isEqualTo(Double.doubleToRawLongBits(d));
                }
            }
            case "H" -> {
                assertThat(result).as(where).isInstanceOf(Value.HllValue.class);
                assertThat(digest(((Value.HllValue) result).value())).as(where).isEqualTo(expected[2]);
            }
            case "L" -> assertThat(result).as(where).isEqualTo(new Value.ListValue(List.of(
                    Value.of(Long.parseLong(expected[2])), Value.of(Long.parseLong(expected[3])))));
            default -> fail(where + ": unknown result kind " + expected[1]);
        }
    }

    private static int indexOf(String[] parts, String token) {
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals(token)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + token);
    }

    private static Value add(int lo, int hi, int indexBits, int minhashBits) {
        List<com.aerospike.client.Value> elements = new ArrayList<>();
        for (int i = lo; i < hi; i++) {
            elements.add(com.aerospike.client.Value.get("key " + i));
        }
        Operation op = HLLOperation.add(HLLPolicy.Default, "b", elements, indexBits, minhashBits);
        byte[] payload = (byte[]) op.value.getObject();
        return MsgPack.unpackList(payload, 0, payload.length);
    }

    private static Value decode(byte[] payload) {
        try {
            return MsgPack.unpackList(payload, 0, payload.length);
        } catch (AerologException e) {
            return new Value.ListValue(List.of());
        }
    }

    /** The payload with each {@code @k;} replaced by slot k's bytes as a msgpack str with HLL type byte 18. */
    private static byte[] expand(String hex, Value[] slots) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < hex.length()) {
            char c = hex.charAt(i);
            if (c != '@') {
                out.append(c);
                i++;
                continue;
            }
            int end = hex.indexOf(';', i);
            byte[] b = binBytes(slots[Integer.parseInt(hex.substring(i + 1, end))]);
            int size = (b == null ? 0 : b.length) + 1;
            if (size < 32) {
                out.append(String.format("%02x", 0xa0 | size));
            } else if (size < 256) {
                out.append(String.format("d9%02x", size));
            } else if (size < 65536) {
                out.append(String.format("da%04x", size));
            } else {
                out.append(String.format("db%08x", size));
            }
            out.append("12").append(b == null ? "" : HEX.formatHex(b));
            i = end + 1;
        }
        return HEX.parseHex(out);
    }

    private static Value bin(int type, byte[] bytes) {
        return switch (type) {
            case 18 -> new Value.HllValue(bytes);
            case 4 -> new Value.BytesValue(bytes);
            case 3 -> new Value.StringValue(new String(bytes, StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("particle type " + type);
        };
    }

    private static byte[] binBytes(Value v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Value.HllValue h) {
            return h.value();
        }
        if (v instanceof Value.BytesValue b) {
            return b.value();
        }
        return ((Value.StringValue) v).value().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String spec) {
        int star = spec.indexOf('*');
        if (star < 0) {
            return HEX.parseHex(spec);
        }
        byte[] prefix = HEX.parseHex(spec.substring(0, star));
        int x = spec.indexOf('x', star);
        byte fill = (byte) Integer.parseInt(spec.substring(star + 1, x), 16);
        int count = Integer.parseInt(spec.substring(x + 1));
        byte[] b = new byte[prefix.length + count];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        java.util.Arrays.fill(b, prefix.length, b.length, fill);
        return b;
    }

    private static String digest(byte[] b) {
        if (b == null) {
            return "-";
        }
        if (b.length <= 512) {
            return HEX.formatHex(b);
        }
        try {
            return "sha256:" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
