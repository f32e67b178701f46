package io.aerolog.core.bits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.AerologException;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.BinOpResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors from Aerospike's own bit code: {@code particle_blob.c} (8.1.2) and its msgpack reader,
 * compiled unchanged on x86-64 with stubs for the rest of the server, were fed random bit operations
 * (in the Java client's packing, with arguments around every bound: negative and out-of-range offsets,
 * zero and oversize sizes, every flag, wrong argument types and counts, absent bins and bins of other
 * types), and each line records the server's result code, what it returned and the blob after it.
 * Cases where the server's code reads or writes outside its buffers (PARTIAL or/xor/and, and PARTIAL
 * shifts of at least the bits left in the blob) were not generated: they have no defined answer.
 *
 * <p>Format: {@code P 0 [type [hex]]} puts the bin (absent without a type; type 4 is a blob, 3 a
 * string, 18 an HLL, 1 an integer); {@code 0 M|R hex => code result B blob} runs a modify or read with
 * msgpack payload {@code hex}; results are {@code N} nothing, {@code I n} integer, {@code X hex} bytes.
 */
class BitServerVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyStepMatchesAerospikesBitCode() throws IOException {
        Value bin = null;
        int steps = 0;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/golden/bits/server-vectors.txt.gz"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] parts = line.split(" ");
                if (parts[0].equals("P")) {
                    bin = parts.length == 2 ? null : bin(Integer.parseInt(parts[2]),
                            parts.length == 4 ? HEX.parseHex(parts[3]) : new byte[0]);
                    continue;
                }
                bin = step(bin, line, number);
                steps++;
            }
        }
        assertThat(steps).isGreaterThan(8000);
    }

    private static Value step(Value bin, String line, int number) {
        String[] sides = line.split(" => ");
        String[] op = sides[0].split(" ");
        String[] expected = sides[1].split(" ");
        byte[] payload = HEX.parseHex(op[2]);
        Value wire = MsgPack.unpackList(payload, 0, payload.length);
        int code = 0;
        Value result = null;
        Value after = bin;
        try {
            if (op[1].equals("M")) {
                BinOpResult r = BitOperations.modify(bin, wire);
                after = r.bin();
                result = r.result();
            } else {
                result = BitOperations.read(bin, wire);
            }
        } catch (AerologException e) {
            code = e.resultCode().code();
        }
        String where = "line " + number + ": " + line;
        assertThat(code).as(where).isEqualTo(Integer.parseInt(expected[0]));
        switch (expected[1]) {
            case "N" -> assertThat(result).as(where).isNull();
            case "I" -> assertThat(result).as(where).isEqualTo(Value.of(Long.parseLong(expected[2])));
            case "X" -> assertThat(result).as(where).isEqualTo(new Value.BytesValue(HEX.parseHex(expected[2])));
            default -> throw new IllegalArgumentException(where);
        }
        String blob = expected[expected.length - 1];
        if (after == null) {
            assertThat(blob).as(where).isEqualTo("-");
        } else if (after instanceof Value.BytesValue b) {
            assertThat(HEX.formatHex(b.value())).as(where).isEqualTo(blob.equals("B") ? "" : blob);
        } else {
            assertThat(after).as(where + ": a bin of another type is left as it was").isSameAs(bin);
        }
        return after;
    }

    private static Value bin(int type, byte[] bytes) {
        return switch (type) {
            case 4 -> new Value.BytesValue(bytes);
            case 3 -> new Value.StringValue(HEX.formatHex(bytes));
            case 18 -> new Value.HllValue(bytes);
            case 1 -> Value.of(0L);
            default -> throw new IllegalArgumentException("particle type " + type);
        };
    }
}
