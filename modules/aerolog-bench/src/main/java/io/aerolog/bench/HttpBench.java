package io.aerolog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP benchmark: against a running Aerolog node, over a fixed number of persistent HTTP/1.1
 * keep-alive connections (one {@link HttpClient} per worker, used by one request at a time, so each
 * holds exactly one connection), closed loop:
 * <ol>
 *   <li>put: writes {@code --records} records with {@code PUT /v1/kvs/{ns}/{set}/{key}?recordExistsAction=UPDATE},
 *       record {@code i} on worker {@code i % connections}; latency percentiles and throughput;</li>
 *   <li>get: for {@code --duration} seconds, every worker reads random loaded keys
 *       ({@link SplittableRandom} seeded by {@code --seed}); throughput and latency percentiles.</li>
 * </ol>
 * Each phase is preceded by {@code --warmup} seconds of the same kind of request, not counted (warm-up
 * writes go to their own keys). Every non-2xx answer or failed request is an error: counted, reported,
 * and the run exits 1. Prints a Markdown table on stdout and writes it, a CSV of it and the run's
 * options and machine to {@code --out}.
 */
@Command(name = "aerolog bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmarks a running Aerolog node over HTTP: PUT latency, then GET throughput.")
public final class HttpBench implements Callable<Integer> {
    static final int DEFAULT_RECORDS = 10_000;
    static final int DEFAULT_DURATION = 10;
    static final int DEFAULT_WARMUP = 3;
    /** Distinct request bodies built up front; record i sends body i % BODY_POOL. */
    static final int BODY_POOL = 256;
    /** A worker gives up after this many requests in a row that got no HTTP answer at all. */
    static final int MAX_CONSECUTIVE_FAILURES = 100;
    static final int ERROR_SAMPLES = 10;

    @Option(names = "--url", description = "Base URL of the node (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--namespace", description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace = "test";
    @Option(names = "--set", description = "Set (default: ${DEFAULT-VALUE}).")
    String set = "bench";
    @Option(names = "--connections", description = "Persistent connections = worker threads (default: ${DEFAULT-VALUE}).")
    int connections = 16;
    @Option(names = "--records", description = "Records written in the put phase and read in the get phase (default: "
            + DEFAULT_RECORDS + ", --quick: 1000).")
    Integer records;
    @Option(names = "--bins", description = "Bins per record, named f0, f1, ... (default: ${DEFAULT-VALUE}).")
    int bins = 10;
    @Option(names = "--value-size", description = "Length of each bin's string value (default: ${DEFAULT-VALUE}).")
    int valueSize = 100;
    @Option(names = "--duration", description = "Seconds of the measured get phase (default: " + DEFAULT_DURATION
            + ", --quick: 2).")
    Integer duration;
    @Option(names = "--warmup", description = "Seconds of unmeasured load before each phase (default: " + DEFAULT_WARMUP
            + ", --quick: 1).")
    Integer warmup;
    @Option(names = "--quick", description = "Smoke run: records 1000, duration 2, warmup 1 (options given explicitly win).")
    boolean quick;
    @Option(names = "--seed", description = "Seed of the random keys and values (default: ${DEFAULT-VALUE}).")
    long seed = 42;
    @Option(names = "--timeout", description = "Per-request timeout in seconds; a timeout is an error (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;
    @Option(names = "--wait-ready", description = "Seconds to wait for the node's /health to answer 200 (default: ${DEFAULT-VALUE}).")
    int waitReadySeconds = 30;
    @Option(names = "--out", description = "Directory for results.md, results.csv and run.json "
            + "(default: ./bench-results/<timestamp>/).")
    Path out;

    private String[] args = new String[0];
    /** Release time of the running phase; written before the release latch opens, so workers see it. */
    private long phaseStart;
    private final PrintStream stdout = System.out;
    private final PrintStream log = System.err;

    public static void main(String[] args) {
        HttpBench bench = new HttpBench();
        bench.args = args.clone();
        System.exit(new CommandLine(bench).execute(args));
    }

    /** Errors of one phase (or warm-up), shared by its workers. */
    private static final class ErrorLog {
        final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        final List<String> samples = new CopyOnWriteArrayList<>();

        void add(String what) {
            count.incrementAndGet();
            if (samples.size() < ERROR_SAMPLES) {
                samples.add(what);
            }
        }
    }

    /** One connection: its client, used by one request at a time. */
    private static final class Worker {
        final int id;
        final HttpClient client;
        int consecutiveFailures;

        Worker(int id, HttpClient client) {
            this.id = id;
            this.client = client;
        }
    }

    @FunctionalInterface
    private interface WorkerLoop {
        /** {@code start} is the phase's release time (System.nanoTime), the same for every worker. */
        void run(Worker w, LatencyLog latencies, ErrorLog errors, long start) throws InterruptedException;
    }

    private record PhaseOutcome(long[] sortedNanos, long elapsedNanos, long errors, List<String> errorSamples) {
    }

    @Override
    public Integer call() throws Exception {
        int nRecords = records != null ? records : quick ? 1000 : DEFAULT_RECORDS;
        int durationS = duration != null ? duration : quick ? 2 : DEFAULT_DURATION;
        int warmupS = warmup != null ? warmup : quick ? 1 : DEFAULT_WARMUP;
        if (connections < 1 || nRecords < 1 || bins < 1 || valueSize < 0 || durationS < 1 || warmupS < 0
                || timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "need --connections >= 1, --records >= 1, --bins >= 1, --value-size >= 0, --duration >= 1, "
                            + "--warmup >= 0, --timeout >= 1");
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Path outDir = out != null ? out
                : Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Map<String, Object> machine = machine();

        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("url", base);
        effective.put("namespace", namespace);
        effective.put("set", set);
        effective.put("connections", connections);
        effective.put("records", nRecords);
        effective.put("bins", bins);
        effective.put("valueSize", valueSize);
        effective.put("durationSeconds", durationS);
        effective.put("warmupSeconds", warmupS);
        effective.put("seed", seed);
        effective.put("timeoutSeconds", timeoutSeconds);

        String kvs = base + "/v1/kvs/" + enc(namespace) + "/" + enc(set) + "/";
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpRequest.BodyPublisher[] bodies = bodies(Math.min(nRecords, BODY_POOL));
        String runTag = Long.toString(seed, 36);

        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
        List<Worker> workers = new ArrayList<>();
        Map<String, Object> warmups = new LinkedHashMap<>();
        List<Stats.OpResult> results = new ArrayList<>();
        List<String> errorSamples = new ArrayList<>();
        long totalErrors = 0;
        try {
            for (int i = 0; i < connections; i++) {
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                workers.add(new Worker(i, client));
            }
            // Worker 0's client asks, so that no connection beyond the workers' stays open.
            if (!awaitReady(workers.get(0).client, base)) {
                return 1;
            }
            // Open every worker's one connection before anything is measured.
            PhaseOutcome connect = runPhase(pool, workers, (w, lat, err, start) -> send(w,
                    HttpRequest.newBuilder(URI.create(base + "/health")).timeout(timeout).GET().build(), lat, err), 1);
            if (connect.errors > 0) {
                log.println("could not open the " + connections + " connections: " + connect.errorSamples);
                return 1;
            }

            // ---- put
            if (warmupS > 0) {
                log.printf("put warm-up: %d s on %d connections%n", warmupS, connections);
                PhaseOutcome w = runTimed(pool, workers, warmupS, (wk, lat, err, start) -> {
                    long deadline = start + warmupS * 1_000_000_000L;
                    for (int n = 0; System.nanoTime() < deadline && wk.consecutiveFailures < MAX_CONSECUTIVE_FAILURES; n++) {
                        String key = "warmup-" + runTag + "-" + wk.id + "-" + (n % 1000);
                        send(wk, put(kvs, key, bodies[n % bodies.length], timeout), lat, err);
                    }
                });
                warmups.put("put", Map.of("requests", w.sortedNanos.length, "errors", w.errors));
                totalErrors += w.errors;
                errorSamples.addAll(w.errorSamples);
            }
            log.printf("put: %d records (%d bins x %d bytes) on %d connections%n", nRecords, bins, valueSize, connections);
            PhaseOutcome puts = runPhase(pool, workers, (wk, lat, err, start) -> {
                for (int r = wk.id; r < nRecords && wk.consecutiveFailures < MAX_CONSECUTIVE_FAILURES; r += connections) {
                    send(wk, put(kvs, key(r), bodies[r % bodies.length], timeout), lat, err);
                }
            }, nRecords / connections + 1);
            results.add(Stats.summarize("put", puts.sortedNanos, puts.elapsedNanos, puts.errors));
            totalErrors += puts.errors;
            errorSamples.addAll(puts.errorSamples);

            // ---- get
            SplittableRandom root = new SplittableRandom(seed);
            SplittableRandom[] warmRandoms = new SplittableRandom[connections];
            SplittableRandom[] randoms = new SplittableRandom[connections];
            for (int i = 0; i < connections; i++) {
                warmRandoms[i] = root.split();
                randoms[i] = root.split();
            }
            if (warmupS > 0) {
                log.printf("get warm-up: %d s%n", warmupS);
                PhaseOutcome w = runTimed(pool, workers, warmupS, getLoop(kvs, nRecords, warmupS, warmRandoms, timeout));
                warmups.put("get", Map.of("requests", w.sortedNanos.length, "errors", w.errors));
                totalErrors += w.errors;
                errorSamples.addAll(w.errorSamples);
            }
            log.printf("get: %d s over %d keys%n", durationS, nRecords);
            PhaseOutcome gets = runTimed(pool, workers, durationS, getLoop(kvs, nRecords, durationS, randoms, timeout));
            results.add(Stats.summarize("get", gets.sortedNanos, gets.elapsedNanos, gets.errors));
            totalErrors += gets.errors;
            errorSamples.addAll(gets.errorSamples);
        } finally {
            pool.shutdownNow();
        }

        String table = Report.markdown(results);
        StringBuilder md = new StringBuilder();
        md.append("# Aerolog HTTP benchmark\n\n");
        md.append("- command: `ops/aerolog bench ").append(shellJoin(args)).append("`\n");
        md.append("- effective options: ").append(effective).append('\n');
        md.append("- machine: ").append(machine).append('\n');
        md.append("- put: ").append(nRecords).append(" records of ").append(bins).append(" bins x ").append(valueSize)
                .append("-byte strings, PUT ?recordExistsAction=UPDATE; get: ").append(durationS)
                .append(" s of random GETs; closed loop on ").append(connections)
                .append(" keep-alive HTTP/1.1 connections; latencies in ms; ops and percentiles include errors\n");
        if (!warmups.isEmpty()) {
            md.append("- warm-up (not in the table): ").append(warmups).append('\n');
        }
        md.append('\n').append(table);
        if (totalErrors > 0) {
            md.append("\n**").append(totalErrors).append(" errors** (warm-up included); first ones:\n\n");
            for (String s : errorSamples) {
                md.append("- ").append(s.replace('\n', ' ')).append('\n');
            }
        }
        stdout.print(md);
        stdout.flush();

        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("results.md"), md.toString());
        Files.writeString(outDir.resolve("results.csv"), Report.csv(results));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "ops/aerolog bench " + shellJoin(args));
        run.put("args", List.of(args));
        run.put("options", effective);
        run.put("machine", machine);
        run.put("warmup", warmups);
        run.put("errors", totalErrors);
        run.put("errorSamples", errorSamples);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("run.json").toFile(), run);
        log.println("wrote " + outDir.toAbsolutePath().normalize());

        if (totalErrors > 0) {
            log.println("FAILED: " + totalErrors + " requests failed (see above)");
            return 1;
        }
        return 0;
    }

    private WorkerLoop getLoop(String kvs, int nRecords, int seconds, SplittableRandom[] randoms, Duration timeout) {
        return (wk, lat, err, start) -> {
            SplittableRandom rnd = randoms[wk.id];
            long deadline = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline && wk.consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(kvs + key(rnd.nextInt(nRecords))))
                        .timeout(timeout).GET().build();
                send(wk, req, lat, err);
            }
        };
    }

    static String key(int record) {
        return "bench-" + record;
    }

    private static HttpRequest put(String kvs, String key, HttpRequest.BodyPublisher body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(kvs + key + "?recordExistsAction=UPDATE"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .PUT(body)
                .build();
    }

    /** Sends one request, records its latency, counts it as an error unless it answered 2xx. */
    private void send(Worker w, HttpRequest req, LatencyLog latencies, ErrorLog errors) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> resp = w.client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            latencies.record(System.nanoTime() - start);
            w.consecutiveFailures = 0;
            int status = resp.statusCode();
            if (status < 200 || status > 299) {
                String body = new String(resp.body(), StandardCharsets.UTF_8);
                errors.add(req.method() + " " + req.uri().getRawPath() + " -> " + status + " "
                        + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            }
        } catch (IOException e) {
            latencies.record(System.nanoTime() - start);
            w.consecutiveFailures++;
            errors.add(req.method() + " " + req.uri().getRawPath() + " -> " + e);
            if (w.consecutiveFailures == MAX_CONSECUTIVE_FAILURES) {
                errors.add("worker " + w.id + " stopped after " + MAX_CONSECUTIVE_FAILURES
                        + " failed requests in a row");
            }
        }
    }

    private PhaseOutcome runTimed(ExecutorService pool, List<Worker> workers, int seconds, WorkerLoop loop)
            throws InterruptedException, ExecutionException {
        return runPhase(pool, workers, loop, 1024 * Math.max(1, seconds));
    }

    /**
     * Runs {@code loop} on every worker, all released at once; elapsed = release to the last worker's end
     * (for a timed phase: its duration plus the last request in flight at the deadline).
     */
    private PhaseOutcome runPhase(ExecutorService pool, List<Worker> workers, WorkerLoop loop, int expectedPerWorker)
            throws InterruptedException, ExecutionException {
        CountDownLatch ready = new CountDownLatch(workers.size());
        CountDownLatch go = new CountDownLatch(1);
        ErrorLog errors = new ErrorLog();
        List<LatencyLog> logs = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (Worker w : workers) {
            LatencyLog lat = new LatencyLog(expectedPerWorker);
            logs.add(lat);
            w.consecutiveFailures = 0;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                loop.run(w, lat, errors, phaseStart);
                return null;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        phaseStart = start;
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        return new PhaseOutcome(LatencyLog.mergeSorted(logs), elapsed, errors.count.get(), List.copyOf(errors.samples));
    }

    /** Waits for {@code GET /health} to answer 200; false (and says why) if it does not in time. */
    private boolean awaitReady(HttpClient client, String base) throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + waitReadySeconds * 1_000_000_000L;
        String last;
        while (true) {
            try {
                HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() == 200) {
                    return true;
                }
                last = "GET /health answered " + resp.statusCode() + " " + resp.body();
            } catch (IOException e) {
                last = "GET /health failed: " + e;
            }
            if (System.nanoTime() >= deadline) {
                log.println("no ready Aerolog node at " + base + " after " + waitReadySeconds + " s (" + last
                        + "); start one with `ops/aerolog server` or pass --url");
                return false;
            }
            Thread.sleep(500);
        }
    }

    /** {@code n} JSON bodies {"f0":"...",...} of {@code bins} alphanumeric strings of {@code valueSize} chars. */
    private HttpRequest.BodyPublisher[] bodies(int n) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        HttpRequest.BodyPublisher[] out = new HttpRequest.BodyPublisher[n];
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(bins * (valueSize + 10) + 2).append('{');
            for (int b = 0; b < bins; b++) {
                if (b > 0) {
                    sb.append(',');
                }
                sb.append("\"f").append(b).append("\":\"");
                for (int c = 0; c < valueSize; c++) {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                sb.append('"');
            }
            sb.append('}');
            out[i] = HttpRequest.BodyPublishers.ofByteArray(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The arguments as a POSIX shell would need them quoted. */
    public static String shellJoin(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(!a.isEmpty() && a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        long total = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        m.put("totalMemoryMiB", total < 0 ? "unknown" : total / (1024 * 1024));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }
}
