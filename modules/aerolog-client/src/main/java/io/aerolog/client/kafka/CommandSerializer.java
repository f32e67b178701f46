package io.aerolog.client.kafka;

import io.aerolog.core.Command;
import io.aerolog.core.codec.AvroCodec;
import org.apache.kafka.common.serialization.Serializer;

/** Serializes a {@link Command} as the commands topic expects: Avro single-object encoding. */
public final class CommandSerializer implements Serializer<Command> {
    @Override
    public byte[] serialize(String topic, Command command) {
        return command == null ? null : AvroCodec.encodeCommand(command);
    }
}
