package io.aerolog.server.scan;

import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.BinSelection;

/**
 * Which stored records a scan or query passes on, and which of their bins it reads: records of its set ("" for
 * the whole namespace) that are live at {@code nowMillis} and not removed by a truncate ({@code truncation}),
 * with the bins {@code bins} selects.
 */
public record LiveRecords(String set, long nowMillis, TruncateTimes truncation, BinSelection bins) {
    public LiveRecords {
        set = set == null ? "" : set;
    }

    /** The record stored as {@code stored} with the selected bins, or null when the scan or query passes it over. */
    public Record read(byte[] stored) {
        Record record = AvroCodec.decodeRecord(stored, bins);
        if (!set.isEmpty() && !set.equals(record.set()) || record.isExpiredAt(nowMillis) || truncation.hides(record)) {
            return null;
        }
        return record;
    }
}
