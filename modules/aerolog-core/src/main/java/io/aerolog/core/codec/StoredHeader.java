package io.aerolog.core.codec;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stored record whose header (set, user key, generation, void time, last update) has been read, and which
 * reads its bins on from where the header ends: a wire scan checks each record's header and then copies its
 * bins, one walk of its bytes. The set and the user key are made only when asked for (a scan compares the set in
 * place, and its reply carries a user key only when one was stored). Made by {@link AvroCodec#decodeHeader}.
 */
public final class StoredHeader {
    private final byte[] bytes;
    private final int setAt;
    private final int setLength;
    private final int keyAt;
    private final int generation;
    private final long voidTimeMillis;
    private final long lastUpdateMillis;
    private final int binsAt;

    StoredHeader(byte[] bytes, int setAt, int setLength, int keyAt, int generation, long voidTimeMillis,
                 long lastUpdateMillis, int binsAt) {
        this.bytes = bytes;
        this.setAt = setAt;
        this.setLength = setLength;
        this.keyAt = keyAt;
        this.generation = generation;
        this.voidTimeMillis = voidTimeMillis;
        this.lastUpdateMillis = lastUpdateMillis;
        this.binsAt = binsAt;
    }

    /** The record's set ("" for none), made now. */
    public String set() {
        return new String(bytes, setAt, setLength, StandardCharsets.UTF_8);
    }

    /** Whether the record's set is the one whose UTF-8 bytes are {@code utf8} ("" as no bytes), compared in place. */
    public boolean setIs(byte[] utf8) {
        return Arrays.equals(bytes, setAt, setAt + setLength, utf8, 0, utf8.length);
    }

    /** The user key stored with the record, made now; null when none was stored. */
    public Value userKey() {
        return StoredRecordReader.userKey(bytes, keyAt);
    }

    public int generation() {
        return generation;
    }

    /** When the record expires, epoch ms; 0 for never. */
    public long voidTimeMillis() {
        return voidTimeMillis;
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    /** Whether the record has expired at {@code nowMillis}, as {@link Record#isExpiredAt} answers. */
    public boolean isExpiredAt(long nowMillis) {
        return Record.isExpiredAt(voidTimeMillis, nowMillis);
    }

    /**
     * The record with the bins {@code bins} selects, read on from the header.
     *
     * @throws io.aerolog.core.AerologException PARSE_ERROR when its bins do not decode
     */
    public Record record(BinSelection bins) {
        return new Record(set(), userKey(), StoredRecordReader.bins(bytes, binsAt, bins), generation, voidTimeMillis,
                lastUpdateMillis);
    }

    /**
     * The value of the first bin {@code bins} selects (the one bin a secondary index reads), read on from the header
     * and checked to the record's end, without a record or a map made; null when the record has no such bin.
     *
     * @throws io.aerolog.core.AerologException PARSE_ERROR when its bins do not decode
     */
    public Value bin(BinSelection bins) {
        return StoredRecordReader.bin(bytes, binsAt, bins);
    }

    /**
     * Hands the bins {@code bins} selects to {@code visitor} in their stored order, read on from the header and
     * checked to the record's end.
     *
     * @throws io.aerolog.core.AerologException PARSE_ERROR when its bins do not decode (some may have been visited)
     */
    public void visitBins(BinSelection bins, StoredBinVisitor visitor) {
        StoredRecordReader.visitBins(bytes, binsAt, bins, visitor);
    }
}
