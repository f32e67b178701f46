import io.aerolog.client.AerologClient;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.client.WriteResult;
import io.aerolog.core.Key;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The walk-through with Aerolog's Java client (io.aerolog:aerolog-client, over HTTP): connect, put a record,
 * get it, list the nodes, and see where the write was persisted and how the namespace is replicated.
 * Argument: the HTTP address of any node (default http://127.0.0.1:8080).
 */
public final class AerologWalkthrough {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";

        // Connect: the client reads the partition map from /v1/cluster and sends each key to its node.
        // Patient timeouts (10 s) so that a node that has just started, or a busy machine, does not fail the demo.
        ClientPolicy policy = ClientPolicy.DEFAULT.withConnectTimeoutMs(10_000)
                .withReadPolicyDefault(Policy.DEFAULT.withTotalTimeoutMs(10_000))
                .withWritePolicyDefault(WritePolicy.DEFAULT.withTotalTimeoutMs(10_000));
        try (AerologClient client = AerologClient.connect(policy, url)) {
            // Put {'name': 'John', 'age': 30} into test/testset/testrecord (null: the policy's defaults).
            Key key = Key.of("test", "testset", "testrecord");
            WriteResult written = client.put(null, key, Bin.of("name", "John"), Bin.of("age", 30));

            // Get it back.
            ClientRecord record = client.get(null, key);
            System.out.println("record: name=" + record.getString("name") + " age=" + record.getLong("age")
                    + " generation " + record.generation());

            // The node list.
            for (String node : client.nodes()) {
                System.out.println("node: " + node);
            }

            // Persistence: the write is a command in the namespace's Kafka topic; its consistency token is
            // "partition:offset" there. It was acknowledged once applied, and a read carrying the token waits
            // until its node has applied it.
            String[] token = written.consistencyToken().split(":");
            System.out.println("persisted: topic aerolog.test.commands partition " + token[0] + " offset " + token[1]);
        }

        // Replication: the partition map says which node serves each partition (active) and which keep
        // standby copies; Kafka replicates the topics themselves (replicationFactor).
        HttpResponse<String> cluster = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/v1/cluster")).build(), HttpResponse.BodyHandlers.ofString());
        String body = cluster.body();
        int at = body.indexOf("\"replicationFactor\"");
        System.out.println("namespace test: " + body.substring(at, body.indexOf(',', at)).replace("\"", ""));
    }
}
