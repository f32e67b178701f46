package io.aerolog.server.wire;

/** Another node of the cluster as Aerospike clients see it: its node name and its service address. */
public record Peer(String nodeName, String host, int port) {
}
