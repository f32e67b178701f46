package io.aerolog.client.kafka;

import io.aerolog.core.Digest;
import org.apache.kafka.common.serialization.Serializer;

/** Serializes a record key as the Aerolog topics key it: the 20 digest bytes. */
public final class DigestSerializer implements Serializer<Digest> {
    @Override
    public byte[] serialize(String topic, Digest digest) {
        return digest == null ? null : digest.bytes();
    }
}
