package io.aerolog.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files (ops/grafana) agree with the cluster they watch: Prometheus scrapes exactly the nodes
 * of ops/cluster.env (on the compose network and on 127.0.0.1), docker-compose runs pinned Prometheus and
 * Grafana images with those files, and every dashboard query reads the data source Grafana is given.
 * {@code ConsoleIT} checks that every metric the queries name exists on a running node.
 */
class DashboardFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path root = Dashboards.root();

    private Map<String, String> env() throws IOException {
        return ClusterFilesTest.readEnv(root.resolve("ops/cluster.env"));
    }

    private List<String> targets(String file) throws IOException {
        JsonNode config = YAML.readTree(root.resolve("ops/grafana").resolve(file).toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode job : config.get("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
            for (JsonNode sc : job.path("static_configs")) {
                sc.path("targets").forEach(t -> out.add(t.asText()));
            }
        }
        return out;
    }

    @Test
    void prometheusScrapesEveryNodeOfTheCluster() throws IOException {
        Map<String, String> env = env();
        List<String> compose = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (String node : env.get("NODES").split(" ")) {
            String port = env.get(node.toUpperCase().replace('-', '_') + "_HTTP_PORT");
            compose.add(node + ":" + port);
            local.add(env.get("HOST") + ":" + port);
        }
        assertThat(targets("prometheus.yml")).containsExactlyElementsOf(compose);
        assertThat(targets("prometheus-cluster.yml")).containsExactlyElementsOf(local);
    }

    @Test
    void composeRunsPinnedPrometheusAndGrafanaWithTheseFiles() throws IOException {
        JsonNode services = YAML.readTree(root.resolve("docker-compose.yml").toFile()).get("services");
        for (String name : List.of("prometheus", "grafana")) {
            String image = services.get(name).get("image").asText();
            assertThat(image).as("%s image pinned to a version", name).matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+");
        }
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./ops/grafana/prometheus.yml:/etc/prometheus/prometheus.yml");
        assertThat(services.get("grafana").get("volumes").toString())
                .contains("./ops/grafana/provisioning:/etc/grafana/provisioning")
                .contains("./ops/grafana/dashboards:/etc/grafana/dashboards");
        JsonNode provider = YAML.readTree(root.resolve("ops/grafana/provisioning/dashboards/aerolog.yml").toFile());
        assertThat(provider.get("providers").get(0).get("options").get("path").asText())
                .isEqualTo("/etc/grafana/dashboards");
    }

    @Test
    void everyQueryReadsTheProvisionedDataSource() throws IOException {
        JsonNode sources = YAML.readTree(root.resolve("ops/grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = sources.get("datasources").get(0).get("uid").asText();
        assertThat(sources.get("datasources").get(0).get("url").asText()).isEqualTo("http://prometheus:9090");
        ObjectMapper json = new ObjectMapper();
        List<Path> files = Dashboards.files();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode dashboard = json.readTree(file.toFile());
            assertThat(dashboard.get("uid").asText()).isNotBlank();
            List<String> queries = Dashboards.queries(dashboard);
            assertThat(queries).as("%s has queries", file).hasSizeGreaterThan(10).allSatisfy(q -> assertThat(q).isNotBlank());
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertThat(Dashboards.metricNames("histogram_quantile(0.99, sum by (le, kind) "
                + "(rate(aerolog_x_seconds_bucket{instance=~\"$instance\",kind!=\"a b\"}[$__rate_interval])))"))
                .containsExactly("aerolog_x_seconds_bucket");
        assertThat(Dashboards.metricNames("sum(a_total) / on(instance) group_left b_bytes + 1e3 and up"))
                .containsExactly("a_total", "b_bytes", "up");
    }

    @Test
    void dashboardCoversThroughputLatencyLagFailoverRocksDbAndJvm() throws IOException {
        String all = String.join("\n", Dashboards.allQueries());
        assertThat(all).contains("aerolog_http_request_duration_seconds_bucket", "aerolog_aerospike_requests_total",
                "aerolog_commands_apply_lag_seconds", "aerolog_failover_evictions_total",
                "aerolog_rocksdb_memory_used_bytes", "jvm_memory_used_bytes");
    }
}
