package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aerolog.server.ops.Dashboards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console of a real node, over HTTP and in a real headless Chromium ({@link HeadlessChromium}): the
 * page loads and shows the node, its charts move while load runs, a record written through the API appears
 * in the record browser, and the scan panel shows what the node answers for a scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestNode node;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void servesItsOwnFilesAndNothingElse() throws Exception {
        var bare = node.send("GET", "/console", null);
        assertThat(bare.status()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");

        var page = raw("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<title>Aerolog console</title>").doesNotContain("http://", "https://");
        assertThat(raw("/console/uPlot.iife.min.js").statusCode()).isEqualTo(200);

        var unknown = node.get("/console/pom.xml");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.resultCode()).isEqualTo(4);
        assertThat(raw("/console/..%2Fmetrics").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsSummaryListsThisNode() throws Exception {
        var answer = node.get("/v1/console/metrics");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode nodes = answer.body().get("nodes");
        assertThat(nodes).hasSize(1);
        JsonNode self = nodes.get(0);
        assertThat(self.get("node").asText()).isEqualTo(node.config.nodeId);
        assertThat(self.get("health").asText()).isEqualTo("UP");
        assertThat(self.get("readLatency").get("le")).hasSize(16);
        assertThat(self.get("memory").get("heapUsed").asLong()).isPositive();
        assertThat(self.get("namespaces")).extracting(n -> n.get("name").asText()).contains("test", "small");
        assertThat(node.get("/v1/console/metrics?scope=node").body().get("node").asText())
                .isEqualTo(node.config.nodeId);
    }

    @Test
    void pageShowsTheNodeItsChartsMoveUnderLoadAndRecordsAppear() throws Exception {
        ChromeDriver browser = HeadlessChromium.start(Path.of("target", "chromium"));
        AtomicBoolean loading = new AtomicBoolean(true);
        CompletableFuture<Long> load = null;
        try {
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            browser.get(node.url("/console"));
            assertThat(browser.getCurrentUrl()).endsWith("/console/");
            assertThat(browser.getTitle()).isEqualTo("Aerolog console");
            wait.until(b -> b.findElement(By.id("status")).getText().equals("cluster up"));
            wait.until(b -> b.findElement(By.cssSelector("#nodes tbody tr")).getText()
                    .matches("(?s).*" + node.config.nodeId + ".*UP.*"));
            wait.until(b -> b.findElements(By.cssSelector("#maps .map[data-namespace='test'] .p")).size()
                    == node.node.namespace("test").config().partitions());
            wait.until(b -> b.findElement(By.cssSelector("#maps .map[data-namespace='test'] .p")).getAttribute("title")
                    .startsWith("partition 0: active 127.0.0.1:" + node.config.http.port));
            wait.until(b -> b.findElement(By.cssSelector("#maps h3")).getText().contains("map generation"));

            load = CompletableFuture.supplyAsync(() -> load(loading));
            JavascriptExecutor js = browser;
            wait.until(b -> Boolean.TRUE.equals(js.executeScript(
                    "const c = window.aerologConsole.charts;"
                            + "return c.throughput.data[1].some(v => v > 0) && c.throughput.data[2].some(v => v > 0)"
                            + " && c.latency.data[4].some(v => v > 0) && c.memory.data[1].some(v => v > 0);")));
            loading.set(false);
            assertThat(load.get(30, TimeUnit.SECONDS)).isPositive();
            wait.until(b -> b.findElement(By.id("now-throughput")).getText().contains("writes/s"));

            assertThat(node.post("/v1/kvs/test/testset/testrecord", "{\"name\":\"John\",\"age\":30}").status())
                    .isEqualTo(201);
            WebElement lookup = browser.findElement(By.id("lookup"));
            lookup.findElement(By.name("set")).sendKeys("testset");
            lookup.findElement(By.name("key")).sendKeys("testrecord");
            new Select(lookup.findElement(By.name("keytype"))).selectByVisibleText("STRING");
            lookup.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(b -> !b.findElements(By.id("record-bins")).isEmpty());
            JsonNode bins = TestNode.JSON.readTree(browser.findElement(By.id("record-bins")).getText());
            assertThat(bins.get("name").asText()).isEqualTo("John");
            assertThat(bins.get("age").asInt()).isEqualTo(30);
            assertThat(browser.findElement(By.id("record-generation")).getText()).isEqualTo("1");

            lookup.findElement(By.name("key")).clear();
            lookup.findElement(By.name("key")).sendKeys("nobody");
            lookup.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(b -> b.findElement(By.id("record")).getText().contains("KEY_NOT_FOUND_ERROR"));
            assertThat(browser.findElement(By.cssSelector("#record .failed")).getText()).startsWith("HTTP 404");

            wait.until(b -> !b.findElements(By.cssSelector("#namespace-table tr[data-set='testset']")).isEmpty());

            int scanStatus = raw("/v1/scan/test/testset?maxRecords=20").statusCode();
            WebElement scan = browser.findElement(By.id("scan"));
            scan.findElement(By.name("set")).sendKeys("testset");
            scan.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(b -> !b.findElement(By.id("scan-result")).getText().isEmpty());
            assertThat(browser.findElement(By.id("scan-result")).getText())
                    .as("the scan panel shows what the node answers").startsWith("HTTP " + scanStatus);
        } finally {
            loading.set(false);
            if (load != null) {
                load.get(30, TimeUnit.SECONDS);
            }
            browser.quit();
        }
    }

    @Test
    void everyMetricTheDashboardsQueryExistsOnTheNode() throws Exception {
        assertThat(node.post("/v1/kvs/test/dash/k", "{\"a\":1}").status()).isEqualTo(201);
        assertThat(node.get("/v1/kvs/test/dash/k").status()).isEqualTo(200);
        System.gc();
        Set<String> wanted = new TreeSet<>();
        for (String query : Dashboards.allQueries()) {
            wanted.addAll(Dashboards.metricNames(query));
        }
        wanted.removeAll(Dashboards.SYNTHETIC);
        assertThat(wanted).hasSizeGreaterThan(15);
        Set<String> missing = new TreeSet<>(wanted);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Set<String> exported = exported(node.metricsText());
            missing.removeIf(exported::contains);
            if (!missing.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(missing).as("metrics the dashboards query that the node does not export").isEmpty();
    }

    @Test
    void readmeDocumentsEveryAerologMetric() throws Exception {
        String readme = Files.readString(Dashboards.root().resolve("README.md"));
        Set<String> families = new TreeSet<>();
        for (String line : node.metricsText().split("\n")) {
            if (line.startsWith("# TYPE aerolog_")) {
                families.add(line.split(" ")[2]);
            }
        }
        families.removeIf(name -> name.endsWith("_max") && families.contains(name.substring(0, name.length() - 4)));
        assertThat(families).hasSizeGreaterThan(10);
        assertThat(families).allSatisfy(name -> assertThat(readme).as("README documents %s", name)
                .contains("| `" + name + "`"));
    }

    /** The names of every sample in a Prometheus text exposition. */
    private static Set<String> exported(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
            }
        }
        return names;
    }

    /** Writes and reads over HTTP until told to stop; the number of requests. */
    private long load(AtomicBoolean loading) {
        AtomicLong requests = new AtomicLong();
        try {
            for (int i = 0; loading.get(); i++) {
                String path = "/v1/kvs/test/load/k" + (i % 200);
                String body = "{\"i\":" + i + "}";
                assertThat(i < 200 ? node.post(path, body).status() : node.put(path, body).status()).isIn(200, 201);
                assertThat(node.get(path).status()).isEqualTo(200);
                requests.addAndGet(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return requests.get();
    }

    /** A GET as a browser sends it, its body as text. */
    private HttpResponse<String> raw(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
