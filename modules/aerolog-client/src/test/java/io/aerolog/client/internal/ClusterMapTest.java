package io.aerolog.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.protocol.Replica;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing both shapes of {@code /v1/cluster} and routing keys by it. */
class ClusterMapTest {

    private static ClusterMap parse(String json) {
        return ClusterMap.parse(RestRequests.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "seed:1"), "seed:1");
    }

    /** 4 partitions: p -> active node-(p%2), standby the other. */
    private static final String NEW_SHAPE = "{\"cluster\":\"c\",\"node\":\"node-1\",\"http\":\"a:1\",\"nodes\":[\"a:1\",\"b:2\"],"
            + "\"namespaces\":{\"test\":{\"partitions\":4,\"state\":\"RUNNING\",\"generation\":123,\"partitionMap\":{"
            + "\"0\":{\"active\":\"a:1\",\"standbys\":[\"b:2\"]},\"1\":{\"active\":\"b:2\",\"standbys\":[\"a:1\"]},"
            + "\"2\":{\"active\":\"a:1\",\"standbys\":[\"b:2\"]},\"3\":{\"active\":null,\"standbys\":[\"b:2\"]}}}}}";

    @Test
    void newShape() {
        ClusterMap m = parse(NEW_SHAPE);
        assertThat(m.cluster()).isEqualTo("c");
        assertThat(m.self()).isEqualTo("a:1");
        assertThat(m.nodes()).containsExactly("a:1", "b:2");
        io.aerolog.protocol.ClusterView.NamespaceView ns = m.namespace("test");
        assertThat(ns.generation()).isEqualTo(123);
        assertThat(ns.replicas(1)).containsExactly("b:2", "a:1");
        assertThat(ns.replicas(3)).containsExactly("b:2");
    }

    @Test
    void oldShapeOfPlainOwners() {
        ClusterMap m = parse("{\"cluster\":\"c\",\"http\":\"a:1\",\"namespaces\":{\"test\":{\"partitions\":2,"
                + "\"partitionMap\":{\"0\":\"a:1\",\"1\":\"c:3\"}}}}");
        assertThat(m.nodes()).containsExactly("a:1", "c:3");
        assertThat(m.namespace("test").generation()).isEqualTo(ClusterMap.UNKNOWN_GENERATION);
        assertThat(m.namespace("test").replicas(1)).containsExactly("c:3");
    }

    @Test
    void routesEachKeyToTheActiveOfItsPartition() {
        ClusterMap m = parse(NEW_SHAPE);
        for (int i = 0; i < 200; i++) {
            Key key = Key.of("test", "s", i);
            int p = key.digest().kafkaPartition(4);
            String expected = p == 3 ? "b:2" : p % 2 == 0 ? "a:1" : "b:2";
            assertThat(m.route(key, Replica.MASTER, 0, 0)).as("key %d partition %d", i, p).isEqualTo(expected);
            assertThat(m.route(key, Replica.MASTER, 1, 5)).as("retries stay on the master").isEqualTo(expected);
        }
    }

    @Test
    void sequenceWalksTheCopiesAndAnySpreads() {
        ClusterMap m = parse(NEW_SHAPE);
        Key key = keyInPartition(1);
        assertThat(m.route(key, Replica.SEQUENCE, 0, 9)).isEqualTo("b:2");
        assertThat(m.route(key, Replica.SEQUENCE, 1, 9)).isEqualTo("a:1");
        assertThat(m.route(key, Replica.SEQUENCE, 2, 9)).isEqualTo("b:2");
        Set<String> any = new HashSet<>();
        for (int spread = 0; spread < 10; spread++) {
            any.add(m.route(key, Replica.ANY, 0, spread));
        }
        assertThat(any).containsExactlyInAnyOrder("a:1", "b:2");
    }

    @Test
    void unknownNamespaceGoesToSomeNode() {
        ClusterMap m = parse(NEW_SHAPE);
        assertThat(m.route(Key.of("other", "s", "k"), Replica.MASTER, 0, 0)).isIn("a:1", "b:2");
    }

    @Test
    void refusesWhatIsNotAClusterMap() {
        assertThatThrownBy(() -> parse("{\"status\":\"UP\"}")).isInstanceOf(AerologException.class)
                .hasMessageContaining("is it an Aerolog node");
        assertThatThrownBy(() -> parse("{\"namespaces\":{\"t\":{\"partitions\":3}}}"))
                .hasMessageContaining("power of two");
    }

    private static Key keyInPartition(int p) {
        for (int i = 0; ; i++) {
            Key k = Key.of("test", "s", i);
            if (k.digest().kafkaPartition(4) == p) {
                return k;
            }
        }
    }
}
