package io.aerolog.server.scan;

import io.aerolog.core.Record;

/**
 * A live record a scan or query reached: its digest, the record as its source read it (the bins the source
 * was asked to read), the index value it was found under (0 for a scan), and its stored bytes, from which a
 * reply may copy bins the record was not read with.
 */
public record Candidate(byte[] digest, Record record, long indexValue, byte[] stored) {
}
