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
 * sets are passed over, and so are records a truncate removed ({@code truncation}) that are still stored.
 */
public final class RecordScan implements PartitionSource {
    private final StoreCursor cursor;
    private final String set;
    private final long nowMillis;
    private final TruncateTimes truncation;

    public RecordScan(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<PartitionPart> parts, int kafkaPartition,
                      int kafkaPartitions, String set, long nowMillis, TruncateTimes truncation) {
        this.cursor = StoreCursor.of(store, parts, kafkaPartition, kafkaPartitions);
        this.set = set == null ? "" : set;
        this.nowMillis = nowMillis;
        this.truncation = truncation;
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
            if (record.isExpiredAt(nowMillis) || truncation.hides(record)) {
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
