package io.aerolog.server.namespace;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The secondary indexes of a namespace as every node lists them: a compacted topic
 * ({@code aerolog.<ns>.indexes}, keyed by index name, valued by the definition, a tombstone once dropped) read
 * into a global store of the namespace's Kafka Streams application on every node, so the list survives
 * restarts and every node answers the same. What each partition indexes is decided by the control commands
 * in its own log; this catalog is what the info commands and queries look definitions up in.
 */
public final class IndexCatalog {
    static final String STORE = "index-catalog";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);

    private final String namespace;
    private final Supplier<ReadOnlyKeyValueStore<Bytes, byte[]>> globalStore;
    private final CommandLog log;
    private volatile ReadOnlyKeyValueStore<Bytes, byte[]> store;

    /**
     * The catalog of {@code namespace}, read from {@code globalStore} (the global store {@value #STORE}, which
     * NamespaceService asks Kafka Streams for; it throws InvalidStateStoreException until the store is ready).
     */
    IndexCatalog(String namespace, Supplier<ReadOnlyKeyValueStore<Bytes, byte[]>> globalStore, CommandLog log) {
        this.namespace = namespace;
        this.globalStore = globalStore;
        this.log = log;
    }

    /** The global-store processor: keeps the store equal to the compacted topic. */
    static final class Updater implements Processor<byte[], byte[], Void, Void> {
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(Bytes.wrap(record.key()));
            } else {
                store.put(Bytes.wrap(record.key()), record.value());
            }
        }
    }

    /** Every index of the namespace, in name order; empty while the node's stream processing starts. */
    public List<IndexDefinition> list() {
        List<IndexDefinition> out = new ArrayList<>();
        ReadOnlyKeyValueStore<Bytes, byte[]> s = store();
        if (s == null) {
            return out;
        }
        try (KeyValueIterator<Bytes, byte[]> it = s.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                out.add(AvroCodec.decodeIndex(kv.value));
            }
        } catch (InvalidStateStoreException e) {
            store = null;
        }
        return out;
    }

    /** The index named {@code name}, or null. */
    public IndexDefinition get(String name) {
        ReadOnlyKeyValueStore<Bytes, byte[]> s = store();
        if (s == null) {
            return null;
        }
        try {
            byte[] bytes = s.get(key(name));
            return bytes == null ? null : AvroCodec.decodeIndex(bytes);
        } catch (InvalidStateStoreException e) {
            store = null;
            return null;
        }
    }

    /** Records {@code index}; completes once this node lists it. */
    public CompletableFuture<Void> put(IndexDefinition index) {
        return log.send(new ProducerRecord<>(Topics.indexes(namespace), 0, key(index.name()).get(),
                AvroCodec.encodeIndex(index))).thenCompose(o -> visible(index.name(), true));
    }

    /** Removes the index named {@code name}; completes once this node no longer lists it. */
    public CompletableFuture<Void> remove(String name) {
        return log.send(new ProducerRecord<>(Topics.indexes(namespace), 0, key(name).get(), null))
                .thenCompose(o -> visible(name, false));
    }

    private CompletableFuture<Void> visible(String name, boolean present) {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        poll(name, present, deadline, done);
        return done;
    }

    private void poll(String name, boolean present, long deadline, CompletableFuture<Void> done) {
        if ((get(name) != null) == present) {
            done.complete(null);
        } else if (System.nanoTime() > deadline) {
            done.completeExceptionally(new AerologException(ResultCode.TIMEOUT, "the index catalog of namespace "
                    + namespace + " did not show index " + name + " within " + VISIBLE_WITHIN.toSeconds() + " s"));
        } else {
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> poll(name, present, deadline, done));
        }
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store() {
        ReadOnlyKeyValueStore<Bytes, byte[]> s = store;
        if (s == null) {
            try {
                s = globalStore.get();
                store = s;
            } catch (InvalidStateStoreException e) {
                return null;
            }
        }
        return s;
    }

    private static Bytes key(String name) {
        return Bytes.wrap(name.getBytes(StandardCharsets.UTF_8));
    }
}
