package io.aerolog.server.wire;

/**
 * Another node of the cluster as Aerospike clients see it: its node name, its service address, and the
 * name its TLS certificate is verified against (null when its Aerospike port has no TLS).
 */
public record Peer(String nodeName, String host, int port, String tlsName) {
    /** A peer whose Aerospike port has no TLS. */
    public Peer(String nodeName, String host, int port) {
        this(nodeName, host, port, null);
    }
}
