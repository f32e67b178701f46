package io.aerolog.core.hll.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A HyperMinHash sketch in Aerospike's own bytes (the server's {@code hll_t}): a flags byte (0), the
 * index bits (4 to 16: 2^n registers), the minhash bits (0, or 4 to 51), an 8-byte cached count kept
 * in the server's host order (little-endian), then the registers packed big-endian, each 6 bits of
 * HyperLogLog value followed by the minhash bits. Register access, hashing and estimators follow the
 * server's {@code hmh_*} functions step for step, so that the same inputs give the same bytes and
 * the same counts as Aerospike.
 */
final class Sketch {
    static final int HEADER_SIZE = 11;
    static final int MIN_INDEX_BITS = 4;
    static final int MAX_INDEX_BITS = 16;
    static final int HLL_BITS = 6;
    static final int HLL_MAX_VALUE = 1 << HLL_BITS;
    static final int MIN_MINHASH_BITS = 4;
    static final int MAX_MINHASH_BITS = 64 - HLL_BITS - 7;
    static final int MAX_INDEX_AND_MINHASH_BITS = 64;
    private static final int CACHE_AT = 3;

    final byte[] bytes;

    private Sketch(byte[] bytes) {
        this.bytes = bytes;
    }

    /** An empty sketch ({@code hmh_init}). */
    static Sketch empty(int indexBits, int minhashBits) {
        byte[] b = new byte[requiredSize(indexBits, minhashBits)];
        b[1] = (byte) indexBits;
        b[2] = (byte) minhashBits;
        return new Sketch(b);
    }

    /** A sketch over a copy of {@code bytes}, which the caller has checked. */
    static Sketch copyOf(byte[] bytes) {
        return new Sketch(bytes.clone());
    }

    /** A sketch reading {@code bytes} in place (for arguments and bins that are only read). */
    static Sketch view(byte[] bytes) {
        return new Sketch(bytes);
    }

    static boolean validIndexBits(long n) {
        return n >= MIN_INDEX_BITS && n <= MAX_INDEX_BITS;
    }

    static boolean validMinhashBits(long n) {
        return n == 0 || n >= MIN_MINHASH_BITS && n <= MAX_MINHASH_BITS;
    }

    static boolean validCombinedBits(long indexBits, long minhashBits) {
        return validIndexBits(indexBits) && validMinhashBits(minhashBits)
                && indexBits + minhashBits <= MAX_INDEX_AND_MINHASH_BITS;
    }

    /** The bytes of a sketch of this description ({@code hmh_required_sz}). */
    static int requiredSize(int indexBits, int minhashBits) {
        return HEADER_SIZE + (int) (((long) (HLL_BITS + minhashBits) * (1L << indexBits) + 7) / 8);
    }

    /** Whether {@code b} is a sketch the server accepts as a bin ({@code hll_verify_bin}). */
    static boolean isValidBin(byte[] b) {
        return b.length >= HEADER_SIZE && b[0] == 0 && validCombinedBits(b[1] & 0xff, b[2] & 0xff)
                && b.length == requiredSize(b[1] & 0xff, b[2] & 0xff);
    }

    int indexBits() {
        return bytes[1] & 0xff;
    }

    int minhashBits() {
        return bytes[2] & 0xff;
    }

    long cache() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | bytes[CACHE_AT + i] & 0xffL;
        }
        return v;
    }

    void setCache(long v) {
        for (int i = 0; i < 8; i++) {
            bytes[CACHE_AT + i] = (byte) (v >>> (8 * i));
        }
    }

    private int nRegisters() {
        return 1 << indexBits();
    }

    /** The register's value, read through the 8-byte big-endian window the server reads. */
    long register(int r) {
        int nBits = HLL_BITS + minhashBits();
        long bitOffset = (long) nBits * r;
        int byteOffset = (int) (bitOffset / 8);
        int maxOffset = (int) (((long) nBits * nRegisters() + 7) / 8) - 8;
        int leftBit = (int) (bitOffset % 8);
        if (byteOffset > maxOffset) {
            leftBit += (byteOffset - maxOffset) * 8;
            byteOffset = maxOffset;
        }
        long window = bigEndian(HEADER_SIZE + byteOffset);
        return window >>> (64 - (leftBit + nBits)) & (1L << nBits) - 1;
    }

    void setRegister(int r, long value) {
        int nBits = HLL_BITS + minhashBits();
        long bitOffset = (long) nBits * r;
        int byteOffset = (int) (bitOffset / 8);
        int maxOffset = (int) (((long) nBits * nRegisters() + 7) / 8) - 8;
        int shift = (int) (bitOffset % 8);
        if (byteOffset > maxOffset) {
            shift += (byteOffset - maxOffset) * 8;
            byteOffset = maxOffset;
        }
        long mask = ((1L << nBits) - 1) << (64 - nBits) >>> shift;
        long shifted = value << (64 - nBits) >>> shift;
        int at = HEADER_SIZE + byteOffset;
        putBigEndian(at, bigEndian(at) & ~mask | shifted);
    }

    private long bigEndian(int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | bytes[at + i] & 0xffL;
        }
        return v;
    }

    private void putBigEndian(int at, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    /** {@code {register, value}} of an element's msgpack bytes ({@code hmh_hash}). */
    private long[] hash(byte[] element) {
        long[] h = Murmur3.hash128(element);
        int indexMask = (1 << indexBits()) - 1;
        int register = (int) (h[0] & 0xffff) & indexMask;
        long minhashMask = (1L << minhashBits()) - 1;
        long minhash = h[0] >>> indexBits() & minhashMask;
        long hllValue = (h[1] == 0 ? 64 : Long.numberOfTrailingZeros(h[1])) + 1;
        return new long[] {register, hllValue << minhashBits() | minhash};
    }

    /** Adds an element; whether a register grew ({@code hmh_add}), which also clears the cached count. */
    boolean add(byte[] element) {
        long[] rv = hash(element);
        if (Long.compareUnsigned(register((int) rv[0]), rv[1]) < 0) {
            setRegister((int) rv[0], rv[1]);
            setCache(0);
            return true;
        }
        return false;
    }

    /** Whether the element may have been added ({@code hmh_may_contain}). */
    boolean mayContain(byte[] element) {
        long[] rv = hash(element);
        return Long.compareUnsigned(rv[1], register((int) rv[0])) <= 0;
    }

    private int hllValue(long registerValue) {
        return (int) (registerValue >>> minhashBits()) & 0xff;
    }

    /** The cardinality estimate ({@code hmh_estimate_cardinality}, Ertl's algorithm 6); the cache if set. */
    long estimate() {
        long cache = cache();
        if (cache != 0) {
            return cache;
        }
        int n = nRegisters();
        int[] c = new int[HLL_MAX_VALUE + 1];
        for (int r = 0; r < n; r++) {
            c[hllValue(register(r))]++;
        }
        double z = n * tau(c[HLL_MAX_VALUE] / (double) n);
        for (int k = HLL_MAX_VALUE; k > 0; k--) {
            z = 0.5 * (z + c[k]);
        }
        z += n * sigma(c[0] / (double) n);
        return llround(alpha() * n * n / z);
    }

    private double alpha() {
        return switch (indexBits()) {
            case 4 -> 0.673;
            case 5 -> 0.697;
            case 6 -> 0.709;
            default -> 0.7213 / (1.0 + 1.079 / (1 << indexBits()));
        };
    }

    private static double tau(double val) {
        if (val == 0.0 || val == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - val;
        double previous;
        do {
            val = Math.sqrt(val);
            previous = z;
            y *= 0.5;
            double d = 1 - val;
            z -= d * d * y;
        } while (previous != z);
        return z / 3;
    }

    private static double sigma(double val) {
        if (val == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = val;
        double previous;
        do {
            val *= val;
            previous = z;
            z += val * y;
            y += y;
        } while (previous != z);
        return z;
    }

    /**
     * C's {@code llround} as the server's x86-64 build returns it: half away from zero, and the
     * integer-indefinite value (the most negative long) for NaN and numbers out of range.
     */
    static long llround(double x) {
        if (Double.isNaN(x) || x >= 0x1p63 || x < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return x < 0 ? -Math.round(-x) : Math.round(x);
    }

    /** C's conversion of a uint64 to double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        double half = (double) (v >>> 1 | v & 1);
        return half * 2.0;
    }

    /** Merges {@code other}, whose index bits are at least this one's, into this sketch ({@code hmh_union}). */
    void union(Sketch other) {
        int mask = nRegisters() - 1;
        int max = other.nRegisters();
        if (minhashBits() == 0) {
            for (int r = 0; r < max; r++) {
                int target = r & mask;
                int v0 = hllValue(register(target));
                int v1 = other.hllValue(other.register(r));
                if (v0 < v1) {
                    setRegister(target, v1);
                }
            }
            return;
        }
        for (int r = 0; r < max; r++) {
            int target = r & mask;
            long v1 = other.register(r);
            if (Long.compareUnsigned(register(target), v1) < 0) {
                setRegister(target, v1);
            }
        }
        setCache(0);
    }

    private void intersectOne(Sketch other) {
        int mask = nRegisters() - 1;
        int max = other.nRegisters();
        for (int r = 0; r < max; r++) {
            int small = r & mask;
            long v0 = register(small);
            setRegister(small, v0 == other.register(r) ? v0 : 0);
        }
    }

    private int usedRegisters() {
        int count = 0;
        for (int r = 0; r < nRegisters(); r++) {
            if (register(r) != 0) {
                count++;
            }
        }
        return count;
    }

    /** Whether the first 2^n bytes of registers hold a set bit: the server's {@code hmh_has_data} looks no further. */
    private boolean hasData() {
        int n = nRegisters() / 8 * 8;
        for (int i = 0; i < n; i++) {
            if (bytes[HEADER_SIZE + i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The description all of {@code sketches} can be merged into ({@code hmh_compatible_template}): {index, minhash}. */
    static int[] template(List<Sketch> sketches) {
        int indexBits = sketches.get(0).indexBits();
        int minhashBits = sketches.get(0).minhashBits();
        for (int i = 1; i < sketches.size(); i++) {
            Sketch s = sketches.get(i);
            indexBits = Math.min(indexBits, s.indexBits());
            if (minhashBits != 0 && minhashBits != s.minhashBits()) {
                minhashBits = 0;
            }
        }
        return new int[] {indexBits, minhashBits};
    }

    /** The union of {@code sketches}, in their template's description. */
    static Sketch unionOf(List<Sketch> sketches) {
        int[] t = template(sketches);
        Sketch union = empty(t[0], t[1]);
        for (Sketch s : sketches) {
            union.union(s);
        }
        return union;
    }

    static long unionCardinality(List<Sketch> sketches) {
        return unionOf(sketches).estimate();
    }

    /** {@code hmh_estimate_intersect_cardinality}. */
    static long intersectCardinality(List<Sketch> sketches) {
        if (template(sketches)[1] == 0) {
            return hllIntersectCardinality(sketches);
        }
        double j = similarity(sketches);
        if (Double.isNaN(j)) {
            return 0;
        }
        return llround(unsignedToDouble(unionCardinality(sketches)) * j);
    }

    /**
     * Inclusion-exclusion over HyperLogLog estimates, for two or three sketches; the pairs of three are
     * estimated each by its own template, as the server recurses ({@code hll_estimate_intersect_cardinality}).
     */
    private static long hllIntersectCardinality(List<Sketch> sketches) {
        long union = unionCardinality(sketches);
        long sum = 0;
        for (Sketch s : sketches) {
            long c = s.estimate();
            if (Long.compareUnsigned(sum + c, sum) < 0) {
                sum = -1L;
                break;
            }
            sum += c;
        }
        if (sketches.size() == 2) {
            return Long.compareUnsigned(sum, union) > 0 ? sum - union : 0;
        }
        long sumIntersect = intersectCardinality(List.of(sketches.get(0), sketches.get(1)))
                + intersectCardinality(List.of(sketches.get(1), sketches.get(2)))
                + intersectCardinality(List.of(sketches.get(0), sketches.get(2)));
        long result = union - (sum - sumIntersect);
        return result < 0 ? 0 : result;
    }

    /** {@code hmh_estimate_similarity} (HyperMinHash's Jaccard estimate); NaN when all sketches are empty. */
    static double similarity(List<Sketch> sketches) {
        int[] t = template(sketches);
        if (t[1] == 0) {
            return unsignedToDouble(hllIntersectCardinality(sketches))
                    / unsignedToDouble(unionCardinality(sketches));
        }
        boolean oneHasData = false;
        boolean oneIsEmpty = false;
        for (Sketch s : sketches) {
            if (s.hasData()) {
                oneHasData = true;
            } else {
                oneIsEmpty = true;
            }
        }
        if (oneIsEmpty) {
            return oneHasData ? 0.0 : Double.NaN;
        }
        Sketch aggregate = empty(t[0], t[1]);
        for (Sketch s : sketches) {
            aggregate.union(s);
        }
        int nUnion = aggregate.usedRegisters();
        aggregate = empty(t[0], t[1]);
        aggregate.union(sketches.get(0));
        for (int i = 1; i < sketches.size(); i++) {
            aggregate.intersectOne(sketches.get(i));
        }
        int nIntersect = aggregate.usedRegisters();
        double collisions = 0.0;
        if (sketches.size() == 2) {
            collisions = expectedCollisions(t[0], t[1], sketches.get(0).estimate(), sketches.get(1).estimate());
        }
        double result = (nIntersect - collisions) / nUnion;
        return result < 0.0 ? 0.0 : result;
    }

    /** {@code hmh_jaccard_estimate_collisions}: the registers two sketches of these counts share by chance. */
    private static double expectedCollisions(int indexBits, int minhashBits, long card0, long card1) {
        double cp = 0.0;
        int nRegisters = 1 << indexBits;
        double c0 = unsignedToDouble(card0);
        double c1 = unsignedToDouble(card1);
        for (int i = 1; i <= HLL_MAX_VALUE; i++) {
            double b1 = i != HLL_MAX_VALUE ? Math.scalb(1.0, -i) : 0.0;
            double b2 = Math.scalb(1.0, -i + 1);
            b1 /= nRegisters;
            b2 /= nRegisters;
            double prX = StrictMath.pow(1 - b1, c0) - StrictMath.pow(1 - b2, c0);
            double prY = StrictMath.pow(1 - b1, c1) - StrictMath.pow(1 - b2, c1);
            cp += prX * prY;
        }
        return cp * nRegisters / Math.scalb(1.0, minhashBits);
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
