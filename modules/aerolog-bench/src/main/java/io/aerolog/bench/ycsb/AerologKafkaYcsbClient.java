package io.aerolog.bench.ycsb;

import io.aerolog.bench.layers.Node;
import io.aerolog.client.kafka.AerologPartitioner;
import io.aerolog.client.kafka.CommandSerializer;
import io.aerolog.client.kafka.DigestSerializer;
import io.aerolog.protocol.Topics;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * Aerolog's Kafka-native ingest under YCSB: each insert is a {@link Command} appended to
 * {@code aerolog.<ns>.commands} by a {@link KafkaProducer} (acks=all, {@link AerologPartitioner},
 * {@link CommandSerializer}), fire and forget: an insert's latency is the hand-over to the producer,
 * which batches ({@code linger.ms}, {@code batch.size}) and pushes back when its buffer is full; a failed
 * send is counted by its callback and fails the run. The last YCSB thread to finish then waits, inside
 * YCSB's timed run, until the node's {@code aerolog_commands_applied_total} counter shows every
 * acknowledged command applied, so the throughput YCSB reports is records applied per second.
 * Only insert is offered (an insert-only load); a read would not be Kafka-native.
 *
 * <p>Properties: {@code aerolog.kafka} (bootstrap servers, default 127.0.0.1:9092), {@code aerolog.url}
 * (the node whose /metrics is polled), {@code aerolog.namespace} ({@code test}),
 * {@code aerolog.insert} (CREATE_ONLY or UPDATE), {@code aerolog.applytimeoutms} (600000),
 * {@code aerolog.stallms} (60000: give up when nothing more was applied for that long),
 * {@code aerolog.lingerms} (5), {@code aerolog.batchbytes} (262144).
 */
public class AerologKafkaYcsbClient extends DB {
    private static final Object LOCK = new Object();
    private static KafkaProducer<Digest, Command> producer;
    private static int users;
    private static double baseline;
    private static Node node;
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong FAILED = new AtomicLong();
    private static final long POLL_MS = 200;

    private String namespace;
    private String topic;
    private WritePolicy policy;

    @Override
    public void init() throws DBException {
        Properties p = getProperties();
        namespace = p.getProperty("aerolog.namespace", "test");
        topic = Topics.commands(namespace);
        policy = WritePolicy.DEFAULT.withRecordExistsAction(
                RecordExistsAction.valueOf(p.getProperty("aerolog.insert", "CREATE_ONLY")));
        synchronized (LOCK) {
            if (producer == null) {
                try {
                    node = new Node(nodeUrl(p));
                    baseline = node.applied(namespace);
                } catch (IOException e) {
                    throw new DBException("cannot read the node's /metrics: " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DBException(e);
                }
                Properties kp = new Properties();
                kp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.getProperty("aerolog.kafka", "127.0.0.1:9092"));
                kp.put(ProducerConfig.ACKS_CONFIG, "all");
                kp.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AerologPartitioner.class.getName());
                kp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                kp.put(ProducerConfig.LINGER_MS_CONFIG, p.getProperty("aerolog.lingerms", "5"));
                kp.put(ProducerConfig.BATCH_SIZE_CONFIG, p.getProperty("aerolog.batchbytes", "262144"));
                producer = new KafkaProducer<>(kp, new DigestSerializer(), new CommandSerializer());
                SENT.set(0);
                FAILED.set(0);
            }
            users++;
        }
    }

    private static String nodeUrl(Properties p) {
        String url = p.getProperty("aerolog.url", "http://127.0.0.1:8080");
        return url.contains("://") ? url : "http://" + url;
    }

    @Override
    public void cleanup() throws DBException {
        synchronized (LOCK) {
            if (--users > 0) {
                return;
            }
            producer.flush();
            if (FAILED.get() > 0) {
                producer.close();
                producer = null;
                throw new DBException(FAILED.get() + " of " + SENT.get() + " sends failed (first errors above)");
            }
            long sent = SENT.get();
            long timeout = Long.parseLong(getProperties().getProperty("aerolog.applytimeoutms", "600000"));
            long start = System.nanoTime();
            try {
                double done;
                double last = -1;
                long progressAt = System.nanoTime();
                long stall = Long.parseLong(getProperties().getProperty("aerolog.stallms", "60000"));
                while ((done = node.applied(namespace) - baseline) < sent) {
                    long now = System.nanoTime();
                    if (done > last) {
                        last = done;
                        progressAt = now;
                    }
                    if (now - start > timeout * 1_000_000L || now - progressAt > stall * 1_000_000L) {
                        throw new DBException("only " + (long) done + " of " + sent + " commands applied after "
                                + (now - start) / 1_000_000 + " ms (none for " + (now - progressAt) / 1_000_000 + " ms)");
                    }
                    Thread.sleep(POLL_MS); // a scrape costs the node milliseconds of CPU: not too often
                }
                System.err.printf("aerolog-kafka: %d commands sent; all applied %d ms after the last was acknowledged%n",
                        sent, (System.nanoTime() - start) / 1_000_000);
            } catch (IOException e) {
                throw new DBException("cannot read the node's /metrics: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DBException(e);
            } finally {
                producer.close();
                producer = null;
            }
        }
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        Key k = Key.of(namespace, table, key);
        Operation[] ops = new Operation[values.size()];
        int i = 0;
        for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
            ops[i++] = Operation.write(e.getKey(), Value.of(e.getValue().toString()));
        }
        try {
            producer.send(new ProducerRecord<>(topic, k.digest(), Command.of(k, policy, System.currentTimeMillis(), ops)),
                    (metadata, e) -> {
                        if (e != null) {
                            FAILED.incrementAndGet();
                            ErrorLog.error("aerolog-kafka", e);
                        }
                    });
            SENT.incrementAndGet();
            return Status.OK;
        } catch (KafkaException e) {
            return ErrorLog.error("aerolog-kafka", e);
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status scan(String table, String startkey, int recordcount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status delete(String table, String key) {
        return Status.NOT_IMPLEMENTED;
    }
}
