package io.aerolog.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.security.Permission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each HTTP route needs of its user, from its path and body. */
class HttpRulesTest {
    private static final long READ = Permission.READ.bit();
    private static final long WRITE = Permission.WRITE.bit();

    private static HttpRequest request(String set, String body) {
        Map<String, List<String>> params = set == null ? Map.of("ns", List.of("test"), "key", List.of("k"))
                : Map.of("ns", List.of("test"), "set", List.of(set), "key", List.of("k"));
        return new HttpRequest("POST", "/x", "", params, null, false,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordsNeedReadOrWriteOnTheirNamespaceAndSet() {
        assertThat(HttpRules.needs("kvs.get", request("users", null)))
                .containsExactly(new HttpRules.Need("test", "users", READ));
        assertThat(HttpRules.needs("kvs.exists", request(null, null)))
                .containsExactly(new HttpRules.Need("test", "", READ));
        for (String route : List.of("kvs.post", "kvs.put", "kvs.patch", "kvs.delete")) {
            assertThat(HttpRules.needs(route, request("users", "{}"))).as(route)
                    .containsExactly(new HttpRules.Need("test", "users", WRITE));
        }
        assertThat(HttpRules.needs("info", request(null, null))).isEmpty();
        assertThat(HttpRules.needs("metrics", request(null, null))).isEmpty();
    }

    @Test
    void anOperateNeedsWhatItsOperationsDo() {
        assertThat(HttpRules.needs("operate", request("s", "[{\"operation\": \"READ\"}, {\"operation\": \"get_header\"}]")))
                .containsExactly(new HttpRules.Need("test", "s", READ));
        assertThat(HttpRules.needs("operate", request("s", "{\"opsList\": [{\"operation\": \"ADD\"}, {\"operation\": \"TOUCH\"}]}")))
                .containsExactly(new HttpRules.Need("test", "s", WRITE));
        assertThat(HttpRules.needs("operate", request("s", "[{\"operation\": \"PUT\"}, {\"operation\": \"GET\"}]")))
                .containsExactly(new HttpRules.Need("test", "s", READ | WRITE));
        assertThat(HttpRules.needs("operate", request("s", "[{\"operation\": \"LIST_APPEND\"}]")))
                .as("an operation it does not know needs both").containsExactly(new HttpRules.Need("test", "s", READ | WRITE));
        assertThat(HttpRules.needs("operate", request("s", "not json")))
                .containsExactly(new HttpRules.Need("test", "s", READ | WRITE));
    }

    @Test
    void anOperateOfTheNewOperationsIsClassedAsItsHandlerClassesIt() {
        assertThat(HttpRules.needs("operate", request("s",
                "{\"opsList\": [{\"type\": \"LIST_SIZE\", \"binName\": \"l\"},"
                        + " {\"type\": \"MAP_GET_BY_KEY\", \"binName\": \"m\", \"key\": \"a\", \"returnType\": \"VALUE\"}]}")))
                .as("/v2/operate reads").containsExactly(new HttpRules.Need("test", "s", READ));
        assertThat(HttpRules.needs("operate", request("s",
                "[{\"operation\": \"LIST_APPEND\", \"opValues\": {\"bin\": \"l\", \"value\": 1}}]")))
                .as("a list write").containsExactly(new HttpRules.Need("test", "s", WRITE));
    }

    @Test
    void aBatchNeedsWhatEachKeyDoesAndAnUnknownRouteEverything() {
        String body = "{\"batchRecords\": [{\"key\": {\"namespace\": \"test\", \"setName\": \"a\"}},"
                + " {\"key\": {\"namespace\": \"small\"}, \"type\": \"READ\"},"
                + " {\"key\": {\"namespace\": \"test\", \"setName\": \"b\"}, \"type\": \"DELETE\"}]}";
        assertThat(HttpRules.needs("batch", request(null, body))).containsExactly(new HttpRules.Need("test", "a", READ),
                new HttpRules.Need("small", "", READ), new HttpRules.Need("test", "b", READ | WRITE));
        assertThat(HttpRules.needs("batch", request(null, "{}"))).containsExactly(new HttpRules.Need(null, null,
                READ | WRITE));
        assertThat(HttpRules.needs("some.new.route", request("s", null)))
                .containsExactly(new HttpRules.Need(null, null, READ | WRITE));
    }
}
