package io.aerolog.client.kafka;

import io.aerolog.core.Change;
import io.aerolog.core.codec.AvroCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The serde of the changelog topic {@code aerolog.<ns>.changes}: {@link Change} in Avro single-object encoding. */
public final class RecordChangeSerde implements Serde<Change> {
    @Override
    public Serializer<Change> serializer() {
        return (topic, change) -> change == null ? null : AvroCodec.encodeChange(change);
    }

    @Override
    public Deserializer<Change> deserializer() {
        return (topic, bytes) -> bytes == null ? null : AvroCodec.decodeChange(bytes);
    }
}
