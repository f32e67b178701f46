package io.aerolog.bench.layers;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.IndexTask;
import io.aerolog.client.kafka.AerologPartitioner;
import io.aerolog.client.kafka.CommandSerializer;
import io.aerolog.client.kafka.DigestSerializer;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Scans, secondary indexes and queries of a running node, each beside its floor measured in the same run:
 * loads {@code --records} records of {@code --value-size} bytes (Kafka-native, into a set of their own), then
 * times a full scan of the set through Aerospike's client (records/s) against one RocksDB iterator over a
 * scratch store of as many values of the node's stored size (the floor); the same scan with a filter
 * expression that holds for every record (its cost per record is the difference: the same records travel);
 * the build of a numeric index over the set (create to every partition built); numeric range queries
 * each selecting 0.1% of the records (p50/p99) against the same reads of the scratch store (a range of as many
 * entries, then a get of as many random records: what the index's range and each record's get cost RocksDB
 * alone); and, beside them, geo-within-radius queries over a geo2dsphere
 * index of the records' points (a square grid, one point each) selecting about as many. Not a timed test: a
 * report to read.
 */
@CommandLine.Command(name = "aerolog scan-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan, index build and query throughput and latency of a running node, beside their floors.")
public final class ScanBench implements Callable<Integer> {
    @Option(names = "--url", description = "Base URL of the node (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";
    @Option(names = "--namespace", description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace = "test";
    @Option(names = "--set", description = "Set the records are loaded into (default: ${DEFAULT-VALUE}).")
    String set = "scanbench";
    @Option(names = "--records", description = "Records (default: ${DEFAULT-VALUE}).")
    int records = 1_000_000;
    @Option(names = "--value-size", description = "Bytes of each record's value bin (default: ${DEFAULT-VALUE}).")
    int valueSize = 100;
    @Option(names = "--queries", description = "Range queries timed (default: ${DEFAULT-VALUE}).")
    int queries = 300;
    @Option(names = "--warmup-scans", description = "Full scans (and floor iterations) run before the timed ones:"
            + " a node's JIT compiles only what is hot, and a scan's rate rose for ten scans or more"
            + " (default: ${DEFAULT-VALUE}).")
    int warmupScans = 12;
    @Option(names = "--timed-scans", description = "Timed full scans (and floor iterations); the median is reported"
            + " (default: ${DEFAULT-VALUE}).")
    int timedScans = 3;
    @Option(names = "--warmup-queries", description = "Queries run before the timed ones (default: ${DEFAULT-VALUE}).")
    int warmupQueries = 300;
    @Option(names = "--skip-load", description = "The set is loaded already (by an earlier run).")
    boolean skipLoad;
    @Option(names = "--scratch", description = "Directory for the scratch RocksDB (default: the JVM's temp dir).")
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScanBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Node node = new Node(url);
        Node.Info info = node.info();
        if (info.aerospike() == null) {
            throw new IllegalStateException("the node has no Aerospike port");
        }
        if (!skipLoad) {
            load(node, info.kafka());
        }
        String[] hostPort = info.aerospike().split(":");
        com.aerospike.client.policy.ClientPolicy cp = new com.aerospike.client.policy.ClientPolicy();
        cp.timeout = 10_000; // a loaded machine answers the client's tending slowly
        try (AerospikeClient client = new AerospikeClient(cp, hostPort[0], Integer.parseInt(hostPort[1]))) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (client.getCluster().partitionMap.get(namespace) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the client has no partition map of " + namespace + " after 120 s");
                }
                Thread.sleep(200); // the client's tending learns the map in the background
            }
            byte[] value = new byte[valueSize];
            int stored = AvroCodec.encodeRecord(new Record(set, null, Map.of("v", Value.of(value), "n", Value.of(0L),
                    "loc", Value.ofGeoJson(point(0))), 1, 0, System.currentTimeMillis())).length;
            Files.createDirectories(scratch);
            try (RocksDbLayer db = RocksDbLayer.load(scratch, records, stored, 7)) {
                measure(client, db);
            }
        }
        return 0;
    }

    /** Scans, the index build and queries, each beside its floor on {@code db}. */
    private void measure(AerospikeClient client, RocksDbLayer db) {
        double floor = medianRate(db::iterateAll);
        ScanPolicy scan = new ScanPolicy();
        scan.socketTimeout = 60_000;
        scan.concurrentNodes = true;
        scan.maxRetries = 100;
        scan.sleepBetweenRetries = 500;
        long n = scanOnce(client, scan);
        if (n != records) {
            System.err.printf("warning: the scan returned %d records, %d were loaded%n", n, records);
        }
        double scanRate = medianRate(() -> scanOnce(client, scan));
        ScanPolicy filtered = new ScanPolicy(scan);
        filtered.filterExp = com.aerospike.client.exp.Exp.build(com.aerospike.client.exp.Exp.ge(
                com.aerospike.client.exp.Exp.intBin("n"), com.aerospike.client.exp.Exp.val(0)));
        double filteredRate = medianRate(() -> {
            long all = scanOnce(client, filtered);
            if (all != n) {
                throw new IllegalStateException("the filter n >= 0 held for " + all + " of " + n + " records");
            }
            return all;
        });
        double filterNanos = (1 / filteredRate - 1 / scanRate) * 1e9;
        System.out.printf("| measure | value | floor / target |%n|---|--:|---|%n");
        System.out.printf("| full scan of %,d records of %d B | %,.0f records/s | RocksDB iteration %,.0f records/s"
                + " (%.0f%%; target >= 50%%) |%n", n, valueSize, scanRate, floor, 100 * scanRate / floor);
        System.out.printf("| filter expression (n >= 0, holds for every record) per record | %.0f ns | - |%n", filterNanos);
        System.out.flush();

        com.aerospike.client.policy.Policy admin = new com.aerospike.client.policy.Policy();
        admin.socketTimeout = 60_000; // creating and dropping answer once every partition applied them
        admin.totalTimeout = 60_000;
        client.dropIndex(admin, namespace, set, "scanbench_n").waitTillComplete(100, 120_000);
        long t0 = System.nanoTime();
        IndexTask task = client.createIndex(admin, namespace, set, "scanbench_n", "n", IndexType.NUMERIC);
        task.waitTillComplete(50, 600_000);
        double build = seconds(t0);
        System.out.printf("| numeric index build, %,d records | %.1f s | target < 15 s |%n", records, build);
        System.out.flush();

        QueryPolicy qp = new QueryPolicy();
        qp.socketTimeout = 10_000;
        qp.maxRetries = 100;
        qp.sleepBetweenRetries = 500; // a partition that moves on a loaded node is retried, as a client would
        SplittableRandom rnd = new SplittableRandom(11);
        int width = Math.max(1, records / 1000);
        Timed range = timeQueries(client, qp, () -> {
            long from = rnd.nextInt(Math.max(1, records - width));
            return Filter.range("n", from, from + width - 1);
        });
        Histogram h = range.latency();
        long selected = range.selected();
        System.out.printf("| range query, %d records each (%.1f on average), p50 | %.2f ms | - |%n", width,
                (double) selected / queries, h.getValueAtPercentile(50) / 1e6);
        System.out.printf("| range query p99 | %.2f ms | target < 10 ms |%n", h.getValueAtPercentile(99) / 1e6);
        Histogram bare = timeFloorQueries(db, width);
        System.out.printf("| range query floor: a %d-entry range read and %d random gets of the scratch store, one"
                + " thread, p50 / p99 | %.2f / %.2f ms | the query's p50 is %.1fx its floor's |%n", width, width,
                bare.getValueAtPercentile(50) / 1e6, bare.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(50) / (double) bare.getValueAtPercentile(50));
        System.out.flush();
        geo(client, admin, qp);
    }

    /**
     * The floor of a range query selecting {@code width} records, timed as {@link #timeQueries} times queries:
     * what RocksDB alone costs to read the index's range and each selected record ({@link RocksDbLayer#query}).
     */
    private Histogram timeFloorQueries(RocksDbLayer db, int width) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        SplittableRandom rnd = new SplittableRandom(17);
        for (int q = 0; q < queries + warmupQueries; q++) {
            long start = System.nanoTime();
            if (db.query(width, rnd) == 0) {
                throw new IllegalStateException("a floor query read nothing");
            }
            if (q >= warmupQueries) {
                h.recordValue(System.nanoTime() - start);
            }
        }
        return h;
    }

    /** The latencies of timed queries, and how many records they selected in all. */
    private record Timed(Histogram latency, long selected) {
    }

    /**
     * Records per second of {@code pass} (which answers how many records it read): {@link #warmupScans} passes
     * untimed, then the median of {@link #timedScans} timed ones.
     */
    private double medianRate(java.util.function.LongSupplier pass) {
        for (int i = 0; i < warmupScans; i++) {
            pass.getAsLong();
        }
        double[] rates = new double[Math.max(1, timedScans)];
        for (int i = 0; i < rates.length; i++) {
            long t0 = System.nanoTime();
            long n = pass.getAsLong();
            rates[i] = n / seconds(t0);
        }
        java.util.Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    /** Runs {@link #warmupQueries} queries to warm up, then {@code queries} timed ones, each with the next filter of {@code filters}. */
    private Timed timeQueries(AerospikeClient client, QueryPolicy qp, java.util.function.Supplier<Filter> filters) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long selected = 0;
        for (int q = 0; q < queries + warmupQueries; q++) {
            Statement s = new Statement();
            s.setNamespace(namespace);
            s.setSetName(set);
            s.setBinNames("n");
            s.setFilter(filters.get());
            long start = System.nanoTime();
            long got = 0;
            try (RecordSet rs = client.query(qp, s)) {
                while (rs.next()) {
                    got++;
                }
            }
            if (q >= warmupQueries) {
                h.recordValue(System.nanoTime() - start);
                selected += got;
            }
        }
        return new Timed(h, selected);
    }

    /** The grid's side: records points in a square of side x side, GRID_STEP degrees apart. */
    private int side() {
        return (int) Math.ceil(Math.sqrt(records));
    }

    private static final double GRID_STEP = 0.001;

    /** Record {@code i}'s point: row and column of a square grid from (10 E, 50 N). */
    private String point(int i) {
        int side = side();
        return "{\"type\":\"Point\",\"coordinates\":[" + (10 + (i % side) * GRID_STEP) + ","
                + (50 + (i / side) * GRID_STEP) + "]}";
    }

    /** A geo2dsphere index build and geo-within-radius queries selecting about 0.1% of the points each. */
    private void geo(AerospikeClient client, com.aerospike.client.policy.Policy admin, QueryPolicy qp) {
        client.dropIndex(admin, namespace, set, "scanbench_loc").waitTillComplete(100, 120_000);
        long t0 = System.nanoTime();
        client.createIndex(admin, namespace, set, "scanbench_loc", "loc", IndexType.GEO2DSPHERE)
                .waitTillComplete(50, 600_000);
        System.out.printf("| geo2dsphere index build, %,d points | %.1f s | - |%n", records, seconds(t0));
        // a point holds GRID_STEP^2 square degrees: 111.2 km x 71.5 km (cos 50 N) per degree
        double metersPerPoint = GRID_STEP * 111_195 * GRID_STEP * 71_474;
        double radius = Math.sqrt(Math.max(1, records / 1000.0) * metersPerPoint / Math.PI);
        SplittableRandom rnd = new SplittableRandom(13);
        int side = side();
        Timed geo = timeQueries(client, qp, () -> Filter.geoWithinRadius("loc",
                10 + (0.1 + 0.8 * rnd.nextDouble()) * side * GRID_STEP,
                50 + (0.1 + 0.8 * rnd.nextDouble()) * side * GRID_STEP, radius));
        Histogram h = geo.latency();
        long selected = geo.selected();
        System.out.printf("| geo within %.0f m (%.1f records on average), p50 | %.2f ms | - |%n", radius,
                (double) selected / queries, h.getValueAtPercentile(50) / 1e6);
        System.out.printf("| geo within radius p99 | %.2f ms | beside the range query's |%n",
                h.getValueAtPercentile(99) / 1e6);
    }

    private long scanOnce(AerospikeClient client, ScanPolicy policy) {
        AtomicLong n = new AtomicLong();
        client.scanAll(policy, namespace, set, (k, r) -> n.incrementAndGet());
        return n.get();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Appends the records Kafka-natively and waits until the node applied them all. */
    private void load(Node node, String kafka) throws Exception {
        double baseline = node.applied(namespace);
        Properties kp = new Properties();
        kp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        kp.put(ProducerConfig.ACKS_CONFIG, "all");
        kp.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AerologPartitioner.class.getName());
        kp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        kp.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        kp.put(ProducerConfig.BATCH_SIZE_CONFIG, "524288");
        AtomicLong failed = new AtomicLong();
        SplittableRandom rnd = new SplittableRandom(3);
        long t0 = System.nanoTime();
        try (KafkaProducer<Digest, Command> producer = new KafkaProducer<>(kp, new DigestSerializer(), new CommandSerializer())) {
            String topic = Topics.commands(namespace);
            for (int i = 0; i < records; i++) {
                Key k = Key.of(namespace, set, "r" + i);
                byte[] v = new byte[valueSize];
                rnd.nextBytes(v);
                producer.send(new ProducerRecord<>(topic, k.digest(), Command.of(k, WritePolicy.DEFAULT,
                        System.currentTimeMillis(), Operation.write("v", Value.of(v)), Operation.write("n", Value.of((long) i)),
                        Operation.write("loc", Value.ofGeoJson(point(i))))),
                        (m, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends failed");
        }
        long stallAt = System.nanoTime();
        double last = -1;
        double done;
        while ((done = node.applied(namespace) - baseline) < records) {
            if (done > last) {
                last = done;
                stallAt = System.nanoTime();
            } else if (System.nanoTime() - stallAt > 120_000_000_000L) {
                throw new IllegalStateException("only " + (long) done + " of " + records + " applied");
            }
            Thread.sleep(500);
        }
        System.err.printf("loaded %,d records in %.1f s%n", records, seconds(t0));
    }
}
