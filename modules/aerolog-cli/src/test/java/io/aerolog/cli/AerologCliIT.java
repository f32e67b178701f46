package io.aerolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.cli.sql.Shell;
import io.aerolog.cli.sql.SqlSession;
import io.aerolog.cli.sql.Statement;
import io.aerolog.server.CliTestNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand against a real node (the server's TestNode: a Kafka broker in this JVM, Kafka Streams
 * over RocksDB, HTTP and Aerospike's protocol on loopback), checked by its output, its exit code, and what
 * Aerospike's own client reads back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AerologCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static CliTestNode node;
    static AerospikeClient client;
    static String port;

    @BeforeAll
    static void start() throws Exception {
        node = CliTestNode.start();
        port = Integer.toString(node.aerospikePort());
        client = new AerospikeClient("127.0.0.1", node.aerospikePort());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static Cli.Run sql(String... statements) {
        String[] args = new String[3 + 2 * statements.length];
        args[0] = "sql";
        args[1] = "-p";
        args[2] = port;
        for (int i = 0; i < statements.length; i++) {
            args[3 + 2 * i] = "-e";
            args[4 + 2 * i] = statements[i];
        }
        return Cli.run(args);
    }

    @Test
    void infoPrintsNameTabValueAsAsinfo() {
        Cli.Run summary = Cli.run("info", "-p", port);
        assertThat(summary.exit()).as(summary.toString()).isZero();
        assertThat(summary.out().lines().map(l -> l.substring(0, l.indexOf('\t'))).toList())
                .as("an empty request answers Aerospike's 15 default names, in the server's order")
                .containsExactly("features", "node", "compatibility-id", "edition", "build_ee_sha", "build_sha",
                        "build_arch", "build_time", "build_os", "build", "version", "statistics", "services-alumni",
                        "services", "partition-generation");
        assertThat(summary.out()).containsPattern("(?m)^features\t.*pscans");

        Cli.Run some = Cli.run("info", "-p", port, "namespaces", "namespace/small");
        assertThat(some.exit()).as(some.toString()).isZero();
        List<String> lines = some.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("namespaces\t").contains("test").contains("small");
        assertThat(lines.get(1)).startsWith("namespace/small\t").contains("max-record-size=10240");

        Cli.Run asinfo = Cli.run("info", "-p", port, "-v", "namespaces");
        assertThat(asinfo.exit()).as(asinfo.toString()).isZero();
        assertThat(asinfo.out()).startsWith("namespaces\t").contains("small");

        Cli.Run bad = Cli.run("info", "-p", port, "namespaces", "no-such-command");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(bad.out()).contains("no-such-command\tERROR");
    }

    @Test
    void sqlWritesEveryLiteralTypeAsAerospikeReadsIt() {
        Cli.Run insert = sql("INSERT INTO test.cli (PK, s, i, d, b, l, m, g, j) VALUES ('ada', 'Ada', 42, 1.5, true, "
                + "LIST('[1, \"x\", [2]]'), MAP('{\"k\": 7}'), "
                + "GEOJSON('{\"type\": \"Point\", \"coordinates\": [-122.0, 37.5]}'), 'JSON{\"a\": [true]}')");
        assertThat(insert.exit()).as(insert.toString()).isZero();
        assertThat(insert.out()).isEqualTo("OK, 1 record affected.\n");

        Record r = client.get(null, new Key("test", "cli", "ada"));
        assertThat(r).isNotNull();
        assertThat(r.getString("s")).isEqualTo("Ada");
        assertThat(r.getLong("i")).isEqualTo(42);
        assertThat(r.getDouble("d")).isEqualTo(1.5);
        assertThat(r.getBoolean("b")).isTrue();
        assertThat(r.getList("l")).isEqualTo(List.of(1L, "x", List.of(2L)));
        assertThat(r.getMap("m")).isEqualTo(Map.of("k", 7L));
        assertThat(r.getGeoJSON("g")).contains("Point");
        assertThat(r.getMap("j")).isEqualTo(Map.of("a", List.of(true)));

        Cli.Run select = sql("SELECT s, i, d, l, m FROM test.cli WHERE PK = 'ada'");
        assertThat(select.exit()).as(select.toString()).isZero();
        assertThat(select.out()).contains("| \"Ada\" | 42 | 1.5 | [1, \"x\", [2]] | {\"k\": 7} |")
                .containsPattern("1 row in set \\([0-9.]+ secs\\)");
    }

    @Test
    void sqlJsonOutputIsParseable() throws Exception {
        client.put(null, new Key("test", "cli", 7), new com.aerospike.client.Bin("name", "Bob"),
                new com.aerospike.client.Bin("bytes", new byte[] {1, 2}),
                new com.aerospike.client.Bin("tags", Value.get(List.of("a", "b"))));
        Cli.Run r = Cli.run("sql", "-p", port, "--json", "-e", "SELECT * FROM test.cli WHERE PK = 7");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode rows = JSON.readTree(r.out());
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("name").asText()).isEqualTo("Bob");
        assertThat(rows.get(0).get("bytes").get("$bytes").asText()).isEqualTo("AQI=");
        assertThat(rows.get(0).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");

        Cli.Run set = sql("SET OUTPUT JSON", "SELECT name FROM test.cli WHERE PK = 7");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).startsWith("OUTPUT = JSON\n");
        assertThat(JSON.readTree(set.out().substring(set.out().indexOf('\n') + 1)).get(0).get("name").asText())
                .isEqualTo("Bob");
    }

    @Test
    void sqlDeleteThenTheKeyIsNotFound() {
        assertThat(sql("INSERT INTO test.cli (PK, a) VALUES ('gone', 1)").exit()).isZero();
        Cli.Run delete = sql("DELETE FROM test.cli WHERE PK = 'gone'");
        assertThat(delete.exit()).as(delete.toString()).isZero();
        assertThat(delete.out()).isEqualTo("OK, 1 record affected.\n");
        assertThat(client.exists(null, new Key("test", "cli", "gone"))).isFalse();

        Cli.Run select = sql("SELECT * FROM test.cli WHERE PK = 'gone'");
        assertThat(select.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(select.err()).contains("Error: (2) Key not found");
        Cli.Run again = sql("DELETE FROM test.cli WHERE PK = 'gone'");
        assertThat(again.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(again.err()).contains("Error: (2) Key not found");
    }

    @Test
    void sqlByDigestReadsTheSameRecord() {
        assertThat(sql("INSERT INTO test.cli (PK, v) VALUES ('dig', 'by digest')").exit()).isZero();
        byte[] digest = new Key("test", "cli", "dig").digest;
        Cli.Run r = sql("SELECT v FROM test.cli WHERE DIGEST = '" + java.util.HexFormat.of().formatHex(digest) + "'");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"by digest\"");
    }

    @Test
    void sqlScansIndexesQueriesAndTruncate() {
        for (int i = 1; i <= 5; i++) {
            assertThat(sql("INSERT INTO test.sidx (PK, i) VALUES (" + i + ", " + i * 10 + ")").exit()).isZero();
        }
        Cli.Run scan = sql("SELECT * FROM test.sidx LIMIT 10");
        assertThat(scan.exit()).as(scan.toString()).isZero();
        assertThat(scan.out()).contains("5 rows in set");
        Cli.Run create = sql("CREATE INDEX sidx_i ON test.sidx (i) NUMERIC");
        assertThat(create.exit()).as(create.toString()).isZero();
        assertThat(create.out()).contains("OK, 1 index added.");
        Cli.Run show = sql("SHOW INDEXES test");
        assertThat(show.out()).contains("sidx_i");
        Cli.Run query = sql("SELECT i FROM test.sidx WHERE i BETWEEN 20 AND 40");
        assertThat(query.exit()).as(query.toString()).isZero();
        assertThat(query.out()).contains("3 rows in set");
        assertThat(sql("DROP INDEX test.sidx sidx_i").out()).contains("OK, 1 index removed.");
        assertThat(sql("SHOW INDEXES test").out()).doesNotContain("sidx_i");
        Cli.Run truncate = sql("TRUNCATE test.sidx");
        assertThat(truncate.exit()).as(truncate.toString()).isZero();
        assertThat(sql("SELECT * FROM test.sidx").out()).contains("0 rows in set");
    }

    @Test
    void sqlQueriesGeoRegionsAndListElementsAsAqlDoes() {
        for (int i = 0; i < 4; i++) {
            String point = "{\"type\": \"Point\", \"coordinates\": [" + (10 + i) + ".0, 50.0]}";
            assertThat(sql("INSERT INTO test.geo (PK, loc, tags) VALUES (" + i + ", GEOJSON('" + point + "'), LIST('[\"t"
                    + i + "\", \"all\"]'))").exit()).isZero();
        }
        assertThat(sql("CREATE INDEX geo_loc ON test.geo (loc) GEO2DSPHERE").exit()).isZero();
        assertThat(sql("CREATE LIST INDEX geo_tags ON test.geo (tags) STRING").exit()).isZero();
        String region = "{\"type\": \"Polygon\", \"coordinates\": [[[9.5, 49.5], [11.5, 49.5], [11.5, 50.5],"
                + " [9.5, 50.5], [9.5, 49.5]]]}";
        Cli.Run within = sql("SELECT * FROM test.geo WHERE loc WITHIN CAST('" + region + "' AS GEOJSON)");
        assertThat(within.exit()).as(within.toString()).isZero();
        assertThat(within.out()).contains("2 rows in set");
        Cli.Run tagged = sql("SELECT tags FROM test.geo IN LIST WHERE tags = 't3'");
        assertThat(tagged.exit()).as(tagged.toString()).isZero();
        assertThat(tagged.out()).contains("1 row in set").contains("t3");
        assertThat(sql("SELECT * FROM test.geo IN LIST WHERE tags = 'all'").out()).contains("4 rows in set");
    }

    @Test
    void sqlRefusalsCarryAerospikesResultCode() {
        Cli.Run ns = sql("INSERT INTO nosuch.cli (PK, a) VALUES (1, 2)");
        assertThat(ns.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(ns.err()).contains("Error: (20)", "SHOW NAMESPACES");

        Cli.Run longName = sql("INSERT INTO test.cli (PK, a_bin_name_of_20_ch) VALUES (1, 2)");
        assertThat(longName.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(longName.err()).contains("Error: (21)");

        Cli.Run big = sql("INSERT INTO small.cli (PK, a) VALUES (1, '" + "x".repeat(20_000) + "')");
        assertThat(big.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(big.err()).contains("Error: (13)");

        Cli.Run typed = sql("INSERT INTO test.cli (PK, n) VALUES ('typed', 'text')");
        assertThat(typed.exit()).isZero();
        Cli.Run syntax = sql("SELECT * FROM test.cli WHERE PK = 'typed' AND x = 1");
        assertThat(syntax.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(syntax.err()).contains("Syntax error at column 43", "^");
    }

    @Test
    void sqlShowAnswersFromInfo() {
        Cli.Run namespaces = sql("SHOW NAMESPACES");
        assertThat(namespaces.exit()).as(namespaces.toString()).isZero();
        assertThat(namespaces.out()).contains("| namespaces |", "| test ", "| small ", "2 rows in set");

        for (String what : List.of("SETS", "BINS", "INDEXES")) {
            Cli.Run r = sql("SHOW " + what);
            if (r.exit() == ExitCode.OK) {
                assertThat(r.out()).as(what).containsPattern("rows? in set");
            } else {
                assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
                assertThat(r.err()).as(what).contains("answered info '").contains("ERROR");
            }
        }
    }

    @Test
    void sqlReadsAScriptFromStandardInputAndStopsAtTheFirstFailure() {
        Cli.Run r = Cli.runWithInput("-- a comment\nINSERT INTO test.cli (PK, n) VALUES ('script', 1)\n\n"
                + "SELECT n FROM test.cli WHERE PK = 'script'\nSELECT * FROM test.cli WHERE PK = 'nobody'\n"
                + "INSERT INTO test.cli (PK, n) VALUES ('after', 1)\n", "sql", "-p", port);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.out()).contains("OK, 1 record affected.", "| 1 |");
        assertThat(r.err()).contains("Error: (2) Key not found", "(stopped at line 5 of standard input)");
        assertThat(client.exists(null, new Key("test", "cli", "after"))).isFalse();
    }

    @Test
    void theShellRunsStatementsAndKeepsHistory(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        String input = "INSERT INTO test.cli (PK, who) VALUES ('shell', 'me')\nSELEC oops\n"
                + "SELECT who FROM test.cli WHERE PK = 'shell'\nEXIT\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (AerospikeClient c = new AerospikeClient("127.0.0.1", node.aerospikePort());
             Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                     screen);
             PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            SqlSession session = new SqlSession(c, "127.0.0.1:" + port, Statement.OutputFormat.TABLE, out, out);
            assertThat(new Shell(terminal, history, session).run("hello")).isZero();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("hello", "aerolog> ", "OK, 1 record affected.", "Syntax error at column 1",
                "| \"me\" |");
        assertThat(Files.readString(history)).contains("INSERT INTO test.cli (PK, who) VALUES ('shell', 'me')",
                "SELECT who FROM test.cli WHERE PK = 'shell'");
    }

    @Test
    void loadRunsAMixAndReportsThroughputAndPercentiles() {
        Cli.Run r = Cli.run("load", "-p", port, "--set", "loadit", "--records", "200", "--threads", "2",
                "--duration", "2", "--read-pct", "50", "--bins", "2", "--bin-size", "10");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("test.loadit: 200 keys, 2 bin(s) of 10 B, 50% reads, 2 threads",
                "| read ", "| write ", "| total ", "errors: none")
                .containsPattern("\\| operation \\| count \\| ops/s \\| p50 ms +\\| p99 ms +\\| p99.9 ms +\\| max ms +\\|");
        assertThat(r.err()).as("the progress line").contains("load ", "ops/s", "done");
        Matcher total = Pattern.compile("\\| total +\\| +([0-9,]+) \\|").matcher(r.out());
        assertThat(total.find()).isTrue();
        long ops = Long.parseLong(total.group(1).replace(",", ""));
        assertThat(ops).isPositive();

        int found = 0;
        for (int k = 0; k < 200; k++) {
            Record rec = client.get(null, new Key("test", "loadit", k));
            if (rec != null) {
                found++;
                assertThat(rec.getString("b0")).hasSize(10);
                assertThat(rec.getString("b1")).hasSize(10);
            }
        }
        assertThat(found).as("keys written by the load").isPositive();
    }

    @Test
    void loadAtATargetRateStaysNearIt() {
        Cli.Run r = Cli.run("load", "-p", port, "--set", "rateit", "--records", "100", "--threads", "2",
                "--duration", "2", "--rate", "50", "--read-pct", "0", "--no-progress");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("target 50 ops/s").doesNotContain("| read ");
        Matcher total = Pattern.compile("\\| total +\\| +([0-9,]+) \\|").matcher(r.out());
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1).replace(",", ""))).as("2 s at 50 ops/s").isBetween(1L, 110L);
        assertThat(r.err()).doesNotContain("ops/s");
    }

    @Test
    void clusterShowsNodesNamespacesPartitionsAndLag() {
        String nodeName = Cli.run("info", "-p", port, "node").out().strip().split("\t")[1];
        Cli.Run r = Cli.run("cluster", "--url", "http://127.0.0.1:" + node.httpPort());
        assertThat(r.exit()).as(r.toString()).isZero();
        String out = r.out();
        assertThat(out).contains("1 node(s)", "| " + nodeName + " ", "127.0.0.1:" + node.httpPort(),
                "127.0.0.1:" + port, node.kafkaBootstrap());
        assertThat(out).containsPattern("\\| test +\\| RUNNING \\| +8 \\| +1 \\|")
                .containsPattern("\\| small +\\| RUNNING \\| +4 \\| +1 \\|");
        assertThat(out).contains("Namespace test: 8 partitions", "Namespace small: 4 partitions", "| partition |",
                "| lag |");
        Matcher rows = Pattern.compile("(?m)^\\| +([0-9]+) \\| 127\\.0\\.0\\.1:" + node.httpPort()
                + " \\| - +\\| +([0-9]+) \\|$").matcher(out);
        int count = 0;
        while (rows.find()) {
            count++;
        }
        assertThat(count).as("a row with a numeric lag per partition of both namespaces").isEqualTo(12);
        assertThat(out).doesNotContain("lag: unknown");

        Cli.Run noLag = Cli.run("cluster", "--url", "http://127.0.0.1:" + node.httpPort(), "--no-lag");
        assertThat(noLag.exit()).isZero();
        assertThat(noLag.out()).contains("lag: not asked (--no-lag)");
    }
}
