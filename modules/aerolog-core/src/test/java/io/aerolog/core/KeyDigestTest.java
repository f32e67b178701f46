package io.aerolog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.cluster.Partition;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Digests and partitions are Aerospike's: checked against the Aerospike Java client over many keys of
 * every user-key type and many set names.
 */
class KeyDigestTest {
    private static final String NS = "test";

    @Provide
    Arbitrary<String> setNames() {
        return Arbitraries.oneOf(
                        Arbitraries.just(""),
                        Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMaxLength(63),
                        Arbitraries.strings().all().ofMaxLength(20))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= Key.MAX_SET_NAME_BYTES);
    }

    @Provide
    Arbitrary<String> stringKeys() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().ascii().ofMaxLength(100),
                // any code point outside the surrogate range, so 1 to 4 byte UTF-8 sequences
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                        .ofMaxLength(40),
                Arbitraries.integers().between(0x10000, 0x10FFFF).list().ofMaxSize(10)
                        .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size())),
                Arbitraries.strings().ofMinLength(200).ofMaxLength(2000));
    }

    @Provide
    Arbitrary<Long> longKeys() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, (long) Integer.MIN_VALUE,
                        (long) Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<byte[]> bytesKeys() {
        return Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
                Arbitraries.bytes().array(byte[].class).ofMinSize(500).ofMaxSize(3000));
    }

    @Property(tries = 2000)
    void stringKeyDigestIsAerospikes(@ForAll("setNames") String set, @ForAll("stringKeys") String userKey) {
        Key key = Key.of(NS, set, userKey);
        com.aerospike.client.Key reference = new com.aerospike.client.Key(NS, set, userKey);
        assertSameAsAerospike(key, reference);
    }

    @Property(tries = 2000)
    void longKeyDigestIsAerospikes(@ForAll("setNames") String set, @ForAll("longKeys") long userKey) {
        Key key = Key.of(NS, set, userKey);
        com.aerospike.client.Key reference = new com.aerospike.client.Key(NS, set, userKey);
        assertSameAsAerospike(key, reference);
    }

    @Property(tries = 2000)
    void bytesKeyDigestIsAerospikes(@ForAll("setNames") String set, @ForAll("bytesKeys") byte[] userKey) {
        Key key = Key.of(NS, set, userKey);
        com.aerospike.client.Key reference = new com.aerospike.client.Key(NS, set, userKey);
        assertSameAsAerospike(key, reference);
    }

    private static void assertSameAsAerospike(Key key, com.aerospike.client.Key reference) {
        assertThat(key.digest().bytes()).isEqualTo(reference.digest);
        assertThat(key.digest().partitionId()).isEqualTo(Partition.getPartitionId(reference.digest));
        assertThat(key.partitionId()).isBetween(0, Digest.PARTITIONS - 1);
    }

    @Example
    void nullSetIsTheEmptySet() {
        Key key = Key.of(NS, null, "k");
        assertThat(key.set()).isEmpty();
        assertThat(key.digest().bytes()).isEqualTo(new com.aerospike.client.Key(NS, null, "k").digest);
        assertThat(key.digest()).isEqualTo(Key.of(NS, "", "k").digest());
    }

    @Example
    void knownDigest() {
        // Independent of the reference client: a fixed digest guards against both changing together.
        // Values taken once from com.aerospike.client.Key 8.1.4.
        assertThat(Key.of(NS, "", "").digest().toHex()).isEqualTo("b2afadd73b9922f395573a52e7032b7597ff8c3e");
        assertThat(Key.of(NS, "users", 42L).digest().toHex()).isEqualTo("69e283d0a9dac9b4a08c1f3270d7a6ce357a5517");
        assertThat(Key.of(NS, "users", "alice").digest().toHex()).isEqualTo("da59d2c81357e4165b50cef5f1feaa053ae7fdf9");
        assertThat(Key.of(NS, "set", 1L).digest()).isNotEqualTo(Key.of(NS, "set", "1").digest());
        assertThat(Key.of(NS, "set", new byte[] {1}).digest()).isNotEqualTo(Key.of(NS, "set", 1L).digest());
        assertThat(Key.of(NS, "a", "b").digest()).isNotEqualTo(Key.of(NS, "b", "a").digest());
    }

    @Property(tries = 1000)
    void kafkaPartitionIsPartitionIdModuloN(@ForAll("stringKeys") String userKey,
                                            @ForAll @IntRange(min = 0, max = 12) int log2) {
        int n = 1 << log2;
        Digest d = Key.of(NS, "s", userKey).digest();
        assertThat(d.kafkaPartition(n)).isEqualTo(d.partitionId() % n);
        assertThat(PartitionMap.kafkaPartition(d.partitionId(), n)).isEqualTo(d.partitionId() % n);
    }

    @Example
    void partitionMapRejectsCountsThatAreNotPowersOfTwoUpTo4096() {
        for (int n : new int[] {0, -1, -4, 3, 5, 6, 7, 12, 100, 1000, 4095, 4097, 8192, Integer.MIN_VALUE,
                Integer.MAX_VALUE}) {
            assertThat(PartitionMap.isValidPartitionCount(n)).as("%d", n).isFalse();
            assertThatThrownBy(() -> PartitionMap.kafkaPartition(0, n)).as("%d", n)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (int log2 = 0; log2 <= 12; log2++) {
            assertThat(PartitionMap.isValidPartitionCount(1 << log2)).isTrue();
        }
        assertThatThrownBy(() -> Key.of(NS, "", "x").digest().kafkaPartition(3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void setNameOver63BytesIsAParameterError() {
        String sixtyThree = "s".repeat(63);
        assertThat(Key.of(NS, sixtyThree, "k").set()).isEqualTo(sixtyThree);
        assertThatThrownBy(() -> Key.of(NS, "s".repeat(64), "k"))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        // 32 two-byte characters are 64 bytes of UTF-8 though only 32 chars
        assertThatThrownBy(() -> Key.of(NS, "é".repeat(32), 1L))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        assertThatThrownBy(() -> Key.ofDigest(NS, "x".repeat(64), Key.of(NS, "", "k").digest()))
                .isInstanceOfSatisfying(AerologException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
    }

    @Example
    void userKeyOfAnotherTypeIsAParameterError() {
        for (Value v : new Value[] {Value.NIL, Value.of(1.5), Value.of(true), Value.ofGeoJson("{}")}) {
            assertThatThrownBy(() -> Key.ofUserKey(NS, "", v))
                    .isInstanceOfSatisfying(AerologException.class,
                            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR));
        }
    }

    @Example
    void digestIsTwentyBytesAndCopied() {
        byte[] raw = new byte[20];
        raw[0] = 5;
        Digest d = Digest.of(raw);
        raw[0] = 6;
        assertThat(d.bytes()[0]).isEqualTo((byte) 5);
        d.bytes()[0] = 7;
        assertThat(d.bytes()[0]).isEqualTo((byte) 5);
        assertThatThrownBy(() -> Digest.of(new byte[19])).isInstanceOf(AerologException.class);
        assertThatThrownBy(() -> Digest.of(null)).isInstanceOf(AerologException.class);
    }

    @Example
    void partitionIdIsLow12BitsLittleEndian() {
        byte[] raw = new byte[20];
        raw[0] = (byte) 0x34;
        raw[1] = (byte) 0xF2;
        assertThat(Digest.of(raw).partitionId()).isEqualTo(0x234).isEqualTo(Partition.getPartitionId(raw));
    }
}
