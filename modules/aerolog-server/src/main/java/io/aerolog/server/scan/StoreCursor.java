package io.aerolog.server.scan;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stored records of some Aerospike partitions of one Kafka partition's record store, in digest order,
 * each partition resumed strictly after its digest: the iteration every scan (and, later, every job that
 * applies something to each record) walks. Each run of keys ({@link KeyRuns}) is read by one store iterator,
 * a consistent view of the store as it was when the run began; a request for every partition of the store is
 * a single run. Not thread-safe; may be used by one thread after another. Closing it closes its iterator.
 *
 * @throws org.apache.kafka.streams.errors.InvalidStateStoreException from its methods when the store closed
 *         (the partition moved): the caller answers the partitions unavailable
 */
public final class StoreCursor implements Iterator<KeyValue<Bytes, byte[]>>, AutoCloseable {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final List<KeyRuns.Run> runs;
    private int run;
    private KeyValueIterator<Bytes, byte[]> current;

    private StoreCursor(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<KeyRuns.Run> runs) {
        this.store = store;
        this.runs = runs;
    }

    /** A cursor over {@code parts}, all of Kafka partition {@code kafkaPartition} of {@code kafkaPartitions}. */
    public static StoreCursor of(ReadOnlyKeyValueStore<Bytes, byte[]> store, List<PartitionPart> parts,
                                 int kafkaPartition, int kafkaPartitions) {
        return new StoreCursor(store, KeyRuns.of(parts, kafkaPartition, kafkaPartitions));
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (current != null && current.hasNext()) {
                return true;
            }
            if (current != null) {
                current.close();
                current = null;
            }
            if (run == runs.size()) {
                return false;
            }
            KeyRuns.Run r = runs.get(run++);
            current = store.range(Bytes.wrap(r.from()), Bytes.wrap(r.to()));
        }
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        run = runs.size();
    }
}
