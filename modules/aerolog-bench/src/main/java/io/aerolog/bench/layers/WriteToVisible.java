package io.aerolog.bench.layers;

import io.aerolog.bench.LatencyLog;
import io.aerolog.bench.Stats;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Write-to-visible latency, one write at a time, each to a new key: the clock starts just before the
 * write is handed over (a Kafka-native command to {@code send}, fire-and-forget; or an HTTP PUT sent
 * on one connection) and stops when a read of the key by the {@link Probe} on another connection,
 * repeated every {@code poll} until it finds the record, first sees it. So a figure includes the last
 * read's round trip and at most one poll interval. Beside each, the writer's own answer: the Kafka acknowledgement
 * (acks=all) or the PUT's response.
 */
final class WriteToVisible implements AutoCloseable {
    static final String LAYER = "write-to-visible";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Node node;
    private final String namespace;
    private final String set;
    private final String runTag;
    private final long pollNanos;
    private final long visibleTimeoutNanos;
    private final Errors errors;
    private final KafkaProducer<Digest, Command> producer;
    private final HttpClient writer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Probe probe;
    private final String[] values;
    private int seq;

    WriteToVisible(Node node, String bootstrap, String namespace, String set, Probe probe, Duration poll,
                   Duration visibleTimeout, long seed, Errors errors) {
        this.node = node;
        this.namespace = namespace;
        this.set = set;
        this.probe = probe;
        this.runTag = "v" + Long.toString(System.currentTimeMillis(), 36);
        this.pollNanos = poll.toNanos();
        this.visibleTimeoutNanos = visibleTimeout.toNanos();
        this.errors = errors;
        this.producer = KafkaNative.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
        this.values = KafkaNative.values(new SplittableRandom(seed), 10, 100);
    }

    private String nextKey() {
        return runTag + "-" + seq++;
    }

    /** Kafka-native writes: rows "acked" and "first GET that sees it"; {@code suffix} ends both names. */
    List<Measurement> kafka(int warmup, int writes, String suffix) throws InterruptedException {
        AtomicLongArray acked = new AtomicLongArray(warmup + writes);
        LatencyLog visible = new LatencyLog(writes);
        long failed = 0;
        long begin = 0;
        for (int i = 0; i < warmup + writes; i++) {
            if (i == warmup) {
                begin = System.nanoTime();
            }
            String userKey = nextKey();
            Key key = Key.of(namespace, set, userKey);
            var record = KafkaNative.write(key, values);
            int slot = i;
            long start = System.nanoTime();
            producer.send(record, (meta, e) -> {
                long took = System.nanoTime() - start;
                if (e != null) {
                    errors.add("kafka-native send: " + e);
                } else {
                    acked.set(slot, took);
                }
            });
            long seen = awaitVisible(userKey, start);
            if (i >= warmup) {
                visible.record((seen < 0 ? System.nanoTime() : seen) - start);
                failed += seen < 0 ? 1 : 0;
            }
        }
        long elapsed = System.nanoTime() - begin;
        producer.flush();
        LatencyLog ack = new LatencyLog(writes);
        long unacked = 0;
        for (int i = warmup; i < warmup + writes; i++) {
            if (acked.get(i) > 0) {
                ack.record(acked.get(i));
            } else {
                unacked++;
            }
        }
        return List.of(
                row("Kafka-native write acked (acks=all)" + suffix, ack, elapsed, unacked),
                row("Kafka-native write → first GET that sees it" + suffix, visible, elapsed, failed));
    }

    /** HTTP PUTs: rows "answered" and "first GET that sees it" (the GETs on another connection, during the PUT). */
    List<Measurement> http(int warmup, int writes, String suffix) throws InterruptedException {
        LatencyLog answered = new LatencyLog(writes);
        LatencyLog visible = new LatencyLog(writes);
        long putFailed = 0;
        long failed = 0;
        long begin = 0;
        String body = body();
        for (int i = 0; i < warmup + writes; i++) {
            if (i == warmup) {
                begin = System.nanoTime();
            }
            String userKey = nextKey();
            String path = Node.kvs(namespace, set, userKey);
            HttpRequest put = HttpRequest.newBuilder(URI.create(node.base() + path + "?recordExistsAction=UPDATE"))
                    .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            CompletableFuture<Long> answer = writer.sendAsync(put, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> {
                        long took = System.nanoTime() - start;
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException("PUT " + path + " answered " + r.statusCode() + " " + r.body());
                        }
                        return took;
                    });
            long seen = awaitVisible(userKey, start);
            long took = -1;
            try {
                took = answer.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                errors.add("HTTP PUT: " + (e.getCause() != null ? e.getCause() : e));
            }
            if (i >= warmup) {
                answered.record(took < 0 ? System.nanoTime() - start : took);
                putFailed += took < 0 ? 1 : 0;
                visible.record((seen < 0 ? System.nanoTime() : seen) - start);
                failed += seen < 0 ? 1 : 0;
            }
        }
        long elapsed = System.nanoTime() - begin;
        return List.of(
                row("HTTP PUT answered" + suffix, answered, elapsed, putFailed),
                row("HTTP PUT → first GET (another connection) that sees it" + suffix, visible, elapsed, failed));
    }

    private static Measurement row(String name, LatencyLog log, long elapsed, long failures) {
        Stats.OpResult r = Stats.summarize(name, LatencyLog.mergeSorted(List.of(log)), elapsed, failures);
        return new Measurement(LAYER, name, 1, r);
    }

    private String body() {
        StringBuilder sb = new StringBuilder("{");
        for (int b = 0; b < values.length; b++) {
            sb.append(b == 0 ? "" : ",").append("\"f").append(b).append("\":\"").append(values[b]).append('"');
        }
        return sb.append('}').toString();
    }

    /**
     * Reads {@code userKey} with the probe until it finds the record and returns when (System.nanoTime)
     * it did; -1, with the error counted, when a read fails or has not found the record in time.
     */
    private long awaitVisible(String userKey, long since) throws InterruptedException {
        while (true) {
            try {
                boolean found = probe.finds(userKey);
                long now = System.nanoTime();
                if (found) {
                    return now;
                }
                if (now - since > visibleTimeoutNanos) {
                    errors.add("a read of " + userKey + " did not see the write after "
                            + visibleTimeoutNanos / 1_000_000 + " ms");
                    return -1;
                }
            } catch (IOException e) {
                errors.add(e.getMessage());
                return -1;
            }
            if (pollNanos > 0) {
                LockSupport.parkNanos(pollNanos);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        probe.close();
    }
}
