package io.aerolog.cli.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A backup through Aerospike's scan: the partitions in chunks of {@value #CHUNK}, each chunk one
 * {@code scanPartitions} whose records are written as they come; the state is saved (after a flush) once a
 * second and after each chunk, holding the last digest written per partition, so {@code --resume} scans
 * each partition of the interrupted chunk after that digest and the rest from the start.
 */
final class ScanBackup {
    static final int PARTITIONS = 4096;
    static final int CHUNK = 256;
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How the scan runs. */
    record Options(String namespace, String set, int recordsPerSecond, long bandwidth, long maxRecords,
                   int socketTimeoutMillis) {
    }

    private final AerospikeClient client;
    private final BackupOutput output;
    private final Options options;
    private final Progress progress;
    private final Throttle bandwidth;
    private long lastCheckpoint = System.nanoTime();
    private boolean stopped;

    ScanBackup(AerospikeClient client, BackupOutput output, Options options, Progress progress) {
        this.client = client;
        this.output = output;
        this.options = options;
        this.progress = progress;
        this.bandwidth = new Throttle(options.bandwidth());
    }

    /** Scans what is left; true when every partition was read, false when stopped at --max-records. */
    boolean run() throws IOException {
        ScanPolicy policy = new ScanPolicy(client.getScanPolicyDefault());
        policy.recordsPerSecond = options.recordsPerSecond();
        policy.totalTimeout = 0;
        policy.socketTimeout = options.socketTimeoutMillis();
        policy.includeBinData = true;
        BackupState state = output.state;
        while (state.nextPartition < PARTITIONS) {
            int begin = state.nextPartition;
            int count = Math.min(CHUNK, PARTITIONS - begin);
            PartitionFilter filter = PartitionFilter.range(begin, count);
            if (!state.cursors.isEmpty()) {
                PartitionStatus[] parts = new PartitionStatus[count];
                for (int i = 0; i < count; i++) {
                    parts[i] = new PartitionStatus(begin + i);
                    parts[i].digest = state.cursor(begin + i);
                }
                filter.setPartitions(parts);
            }
            try {
                client.scanPartitions(policy, filter, options.namespace(), options.set(), this::record);
            } catch (AerospikeException.ScanTerminated e) {
                if (!stopped) {
                    throw e;
                }
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                }
                synchronized (this) {
                    // what was written so far stays resumable
                    output.checkpoint();
                }
                throw e;
            }
            synchronized (this) {
                if (stopped) {
                    output.checkpoint();
                    return false;
                }
                state.nextPartition = begin + count;
                state.cursors.clear();
                output.checkpoint();
            }
        }
        return true;
    }

    private synchronized void record(Key key, Record record) {
        if (stopped) {
            throw new AerospikeException.ScanTerminated();
        }
        BackupState state = output.state;
        long before = output.writer.bytes();
        try {
            output.writer.record(ClientValues.fromScan(key, record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.records++;
        state.cursor(Partition.getPartitionId(key.digest), key.digest);
        bandwidth.acquire(output.writer.bytes() - before);
        if ((state.records & 255) == 0) {
            progress.update(state.records, output.writer.bytes());
        }
        long now = System.nanoTime();
        try {
            if (now - lastCheckpoint >= CHECKPOINT_NANOS) {
                lastCheckpoint = now;
                output.checkpoint();
            }
            if (options.maxRecords() > 0 && state.records >= options.maxRecords()) {
                stopped = true;
                output.checkpoint();
                throw new AerospikeException.ScanTerminated();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
