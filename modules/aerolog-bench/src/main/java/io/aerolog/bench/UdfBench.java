package io.aerolog.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
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
 * What a record UDF costs per call next to the plain writes it stands for, in one run:
 * <ul>
 * <li>through Aerospike's Java client against a node: a put of one bin, an operate that adds to a bin and
 * reads it back, and a Lua UDF that does the same add and returns the new value. Each client thread makes
 * the three calls in turn on the same key, so all three are measured under the same load at the same
 * moments (a shared machine's noise falls on each alike); the latencies are compared;</li>
 * <li>in this process, the engine alone: applying the operate's command and the UDF's command to a record,
 * microseconds per call, which is the UDF's own CPU cost (a fresh Lua sandbox per call, the module's
 * compiled form cached).</li>
 * </ul>
 */
@Command(name = "aerolog udf-bench", mixinStandardHelpOptions = true,
        description = "Record UDF vs put and operate, per call, against a running node's Aerospike port.")
public final class UdfBench implements Callable<Integer> {
    static final String MODULE = "bench_incr.lua";
    static final String SOURCE = """
            function incr(r, bin, by)
              r[bin] = (r[bin] or 0) + by
              if aerospike:exists(r) then aerospike:update(r) else aerospike:create(r) end
              return r[bin]
            end
            """;

    @Option(names = "--host", description = "a node's Aerospike host (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "its Aerospike port (default: ${DEFAULT-VALUE})")
    int port = 3000;
    @Option(names = "--namespace", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace = "test";
    @Option(names = "--threads", description = "client threads (default: ${DEFAULT-VALUE})")
    int threads = 16;
    @Option(names = "--records", description = "keys written (default: ${DEFAULT-VALUE})")
    int records = 10_000;
    @Option(names = "--duration", description = "seconds measured (default: ${DEFAULT-VALUE})")
    double duration = 10;
    @Option(names = "--warmup", description = "seconds of unmeasured calls first (default: ${DEFAULT-VALUE})")
    double warmup = 3;
    @Option(names = "--engine-calls", description = "calls of each kind applied in process (default: ${DEFAULT-VALUE})")
    int engineCalls = 20_000;

    private static final String SET = "udfbench";
    private static final String[] KINDS = {"put (1 bin)", "operate (add + get)", "execute record UDF (add + return)"};

    /** One call on key {@code record}; false when it did not do what it should. */
    @FunctionalInterface
    interface Call {
        boolean call(int record) throws Exception;
    }

    /** The results through the client, in order: put, operate, UDF. */
    List<Stats.OpResult> results;
    /** Microseconds per call in the engine alone: operate's command, then the UDF's. */
    double[] engineMicros;

    @Override
    public Integer call() throws Exception {
        engineMicros = EngineCost.measure(SOURCE, engineCalls);
        ClientPolicy cp = new ClientPolicy();
        cp.timeout = 10_000;
        try (AerospikeClient client = new AerospikeClient(cp, host, port)) {
            client.registerUdfString(null, SOURCE, MODULE, Language.LUA).waitTillComplete(100, 30_000);
            WritePolicy wp = new WritePolicy();
            wp.totalTimeout = 10_000;
            wp.socketTimeout = 10_000;
            Call put = i -> {
                client.put(wp, key(i), new Bin("n", i));
                return true;
            };
            Call operate = i -> client.operate(wp, key(i), Operation.add(new Bin("n", 1)), Operation.get("n")) != null;
            Call udf = i -> client.execute(wp, key(i), "bench_incr", "incr", Value.get("n"), Value.get(1)) instanceof Long;
            Call[] calls = {put, operate, udf};
            run(calls, warmup);
            results = run(calls, duration);
            System.out.print(Report.markdown(results));
            Stats.OpResult p = results.get(0);
            Stats.OpResult o = results.get(1);
            Stats.OpResult u = results.get(2);
            System.out.printf("%nthrough the client, each thread making the three calls in turn: record UDF / operate"
                    + " %.2fx the median latency, record UDF / put %.2fx%n", (double) u.p50Nanos() / o.p50Nanos(),
                    (double) u.p50Nanos() / p.p50Nanos());
            System.out.printf("in the engine alone (%,d calls each): operate's command %.1f us, the UDF's %.1f us"
                    + " per call (%.1fx)%n", engineCalls, engineMicros[0], engineMicros[1], engineMicros[1] / engineMicros[0]);
            return results.stream().mapToLong(Stats.OpResult::errors).sum() == 0 ? 0 : 1;
        }
    }

    private Key key(int i) {
        return new Key(namespace, SET, "r" + i);
    }

    /** Each thread calls put, operate and UDF in turn on one random key until {@code seconds} pass. */
    private List<Stats.OpResult> run(Call[] calls, double seconds) throws InterruptedException {
        List<List<LatencyLog>> logs = new ArrayList<>();
        AtomicLong[] errors = new AtomicLong[calls.length];
        for (int k = 0; k < calls.length; k++) {
            logs.add(new ArrayList<>());
            errors[k] = new AtomicLong();
        }
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + (long) (seconds * Duration.ofSeconds(1).toNanos());
        for (int t = 0; t < threads; t++) {
            LatencyLog[] mine = new LatencyLog[calls.length];
            for (int k = 0; k < calls.length; k++) {
                mine[k] = new LatencyLog(100_000);
                logs.get(k).add(mine[k]);
            }
            SplittableRandom random = new SplittableRandom(42 + t);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int record = random.nextInt(records);
                    for (int k = 0; k < calls.length; k++) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = calls[k].call(record);
                        } catch (Exception e) {
                            ok = false;
                        }
                        mine[k].record(System.nanoTime() - t0);
                        if (!ok) {
                            errors[k].incrementAndGet();
                        }
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - start;
        List<Stats.OpResult> out = new ArrayList<>();
        for (int k = 0; k < calls.length; k++) {
            out.add(Stats.summarize("call", LatencyLog.mergeSorted(logs.get(k)), elapsed, errors[k].get()).named(KINDS[k]));
        }
        return out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UdfBench()).execute(args));
    }
}
