package io.aerolog.server.sindex;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.LiveRecords;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One index entry a query reads, with its record: the entry's value and digest, and the record when the entry is
 * in a requested Aerospike partition, after where that partition resumes (value, then digest), and its record is
 * still there, live (neither expired nor removed by a truncate) and in the query's set. Shared by the numeric/string query and the geo query, which differ
 * only in which key ranges they read and how they test the record.
 */
record IndexEntry(long value, byte[] digest, Record record, byte[] stored) {
    /** The entry {@code kv} with its record, or null when the query skips it. */
    static IndexEntry read(KeyValue<Bytes, byte[]> kv, PartitionPart[] parts, ReadOnlyKeyValueStore<Bytes, byte[]> records,
                           LiveRecords live) {
        byte[] key = kv.key.get();
        byte[] digest = IndexKeys.digest(key);
        PartitionPart part = parts[Digest.of(digest).partitionId()];
        if (part == null) {
            return null;
        }
        long value = IndexKeys.value(key);
        if (part.resumed() && (value < part.afterValue()
                || value == part.afterValue() && Arrays.compareUnsigned(digest, part.afterDigest()) <= 0)) {
            return null;
        }
        byte[] stored = records.get(Bytes.wrap(digest));
        if (stored == null) {
            return null;
        }
        Record record = live.read(stored);
        return record == null ? null : new IndexEntry(value, digest, record, stored);
    }
}
