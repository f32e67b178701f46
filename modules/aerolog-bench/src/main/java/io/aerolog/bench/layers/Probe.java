package io.aerolog.bench.layers;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import java.io.IOException;

/**
 * One read that write-to-visible repeats until it finds a record: over Aerospike's wire protocol
 * with Aerospike's client (the cheapest read a node serves, so the polling takes the least CPU from
 * the node on a shared machine) or as an HTTP GET. An answer other than found or not found is an
 * IOException.
 */
interface Probe extends AutoCloseable {
    /** Whether a read of {@code userKey} in the probe's namespace and set finds the record. */
    boolean finds(String userKey) throws IOException, InterruptedException;

    /** What the probe reads with, for the report. */
    String describe();

    @Override
    void close();

    static Probe http(Node node, String namespace, String set) {
        return new HttpProbe(node, namespace, set);
    }

    static Probe aerospike(String hostPort, String namespace, String set) {
        return new AerospikeProbe(hostPort, namespace, set);
    }

    /** GET /v1/kvs/... on the node's own keep-alive connection (JDK HttpClient): give it a Node of its own. */
    final class HttpProbe implements Probe {
        private final Node node;
        private final String namespace;
        private final String set;

        HttpProbe(Node node, String namespace, String set) {
            this.node = node;
            this.namespace = namespace;
            this.set = set;
        }

        @Override
        public boolean finds(String userKey) throws IOException, InterruptedException {
            String path = Node.kvs(namespace, set, userKey);
            int status = node.status(path);
            if (status != 200 && status != 404) {
                throw new IOException("GET " + path + " answered " + status);
            }
            return status == 200;
        }

        @Override
        public String describe() {
            return "an HTTP GET (JDK HttpClient, keep-alive)";
        }

        @Override
        public void close() {
            // the JDK client of Java 17 has nothing to close
        }
    }

    /** A get with Aerospike's Java client on the node's Aerospike port. */
    final class AerospikeProbe implements Probe {
        private final AerospikeClient client;
        private final Policy policy = new Policy();
        private final String namespace;
        private final String set;

        AerospikeProbe(String hostPort, String namespace, String set) {
            int colon = hostPort.lastIndexOf(':');
            ClientPolicy clientPolicy = new ClientPolicy();
            clientPolicy.timeout = 5_000;
            this.client = new AerospikeClient(clientPolicy, hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)));
            this.policy.totalTimeout = 30_000;
            this.namespace = namespace;
            this.set = set;
        }

        @Override
        public boolean finds(String userKey) throws IOException {
            try {
                return client.get(policy, new Key(namespace, set, userKey)) != null;
            } catch (AerospikeException e) {
                throw new IOException("Aerospike get of " + userKey + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return "a get with Aerospike's Java client on the node's Aerospike port";
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
