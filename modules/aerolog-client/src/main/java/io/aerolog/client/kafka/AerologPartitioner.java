package io.aerolog.client.kafka;

import io.aerolog.core.Digest;
import io.aerolog.core.PartitionMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * The Kafka partitioner every writer of an Aerolog topic must use: the record key is the 20-byte
 * digest, and the partition is Aerospike's partition id modulo the topic's partition count. Set it
 * with {@code partitioner.class=io.aerolog.client.kafka.AerologPartitioner}.
 */
public final class AerologPartitioner implements Partitioner {
    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null || keyBytes.length != Digest.SIZE) {
            throw new IllegalArgumentException("an Aerolog record's Kafka key is its 20-byte digest, got "
                    + (keyBytes == null ? "none" : keyBytes.length + " bytes"));
        }
        int partitions = cluster.partitionCountForTopic(topic);
        return PartitionMap.kafkaPartition(Digest.of(keyBytes).partitionId(), partitions);
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
