package io.aerolog.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RIPEMD-160 against the test vectors published with the algorithm (Dobbertin, Bosselaers, Preneel),
 * and, around the 64-byte block boundaries where padding changes shape, against gnu-crypto's
 * independent implementation (the one the Aerospike client itself depends on).
 */
class Ripemd160Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "''|9c1185a5c5e9fc54612808977ee8f548b2258d31",
        "a|0bdc9d2d256b3ee9daae347be6f4dc835a467ffe",
        "abc|8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
        "message digest|5d0689ef49d2fae572b881b123a85ffa21595f36",
        "abcdefghijklmnopqrstuvwxyz|f71c27109c692c1b56bbdceb5b9d2865b3708dbc",
        // 56 bytes: the length field no longer fits in the first block
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq|12a053384a9c0c88e405a06c27dcf49ada62eb2b",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|b0e20b6e3116640286ed3a87a5713079b21f5189",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890|9b752e45573d4b39f4dbd3323cab82bf63326bfb"
    })
    void publishedVectors(String message, String expected) {
        assertThat(hex(Ripemd160.hash(ascii(message)))).isEqualTo(expected);
    }

    @Test
    void oneMillionA() {
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        assertThat(hex(Ripemd160.hash(a))).isEqualTo("52783243c1697bdbe16d37f97f68f08325dc1528");
    }

    @Test
    void noPartsIsTheEmptyMessage() {
        assertThat(hex(Ripemd160.hash())).isEqualTo("9c1185a5c5e9fc54612808977ee8f548b2258d31");
        assertThat(hex(Ripemd160.hash(new byte[0], new byte[0]))).isEqualTo("9c1185a5c5e9fc54612808977ee8f548b2258d31");
    }

    @Test
    void partsHashAsTheirConcatenation() {
        assertThat(hex(Ripemd160.hash(ascii("message"), ascii(" "), ascii("digest"))))
                .isEqualTo("5d0689ef49d2fae572b881b123a85ffa21595f36");
        assertThat(hex(Ripemd160.hash(ascii("abcdefghijklm"), new byte[0], ascii("nopqrstuvwxyz"))))
                .isEqualTo("f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
        String q = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        for (int split = 0; split <= q.length(); split++) {
            assertThat(hex(Ripemd160.hash(ascii(q.substring(0, split)), ascii(q.substring(split)))))
                    .as("split at %d", split)
                    .isEqualTo("12a053384a9c0c88e405a06c27dcf49ada62eb2b");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 54, 55, 56, 57, 62, 63, 64, 65, 119, 120, 127, 128, 129, 1000})
    void aroundBlockBoundariesMatchesAnIndependentImplementation(int length) {
        Random random = new Random(length);
        for (int i = 0; i < 20; i++) {
            byte[] msg = new byte[length];
            random.nextBytes(msg);
            gnu.crypto.hash.RipeMD160 reference = new gnu.crypto.hash.RipeMD160();
            reference.update(msg, 0, msg.length);
            byte[] expected = reference.digest();
            assertThat(hex(Ripemd160.hash(msg))).isEqualTo(hex(expected));
            int split = random.nextInt(length + 1);
            assertThat(hex(Ripemd160.hash(Arrays.copyOfRange(msg, 0, split), Arrays.copyOfRange(msg, split, length))))
                    .isEqualTo(hex(expected));
        }
    }

    @Test
    void referenceImplementationAgreesWithPublishedVectors() {
        // Guards the comparison above: gnu-crypto must itself give the published answers.
        gnu.crypto.hash.RipeMD160 reference = new gnu.crypto.hash.RipeMD160();
        byte[] abc = ascii("abc");
        reference.update(abc, 0, abc.length);
        assertThat(hex(reference.digest())).isEqualTo("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    }
}
