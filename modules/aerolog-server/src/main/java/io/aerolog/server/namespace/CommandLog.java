package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.ResultCode;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.geo.GeoWrites;
import io.aerolog.protocol.ConsistencyToken;
import io.aerolog.protocol.Failures;
import io.aerolog.protocol.Topics;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A namespace's command log as this node writes to it and waits on it: appends commands and answers
 * each once its task has applied it, and tells when a partition has applied a position.
 *
 * <p>Threading. Nothing here blocks its caller: a Kafka producer's {@code send} may block (for metadata,
 * or for buffer space while the brokers are away), so sends run on one appender thread of the namespace,
 * behind a bounded queue; a write that finds the queue full is refused at once with DEVICE_OVERLOAD and
 * was never appended. Answers are completed by the command processor on its stream thread: a caller
 * continues on an executor of its own.
 */
public final class CommandLog implements AutoCloseable {
    /** Commands waiting for the appender thread; past this, writes are refused (overload). */
    static final int APPEND_QUEUE = 8192;

    private final NamespaceConfig config;
    private final String nodeId;
    private final Waiters waiters;
    private final EndOffsets ends;
    private final Producer<byte[], byte[]> producer;
    private final ThreadPoolExecutor appender;
    private final AtomicLong requestSeq = new AtomicLong();
    private final String requestPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";

    CommandLog(NamespaceConfig config, String nodeId, Waiters waiters, EndOffsets ends,
               Producer<byte[], byte[]> producer) {
        this.config = config;
        this.nodeId = nodeId;
        this.waiters = waiters;
        this.ends = ends;
        this.producer = producer;
        this.appender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(APPEND_QUEUE),
                r -> {
                    Thread t = new Thread(r, "aerolog-" + config.name() + "-appender");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Appends {@code command} and completes when this node's task has applied it. The future fails with
     * TIMEOUT, in doubt, when no answer came within {@code timeout}; with DEVICE_OVERLOAD, not in doubt,
     * when too many writes wait to be appended; with SERVER_ERROR, in doubt, when the producer failed; with
     * GEO_INVALID_GEOJSON, not appended, when it writes a GeoJSON bin that does not parse.
     */
    public CompletableFuture<AppliedWrite> write(Command command, Duration timeout) {
        try {
            GeoWrites.check(command.operations());
        } catch (AerologException e) {
            return CompletableFuture.failedFuture(e);
        }
        String requestId = requestPrefix + requestSeq.incrementAndGet();
        Command stamped = command.withRequest(requestId, nodeId).withTime(System.currentTimeMillis());
        byte[] digest = stamped.key().digest().bytes();
        int partition = stamped.key().digest().kafkaPartition(config.partitions());
        byte[] value = AvroCodec.encodeCommand(stamped);
        CompletableFuture<AppliedWrite> future = waiters.register(requestId);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.commands(config.name()), partition, digest,
                value);
        try {
            appender.execute(() -> {
                try {
                    producer.send(record, (meta, error) -> {
                        if (error != null) {
                            future.completeExceptionally(new AerologException(ResultCode.SERVER_ERROR,
                                    "the write could not be appended to the log: " + error.getMessage(), true, error));
                        }
                    });
                } catch (RuntimeException e) {
                    future.completeExceptionally(new AerologException(ResultCode.SERVER_ERROR,
                            "the write could not be appended to the log: " + e.getMessage(), true, e));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new AerologException(ResultCode.DEVICE_OVERLOAD, APPEND_QUEUE
                    + " writes of namespace " + config.name() + " wait to be appended (is Kafka reachable?); "
                    + "the write was not applied: retry later"));
            return future;
        }
        long timeoutMs = timeout.toMillis();
        return future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new AerologException(ResultCode.TIMEOUT, "no answer within "
                        + timeoutMs + " ms; the write is in doubt: read the record to see whether it applied",
                        true, cause));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * Appends {@code command} as it is (no request id: nobody waits for its answer here) and completes with its
     * position once the log holds it: a control command, which the partition's owner applies wherever it runs.
     */
    public CompletableFuture<ConsistencyToken> append(Command command) {
        int partition = command.key().digest().kafkaPartition(config.partitions());
        return send(new ProducerRecord<>(Topics.commands(config.name()), partition, command.key().digest().bytes(),
                AvroCodec.encodeCommand(command))).thenApply(offset -> new ConsistencyToken(partition, offset));
    }

    /** Appends {@code record} on the appender thread; completes with its offset once the log holds it. */
    CompletableFuture<Long> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            appender.execute(() -> {
                try {
                    producer.send(record, (meta, error) -> {
                        if (error != null) {
                            done.completeExceptionally(new AerologException(ResultCode.SERVER_ERROR,
                                    "could not append to " + record.topic() + ": " + error.getMessage(), true, error));
                        } else {
                            done.complete(meta.offset());
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(new AerologException(ResultCode.SERVER_ERROR,
                            "could not append to " + record.topic() + ": " + e.getMessage(), true, e));
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new AerologException(ResultCode.DEVICE_OVERLOAD, APPEND_QUEUE
                    + " writes of namespace " + config.name() + " wait to be appended; retry later"));
        }
        return done;
    }

    /**
     * Completes once this node's copy of the token's partition has applied the token's write. Fails at
     * once with PARAMETER_ERROR when the token points beyond the end of the log (no write ever had it),
     * and with TIMEOUT when the copy has not applied it within {@code timeout}.
     */
    public CompletableFuture<Void> reached(ConsistencyToken token, Duration timeout) {
        if (token.partition() < 0 || token.partition() >= config.partitions()) {
            return CompletableFuture.failedFuture(new AerologException(ResultCode.PARAMETER_ERROR, "consistency token "
                    + token + " names partition " + token.partition() + ", but namespace " + config.name() + " has "
                    + config.partitions()));
        }
        if (waiters.appliedOffset(token.partition()) >= token.offset()) {
            return CompletableFuture.completedFuture(null);
        }
        return ends.of(token.partition()).thenCompose(end -> end > token.offset() ? CompletableFuture.completedFuture(end)
                        : ends.fresh(token.partition()))
                .thenCompose(end -> {
                    if (end <= token.offset()) {
                        return CompletableFuture.failedFuture(new AerologException(ResultCode.PARAMETER_ERROR,
                                "consistency token " + token + " is beyond the end of partition " + token.partition()
                                        + "'s log (next offset " + end + "): use a token a write returned"));
                    }
                    return waiters.whenApplied(token.partition(), token.offset())
                            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                                    Failures.unwrap(e) instanceof TimeoutException
                                            ? new AerologException(ResultCode.TIMEOUT, "the store of partition "
                                            + token.partition() + " has not applied " + token + " within "
                                            + timeout.toMillis() + " ms", false, null)
                                            : Failures.unwrap(e)));
                });
    }

    /** The last offset of {@code partition} this node has applied, or -1. */
    public long appliedOffset(int partition) {
        return waiters.appliedOffset(partition);
    }

    @Override
    public void close() {
        appender.shutdown();
        try {
            appender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
