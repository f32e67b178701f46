package io.aerolog.server;

/**
 * The server's {@link TestNode} (a real node: Kafka broker in this JVM, Kafka Streams over RocksDB, HTTP and
 * Aerospike's protocol on free loopback ports, namespaces {@code test} and {@code small}) for the tool's
 * integration tests, which live in another package.
 */
public final class CliTestNode implements AutoCloseable {
    private final TestNode node;

    private CliTestNode(TestNode node) {
        this.node = node;
    }

    public static CliTestNode start() throws Exception {
        return new CliTestNode(TestNode.start());
    }

    /** A node with access control on, whose user {@code admin} has {@code adminPassword}. */
    public static CliTestNode startSecured(String adminPassword) throws Exception {
        return new CliTestNode(TestNode.start(c -> {
            c.security.enabled = true;
            c.security.passwordHashCost = 4;
            c.security.admin.password = adminPassword;
        }));
    }

    public int httpPort() {
        return node.config.http.port;
    }

    public int aerospikePort() {
        return node.config.aerospike.port;
    }

    public String kafkaBootstrap() {
        return node.bootstrap();
    }

    @Override
    public void close() {
        node.close();
    }
}
