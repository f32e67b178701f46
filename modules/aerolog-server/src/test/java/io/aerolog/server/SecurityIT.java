package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRead;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.admin.Privilege;
import com.aerospike.client.admin.PrivilegeCode;
import com.aerospike.client.admin.Role;
import com.aerospike.client.admin.User;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Aerospike's access control on a real node, through Aerospike's own Java client and plain sockets: logins
 * and their refusals, what an anonymous connection may do, roles limiting each user to its namespaces
 * and sets (single records, operate and batches), the whole user and role administration round trip with
 * Aerospike's result codes, and the same users over HTTP Basic authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecurityIT {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";
    private TestNode node;
    private AerospikeClient admin;
    private final List<AerospikeClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start(c -> {
            c.security.enabled = true;
            c.security.passwordHashCost = 4;
            c.security.admin.password = ADMIN_PASSWORD;
        });
        admin = client(ADMIN, ADMIN_PASSWORD);
        admin.createUser(null, "rw", "rw-pw", List.of("read-write"));
        admin.createUser(null, "reader", "reader-pw", List.of("read"));
        admin.createRole(null, "test-writer", List.of(privilege(PrivilegeCode.WRITE, "test", null)));
        admin.createUser(null, "writer", "writer-pw", List.of("test-writer"));
        admin.createRole(null, "orders-clerk", List.of(privilege(PrivilegeCode.READ_WRITE, "test", "orders"),
                privilege(PrivilegeCode.READ, "small", null)));
        admin.createUser(null, "clerk", "clerk-pw", List.of("orders-clerk"));
    }

    @AfterAll
    void stop() {
        clients.forEach(AerospikeClient::close);
        if (node != null) {
            node.close();
        }
    }

    static Privilege privilege(PrivilegeCode code, String namespace, String set) {
        Privilege p = new Privilege();
        p.code = code;
        p.namespace = namespace;
        p.setName = set;
        return p;
    }

    AerospikeClient client(String user, String password) {
        ClientPolicy policy = new ClientPolicy();
        policy.user = user;
        policy.password = password;
        policy.timeout = 10_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        AerospikeClient c = new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
        clients.add(c);
        return c;
    }

    private static int code(Runnable r) {
        try {
            r.run();
            return ResultCode.OK;
        } catch (AerospikeException e) {
            return e.getResultCode();
        }
    }

    @Test
    void aClientLogsInAndWrongCredentialsAreRefusedWithAerospikesCodes() throws Exception {
        AerospikeClient rw = client("rw", "rw-pw");
        Key key = new Key("test", "users", "login");
        rw.put(null, key, new Bin("name", "Ada"));
        assertThat(rw.get(null, key).getString("name")).isEqualTo("Ada");

        assertThatThrownBy(() -> client("rw", "wrong")).isInstanceOf(AerospikeException.class)
                .hasMessageContaining("Error 62");
        try (RawWire wire = new RawWire(node.node.aerospikePort())) {
            assertThat(wire.login("rw", "wrong")).isEqualTo(ResultCode.INVALID_PASSWORD);
            assertThat(wire.login("nobody", "x")).isEqualTo(ResultCode.INVALID_USER);
            assertThat(wire.login("rw", "rw-pw")).isZero();
            assertThat(wire.token).hasSize(41);
            assertThat(wire.ttl).isEqualTo(86_400);
            assertThat(wire.info("node")).startsWith("node\t");
        }
    }

    @Test
    void anAnonymousConnectionMayOnlyLogIn() throws Exception {
        byte[] token;
        try (RawWire wire = new RawWire(node.node.aerospikePort())) {
            assertThat(wire.info("node")).isEqualTo("ERROR:80:not authenticated\n");
            assertThat(wire.read("test", "users")).isEqualTo(ResultCode.NOT_AUTHENTICATED);
            assertThat(wire.admin(9)).as("query users").isEqualTo(ResultCode.NOT_AUTHENTICATED);
            assertThat(wire.login("reader", "reader-pw")).isZero();
            token = wire.token;
            assertThat(wire.read("test", "users")).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        }
        try (RawWire wire = new RawWire(node.node.aerospikePort())) {
            byte[] forged = token.clone();
            forged[40] ^= 1;
            assertThat(wire.authenticate("reader", forged)).isEqualTo(ResultCode.INVALID_CREDENTIAL);
            assertThat(wire.authenticate("rw", token)).as("another user's token").isEqualTo(ResultCode.INVALID_CREDENTIAL);
            assertThat(wire.read("test", "users")).isEqualTo(ResultCode.NOT_AUTHENTICATED);
            assertThat(wire.authenticate("reader", token)).isZero();
            assertThat(wire.read("test", "users")).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
            assertThat(wire.info("namespaces")).isEqualTo("namespaces\ttest;small\n");
        }
    }

    @Test
    void rolesLimitEachUserToItsNamespacesAndSets() {
        AerospikeClient rw = client("rw", "rw-pw");
        Key order = new Key("test", "orders", "o1");
        Key user = new Key("test", "users", "u1");
        Key small = new Key("small", "things", "t1");
        Key noSet = new Key("test", null, "n1");
        for (Key k : List.of(order, user, small, noSet)) {
            rw.put(null, k, new Bin("v", 1));
        }

        AerospikeClient reader = client("reader", "reader-pw");
        assertThat(reader.get(null, user).getInt("v")).isEqualTo(1);
        assertThat(code(() -> reader.put(null, user, new Bin("v", 2)))).isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(code(() -> reader.delete(null, user))).isEqualTo(ResultCode.ROLE_VIOLATION);

        AerospikeClient clerk = client("clerk", "clerk-pw");
        clerk.put(null, order, new Bin("v", 5));
        assertThat(clerk.get(null, order).getInt("v")).isEqualTo(5);
        assertThat(clerk.get(null, small).getInt("v")).isEqualTo(1);
        assertThat(code(() -> clerk.get(null, user))).as("another set").isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(code(() -> clerk.put(null, small, new Bin("v", 2)))).as("read only there")
                .isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(code(() -> clerk.get(null, noSet))).as("the null set").isEqualTo(ResultCode.ROLE_VIOLATION);

        AerospikeClient writer = client("writer", "writer-pw");
        writer.put(null, user, new Bin("v", 7));
        assertThat(code(() -> writer.get(null, user))).isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(code(() -> writer.operate(null, user, Operation.add(new Bin("v", 1)), Operation.get("v"))))
                .as("an operate that reads needs read too").isEqualTo(ResultCode.ROLE_VIOLATION);
        writer.operate(null, user, Operation.add(new Bin("v", 1)));
        assertThat(rw.get(null, user).getInt("v")).isEqualTo(8);
        assertThat(code(() -> writer.put(null, small, new Bin("v", 3)))).isEqualTo(ResultCode.ROLE_VIOLATION);

        assertThat(code(() -> admin.get(null, user))).as("user-admin alone reads nothing")
                .isEqualTo(ResultCode.ROLE_VIOLATION);

        BatchPolicy all = new BatchPolicy();
        all.respondAllKeys = true;
        List<BatchRead> batch = List.of(new BatchRead(order, true), new BatchRead(user, true),
                new BatchRead(small, true));
        clerk.get(all, batch);
        assertThat(batch).extracting(b -> b.resultCode).containsExactly(ResultCode.OK, ResultCode.ROLE_VIOLATION,
                ResultCode.OK);
        assertThat(batch.get(0).record.getInt("v")).isEqualTo(5);
    }

    @Test
    void infoCommandsThatChangeTheNodeNeedTheirPermission() throws Exception {
        admin.createRole(null, "orders-truncator", List.of(privilege(PrivilegeCode.TRUNCATE, "test", "orders")));
        admin.createUser(null, "truncator", "truncator-pw", List.of("orders-truncator", "read"));
        admin.createUser(null, "operator", "operator-pw", List.of("sys-admin"));
        String setConfig = "set-config:context=service;proto-fd-max=100";
        String truncateOrders = "truncate:namespace=test;set=orders";
        int port = node.node.aerospikePort();
        try (RawWire reader = new RawWire(port)) {
            assertThat(reader.login("reader", "reader-pw")).isZero();
            assertThat(reader.info("node\n" + setConfig)).startsWith("node\t").endsWith("\n" + setConfig
                    + "\tERROR:81:role violation - requires permission 'set-config'\n");
            assertThat(reader.info(truncateOrders))
                    .isEqualTo(truncateOrders + "\tERROR:81:role violation - requires permission 'truncate'\n");
        }
        try (RawWire truncator = new RawWire(port)) {
            assertThat(truncator.login("truncator", "truncator-pw")).isZero();
            assertThat(truncator.info(truncateOrders)).startsWith(truncateOrders + "\t").doesNotContain("ERROR:81");
            assertThat(truncator.info("truncate:namespace=test;set=users")).as("another set").contains("ERROR:81");
            assertThat(truncator.info("truncate-namespace:namespace=test")).as("the whole namespace")
                    .contains("ERROR:81");
            assertThat(truncator.info(setConfig)).contains("ERROR:81");
        }
        try (RawWire operator = new RawWire(port)) {
            assertThat(operator.login("operator", "operator-pw")).isZero();
            assertThat(operator.info(setConfig)).startsWith(setConfig + "\t").doesNotContain("ERROR:81");
            assertThat(operator.info(truncateOrders)).startsWith(truncateOrders + "\t").doesNotContain("ERROR:81");
        }
    }

    @Test
    void backgroundJobsNeedOpsQueryOrUdfQueryAndAnAbortNeedsQueryAdmin() throws Exception {
        AerospikeClient rw = client("rw", "rw-pw");
        Key key = new Key("test", "jobs", "j1");
        rw.put(null, key, new Bin("v", 1));
        com.aerospike.client.query.Statement stmt = new com.aerospike.client.query.Statement();
        stmt.setNamespace("test");
        stmt.setSetName("jobs");
        AerospikeClient reader = client("reader", "reader-pw");
        assertThat(code(() -> reader.execute(null, stmt, Operation.add(new Bin("v", 1))))).as("read has no ops-query")
                .isEqualTo(ResultCode.ROLE_VIOLATION);
        com.aerospike.client.query.Statement udf = new com.aerospike.client.query.Statement();
        udf.setNamespace("test");
        udf.setSetName("jobs");
        assertThat(code(() -> rw.execute(null, udf, "nomodule", "f"))).as("read-write has no udf-query")
                .isEqualTo(ResultCode.ROLE_VIOLATION);
        rw.execute(null, stmt, Operation.add(new Bin("v", 1))).waitTillComplete(20, 30_000);
        assertThat(rw.get(null, key).getInt("v")).isEqualTo(2);
        try (RawWire raw = new RawWire(node.node.aerospikePort())) {
            assertThat(raw.login("rw", "rw-pw")).isZero();
            assertThat(raw.info("query-abort:trid=1"))
                    .isEqualTo("query-abort:trid=1\tERROR:81:role violation - requires permission 'query-admin'\n");
            assertThat(raw.info("query-show")).startsWith("query-show\t").doesNotContain("ERROR");
        }
    }

    @Test
    void userAndRoleAdministrationRoundTrip() throws Exception {
        admin.createRole(null, "auditor", List.of(privilege(PrivilegeCode.READ, "test", "orders")));
        Role auditor = admin.queryRole(null, "auditor");
        assertThat(auditor.privileges).extracting(p -> p.code + ":" + p.namespace + ":" + p.setName)
                .containsExactly("read:test:orders");
        admin.grantPrivileges(null, "auditor", List.of(privilege(PrivilegeCode.READ, "small", null)));
        admin.revokePrivileges(null, "auditor", List.of(privilege(PrivilegeCode.READ, "test", "orders")));
        assertThat(admin.queryRole(null, "auditor").privileges).extracting(p -> p.code + ":" + p.namespace)
                .containsExactly("read:small");
        assertThat(admin.queryRoles(null)).extracting(r -> r.name).contains("auditor", "read", "read-write",
                "read-write-udf", "write", "sys-admin", "user-admin", "data-admin", "orders-clerk");

        admin.createUser(null, "ada", "pw-1", List.of("read"));
        assertThat(admin.queryUser(null, "ada").roles).containsExactly("read");
        admin.grantRoles(null, "ada", List.of("read-write", "auditor"));
        admin.revokeRoles(null, "ada", List.of("read"));
        User ada = admin.queryUser(null, "ada");
        assertThat(ada.roles).containsExactly("auditor", "read-write");
        assertThat(admin.queryUsers(null)).extracting(u -> u.name).contains("admin", "ada", "rw", "clerk");

        AerospikeClient asAda = client("ada", "pw-1");
        Key key = new Key("test", "ada", "k");
        asAda.put(null, key, new Bin("v", 1));
        assertThat(admin.queryUser(null, "ada").connsInUse).isPositive();
        asAda.changePassword(null, "ada", "pw-2");
        try (RawWire wire = new RawWire(node.node.aerospikePort())) {
            assertThat(wire.login("ada", "pw-1")).isEqualTo(ResultCode.INVALID_PASSWORD);
            assertThat(wire.login("ada", "pw-2")).isZero();
        }
        assertThat(asAda.get(null, key).getInt("v")).as("a logged-in connection goes on").isEqualTo(1);
        admin.changePassword(null, "ada", "pw-3");
        assertThat(client("ada", "pw-3").get(null, key).getInt("v")).isEqualTo(1);

        assertThat(code(() -> admin.createUser(null, "ada", "x", List.of()))).isEqualTo(ResultCode.USER_ALREADY_EXISTS);
        assertThat(code(() -> admin.createUser(null, "", "x", List.of()))).isEqualTo(ResultCode.INVALID_USER);
        assertThat(code(() -> admin.createUser(null, "bo", "x", List.of("no-such-role"))))
                .isEqualTo(ResultCode.INVALID_ROLE);
        assertThat(code(() -> admin.queryUser(null, "nobody"))).isEqualTo(ResultCode.INVALID_USER);
        assertThat(code(() -> admin.dropUser(null, "nobody"))).isEqualTo(ResultCode.INVALID_USER);
        assertThat(code(() -> admin.grantRoles(null, "ada", List.of("no-such-role")))).isEqualTo(ResultCode.INVALID_ROLE);
        assertThat(code(() -> admin.createRole(null, "auditor", List.of()))).isEqualTo(ResultCode.ROLE_ALREADY_EXISTS);
        assertThat(code(() -> admin.createRole(null, "read", List.of()))).isEqualTo(ResultCode.ROLE_ALREADY_EXISTS);
        assertThat(code(() -> admin.dropRole(null, "read"))).as("predefined").isEqualTo(ResultCode.INVALID_ROLE);
        assertThat(code(() -> admin.queryRole(null, "no-such-role"))).isEqualTo(ResultCode.INVALID_ROLE);
        assertThat(code(() -> admin.grantPrivileges(null, "auditor", List.of()))).isEqualTo(ResultCode.INVALID_PRIVILEGE);
        assertThat(code(() -> admin.setQuotas(null, "auditor", 100, 0))).isEqualTo(ResultCode.QUOTAS_NOT_ENABLED);
        assertThat(code(() -> admin.setWhitelist(null, "auditor", List.of("10.0.0.0/8"))))
                .isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
        assertThat(code(() -> admin.changePassword(null, "ada", "pw-3"))).isEqualTo(ResultCode.FORBIDDEN_PASSWORD);
        assertThat(code(() -> asAda.createUser(null, "mallory", "x", List.of("user-admin"))))
                .isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(code(() -> asAda.queryUsers(null))).isEqualTo(ResultCode.ROLE_VIOLATION);

        admin.dropRole(null, "auditor");
        assertThat(admin.queryUser(null, "ada").roles).containsExactly("read-write");
        admin.dropUser(null, "ada");
        assertThat(code(() -> asAda.get(null, key))).as("its user dropped, a connection is no one's")
                .isEqualTo(ResultCode.NOT_AUTHENTICATED);
        try (RawWire wire = new RawWire(node.node.aerospikePort())) {
            assertThat(wire.login("ada", "pw-3")).isEqualTo(ResultCode.INVALID_USER);
        }
    }

    // ---- HTTP

    private HttpResponse<String> request(String method, String path, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int resultCode(HttpResponse<String> r) throws Exception {
        return TestNode.JSON.readTree(r.body()).get("resultCode").asInt();
    }

    @Test
    void httpTakesTheSameUsersAsBasicCredentials() throws Exception {
        assertThat(request("GET", "/health", null, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = request("GET", "/v1/kvs/test/orders/h1", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(resultCode(anonymous)).isEqualTo(ResultCode.NOT_AUTHENTICATED);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm="));
        HttpResponse<String> wrong = request("GET", "/v1/kvs/test/orders/h1", null, "clerk", "wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(resultCode(wrong)).isEqualTo(ResultCode.INVALID_PASSWORD);
        assertThat(resultCode(request("GET", "/v1/info", null, "nobody", "x"))).isEqualTo(ResultCode.INVALID_USER);
        assertThat(request("GET", "/v1/info", null, null, null).statusCode()).isEqualTo(401);
        assertThat(request("GET", "/metrics", null, null, null).statusCode()).isEqualTo(401);

        assertThat(request("POST", "/v1/kvs/test/orders/h1", "{\"v\": 1}", "clerk", "clerk-pw").statusCode())
                .isEqualTo(201);
        assertThat(request("GET", "/v1/kvs/test/orders/h1", null, "clerk", "clerk-pw").body()).contains("\"v\":1");
        HttpResponse<String> otherSet = request("POST", "/v1/kvs/test/users/h1", "{\"v\": 1}", "clerk", "clerk-pw");
        assertThat(otherSet.statusCode()).isEqualTo(403);
        assertThat(resultCode(otherSet)).isEqualTo(ResultCode.ROLE_VIOLATION);
        assertThat(request("POST", "/v1/kvs/small/things/h1", "{\"v\": 1}", "clerk", "clerk-pw").statusCode())
                .isEqualTo(403);
        assertThat(request("GET", "/v1/kvs/small/things/h1", null, "clerk", "clerk-pw").statusCode()).isEqualTo(404);
        assertThat(request("DELETE", "/v1/kvs/test/orders/h1", null, "reader", "reader-pw").statusCode())
                .isEqualTo(403);
        assertThat(request("POST", "/v1/operate/test/orders/h1", "[{\"operation\": \"READ\", \"opValues\":"
                + " {\"bin\": \"v\"}}]", "reader", "reader-pw").statusCode()).isEqualTo(200);
        assertThat(request("POST", "/v1/operate/test/orders/h1", "[{\"operation\": \"ADD\", \"opValues\":"
                + " {\"bin\": \"v\", \"incr\": 1}}]", "reader", "reader-pw").statusCode()).isEqualTo(403);
        assertThat(request("POST", "/v1/operate/test/orders/h1", "[{\"operation\": \"ADD\", \"opValues\":"
                + " {\"bin\": \"v\", \"incr\": 1}}, {\"operation\": \"READ\", \"opValues\": {\"bin\": \"v\"}}]",
                "writer", "writer-pw").statusCode()).as("reads need read").isEqualTo(403);
        String orders = "[{\"key\": {\"namespace\": \"test\", \"setName\": \"orders\", \"userKey\": \"h1\"},"
                + " \"readAllBins\": true}]";
        String mixed = "[{\"key\": {\"namespace\": \"test\", \"setName\": \"orders\", \"userKey\": \"h1\"}},"
                + " {\"key\": {\"namespace\": \"test\", \"setName\": \"users\", \"userKey\": \"h1\"}}]";
        assertThat(request("POST", "/v1/batch", orders, "clerk", "clerk-pw").statusCode()).isEqualTo(200);
        assertThat(request("POST", "/v1/batch", mixed, "clerk", "clerk-pw").statusCode()).isEqualTo(403);
        assertThat(request("GET", "/v1/info", null, "reader", "reader-pw").statusCode()).isEqualTo(200);
        assertThat(request("GET", "/v1/cluster", null, "reader", "reader-pw").statusCode()).isEqualTo(200);
        assertThat(request("GET", "/metrics", null, "reader", "reader-pw").statusCode()).isEqualTo(200);

        Record written = client("clerk", "clerk-pw").get(null, new Key("test", "orders", "h1"));
        assertThat(written.getInt("v")).as("the record HTTP wrote, through Aerospike's client").isEqualTo(1);
    }
}
