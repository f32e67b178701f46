package io.aerolog.bench.layers;

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
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka-native writes as README shows them: a {@link KafkaProducer} with Aerolog's partitioner and
 * serializers (acks=all, idempotent) appending {@link Command}s to {@code aerolog.<ns>.commands}, the
 * records' bins {@code f0, f1, ...} holding strings.
 */
final class KafkaNative {
    static final WritePolicy UPSERT = WritePolicy.DEFAULT.withRecordExistsAction(RecordExistsAction.UPDATE);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private KafkaNative() {
    }

    /** A producer of commands; {@code tuning} adds or overrides producer settings (linger, batch size). */
    static KafkaProducer<Digest, Command> producer(String bootstrap, Map<String, Object> tuning) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AerologPartitioner.class.getName());
        p.putAll(tuning);
        return new KafkaProducer<>(p, new DigestSerializer(), new CommandSerializer());
    }

    /** The command that writes {@code values} to bins f0, f1, ... of {@code key}, creating the record if absent. */
    static ProducerRecord<Digest, Command> write(Key key, String[] values) {
        Operation[] ops = new Operation[values.length];
        for (int i = 0; i < values.length; i++) {
            ops[i] = Operation.write("f" + i, Value.of(values[i]));
        }
        return new ProducerRecord<>(Topics.commands(key.namespace()), key.digest(),
                Command.of(key, UPSERT, System.currentTimeMillis(), ops));
    }

    /** {@code bins} random alphanumeric strings of {@code size} characters. */
    static String[] values(SplittableRandom rnd, int bins, int size) {
        String[] out = new String[bins];
        char[] chars = new char[size];
        for (int b = 0; b < bins; b++) {
            for (int c = 0; c < size; c++) {
                chars[c] = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
            }
            out[b] = new String(chars);
        }
        return out;
    }
}
