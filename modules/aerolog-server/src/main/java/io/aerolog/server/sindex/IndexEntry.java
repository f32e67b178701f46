package io.aerolog.server.sindex;

import io.aerolog.core.Digest;
import io.aerolog.server.scan.Candidate;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.PartsById;
import io.aerolog.server.scan.LiveRecords;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One index entry a query reads, with its record: the entry's value and digest, and the record when the entry is
 * in a requested Aerospike partition, after where that partition resumes (value, then digest), and its record is
 * still there, live (neither expired nor removed by a truncate) and in the query's set. Shared by the
 * numeric/string query and the geo query, which differ only in which key ranges they read and how they test the
 * record.
 */
final class IndexEntry {
    private IndexEntry() {
    }

    /** The record the entry {@code kv} leads to, found at the entry's value, or null when the query skips it. */
    static Candidate read(KeyValue<Bytes, byte[]> kv, PartsById parts, ReadOnlyKeyValueStore<Bytes, byte[]> records,
                          LiveRecords live) {
        byte[] key = kv.key.get();
        byte[] digest = IndexKeys.digest(key);
        PartitionPart part = parts.of(Digest.partitionIdOf(digest));
        if (part == null) {
            return null;
        }
        long value = IndexKeys.value(key);
        if (part.resumed() && (value < part.afterValue()
                || value == part.afterValue() && Arrays.compareUnsigned(digest, part.afterDigest()) <= 0)) {
            return null;
        }
        byte[] stored = records.get(Bytes.wrap(digest));
        return stored == null ? null : live.read(digest, stored, value);
    }
}
