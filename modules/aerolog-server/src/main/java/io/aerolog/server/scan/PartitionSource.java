package io.aerolog.server.scan;

/**
 * The records of some Aerospike partitions of one Kafka partition that a scan or query reaches, each
 * partition in its resume order (digest order for a scan; index value, then digest, for a query). The
 * iteration a later "apply to every match" job reuses.
 *
 * @see RecordScan
 */
public interface PartitionSource extends AutoCloseable {
    /**
     * The next record, or null when there is none.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the store closed (the partition moved)
     */
    Candidate next();

    @Override
    void close();

    /** Closes {@code source} (null: nothing) when a scan ends or its partition moved: its store may be closed already. */
    static void closeQuietly(PartitionSource source) {
        if (source == null) {
            return;
        }
        try {
            source.close();
        } catch (RuntimeException ignored) {
            // the store closed already
        }
    }
}
