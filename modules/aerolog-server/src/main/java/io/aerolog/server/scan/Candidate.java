package io.aerolog.server.scan;

import io.aerolog.core.Record;

/** A live record a scan or query reached: its digest, the record, and the index value it was found under (0 for a scan). */
public record Candidate(byte[] digest, Record record, long indexValue) {
}
