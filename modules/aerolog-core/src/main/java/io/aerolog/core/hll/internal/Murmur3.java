package io.aerolog.core.hll.internal;

/**
 * MurmurHash3 x64 128-bit with seed 0, as Aerospike's {@code murmurHash3_x64_128} (aerospike-common's
 * {@code cf_hash_math.h}) computes it on a little-endian server: blocks read little-endian, and the
 * first 8 bytes of the output read back as {@code h1}, the next 8 as {@code h2}.
 */
final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** {@code {h1, h2}} of {@code data}. */
    static long[] hash128(byte[] data) {
        int len = data.length;
        int nBlocks = len / 16;
        long h1 = 0;
        long h2 = 0;
        for (int i = 0; i < nBlocks; i++) {
            long k1 = littleEndian(data, i * 16, 8);
            long k2 = littleEndian(data, i * 16 + 8, 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = nBlocks * 16;
        int rest = len & 15;
        if (rest > 8) {
            long k2 = littleEndian(data, tail + 8, rest - 8);
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
        }
        if (rest > 0) {
            long k1 = littleEndian(data, tail, Math.min(rest, 8));
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
        }
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long littleEndian(byte[] data, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | data[at + i] & 0xffL;
        }
        return v;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
