package io.aerolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aerolog.server.CliTestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The tool against a real node with access control on: each command logs in with -U/-P, and says so when it must. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerologCliSecuredIT {
    private static final String PASSWORD = "admin-secret";
    private CliTestNode node;
    private String port;

    @BeforeAll
    void start() throws Exception {
        node = CliTestNode.startSecured(PASSWORD);
        port = Integer.toString(node.aerospikePort());
        ClientPolicy admin = new ClientPolicy();
        admin.user = "admin";
        admin.password = PASSWORD;
        try (AerospikeClient client = new AerospikeClient(admin, "127.0.0.1", node.aerospikePort())) {
            // admin administers users only, as Aerospike's default admin does; writes need a read-write user
            client.createUser(null, "writer", "writer-pw", java.util.List.of("read-write"));
        }
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void infoLogsInAndAnswersAsWithoutAccessControl() {
        Cli.Run denied = Cli.run("info", "-p", port, "namespaces");
        assertThat(denied.exit()).as(denied.toString()).isNotZero();

        Cli.Run info = Cli.run("info", "-p", port, "-U", "admin", "-P", PASSWORD, "namespaces", "build");
        assertThat(info.exit()).as(info.toString()).isZero();
        assertThat(info.out().lines().toList()).hasSize(2);
        assertThat(info.out()).startsWith("namespaces\t").contains("test");

        Cli.Run wrong = Cli.run("info", "-p", port, "-U", "admin", "-P", "wrong", "namespaces");
        assertThat(wrong.exit()).as(wrong.toString()).isNotZero();
        assertThat(wrong.err()).contains("cannot log in").contains("-U USER -P PASSWORD");
    }

    @Test
    void sqlWritesAndReadsAsTheUser() {
        Cli.Run insert = Cli.run("sql", "-p", port, "-U", "writer", "-P", "writer-pw", "-e",
                "INSERT INTO test.secured (PK, n) VALUES ('k', 7)", "-e", "SELECT n FROM test.secured WHERE PK = 'k'");
        assertThat(insert.exit()).as(insert.toString()).isZero();
        assertThat(insert.out()).contains("OK, 1 record affected.").contains("| 7 |");
    }

    @Test
    void clusterSendsTheSameUserOverHttp() {
        String url = "http://127.0.0.1:" + node.httpPort();
        Cli.Run denied = Cli.run("cluster", "--url", url, "--no-lag");
        assertThat(denied.exit()).as(denied.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(denied.err()).contains("401").contains("-U USER");

        Cli.Run cluster = Cli.run("cluster", "--url", url, "--no-lag", "-U", "admin", "-P", PASSWORD);
        assertThat(cluster.exit()).as(cluster.toString()).isZero();
        assertThat(cluster.out()).contains("node-");
    }

    @Test
    void aPasswordWithoutAUserIsAMistake() {
        Cli.Run run = Cli.run("info", "-p", port, "-P", PASSWORD, "namespaces");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("-P/--password needs -U/--user");
    }
}
