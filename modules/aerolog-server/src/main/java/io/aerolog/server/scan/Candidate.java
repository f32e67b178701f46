package io.aerolog.server.scan;

import io.aerolog.core.Record;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.codec.StoredHeader;

/**
 * A live record a scan or query reached: its digest, the index value it was found under (0 for a scan), its
 * stored header, from which a reply copies bins, and the record with the bins its source reads, made when first
 * asked for: a wire scan or query that writes its reply from the header, with no filter expression, makes none.
 */
public final class Candidate {
    private final byte[] digest;
    private final long indexValue;
    private final StoredHeader stored;
    private final BinSelection bins;
    private Record record;

    /** A candidate whose record, when made, holds the bins {@code bins} selects. */
    public Candidate(byte[] digest, long indexValue, StoredHeader stored, BinSelection bins) {
        this.digest = digest;
        this.indexValue = indexValue;
        this.stored = stored;
        this.bins = bins;
    }

    public byte[] digest() {
        return digest;
    }

    public long indexValue() {
        return indexValue;
    }

    /** The record's stored header, from which its bins are read on. */
    public StoredHeader stored() {
        return stored;
    }

    /** The record with the bins its source reads, made on the first call. */
    public Record record() {
        if (record == null) {
            record = stored.record(bins);
        }
        return record;
    }
}
