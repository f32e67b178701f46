package io.aerolog.server.scan;

import io.aerolog.core.Digest;
import io.aerolog.core.Record;
import io.aerolog.core.codec.AvroCodec;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The live records of a set (or of the whole namespace, for an empty set) in some Aerospike partitions of one
 * record store, in digest order, resumed after each partition's digest: expired records and records of other
 * sets are passed over. A record whose last update is before its set's truncation ({@code truncated}) is gone.
 */
public final class RecordScan implements PartitionSource {
    private final StoreCursor cursor;
    private final String set;
    private final long nowMillis;
    private final TruncateTimes truncated;

    public RecordScan(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<PartitionPart> parts, int kafkaPartition,
                      int kafkaPartitions, String set, long nowMillis, TruncateTimes truncated) {
        this.cursor = StoreCursor.of(store, parts, kafkaPartition, kafkaPartitions);
        this.set = set == null ? "" : set;
        this.nowMillis = nowMillis;
        this.truncated = truncated;
    }

    @Override
    public Candidate next() {
        while (cursor.hasNext()) {
            KeyValue<Bytes, byte[]> kv = cursor.next();
            if (kv.key.get().length != Digest.SIZE) {
                continue;
            }
            Record record = AvroCodec.decodeRecord(kv.value);
            if (!set.isEmpty() && !set.equals(record.set())) {
                continue;
            }
            if (record.isExpiredAt(nowMillis) || truncated.truncates(record)) {
                continue;
            }
            return new Candidate(kv.key.get(), record, 0);
        }
        return null;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
