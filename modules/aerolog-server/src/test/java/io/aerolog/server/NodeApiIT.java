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
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 150; i++) {
                        String path = "/v1/kvs/test/conc/k" + (i % 5);
                        var r = thread % 2 == 0 ? node.put(path + "?recordExistsAction=UPDATE", "{\"i\":" + i + "}")
                                : node.get(path + (i % 3 == 0 ? "?replica=ANY" : ""));
                        ok += r.status() == 200 || (thread % 2 == 1 && r.status() == 404) ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (var f : done) {
                ok += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(ok).as("every request answered, every write applied").isEqualTo(8 * 150);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (int k = 0; k < 5; k++) {
            assertThat(node.get("/v1/kvs/test/conc/k" + k).status()).as("k%d was written", k).isEqualTo(200);
        }
    }

    /** A write with sendKey stores the user key with the record (and publishes it); one without does not. */
    @Test
    void sendKeyStoresTheUserKeyAndPublishesIt() throws Exception {
        var sent = node.put("/v1/kvs/test/sk/ada?recordExistsAction=UPDATE&sendKey=true", "{\"a\":1}");
        assertThat(sent.status()).isEqualTo(200);
        var notSent = node.put("/v1/kvs/test/sk/bob?recordExistsAction=UPDATE", "{\"a\":1}");
        assertThat(notSent.status()).isEqualTo(200);
        var byInteger = node.put("/v1/kvs/test/sk/42?keytype=INTEGER&recordExistsAction=UPDATE&sendKey=true",
                "{\"a\":1}");
        assertThat(byInteger.status()).isEqualTo(200);

        assertThat(node.readLocal("test", Key.of("test", "sk", "ada")).orElseThrow().userKey())
                .isEqualTo(io.aerolog.core.Value.of("ada"));
        assertThat(node.readLocal("test", Key.of("test", "sk", "bob")).orElseThrow().userKey()).isNull();
        assertThat(node.readLocal("test", Key.of("test", "sk", 42)).orElseThrow().userKey())
                .isEqualTo(io.aerolog.core.Value.of(42L));
        var later = node.patch("/v1/kvs/test/sk/ada", "{\"b\":2}");
        assertThat(later.status()).isEqualTo(200);
        assertThat(node.readLocal("test", Key.of("test", "sk", "ada")).orElseThrow().userKey())
                .as("a later write without sendKey keeps the stored key").isEqualTo(io.aerolog.core.Value.of("ada"));

        String ada = Key.of("test", "sk", "ada").digest().toHex();
        String bob = Key.of("test", "sk", "bob").digest().toHex();
        java.util.Map<String, io.aerolog.core.Value> published = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!published.keySet().containsAll(java.util.List.of(ada + "/1", ada + "/2", bob + "/1"))
                && System.nanoTime() < deadline) {
            // changes are read committed: they show once their transaction commits
            for (var r : node.readTopic(io.aerolog.protocol.Topics.changes("test"), 1)) {
                io.aerolog.core.Change c = io.aerolog.core.codec.AvroCodec.decodeChange(r.value());
                if (c.set().equals("sk")) {
                    published.put(c.digest().toHex() + "/" + c.generation(), c.userKey());
                }
            }
        }
        assertThat(published).containsEntry(ada + "/1", io.aerolog.core.Value.of("ada"))
                .containsEntry(ada + "/2", io.aerolog.core.Value.of("ada")).containsKey(bob + "/1");
        assertThat(published.get(bob + "/1")).as("not sent, not published").isNull();
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

    /**
     * A record is absent once its TTL has passed (and not before): its void time is the write's time plus the TTL,
     * so it cannot expire before that many seconds after the request was sent. Polls for the expiry, with a bound.
     */
    @Test
    void recordExpiresAtItsTtl() throws Exception {
        long sent = System.currentTimeMillis();
        var w = node.put("/v1/kvs/test/ttl/a?recordExistsAction=UPDATE&expiration=5", "{\"v\":1}");
        assertThat(w.body().get("ttl").asLong()).isEqualTo(5);
        var alive = node.get("/v1/kvs/test/ttl/a");
        assertThat(alive.status()).isEqualTo(200);
        assertThat(alive.body().get("ttl").asLong()).isBetween(1L, 5L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.get("/v1/kvs/test/ttl/a").status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long gone = System.currentTimeMillis();
        assertThat(node.get("/v1/kvs/test/ttl/a").status()).as("absent once its TTL has passed").isEqualTo(404);
        assertThat(gone - sent).as("not before its TTL").isGreaterThanOrEqualTo(4_900);
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
        assertThat(node.put("/v1/kvs/test/m/k?recordExistsAction=UPDATE", "{\"a\":1}").status()).isEqualTo(200);
        String metrics = scrape();
        assertThat(metrics).contains("aerolog_commands_applied_total{namespace=\"test\",result=\"OK\"}");
        assertThat(metrics).contains("aerolog_http_request_duration_seconds_count");
    }

    /**
     * Each answer is counted under what it was: a 404 under 404 (never as a success), a refused write under its
     * result code, and the apply lag's percentile series exist and move with the writes.
     */
    @Test
    void metricsCountEachAnswerUnderWhatItWas() throws Exception {
        String getOk = "aerolog_http_request_duration_seconds_count{route=kvs.get,status=200}";
        String getMissing = "aerolog_http_request_duration_seconds_count{route=kvs.get,status=404}";
        String patchMissing = "aerolog_http_request_duration_seconds_count{route=kvs.patch,status=404}";
        String appliedOk = "aerolog_commands_applied_total{namespace=test,result=OK}";
        String appliedMissing = "aerolog_commands_applied_total{namespace=test,result=KEY_NOT_FOUND_ERROR}";
        String lagCount = "aerolog_commands_apply_lag_seconds_count{namespace=test}";
        java.util.Map<String, Double> before = series(scrape());

        for (int i = 0; i < 3; i++) {
            assertThat(node.get("/v1/kvs/test/metrics/none-" + i).status()).isEqualTo(404);
        }
        assertThat(node.patch("/v1/kvs/test/metrics/none", "{\"a\":1}").status()).isEqualTo(404);
        java.util.Map<String, Double> afterMisses = series(scrape());
        assertThat(afterMisses.get(getMissing)).isEqualTo(before.getOrDefault(getMissing, 0.0) + 3);
        assertThat(afterMisses.getOrDefault(getOk, 0.0)).as("a 404 is no success")
                .isEqualTo(before.getOrDefault(getOk, 0.0));
        assertThat(afterMisses.get(patchMissing)).isEqualTo(before.getOrDefault(patchMissing, 0.0) + 1);
        assertThat(afterMisses.get(appliedMissing)).isEqualTo(before.getOrDefault(appliedMissing, 0.0) + 1);
        assertThat(afterMisses.get(appliedOk)).as("a refused write is no success").isEqualTo(before.get(appliedOk));

        for (int i = 0; i < 5; i++) {
            assertThat(node.put("/v1/kvs/test/metrics/k" + i + "?recordExistsAction=UPDATE", "{\"a\":1}").status())
                    .isEqualTo(200);
        }
        assertThat(node.get("/v1/kvs/test/metrics/k0").status()).isEqualTo(200);
        java.util.Map<String, Double> after = series(scrape());
        assertThat(after.get(appliedOk)).isEqualTo(before.get(appliedOk) + 5);
        assertThat(after.get(getOk)).isEqualTo(afterMisses.getOrDefault(getOk, 0.0) + 1);
        assertThat(after.get(lagCount)).as("the apply lag of each command this node wrote (the refused PATCH too)")
                .isEqualTo(before.getOrDefault(lagCount, 0.0) + 6);
        for (String quantile : new String[] {"0.5", "0.99"}) {
            String series = "aerolog_commands_apply_lag_seconds{namespace=test,quantile=" + quantile + "}";
            assertThat(after).as("the apply lag's %s percentile is published", quantile).containsKey(series);
            assertThat(after.get(series)).as("and it moved with the writes").isPositive();
        }
    }

    private String scrape() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url("/metrics")))
                .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The scrape's series by name and labels (sorted, unquoted: {@code name{a=x,b=y}}) to their values. */
    static java.util.Map<String, Double> series(String scrape) {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String id = line.substring(0, space);
            int brace = id.indexOf('{');
            String name = brace < 0 ? id : id.substring(0, brace);
            java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
            if (brace >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"")
                        .matcher(id.substring(brace));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            StringBuilder key = new StringBuilder(name);
            if (!labels.isEmpty()) {
                key.append('{');
                labels.forEach((k, v) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",").append(k)
                        .append('=').append(v));
                key.append('}');
            }
            out.put(key.toString(), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    private static void assertError(TestNode.Response r, int status, int resultCode, String messagePart) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.resultCode()).as(r.body().toString()).isEqualTo(resultCode);
        assertThat(r.body().get("message").asText()).contains(messagePart);
        assertThat(r.body().get("name").asText()).isNotBlank();
    }
}
