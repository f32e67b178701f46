package io.aerolog.server.scan;

import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.codec.StoredHeader;
import java.nio.charset.StandardCharsets;

/**
 * Which stored records a scan or query passes on, and which of their bins it reads: records of its set ("" for
 * the whole namespace) that are live at {@code nowMillis} and not removed by a truncate ({@code truncation}),
 * with the bins {@code bins} selects. The check is made on each record's header, its set compared in place, so
 * a record passed over has nothing made of it, and one passed on has its record made only when it is asked for.
 */
public final class LiveRecords {
    private final byte[] set;
    private final long nowMillis;
    private final TruncateTimes truncation;
    private final BinSelection bins;

    public LiveRecords(String set, long nowMillis, TruncateTimes truncation, BinSelection bins) {
        this.set = set == null ? new byte[0] : set.getBytes(StandardCharsets.UTF_8);
        this.nowMillis = nowMillis;
        this.truncation = truncation;
        this.bins = bins;
    }

    /**
     * The record stored as {@code stored} under {@code digest}, found at {@code indexValue} (0 for a scan), with
     * the selected bins; null when the scan or query passes it over.
     */
    public Candidate read(byte[] digest, byte[] stored, long indexValue) {
        StoredHeader header = AvroCodec.decodeHeader(stored);
        if (set.length != 0 && !header.setIs(set) || header.isExpiredAt(nowMillis) || truncation.hides(header)) {
            return null;
        }
        return new Candidate(digest, indexValue, header, bins);
    }
}
