package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The HTTP API of one node on a real broker, over real sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeApiIT {
    private TestNode node;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void createReadUpdateReplaceDelete() throws Exception {
        var created = node.post("/v1/kvs/test/users/ada",
                "{\"name\":\"Ada\",\"visits\":1,\"score\":2.5,\"tags\":[\"a\",1],\"m\":{\"k\":true},\"pic\":{\"$bytes\":\"AAEC\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("generation").asInt()).isEqualTo(1);
        assertThat(created.body().get("ttl").asLong()).isEqualTo(-1);
        assertThat(created.headers().firstValue("X-Aerolog-Consistency-Token")).isPresent();

        var read = node.get("/v1/kvs/test/users/ada");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("generation").asInt()).isEqualTo(1);
        assertThat(read.body().get("bins").toString()).isEqualTo(
                "{\"name\":\"Ada\",\"visits\":1,\"score\":2.5,\"tags\":[\"a\",1],\"m\":{\"k\":true},\"pic\":{\"$bytes\":\"AAEC\"}}");

        var selected = node.get("/v1/kvs/test/users/ada?recordBins=name,visits");
        assertThat(selected.body().get("bins").toString()).isEqualTo("{\"name\":\"Ada\",\"visits\":1}");

        var updated = node.patch("/v1/kvs/test/users/ada", "{\"visits\":2,\"score\":null}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("generation").asInt()).isEqualTo(2);
        var afterUpdate = node.get("/v1/kvs/test/users/ada").body().get("bins");
        assertThat(afterUpdate.get("visits").asInt()).isEqualTo(2);
        assertThat(afterUpdate.has("score")).as("null deletes a bin").isFalse();
        assertThat(afterUpdate.get("name").asText()).as("PATCH merges").isEqualTo("Ada");

        var replaced = node.put("/v1/kvs/test/users/ada", "{\"only\":\"this\"}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(node.get("/v1/kvs/test/users/ada").body().get("bins").toString()).isEqualTo("{\"only\":\"this\"}");

        assertThat(node.head("/v1/kvs/test/users/ada").status()).isEqualTo(200);
        assertThat(node.delete("/v1/kvs/test/users/ada").status()).isEqualTo(200);
        assertThat(node.head("/v1/kvs/test/users/ada").status()).isEqualTo(404);
        var gone = node.get("/v1/kvs/test/users/ada");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.resultCode()).isEqualTo(2);
        assertThat(gone.body().get("name").asText()).isEqualTo("KEY_NOT_FOUND_ERROR");
        assertThat(node.delete("/v1/kvs/test/users/ada").status()).isEqualTo(404);
    }

    @Test
    void everyKeyType() throws Exception {
        assertThat(node.post("/v1/kvs/test/k/42?keytype=INTEGER", "{\"a\":1}").status()).isEqualTo(201);
        assertThat(node.get("/v1/kvs/test/k/42?keytype=INTEGER").body().get("bins").get("a").asInt()).isEqualTo(1);
        assertThat(node.get("/v1/kvs/test/k/42").status()).as("string '42' is another key").isEqualTo(404);

        String b64 = Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3, (byte) 250});
        assertThat(node.post("/v1/kvs/test/k/" + b64 + "?keytype=BYTES", "{\"b\":2}").status()).isEqualTo(201);
        assertThat(node.get("/v1/kvs/test/k/" + b64 + "?keytype=BYTES").body().get("bins").get("b").asInt()).isEqualTo(2);

        Digest digest = Key.of("test", "k", 42).digest();
        String digestB64 = Base64.getUrlEncoder().encodeToString(digest.bytes());
        var byDigest = node.get("/v1/kvs/test/k/" + digestB64 + "?keytype=DIGEST");
        assertThat(byDigest.status()).isEqualTo(200);
        assertThat(byDigest.body().get("bins").get("a").asInt()).isEqualTo(1);

        assertThat(node.post("/v1/kvs/test/nokey", "{\"c\":3}").status()).as("no set in the path").isEqualTo(201);
        assertThat(node.get("/v1/kvs/test/nokey").body().get("bins").get("c").asInt()).isEqualTo(3);
    }

    @Test
    void conditionalWritesConflict() throws Exception {
        assertThat(node.post("/v1/kvs/test/c/one", "{\"v\":1}").status()).isEqualTo(201);
        var again = node.post("/v1/kvs/test/c/one", "{\"v\":2}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.resultCode()).isEqualTo(5);

        var stale = node.patch("/v1/kvs/test/c/one?generationPolicy=EXPECT_GEN_EQUAL&generation=7", "{\"v\":3}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.resultCode()).isEqualTo(3);
        assertThat(stale.body().get("message").asText()).contains("generation is 1");

        var fresh = node.patch("/v1/kvs/test/c/one?generationPolicy=EXPECT_GEN_EQUAL&generation=1", "{\"v\":4}");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().get("generation").asInt()).isEqualTo(2);

        var gt = node.patch("/v1/kvs/test/c/one?generationPolicy=EXPECT_GEN_GT&generation=2", "{\"v\":5}");
        assertThat(gt.resultCode()).isEqualTo(3);

        var missing = node.patch("/v1/kvs/test/c/absent", "{\"v\":1}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(node.put("/v1/kvs/test/c/absent", "{\"v\":1}").status()).isEqualTo(404);
        var upsert = node.put("/v1/kvs/test/c/absent?recordExistsAction=REPLACE", "{\"v\":1}");
        assertThat(upsert.status()).isEqualTo(200);

        var read = node.get("/v1/kvs/test/c/one").body();
        assertThat(read.get("bins").get("v").asInt()).as("refused writes changed nothing").isEqualTo(4);
        assertThat(read.get("generation").asInt()).isEqualTo(2);
    }

    @Test
    void operateAppliesAtomicallyAndReturnsReads() throws Exception {
        node.post("/v1/kvs/test/o/x", "{\"count\":1,\"name\":\"n\"}");
        var r = node.post("/v1/operate/test/o/x", "[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"count\",\"incr\":5}},"
                + "{\"operation\":\"APPEND\",\"opValues\":{\"bin\":\"name\",\"value\":\"!\"}},"
                + "{\"operation\":\"READ\",\"opValues\":{\"bin\":\"count\"}},{\"operation\":\"READ\",\"opValues\":{\"bin\":\"name\"}}]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("bins").toString()).isEqualTo("{\"count\":6,\"name\":\"n!\"}");
        assertThat(r.body().get("generation").asInt()).isEqualTo(2);

        var typeError = node.post("/v1/operate/test/o/x", "[{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"count\",\"incr\":1}},"
                + "{\"operation\":\"ADD\",\"opValues\":{\"bin\":\"name\",\"incr\":1}}]");
        assertThat(typeError.status()).isEqualTo(400);
        assertThat(typeError.resultCode()).isEqualTo(12);
        var after = node.get("/v1/kvs/test/o/x").body();
        assertThat(after.get("bins").get("count").asInt()).as("no part of a refused operate applies").isEqualTo(6);
        assertThat(after.get("generation").asInt()).isEqualTo(2);

        var touch = node.post("/v1/operate/test/o/x?expiration=100", "[{\"operation\":\"TOUCH\"}]");
        assertThat(touch.body().get("generation").asInt()).isEqualTo(3);
        assertThat(touch.body().get("ttl").asLong()).isBetween(99L, 100L);
    }

    @Test
    void batchReadsAnswerPerKey() throws Exception {
        node.post("/v1/kvs/test/b/1", "{\"v\":1}");
        node.post("/v1/kvs/test/b/2", "{\"v\":2,\"w\":2}");
        var r = node.post("/v1/batch", "[{\"key\":{\"namespace\":\"test\",\"setName\":\"b\",\"userKey\":\"1\"},\"readAllBins\":true},"
                + "{\"key\":{\"namespace\":\"test\",\"setName\":\"b\",\"userKey\":\"2\"},\"binNames\":[\"w\"]},"
                + "{\"key\":{\"namespace\":\"test\",\"setName\":\"b\",\"userKey\":\"3\"}},"
                + "{\"key\":{\"namespace\":\"nope\",\"setName\":\"b\",\"userKey\":\"3\"}}]");
        assertThat(r.status()).isEqualTo(200);
        var results = r.body().get("batchRecords");
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.get(0).get("record").get("bins").toString()).isEqualTo("{\"v\":1}");
        assertThat(results.get(1).get("record").get("bins").toString()).isEqualTo("{\"w\":2}");
        assertThat(results.get(2).get("resultCode").asInt()).isEqualTo(2);
        assertThat(results.get(2).get("record").isNull()).isTrue();
        assertThat(results.get(3).get("resultCode").asInt()).isEqualTo(20);

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 5000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"key\":{\"namespace\":\"test\",\"userKey\":\"").append(i).append("\"}}");
        }
        var over = node.post("/v1/batch", tooMany.append("]").toString());
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().get("message").asText()).contains("5000");
    }

    @Test
    void consistencyTokenReadsTheWrite() throws Exception {
        for (int i = 0; i < 20; i++) {
            var w = node.put("/v1/kvs/test/t/k?recordExistsAction=UPDATE", "{\"i\":" + i + "}");
            String token = w.body().get("consistencyToken").asText();
            var r = node.get("/v1/kvs/test/t/k?consistencyToken=" + token);
            assertThat(r.body().get("bins").get("i").asInt()).isEqualTo(i);
        }
        assertThat(node.get("/v1/kvs/test/t/k?consistencyToken=nonsense").resultCode()).isEqualTo(4);
        String partition = node.get("/v1/kvs/test/t/k").headers().firstValue("X-Aerolog-Consistency-Token")
                .orElse(null);
        assertThat(partition).as("reads carry no token").isNull();
        int p = io.aerolog.core.Key.of("test", "t", "k").digest().kafkaPartition(8);
        long started = System.nanoTime();
        var ahead = node.get("/v1/kvs/test/t/k?consistencyToken=" + p + ":999999999");
        assertThat(ahead.status()).as("a token beyond the log's end names no write: refused at once").isEqualTo(400);
        assertThat(ahead.resultCode()).isEqualTo(4);
        assertThat(ahead.body().get("message").asText()).contains("beyond the end");
        assertThat(System.nanoTime() - started).as("without waiting the write timeout")
                .isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void concurrentReadsAndWritesOfTheSameKeysAllComplete() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < 150; i++) {
                    String path = "/v1/kvs/test/conc/k" + (i % 5);
                    var r = thread % 2 == 0 ? node.put(path + "?recordExistsAction=UPDATE", "{\"i\":" + i + "}")
                            : node.get(path + (i % 3 == 0 ? "?replica=ANY" : ""));
                    ok += r.status() == 200 || r.status() == 404 ? 1 : 0;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (var f : done) {
            ok += f.get();
        }
        pool.shutdown();
        assertThat(ok).as("every request answered").isEqualTo(8 * 150);
    }

    @Test
    void headAnswersCarryTheResultCode() throws Exception {
        var missing = node.head("/v1/kvs/test/h/none");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Aerolog-Result-Code")).contains("2");
        var badNs = node.head("/v1/kvs/nope/h/none");
        assertThat(badNs.status()).isEqualTo(404);
        assertThat(badNs.headers().firstValue("X-Aerolog-Result-Code")).contains("20");
    }

    @Test
    void recordExpiresAtItsTtl() throws Exception {
        var w = node.put("/v1/kvs/test/ttl/a?recordExistsAction=UPDATE&expiration=1", "{\"v\":1}");
        assertThat(w.body().get("ttl").asLong()).isEqualTo(1);
        assertThat(node.get("/v1/kvs/test/ttl/a").status()).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(node.get("/v1/kvs/test/ttl/a").status()).as("absent the moment its TTL passes").isEqualTo(404);
        var recreated = node.post("/v1/kvs/test/ttl/a", "{\"v\":2}");
        assertThat(recreated.status()).as("an expired record is absent to CREATE_ONLY").isEqualTo(201);
        assertThat(recreated.body().get("generation").asInt()).as("generation restarts").isEqualTo(1);

        var never = node.put("/v1/kvs/test/ttl/b?recordExistsAction=UPDATE&expiration=-1", "{\"v\":1}");
        assertThat(never.body().get("ttl").asLong()).isEqualTo(-1);
    }

    @Test
    void badInputGetsAClearErrorAndWritesNothing() throws Exception {
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE", "{\"a\":"), 400, 4, "not valid JSON");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE", "[1,2]"), 400, 4, "JSON object of bins");
        assertError(node.put("/v1/kvs/nope/bad/k?recordExistsAction=UPDATE", "{\"a\":1}"), 404, 20, "namespace 'nope'");
        assertError(node.get("/v1/kvs/test/bad/k?keytype=FLOAT"), 400, 4, "keytype 'FLOAT'");
        assertError(node.get("/v1/kvs/test/bad/abc?keytype=INTEGER"), 400, 4, "64-bit integer");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE", "{\"sixteen_bytes_xy\":1}"), 400, 21,
                "longer than 15 bytes");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE", "{\"b\":{\"$bytes\":\"@@not base64@@\"}}"),
                400, 4, "not valid base64");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE&expiration=-7", "{\"a\":1}"), 400, 4,
                "expiration -7");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=SOMETIMES", "{\"a\":1}"), 400, 4,
                "recordExistsAction 'SOMETIMES'");
        assertError(node.put("/v1/kvs/test/bad/k?recordExistsAction=UPDATE", "{\"n\":123456789012345678901234567890}"),
                400, 4, "64 bits");
        assertError(node.post("/v1/operate/test/bad/k", "[{\"operation\":\"FLY\"}]"), 400, 4, "operation 'FLY'");
        String big = "x".repeat(11 * 1024);
        assertError(node.put("/v1/kvs/small/bad/k?recordExistsAction=UPDATE", "{\"a\":\"" + big + "\"}"), 413, 13,
                "limit of 10240 bytes");
        String huge = "x".repeat(100 * 1024);
        assertError(node.put("/v1/kvs/small/bad/k?recordExistsAction=UPDATE", "{\"a\":\"" + huge + "\"}"), 413, 13,
                "over");
        assertThat(node.get("/v1/kvs/test/bad/k").status()).as("nothing was written").isEqualTo(404);
        assertThat(node.get("/v1/kvs/small/bad/k").status()).isEqualTo(404);
        assertThat(node.get("/v1/nowhere").status()).isEqualTo(404);
        assertThat(node.get("/health").status()).as("the node keeps serving").isEqualTo(200);
    }

    @Test
    void clusterInfoHealthAndMetrics() throws Exception {
        var cluster = node.get("/v1/cluster").body();
        assertThat(cluster.get("namespaces").get("test").get("partitionMap").size()).isEqualTo(8);
        assertThat(cluster.get("namespaces").get("small").get("partitionMap").size()).isEqualTo(4);
        var info = node.get("/v1/info").body();
        assertThat(info.get("namespaces").get(0).get("name").asText()).isEqualTo("test");
        assertThat(node.get("/health").body().get("status").asText()).isEqualTo("UP");
        node.put("/v1/kvs/test/m/k?recordExistsAction=UPDATE", "{\"a\":1}");
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url("/metrics"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("aerolog_commands_applied_total{namespace=\"test\",result=\"OK\"}");
        assertThat(metrics).contains("aerolog_http_requests_seconds_count");
    }

    private static void assertError(TestNode.Response r, int status, int resultCode, String messagePart) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.resultCode()).as(r.body().toString()).isEqualTo(resultCode);
        assertThat(r.body().get("message").asText()).contains(messagePart);
        assertThat(r.body().get("name").asText()).isNotBlank();
    }
}
