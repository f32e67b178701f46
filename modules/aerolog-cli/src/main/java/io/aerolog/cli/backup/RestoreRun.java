package io.aerolog.cli.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Restores a backup file as asrestore does: UDF modules and indexes are created as they come (each waited
 * for), each record is written with its digest (and its user key, when the file has one), the TTL left of
 * its void time (a record already expired is skipped and counted) and asrestore's policies: the file's
 * generation must be greater than the stored record's (unless {@code --no-generation}; a fresher record
 * is skipped and counted), and the record is updated, created only ({@code --unique}; one that exists is
 * skipped and counted) or replaced ({@code --replace}). Records are written by {@code threads} writers,
 * at most twice as many in flight, paced by the throttles.
 */
final class RestoreRun {
    /** The errors kept to print. */
    static final int FIRST_ERRORS = 10;
    /** Tries of a write that timed out or met a busy or moving partition, 0.2 s to 6.4 s apart. */
    static final int ATTEMPTS = 6;

    /** How records are written. */
    record Options(String namespace, RecordExistsAction exists, boolean generation, boolean records, boolean indexes,
                   boolean udfs, int threads, long recordsPerSecond, long bandwidth) {
    }

    /** What happened: records read, written, skipped (expired, existed, fresher), failed; the first errors. */
    record Result(long read, long written, long expired, long existed, long fresher, long failed, long retried,
                  long indexes, long udfs, List<String> errors, long bytes, BackupFormatException formatError) {
    }

    private final AerospikeClient client;
    private final Options options;
    private final LongAdder written = new LongAdder();
    private final LongAdder existed = new LongAdder();
    private final LongAdder fresher = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    RestoreRun(AerospikeClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** Restores what {@code reader} reads; a malformed file stops it (once the records before are written). */
    Result run(BackupReader reader, Progress progress) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "aerolog-restore");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(options.threads() * 2);
        Throttle records = new Throttle(options.recordsPerSecond());
        Throttle bytes = new Throttle(options.bandwidth());
        long read = 0;
        long expired = 0;
        long indexes = 0;
        long udfs = 0;
        long lastBytes = 0;
        long nowCitrus = System.currentTimeMillis() / 1000 - TextFormat.CITRUS_EPOCH_SECONDS;
        BackupFormatException formatError = null;
        try {
            BackupEntry entry;
            while ((entry = reader.next()) != null) {
                long line = reader.entryLine();
                if (entry instanceof UdfFile udf) {
                        if (options.udfs()) {
                            client.registerUdfString(null, new String(udf.content(), StandardCharsets.UTF_8), udf.name(),
                                    Language.LUA).waitTillComplete(200, 30_000);
                            udfs++;
                        }
                } else if (entry instanceof IndexDefinition index) {
                        if (options.indexes()) {
                            createIndex(index);
                            indexes++;
                        }
                } else if (entry instanceof BackupRecord r) {
                        if (!options.records()) {
                            continue;
                        }
                        read++;
                        records.acquire(1);
                        bytes.acquire(reader.bytesRead() - lastBytes);
                        lastBytes = reader.bytesRead();
                        int ttl;
                        if (r.voidTime() == 0) {
                            ttl = -1;
                        } else if (r.voidTime() <= nowCitrus) {
                            expired++;
                            continue;
                        } else {
                            ttl = (int) Math.min(Integer.MAX_VALUE, r.voidTime() - nowCitrus);
                        }
                        Key key;
                        Bin[] bins;
                        try {
                            key = ClientValues.key(r, options.namespace() == null ? r.namespace() : options.namespace());
                            bins = ClientValues.bins(r);
                        } catch (UnsupportedValueException e) {
                            fail(line, e.getMessage());
                            continue;
                        }
                        WritePolicy policy = new WritePolicy(client.getWritePolicyDefault());
                        policy.recordExistsAction = options.exists();
                        policy.sendKey = r.key() != null;
                        policy.expiration = ttl;
                        if (options.generation()) {
                            policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
                            policy.generation = r.generation();
                        }
                        inFlight.acquire();
                        pool.execute(() -> {
                            try {
                                write(policy, key, bins, line);
                            } finally {
                                inFlight.release();
                            }
                        });
                        if ((read & 255) == 0) {
                            progress.update(read, reader.bytesRead());
                        }
                }
            }
        } catch (BackupFormatException e) {
            formatError = e;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        }
        progress.update(read, reader.bytesRead());
        return new Result(read, written.sum(), expired, existed.sum(), fresher.sum(), failed.sum(), retried.sum(), indexes, udfs,
                List.copyOf(errors), reader.bytesRead(), formatError);
    }

    private void write(WritePolicy policy, Key key, Bin[] bins, long line) {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.put(policy, key, bins);
                    break;
                } catch (AerospikeException e) {
                    if (attempt >= ATTEMPTS || !worthRetrying(e)) {
                        throw e;
                    }
                    retried.increment();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100L << Math.min(attempt, 6)));
                }
            }
            written.increment();
        } catch (AerospikeException e) {
            switch (e.getResultCode()) {
                case ResultCode.GENERATION_ERROR -> fresher.increment();
                case ResultCode.KEY_EXISTS_ERROR -> existed.increment();
                default -> fail(line, "Error: (" + e.getResultCode() + ") " + ResultCode.getResultString(e.getResultCode())
                        + (e.getBaseMessage() == null ? "" : ": " + e.getBaseMessage()));
            }
        } catch (RuntimeException e) {
            fail(line, e.toString());
        }
    }

    /**
     * A timeout, or a node busy or moving its partitions: the same write is sent again (it is idempotent:
     * the same bins, and the file's generation checked), as asrestore retries them.
     */
    private static boolean worthRetrying(AerospikeException e) {
        return switch (e.getResultCode()) {
            case ResultCode.TIMEOUT, ResultCode.KEY_BUSY, ResultCode.DEVICE_OVERLOAD, ResultCode.PARTITION_UNAVAILABLE,
                    ResultCode.SERVER_NOT_AVAILABLE -> true;
            default -> e instanceof AerospikeException.Timeout;
        };
    }

    private void fail(long line, String message) {
        failed.increment();
        synchronized (errors) {
            if (errors.size() < FIRST_ERRORS) {
                errors.add("the record at line " + line + ": " + message);
            }
        }
    }

    private void createIndex(IndexDefinition index) {
        IndexType type = switch (index.binType()) {
            case 'S' -> IndexType.STRING;
            case 'N' -> IndexType.NUMERIC;
            case 'G' -> IndexType.GEO2DSPHERE;
            default -> IndexType.BLOB;
        };
        IndexCollectionType collection = switch (index.collection()) {
            case 'L' -> IndexCollectionType.LIST;
            case 'K' -> IndexCollectionType.MAPKEYS;
            case 'V' -> IndexCollectionType.MAPVALUES;
            default -> IndexCollectionType.DEFAULT;
        };
        CTX[] ctx = index.context() == null ? new CTX[0] : CTX.fromBase64(index.context());
        String ns = options.namespace() == null ? index.namespace() : options.namespace();
        try {
            client.createIndex(null, ns, index.set().isEmpty() ? null : index.set(), index.name(), index.bin(), type,
                    collection, ctx).waitTillComplete(200, 60_000);
        } catch (AerospikeException e) {
            if (e.getResultCode() != ResultCode.INDEX_ALREADY_EXISTS) {
                throw e;
            }
        }
    }
}
