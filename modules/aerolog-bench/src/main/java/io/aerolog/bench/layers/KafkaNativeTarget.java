package io.aerolog.bench.layers;

import picocli.CommandLine.Option;

/**
 * The node a Kafka-native bench writes to, as its options name it: the node's HTTP address, the namespace, and
 * the Kafka bootstrap servers, the node's own (from its {@code /v1/info}) unless given.
 */
final class KafkaNativeTarget {
    @Option(names = "--url", description = "Base URL of the node (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--kafka", description = "Bootstrap servers (default: what the node's /v1/info says).")
    String kafka;
    @Option(names = "--namespace", description = "(default: ${DEFAULT-VALUE})")
    String namespace = "test";

    /** The bootstrap servers to produce to: {@code --kafka}, or the ones the node's {@code info} names. */
    String bootstrap(Node.Info info) {
        return kafka != null ? kafka : info.kafka();
    }
}
