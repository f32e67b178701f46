package io.aerolog.server.scan;

import io.aerolog.core.Record;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.codec.StoredHeader;

/**
 * A live record a scan or query reached: its digest, the index value it was found under (0 for a scan), its
 * stored header, from which a reply copies bins the record was not read with, and the record as its source read
 * it (the bins the source was asked to read). A source asked for no bin makes no record: a wire scan writes its
 * reply from the header alone.
 */
public final class Candidate {
    private final byte[] digest;
    private final long indexValue;
    private final StoredHeader stored;
    private final Record record;

    /** A candidate whose source read {@code record} of it, or no bin at all (null). */
    public Candidate(byte[] digest, long indexValue, StoredHeader stored, Record record) {
        this.digest = digest;
        this.indexValue = indexValue;
        this.stored = stored;
        this.record = record;
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

    /** The record as its source read it; made now of its header alone when the source read no bin. */
    public Record record() {
        return record != null ? record : stored.record(BinSelection.NONE);
    }
}
