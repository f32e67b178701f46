package io.aerolog.bench;

import io.aerolog.client.AerologClient;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.core.Key;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * GET throughput of a cluster read two ways in one run: through the smart Java client, which sends
 * each read to the key's owner, and through plain HTTP to one node, which forwards the reads it does
 * not own (its answers parsed as JSON too, as the client parses them). Prints one Markdown table with
 * both and their ratio.
 */
@Command(name = "aerolog client-bench", mixinStandardHelpOptions = true,
        description = "Smart-client vs forwarding GET throughput against a running cluster.")
public final class ClientBench implements Callable<Integer> {
    @Option(names = "--seeds", split = ",", description = "node URLs (default: ${DEFAULT-VALUE})")
    List<String> seeds = List.of("http://127.0.0.1:8080", "http://127.0.0.1:8081", "http://127.0.0.1:8082");
    @Option(names = "--namespace", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--threads", description = "client threads (default: ${DEFAULT-VALUE})")
    int threads = 16;
    @Option(names = "--records", description = "records loaded and read (default: ${DEFAULT-VALUE})")
    int records = 10_000;
    @Option(names = "--duration", description = "seconds of each measured read phase (default: ${DEFAULT-VALUE})")
    int duration = 10;
    @Option(names = "--warmup", description = "seconds of unmeasured reads before each phase (default: ${DEFAULT-VALUE})")
    int warmup = 3;

    private static final String SET = "clientbench";

    @Override
    public Integer call() throws Exception {
        try (AerologClient client = AerologClient.connect(ClientPolicy.DEFAULT, seeds.toArray(String[]::new))) {
            load(client);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = seeds.get(0).replaceAll("/+$", "") + "/v1/kvs/" + namespace + "/" + SET + "/";
            Reader smart = i -> client.get(Policy.DEFAULT, Key.of(namespace, SET, "r" + i)) != null;
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            Reader forwarding = i -> {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "r" + i)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return r.statusCode() == 200 && json.readTree(r.body()).has("bins");
            };
            phase(smart, warmup);
            io.aerolog.client.ClientStats before = client.stats();
            Stats.OpResult s = phase(smart, duration).named("get, smart client");
            io.aerolog.client.ClientStats after = client.stats();
            long forwardedSmart = after.forwarded() - before.forwarded();
            long refreshes = after.mapRefreshes() - before.mapRefreshes();
            long retries = after.retries() - before.retries();
            phase(forwarding, warmup);
            Stats.OpResult f = phase(forwarding, duration).named("get, via " + seeds.get(0) + " (forwarding)");
            System.out.print(Report.markdown(List.of(s, f)));
            System.out.printf("%nsmart / forwarding throughput: %.2fx; during the smart phase: %d requests forwarded, "
                    + "%d map refreshes, %d retries%n", s.opsPerSec() / f.opsPerSec(), forwardedSmart, refreshes, retries);
            return s.errors() + f.errors() == 0 ? 0 : 1;
        }
    }

    private void load(AerologClient client) throws InterruptedException {
        List<Thread> loaders = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            Thread loader = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
                    client.put(WritePolicy.DEFAULT, Key.of(namespace, SET, "r" + i), Bin.of("v", "x".repeat(100)));
                }
            });
            loader.start();
            loaders.add(loader);
        }
        for (Thread t : loaders) {
            t.join();
        }
    }

    @FunctionalInterface
    interface Reader {
        boolean read(int record) throws Exception;
    }

    private Stats.OpResult phase(Reader reader, int seconds) throws InterruptedException {
        List<LatencyLog> logs = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        for (int t = 0; t < threads; t++) {
            LatencyLog log = new LatencyLog(100_000);
            logs.add(log);
            SplittableRandom random = new SplittableRandom(42 + t);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = reader.read(random.nextInt(records));
                    } catch (Exception e) {
                        ok = false;
                    }
                    log.record(System.nanoTime() - t0);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            w.join();
        }
        return Stats.summarize("get", LatencyLog.mergeSorted(logs), System.nanoTime() - start, errors.get());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClientBench()).execute(args));
    }
}
