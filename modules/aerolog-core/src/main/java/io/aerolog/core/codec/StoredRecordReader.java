package io.aerolog.core.codec;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.schema.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;

/**
 * Reads a stored record written with the current {@code StoredRecord} schema straight into a {@link Record} or a
 * {@link StoredHeader}, without Avro's resolving reader and the schema classes it fills first; the one place that
 * knows the layout. Every read, write, scan and query decodes the records it touches, and a profile of a
 * 1,000-record query put most of its Java time in that decoding. Bytes of another schema (an older version, by
 * their fingerprint) are left to Avro ({@link #read} answers null), so the contract of {@code schemas/} is
 * unchanged. Nesting is bounded by {@link Value#MAX_DECODE_DEPTH}, lengths by the bytes left, as Avro's reader
 * bounds them.
 */
final class StoredRecordReader {
    /** The single-object encoding's header: its marker, then the writer schema's fingerprint, little-endian. */
    private static final int HEADER = 10;
    private static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(StoredRecord.getClassSchema());

    private final byte[] b;
    private int pos;

    private StoredRecordReader(byte[] bytes, int from) {
        this.b = bytes;
        this.pos = from;
    }

    /** The record in {@code bytes}, or null when they were written with another schema than the current one. */
    static Record read(byte[] bytes) {
        return read(bytes, BinSelection.ALL);
    }

    /**
     * The record in {@code bytes} with only the bins {@code bins} selects (the others are skipped, their bytes
     * still checked), or null when they were written with another schema than the current one.
     */
    static Record read(byte[] bytes, BinSelection bins) {
        StoredHeader header = header(bytes);
        return header == null ? null : header.record(bins);
    }

    /**
     * The header of the record in {@code bytes} (everything before its bins), or null when they were written with
     * another schema than the current one.
     */
    static StoredHeader header(byte[] bytes) {
        return current(bytes) ? new StoredRecordReader(bytes, HEADER).header() : null;
    }

    /**
     * The set of the record in {@code bytes}, its first field, read without the rest; null when they were written
     * with another schema than the current one.
     */
    static String setOf(byte[] bytes) {
        return current(bytes) ? new StoredRecordReader(bytes, HEADER).string() : null;
    }

    /** The selected bins of the record whose bins start at {@code at} in {@code bytes}, made into values. */
    static Map<String, Value> bins(byte[] bytes, int at, BinSelection selection) {
        return new StoredRecordReader(bytes, at).bins(selection);
    }

    /** The value of the first bin {@code selection} selects of the record whose bins start at {@code at}; null if none. */
    static Value bin(byte[] bytes, int at, BinSelection selection) {
        return new StoredRecordReader(bytes, at).bin(selection);
    }

    /** Hands the selected bins of the record whose bins start at {@code at} in {@code bytes} to {@code visitor}. */
    static void visitBins(byte[] bytes, int at, BinSelection selection, StoredBinVisitor visitor) {
        new StoredRecordReader(bytes, at).bins(selection, visitor);
    }

    /** The user key whose union starts at {@code at} in {@code bytes}, null when none was stored. */
    static Value userKey(byte[] bytes, int at) {
        return new StoredRecordReader(bytes, at).userKey(true);
    }

    /** Whether {@code bytes} are single-object encoded with the current schema's fingerprint. */
    private static boolean current(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
            return false;
        }
        long fingerprint = 0;
        for (int i = HEADER - 1; i >= 2; i--) {
            fingerprint = fingerprint << 8 | (bytes[i] & 0xFF);
        }
        return fingerprint == FINGERPRINT;
    }

    /**
     * Reads the fields before the bins (set, user key, generation, void time, last update), making none of the
     * set and the key but their places: the one walk of this part of the layout ({@link #userKey} reads the key).
     */
    private StoredHeader header() {
        int setLength = length();
        int setAt = take(setLength);
        int keyAt = pos;
        userKey(false);
        int generation = readInt();
        long voidTime = readLong();
        long lastUpdate = readLong();
        return new StoredHeader(b, setAt, setLength, keyAt, generation, voidTime, lastUpdate, pos);
    }

    /**
     * Reads the user key's union (none, or a string, an integer or bytes): the key when {@code make}, else only
     * moves past it; null when none was stored or it was not made.
     */
    private Value userKey(boolean make) {
        if (index(2) == 0) {
            return null;
        }
        int kind = index(3);
        if (!make) {
            if (kind == 1) {
                readLong();
            } else {
                take(length());
            }
            return null;
        }
        return switch (kind) {
            case 0 -> Value.of(string());
            case 1 -> Value.of(readLong());
            default -> Value.of(bytes());
        };
    }

    private Map<String, Value> bins(BinSelection selection) {
        if (selection.none()) {
            return Map.of();
        }
        Map<String, Value> bins = new LinkedHashMap<>();
        for (long n = blockCount(); n != 0; n = blockCount()) {
            for (long i = 0; i < n; i++) {
                int length = length();
                int at = take(length);
                if (selection.wants(b, at, length)) {
                    bins.put(new String(b, at, length, StandardCharsets.UTF_8), value(0));
                } else {
                    skip(0);
                }
            }
        }
        end();
        return bins;
    }

    private Value bin(BinSelection selection) {
        Value found = null;
        for (long n = blockCount(); n != 0; n = blockCount()) {
            for (long i = 0; i < n; i++) {
                int length = length();
                int at = take(length);
                if (found == null && selection.wants(b, at, length)) {
                    found = value(0);
                } else {
                    skip(0);
                }
            }
        }
        end();
        return found;
    }

    private void bins(BinSelection selection, StoredBinVisitor visitor) {
        for (long n = blockCount(); n != 0; n = blockCount()) {
            for (long i = 0; i < n; i++) {
                int nameLength = length();
                int nameAt = take(nameLength);
                if (!selection.wants(b, nameAt, nameLength)) {
                    skip(0);
                    continue;
                }
                int valueAt = pos;
                switch (index(11)) {
                    case 2 -> visitor.integer(b, nameAt, nameLength, readLong());
                    case 3 -> visitor.floating(b, nameAt, nameLength, readDouble());
                    case 4 -> visitBytes(visitor, nameAt, nameLength, Value.Type.STRING);
                    case 5 -> visitBytes(visitor, nameAt, nameLength, Value.Type.BYTES);
                    case 8 -> visitBytes(visitor, nameAt, nameLength, Value.Type.GEOJSON);
                    case 9 -> visitBytes(visitor, nameAt, nameLength, Value.Type.HLL);
                    default -> {
                        pos = valueAt;
                        visitor.value(b, nameAt, nameLength, value(0));
                    }
                }
            }
        }
        end();
    }

    /** Refuses bytes after the bins, the record's last field. */
    private void end() {
        if (pos != b.length) {
            throw malformed((b.length - pos) + " bytes after the record");
        }
    }

    private void visitBytes(StoredBinVisitor visitor, int nameAt, int nameLength, Value.Type type) {
        int length = length();
        visitor.bytes(b, nameAt, nameLength, type, take(length), length);
    }

    private Value value(int depth) {
        if (depth > Value.MAX_DECODE_DEPTH) {
            throw malformed("a value nested deeper than " + Value.MAX_DECODE_DEPTH + " levels");
        }
        return switch (index(11)) {
            case 0 -> Value.NIL;
            case 1 -> Value.of(readBoolean());
            case 2 -> Value.of(readLong());
            case 3 -> Value.of(readDouble());
            case 4 -> Value.of(string());
            case 5 -> Value.of(bytes());
            case 6 -> {
                List<Value> items = new ArrayList<>();
                for (long n = blockCount(); n != 0; n = blockCount()) {
                    for (long i = 0; i < n; i++) {
                        items.add(value(depth + 1));
                    }
                }
                yield new Value.ListValue(items, readBoolean());
            }
            case 7 -> {
                Map<Value, Value> entries = new LinkedHashMap<>();
                for (long n = blockCount(); n != 0; n = blockCount()) {
                    for (long i = 0; i < n; i++) {
                        Value key = value(depth + 1);
                        entries.put(key, value(depth + 1));
                    }
                }
                yield new Value.MapValue(entries, Value.MapOrder.ofFlags(readInt()));
            }
            case 8 -> Value.ofGeoJson(string());
            case 9 -> new Value.HllValue(bytes());
            default -> index(2) == 0 ? Value.INFINITY : Value.WILDCARD;
        };
    }

    /** Moves past a value as {@link #value} reads it, within the same bounds, without making it. */
    private void skip(int depth) {
        if (depth > Value.MAX_DECODE_DEPTH) {
            throw malformed("a value nested deeper than " + Value.MAX_DECODE_DEPTH + " levels");
        }
        switch (index(11)) {
            case 0 -> {
            }
            case 1 -> take(1);
            case 2 -> readLong();
            case 3 -> take(8);
            case 4, 5, 8, 9 -> take(length());
            case 6 -> {
                for (long n = blockCount(); n != 0; n = blockCount()) {
                    for (long i = 0; i < n; i++) {
                        skip(depth + 1);
                    }
                }
                take(1);
            }
            case 7 -> {
                for (long n = blockCount(); n != 0; n = blockCount()) {
                    for (long i = 0; i < n; i++) {
                        skip(depth + 1);
                        skip(depth + 1);
                    }
                }
                readInt();
            }
            default -> index(2);
        }
    }

    /** A union branch or enum symbol below {@code count}. */
    private int index(int count) {
        long i = readLong();
        if (i < 0 || i >= count) {
            throw malformed("branch " + i + " of " + count);
        }
        return (int) i;
    }

    /** The item count of an array's next block (0 at its end); a negative count is followed by the block's size. */
    private long blockCount() {
        long n = readLong();
        if (n < 0) {
            n = -n;
            readLong();
        }
        if (n > b.length - pos) {
            throw malformed("a block of " + n + " items in " + (b.length - pos) + " bytes");
        }
        return n;
    }

    private long readLong() {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= b.length) {
                throw malformed("it ends inside a number");
            }
            int x = b[pos++];
            raw |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return raw >>> 1 ^ -(raw & 1);
            }
        }
        throw malformed("a number longer than 10 bytes");
    }

    private int readInt() {
        long v = readLong();
        if (v != (int) v) {
            throw malformed("an int of " + v);
        }
        return (int) v;
    }

    private boolean readBoolean() {
        return take(1) >= 0 && b[pos - 1] != 0;
    }

    private double readDouble() {
        int at = take(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (b[at + i] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    private String string() {
        int length = length();
        int at = take(length);
        return new String(b, at, length, StandardCharsets.UTF_8);
    }

    private byte[] bytes() {
        int length = length();
        int at = take(length);
        return Arrays.copyOfRange(b, at, at + length);
    }

    private int length() {
        long n = readLong();
        if (n < 0 || n > b.length - pos) {
            throw malformed("a length of " + n + " with " + (b.length - pos) + " bytes left");
        }
        return (int) n;
    }

    /** Moves past {@code n} bytes, answering where they start. */
    private int take(int n) {
        if (n > b.length - pos) {
            throw malformed("it ends " + (n - (b.length - pos)) + " bytes early");
        }
        int at = pos;
        pos += n;
        return at;
    }

    private static AerologException malformed(String what) {
        return new AerologException(ResultCode.PARSE_ERROR, "a StoredRecord that does not decode: " + what);
    }
}
