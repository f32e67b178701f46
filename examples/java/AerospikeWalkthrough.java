import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;

/**
 * The walk-through with Aerospike's own Java client (com.aerospike:aerospike-client-jdk8) against Aerolog's
 * Aerospike protocol: connect, put a record, get it, list the nodes, and ask how the namespace is replicated
 * and stored. Arguments: host and port of any node (default 127.0.0.1 3000).
 */
public final class AerospikeWalkthrough {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 3000;

        // Connect: any node is a seed; the client finds the others (info "peers") and the partition map.
        // Patient timeouts (10 s) so that a node that has just started, or a busy machine, does not fail the demo.
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 10_000;
        policy.infoPolicyDefault.timeout = 10_000;
        try (AerospikeClient client = new AerospikeClient(policy, new Host(host, port))) {
            // Put {'name': 'John', 'age': 30} into namespace test, set testset, key testrecord. Aerolog appends
            // the write to the namespace's Kafka topic and answers once the partition's task applied it.
            Key key = new Key("test", "testset", "testrecord");
            client.put(null, key, new Bin("name", "John"), new Bin("age", 30));

            // Get it back: bins and metadata (generation, expiration).
            Record record = client.get(null, key);
            System.out.println("record: " + record.bins + " generation " + record.generation);

            // The node list, as the client discovered it.
            for (Node node : client.getNodes()) {
                System.out.println("node: " + node.getName() + " " + node.getHost());
            }

            // Replication and persistence, as Aerolog does them: the namespace's replication factor is that of
            // its Kafka topics (each partition a leader and followers on brokers), and each node keeps standby
            // copies of the partitions it does not serve; "storage-engine" says where applied records live
            // (RocksDB on disk, or memory rebuilt from the log at start).
            Node node = client.getNodes()[0];
            String namespace = Info.request(policy.infoPolicyDefault, node, "namespace/test");
            for (String pair : namespace.split(";")) {
                if (pair.startsWith("replication-factor=") || pair.startsWith("storage-engine=")
                        || pair.startsWith("objects=")) {
                    System.out.println("namespace test: " + pair);
                }
            }
        }
    }
}
