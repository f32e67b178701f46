package io.aerolog.server.namespace;

import io.aerolog.protocol.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Breaks the server's routing rule on purpose: a class beside the router that asks Kafka Streams and the active
 * stores itself who serves a partition, so ServerRulesTest can show the rule finds each way. Test sources only;
 * never called.
 */
final class OwnershipBypassFixture {
    private OwnershipBypassFixture() {
    }

    static Object bypass(KafkaStreams streams, ActiveStores active) {
        Object a = streams.metadataForAllStreamsClients();
        Object b = streams.store(StoreQueryParameters.fromNameAndType("records", QueryableStoreTypes.keyValueStore()));
        Object c = streams.allLocalStorePartitionLags();
        Object d = streams.queryMetadataForKey("records", new byte[0], Serdes.ByteArray().serializer());
        Object e = streams.streamsMetadataForStore(Topics.commands("test"));
        Object f = active.of(0);
        return a == null ? b : c == null ? d : e == null ? f : a;
    }
}
