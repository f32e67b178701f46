package io.aerolog.server.scan;

import io.aerolog.core.Digest;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The live records of a set (or of the whole namespace, for an empty set) in some Aerospike partitions of one
 * record store, in digest order, resumed after each partition's digest: what {@link LiveRecords} passes over
 * (expired, of other sets, removed by a truncate but still stored) is skipped.
 */
public final class RecordScan implements PartitionSource {
    private final StoreCursor cursor;
    private final LiveRecords live;

    public RecordScan(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<PartitionPart> parts, int kafkaPartition,
                      int kafkaPartitions, LiveRecords live) {
        this.cursor = StoreCursor.of(store, parts, kafkaPartition, kafkaPartitions);
        this.live = live;
    }

    @Override
    public Candidate next() {
        while (cursor.hasNext()) {
            KeyValue<Bytes, byte[]> kv = cursor.next();
            if (kv.key.get().length != Digest.SIZE) {
                continue;
            }
            Candidate c = live.read(kv.key.get(), kv.value, 0);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
