package io.aerolog.client;

import io.aerolog.client.internal.HttpAerologClient;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client of an Aerolog cluster, shaped as Aerospike's {@code AerospikeClient}: put, get, exists,
 * delete, touch, operate and batch get, each in a blocking form and an asynchronous form returning a
 * {@link CompletableFuture}. Thread-safe; one client per application, closed at the end.
 *
 * <h2>Routing</h2>
 * At {@link #connect} the client reads the partition map ({@code GET /v1/cluster}) from a seed; it
 * sends each request straight to the node whose task owns the key's partition (or, for reads with
 * {@link Replica#SEQUENCE} or {@link Replica#ANY}, to a standby), so a node need not forward it. It
 * refreshes the map every {@link ClientPolicy#tendIntervalMs()}, and at once when an answer shows the
 * map is stale (another map generation, or another node served it), when a node answers
 * PARTITION_UNAVAILABLE, or when a node cannot be reached. {@link #stats()} counts the misses.
 *
 * <h2>Failures and retries</h2>
 * A failed call ends in an {@link AerologException} (thrown by the blocking form, completing the
 * future exceptionally in the asynchronous one) with Aerospike's result code, the node's message, and
 * {@link AerologException#inDoubt()} true when a write may have been applied although its answer was
 * not seen. Within the policy's total timeout and retries, a read is retried after any failure to
 * reach a node and after a 503 answer (PARTITION_UNAVAILABLE, KEY_BUSY); a write only when it
 * certainly did not apply: the connection could not be opened, or the node answered
 * PARTITION_UNAVAILABLE. Common result codes:
 * <ul>
 *   <li>TIMEOUT: the total timeout passed (in doubt for a write that was sent);</li>
 *   <li>SERVER_ERROR: a node could not be reached or failed (in doubt for a write that was sent);</li>
 *   <li>PARTITION_UNAVAILABLE: the partition has no serving copy now and retries ran out;</li>
 *   <li>INVALID_NAMESPACE, PARAMETER_ERROR, BIN_NAME_TOO_LONG, RECORD_TOO_BIG: the request was refused;</li>
 *   <li>KEY_EXISTS_ERROR, KEY_NOT_FOUND_ERROR, GENERATION_ERROR, BIN_TYPE_ERROR: the write policy or
 *       an operation did not fit the record (named on each method).</li>
 * </ul>
 * A null policy means the default of the {@link ClientPolicy}. Every method throws
 * {@link IllegalStateException} once the client is closed, and {@link NullPointerException} for a null
 * key or bin.
 */
public interface AerologClient extends AutoCloseable {

    /**
     * Connects to the cluster of the seeds: reads the partition map from the first seed that answers.
     *
     * @param policy   connection options; null for {@link ClientPolicy#DEFAULT}
     * @param seedUrls node URLs such as {@code http://127.0.0.1:8080} (the scheme may be left out)
     * @return a connected client
     * @throws AerologException SERVER_ERROR when no seed answers with a cluster map, the message naming
     *                          each seed and why it failed; PARAMETER_ERROR when a seed is not a URL or
     *                          there is none
     */
    static AerologClient connect(ClientPolicy policy, String... seedUrls) {
        return HttpAerologClient.connect(policy == null ? ClientPolicy.DEFAULT : policy, seedUrls);
    }

    // ---- put

    /**
     * Writes bins to a record ({@code PUT /v1/kvs}); by default (UPDATE) creates the record or merges
     * the bins into it. A nil bin deletes that bin.
     *
     * @return the record's new generation, TTL and consistency token
     * @throws AerologException KEY_EXISTS_ERROR when the policy is CREATE_ONLY and the record exists;
     *                          KEY_NOT_FOUND_ERROR when it is UPDATE_ONLY or REPLACE_ONLY and it does not;
     *                          GENERATION_ERROR when the generation check fails; RECORD_TOO_BIG,
     *                          BIN_NAME_TOO_LONG, PARAMETER_ERROR (no bins, bad TTL) when refused;
     *                          TIMEOUT / SERVER_ERROR as described in the class comment
     */
    WriteResult put(WritePolicy policy, Key key, Bin... bins);

    /** {@link #put} without blocking: the future fails with the {@link AerologException} put throws. */
    CompletableFuture<WriteResult> putAsync(WritePolicy policy, Key key, Bin... bins);

    // ---- get

    /**
     * Reads all bins of a record ({@code GET /v1/kvs}).
     *
     * @return the record, or null when it does not exist (or has expired)
     * @throws AerologException INVALID_NAMESPACE, PARAMETER_ERROR (e.g. a malformed consistency token),
     *                          TIMEOUT (also when the copy did not apply the policy's token in time),
     *                          PARTITION_UNAVAILABLE or SERVER_ERROR once retries ran out
     */
    ClientRecord get(Policy policy, Key key);

    /** {@link #get(Policy, Key)} without blocking; null result when not found; fails as get throws. */
    CompletableFuture<ClientRecord> getAsync(Policy policy, Key key);

    /**
     * Reads the named bins of a record ({@code recordBins=}); bins the record lacks are left out.
     *
     * @return the record with those bins, or null when it does not exist
     * @throws AerologException as {@link #get(Policy, Key)}
     */
    ClientRecord get(Policy policy, Key key, String... binNames);

    /** {@link #get(Policy, Key, String...)} without blocking; fails as it throws. */
    CompletableFuture<ClientRecord> getAsync(Policy policy, Key key, String... binNames);

    // ---- exists

    /**
     * Tells whether a record exists ({@code HEAD /v1/kvs}).
     *
     * @throws AerologException INVALID_NAMESPACE when the namespace is not in the cluster map;
     *                          otherwise as {@link #get(Policy, Key)}
     */
    boolean exists(Policy policy, Key key);

    /** {@link #exists} without blocking; fails as it throws. */
    CompletableFuture<Boolean> existsAsync(Policy policy, Key key);

    // ---- delete

    /**
     * Deletes a record ({@code DELETE /v1/kvs}).
     *
     * @return true when the record existed, false when it did not (Aerospike's answer)
     * @throws AerologException GENERATION_ERROR when the policy's generation check fails;
     *                          INVALID_NAMESPACE; TIMEOUT / SERVER_ERROR as in the class comment
     */
    boolean delete(WritePolicy policy, Key key);

    /** {@link #delete} without blocking; fails as it throws. */
    CompletableFuture<Boolean> deleteAsync(WritePolicy policy, Key key);

    // ---- touch

    /**
     * Resets a record's TTL to the policy's expiration and bumps its generation (operate TOUCH).
     *
     * @return the new generation, TTL and consistency token
     * @throws AerologException KEY_NOT_FOUND_ERROR when the record does not exist; GENERATION_ERROR;
     *                          TIMEOUT / SERVER_ERROR as in the class comment
     */
    WriteResult touch(WritePolicy policy, Key key);

    /** {@link #touch} without blocking; fails as it throws. */
    CompletableFuture<WriteResult> touchAsync(WritePolicy policy, Key key);

    // ---- operate

    /**
     * Applies operations to one record atomically ({@code POST /v1/operate}): all or none apply, in
     * order, and each read sees the writes before it. Besides the record operations of
     * {@link Operation}, the list, map, bit, HyperLogLog and expression operations of
     * {@link io.aerolog.client.cdt.ListOperation}, {@link io.aerolog.client.cdt.MapOperation},
     * {@link io.aerolog.client.operation.BitOperation}, {@link io.aerolog.client.operation.HLLOperation} and
     * {@link io.aerolog.client.operation.ExpOperation}; a bin several operations return values for holds the
     * list of them, as Aerospike's client gives it.
     *
     * @return the record's generation and TTL after the operations, and the bins the reads read
     *         (empty without reads)
     * @throws AerologException BIN_TYPE_ERROR when an operation does not fit a bin's type (e.g. ADD to a
     *                          string); KEY_NOT_FOUND_ERROR when the record is absent and the operations
     *                          leave it without bins, or the policy asks it to exist; KEY_EXISTS_ERROR;
     *                          GENERATION_ERROR; PARAMETER_ERROR for no operations; UNSUPPORTED_FEATURE
     *                          for an operation JSON cannot carry exactly (nothing is sent); TIMEOUT /
     *                          SERVER_ERROR as in the class comment (an operate of reads only is
     *                          retried as a read)
     */
    ClientRecord operate(WritePolicy policy, Key key, Operation... operations);

    /** {@link #operate} without blocking; fails as it throws. */
    CompletableFuture<ClientRecord> operateAsync(WritePolicy policy, Key key, Operation... operations);

    // ---- batch

    /**
     * Reads all bins of many records ({@code POST /v1/batch}), the keys grouped by owning node and sent
     * in parallel.
     *
     * @return one record per key, in the keys' order, null where the record does not exist
     * @throws AerologException the first key-level failure other than not found (e.g.
     *                          INVALID_NAMESPACE), or TIMEOUT / PARTITION_UNAVAILABLE / SERVER_ERROR for the
     *                          batch; PARAMETER_ERROR for a null key
     */
    ClientRecord[] get(BatchPolicy policy, Key[] keys);

    /** {@link #get(BatchPolicy, Key[])} without blocking; fails as it throws. */
    CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys);

    /**
     * Reads the named bins of many records, as {@link #get(BatchPolicy, Key[])}.
     *
     * @throws AerologException as {@link #get(BatchPolicy, Key[])}
     */
    ClientRecord[] get(BatchPolicy policy, Key[] keys, String... binNames);

    /** {@link #get(BatchPolicy, Key[], String...)} without blocking; fails as it throws. */
    CompletableFuture<ClientRecord[]> getAsync(BatchPolicy policy, Key[] keys, String... binNames);

    /**
     * Reads, writes and deletes many records at once ({@code POST /v1/batch}), as Aerospike's
     * {@code operate(BatchPolicy, List<BatchRecord>)}: the records grouped by the node that serves them (writes
     * by their master) and sent in parallel; a node appends the writes of its group to the log together, none
     * waiting for another. Each record has its own result: a failure of one record (a generation check, a
     * missing record, a node that could not be reached) is that record's result code, in doubt for a write
     * that may have been applied.
     *
     * @return one result per record, in the records' order
     * @throws AerologException PARAMETER_ERROR for a null record; UNSUPPORTED_FEATURE for an operation the
     *                          HTTP API's JSON cannot carry exactly (nothing is sent)
     */
    List<BatchResult> operate(BatchPolicy policy, List<? extends BatchRecord> records);

    /** {@link #operate(BatchPolicy, List)} without blocking; fails as it throws. */
    CompletableFuture<List<BatchResult>> operateAsync(BatchPolicy policy, List<? extends BatchRecord> records);

    // ---- cluster

    /** Counters of requests, routing misses, retries and map refreshes since connect. */
    ClientStats stats();

    /** The HTTP addresses ({@code host:port}) of the nodes in the current partition map. */
    List<String> nodes();

    /** Stops the background tend; calls after close throw {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
