package io.aerolog.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aerolog.server.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways to run a cluster, {@code ops/cluster} (plain JVMs, its names, ids and ports in
 * {@code ops/cluster.env}) and {@code docker-compose.yml}, describe the same cluster: the same processes,
 * Kafka node ids, ports, bootstrap list, replication and namespace configuration.
 */
class ClusterFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path root;
    private static Map<String, String> env;
    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("ops/cluster.env"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (with ops/cluster.env) above the working directory").isNotNull();
        root = dir;
        env = readEnv(root.resolve("ops/cluster.env"));
        compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
        services = compose.get("services");
        assertThat(services).as("docker-compose.yml services").isNotNull();
    }

    /** KEY=value lines as bash would see them: comments and blank lines skipped, one pair of quotes removed. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = Pattern.compile("([A-Z][A-Z0-9_]*)=(\"([^\"$`]*)\"|([^\\s\"'$`]*))").matcher(l);
            assertThat(m.matches()).as("ops/cluster.env line must be KEY=value or KEY=\"a b\": %s", line).isTrue();
            out.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
        }
        return out;
    }

    private static String env(String key) {
        assertThat(env).as("ops/cluster.env").containsKey(key);
        return env.get(key);
    }

    private static List<String> list(String key) {
        return Arrays.asList(env(key).trim().split("\\s+"));
    }

    /** broker-2 FIELD -> BROKER_2_FIELD */
    private static String envOf(String name, String field) {
        String[] parts = name.split("-");
        return env(parts[0].toUpperCase() + "_" + parts[1] + "_" + field);
    }

    private static JsonNode service(String name) {
        assertThat(services.has(name)).as("docker-compose.yml has service %s", name).isTrue();
        return services.get(name);
    }

    private static String environment(String service, String key) {
        JsonNode e = service(service).get("environment");
        assertThat(e).as("%s environment", service).isNotNull();
        assertThat(e.has(key)).as("%s sets %s", service, key).isTrue();
        return e.get(key).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void sameProcesses() {
        Set<String> expected = new TreeSet<>();
        expected.addAll(list("CONTROLLERS"));
        expected.addAll(list("BROKERS"));
        expected.addAll(list("NODES"));
        expected.addAll(List.of("prometheus", "grafana")); // monitoring, ops/grafana; DashboardFilesTest checks them
        Set<String> actual = new TreeSet<>();
        services.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).isEqualTo(expected);
        assertThat(list("BROKERS")).hasSize(3);
        assertThat(list("NODES")).containsExactly("node-1", "node-2", "node-3");
    }

    @Test
    void kafkaImageMatchesTheResolvedKafkaVersion() throws IOException {
        String version = env("KAFKA_VERSION");
        for (String name : concat(list("CONTROLLERS"), list("BROKERS"))) {
            assertThat(service(name).get("image").asText()).as("%s image", name).isEqualTo("apache/kafka:" + version);
        }
        String classpathPom = Files.readString(root.resolve("ops/kafka-classpath/pom.xml"));
        assertThat(classpathPom).contains("<kafka.version>" + version + "</kafka.version>");
        String rootPom = Files.readString(root.resolve("pom.xml"));
        assertThat(rootPom).as("the project's Kafka version").contains("<kafka.version>" + version + "</kafka.version>");
    }

    @Test
    void controllersHaveTheSameIdsPortsAndQuorum() {
        List<String> voters = new ArrayList<>();
        for (String c : list("CONTROLLERS")) {
            voters.add(envOf(c, "ID") + "@" + c + ":" + envOf(c, "PORT"));
            assertThat(environment(c, "KAFKA_NODE_ID")).isEqualTo(envOf(c, "ID"));
            assertThat(environment(c, "KAFKA_PROCESS_ROLES")).isEqualTo("controller");
            assertThat(environment(c, "KAFKA_LISTENERS")).isEqualTo("CONTROLLER://:" + envOf(c, "PORT"));
        }
        for (String name : concat(list("CONTROLLERS"), list("BROKERS"))) {
            assertThat(environment(name, "KAFKA_CONTROLLER_QUORUM_VOTERS")).as("%s voters", name)
                    .isEqualTo(String.join(",", voters));
        }
    }

    @Test
    void brokersHaveTheSameIdsAndPorts() {
        Set<String> clusterIds = new TreeSet<>();
        for (String b : list("BROKERS")) {
            String port = envOf(b, "PORT");
            assertThat(environment(b, "KAFKA_NODE_ID")).as("%s node id", b).isEqualTo(envOf(b, "ID"));
            assertThat(environment(b, "KAFKA_PROCESS_ROLES")).isEqualTo("broker");
            assertThat(environment(b, "KAFKA_ADVERTISED_LISTENERS")).as("%s advertised listeners", b)
                    .contains("PLAINTEXT://" + b + ":" + port)
                    .contains("HOST://" + env("HOST") + ":" + port);
            // the host listener listens on port+10000 in the container, published on the host as the script's port
            int hostListener = Integer.parseInt(port) + 10000;
            assertThat(environment(b, "KAFKA_LISTENERS")).isEqualTo("PLAINTEXT://:" + port + ",HOST://:" + hostListener);
            assertThat(strings(service(b).get("ports"))).containsExactly(env("HOST") + ":" + port + ":" + hostListener);
            clusterIds.add(environment(b, "CLUSTER_ID"));
        }
        for (String c : list("CONTROLLERS")) {
            clusterIds.add(environment(c, "CLUSTER_ID"));
        }
        assertThat(clusterIds).as("one cluster id").hasSize(1);
        assertThat(clusterIds.iterator().next()).hasSize(22);
    }

    @Test
    void brokersReplicateKafkasOwnTopicsAlike() {
        for (String b : list("BROKERS")) {
            assertThat(environment(b, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo(env("INTERNAL_REPLICATION_FACTOR"));
            assertThat(environment(b, "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(env("INTERNAL_REPLICATION_FACTOR"));
            assertThat(environment(b, "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR")).isEqualTo(env("INTERNAL_REPLICATION_FACTOR"));
            assertThat(environment(b, "KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo(env("INTERNAL_REPLICATION_FACTOR"));
            assertThat(environment(b, "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).isEqualTo(env("INTERNAL_MIN_ISR"));
            assertThat(environment(b, "KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo(env("INTERNAL_MIN_ISR"));
            assertThat(environment(b, "KAFKA_LOG_CLEANER_DEDUPE_BUFFER_SIZE")).isEqualTo("2097152");
        }
        assertThat(Integer.parseInt(env("INTERNAL_REPLICATION_FACTOR"))).isLessThanOrEqualTo(list("BROKERS").size());
    }

    @Test
    void bootstrapListNamesEveryBrokerOnItsPort() {
        List<String> local = new ArrayList<>();
        List<String> inCompose = new ArrayList<>();
        for (String b : list("BROKERS")) {
            local.add(env("HOST") + ":" + envOf(b, "PORT"));
            inCompose.add(b + ":" + envOf(b, "PORT"));
        }
        assertThat(env("BOOTSTRAP_SERVERS")).isEqualTo(String.join(",", local));
        for (String n : list("NODES")) {
            assertThat(option(n, "--bootstrap-servers")).as("%s bootstrap servers", n).isEqualTo(String.join(",", inCompose));
        }
    }

    @Test
    void nodesHaveTheSameIdsPortsAndAdvertiseTheirServiceName() {
        Set<String> ports = new TreeSet<>();
        Set<String> aerospikePorts = new TreeSet<>();
        for (String n : list("NODES")) {
            String port = envOf(n, "HTTP_PORT");
            String aerospike = envOf(n, "AEROSPIKE_PORT");
            ports.add(port);
            aerospikePorts.add(aerospike);
            assertThat(option(n, "--node-id")).isEqualTo(n);
            assertThat(option(n, "--http-port")).isEqualTo(port);
            assertThat(option(n, "--aerospike-port")).isEqualTo(aerospike);
            assertThat(strings(service(n).get("ports"))).containsExactly(env("HOST") + ":" + port + ":" + port,
                    env("HOST") + ":" + aerospike + ":" + aerospike);
            assertThat(environment(n, "AEROLOG_ADVERTISED_HOST")).isEqualTo(n);
            assertThat(service(n).at("/build/dockerfile").asText()).isEqualTo("ops/Dockerfile");
            assertThat(strings(service(n).get("volumes"))).contains("./ops/cluster.yaml:/etc/aerolog/aerolog.yaml:ro");
            assertThat(strings(service(n).get("healthcheck").get("test"))).contains("http://127.0.0.1:" + port + "/health");
        }
        assertThat(ports).as("one HTTP port per node").hasSize(list("NODES").size());
        assertThat(ports).containsExactly("8080", "8081", "8082");
        assertThat(aerospikePorts).as("one Aerospike port per node").containsExactly("3000", "3001", "3002");
    }

    @Test
    void clusterConfigIsALoadableNodeConfigWithTheTestNamespace(@TempDir Path tmp) throws IOException {
        Path file = root.resolve("ops/cluster.yaml");
        assertThat(YAML.readTree(file.toFile()).has("http"))
                .as("ops/cluster.yaml has no http section: the container entrypoint appends one").isFalse();
        assertThat(YAML.readTree(file.toFile()).has("aerospike"))
                .as("ops/cluster.yaml has no aerospike section: the container entrypoint appends one").isFalse();
        NodeConfig config = NodeConfig.load(file);
        assertThat(config.kafka.bootstrapServers).as("bootstrap servers come from the command line").isNull();
        assertThat(config.namespaces).hasSize(1);
        NodeConfig.Namespace test = config.namespaces.get(0);
        assertThat(test.name).isEqualTo("test");
        assertThat(test.partitions).isEqualTo(8);
        assertThat(test.replicationFactor).isEqualTo(3).isLessThanOrEqualTo(list("BROKERS").size());
        assertThat(test.toConfig().replicationFactor()).isEqualTo(3);

        // what ops/Dockerfile's entrypoint does to the file, as the node then reads it
        Path appended = tmp.resolve("aerolog.yaml");
        Files.writeString(appended, Files.readString(file)
                + "\nhttp:\n  host: 0.0.0.0\n  advertisedHost: node-2\naerospike:\n  host: 0.0.0.0\n");
        NodeConfig inContainer = NodeConfig.load(appended);
        assertThat(inContainer.http.host).isEqualTo("0.0.0.0");
        assertThat(inContainer.aerospike.host).isEqualTo("0.0.0.0");
        assertThat(inContainer.http.advertisedHost).isEqualTo("node-2");
        assertThat(inContainer.namespaces.get(0).replicationFactor).isEqualTo(3);
    }

    @Test
    void scriptAndDockerfileUseTheseFiles() throws IOException {
        String script = Files.readString(root.resolve("ops/cluster"));
        assertThat(script).contains("source \"$root/ops/cluster.env\"")
                .contains("config=\"$root/ops/cluster.yaml\"")
                .contains("--node-id \"$name\"")
                .contains("--http-port \"$(var \"$name\" HTTP_PORT)\"")
                .contains("--aerospike-port \"$(var \"$name\" AEROSPIKE_PORT)\"")
                .contains("--bootstrap-servers \"$BOOTSTRAP_SERVERS\"");
        assertThat(Files.isExecutable(root.resolve("ops/cluster"))).isTrue();
        String dockerfile = Files.readString(root.resolve("ops/Dockerfile"));
        assertThat(dockerfile).contains("COPY ops/cluster.yaml /etc/aerolog/aerolog.yaml")
                .contains(io.aerolog.server.Main.class.getName())
                .contains("EXPOSE 8080 3000")
                .contains("aerospike:\\\\n  host: %s")
                .contains("AEROLOG_ADVERTISED_HOST");
    }

    /** The value after {@code option} in a node service's command. */
    private static String option(String node, String option) {
        List<String> command = strings(service(node).get("command"));
        int i = command.indexOf(option);
        assertThat(i).as("%s command has %s: %s", node, option, command).isGreaterThanOrEqualTo(0);
        assertThat(i + 1).as("%s %s has a value", node, option).isLessThan(command.size());
        return command.get(i + 1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
