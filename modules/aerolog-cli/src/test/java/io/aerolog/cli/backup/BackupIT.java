package io.aerolog.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.IndexType;
import io.aerolog.cli.AerologCli;
import io.aerolog.cli.ExitCode;
import io.aerolog.server.CliTestNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * aerolog backup and restore against a real node (the server's TestNode: Kafka broker in this JVM, Kafka
 * Streams over RocksDB, Aerospike's protocol on loopback), checked by what Aerospike's own client reads
 * back and by parsing the files.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BackupIT {
    static CliTestNode node;
    static AerospikeClient client;
    static String port;
    @TempDir
    static Path dir;

    /** What one run printed and its exit code. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        node = CliTestNode.start();
        port = Integer.toString(node.aerospikePort());
        // generous timeouts: the machine running the tests may be busy
        com.aerospike.client.policy.ClientPolicy policy = new com.aerospike.client.policy.ClientPolicy();
        policy.timeout = 30_000;
        for (com.aerospike.client.policy.Policy p : List.of(policy.readPolicyDefault, policy.writePolicyDefault,
                policy.scanPolicyDefault)) {
            p.socketTimeout = 30_000;
            p.totalTimeout = 30_000;
        }
        policy.infoPolicyDefault.timeout = 30_000;
        client = new AerospikeClient(policy, new com.aerospike.client.Host("127.0.0.1", node.aerospikePort()));
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

    static Run cli(String... args) {
        return cliWithInput(new ByteArrayInputStream(new byte[0]), args);
    }

    static Run cliWithInput(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            String[] all = new String[args.length + 4];
            all[0] = args[0];
            all[1] = "-p";
            all[2] = port;
            all[3] = "--timeout";
            all[4] = "30000";
            System.arraycopy(args, 1, all, 5, args.length - 1);
            exit = AerologCli.execute(in, o, e, all);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    /** Every record of ns[.set] as Aerospike's client scans it: digest (hex) to key, bins, ttl. */
    static Map<String, Record> scan(String ns, String set, Map<String, Value> keys) {
        Map<String, Record> out = new ConcurrentHashMap<>();
        client.scanAll(new ScanPolicy(client.getScanPolicyDefault()), ns, set, (key, record) -> {
            String hex = HexFormat.of().formatHex(key.digest);
            out.put(hex, record);
            if (keys != null && key.userKey != null) {
                keys.put(hex, key.userKey);
            }
        });
        return out;
    }

    static List<BackupRecord> records(Path file) throws Exception {
        List<BackupRecord> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            BackupReader reader = new BackupReader(new java.io.BufferedInputStream(in));
            BackupEntry e;
            while ((e = reader.next()) != null) {
                if (e instanceof BackupRecord r) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Test
    void everyParticleTypeKeysTtlIndexesAndUdfsRoundTrip() throws Exception {
        WritePolicy keyed = new WritePolicy(client.getWritePolicyDefault());
        keyed.sendKey = true;
        WritePolicy digestOnly = new WritePolicy(client.getWritePolicyDefault());
        WritePolicy ttl = new WritePolicy(client.getWritePolicyDefault());
        ttl.sendKey = true;
        ttl.expiration = 3600;
        Map<String, Object> sorted = new TreeMap<>(Map.of("a", 1L, "b", List.of("x", 2L)));
        for (int i = 0; i < 20; i++) {
            Key key = i % 3 == 0 ? new Key("test", "rt", "k" + i) : i % 3 == 1 ? new Key("test", "rt", (long) i)
                    : new Key("test", "rt", new byte[] {1, 2, (byte) i});
            client.put(i % 2 == 0 ? keyed : i % 5 == 1 ? ttl : digestOnly, key,
                    new Bin("i", (long) i * -1_000_000_007L), new Bin("d", i + 0.1), new Bin("s", "line\nbreak é " + i),
                    new Bin("b", new byte[] {0, 10, 32, (byte) i}), new Bin("z", i % 2 == 0),
                    new Bin("l", List.of((long) i, "two", List.of(3.5, new byte[] {4}))),
                    new Bin("m", Map.of("k", (long) i, "n", Map.of(1L, "one"))),
                    new Bin("om", sorted, MapOrder.KEY_ORDERED),
                    new Bin("g", Value.getAsGeoJSON("{\"type\": \"Point\", \"coordinates\": [" + i + ".5, 37.5]}")),
                    new Bin("with space", "x"));
            client.operate(null, key, HLLOperation.add(HLLPolicy.Default, "h",
                    List.of(Value.get("a" + i), Value.get("b"), Value.get("c")), 10));
        }
        client.createIndex(null, "test", "rt", "rt_i", "i", IndexType.NUMERIC).waitTillComplete(100, 30_000);
        client.registerUdfString(null, "function f(r)\n  return 1\nend\n", "backup_it.lua", Language.LUA)
                .waitTillComplete(100, 30_000);
        Map<String, Value> keysBefore = new ConcurrentHashMap<>();
        Map<String, Record> before = scan("test", "rt", keysBefore);
        assertThat(before).hasSize(20);
        assertThat(keysBefore).hasSize(10 + 4 - 2);

        Path file = dir.resolve("rt.asb");
        Run backup = ok(cli("backup", "-n", "test", "-s", "rt", "-o", file.toString()));
        assertThat(backup.out()).contains("backup of test.rt: 20 records")
                .contains("count check: 20 records written, 20 objects in test.rt: match");
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("Version 3.1\n# namespace test\n# first-file\n")
                .contains("* u L backup_it.lua 29 function f(r)\n  return 1\nend\n\n")
                .contains("* i test rt rt_i N 1 i N\n")
                .contains("- Y h ").contains("- L l ").contains("- M m ").contains("- G g ").contains("- Z z T\n")
                .contains("- S with\\ space 1 x\n");
        assertThat(Files.exists(dir.resolve("rt.asb.state"))).as("the state is removed once done").isFalse();

        client.truncate(null, "test", "rt", null);
        client.dropIndex(null, "test", "rt", "rt_i").waitTillComplete(100, 30_000);
        client.removeUdf(null, "backup_it.lua");
        awaitEmpty("test", "rt");

        Run restore = ok(cli("restore", "-i", file.toString()));
        assertThat(restore.out()).contains("restore of " + file + " (records read): 20 records").contains("1 UDF module(s) and 1 index(es) created")
                .contains("count check: 20 records read = 20 written + 0 skipped (0 expired, 0 existed, 0 fresher) + 0 failed: match");
        Map<String, Value> keysAfter = new ConcurrentHashMap<>();
        Map<String, Record> after = scan("test", "rt", keysAfter);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(keysAfter).as("keys sent are stored again, digest-only records stay digest-only").isEqualTo(keysBefore);
        for (Map.Entry<String, Record> e : before.entrySet()) {
            Record a = after.get(e.getKey());
            Record b = e.getValue();
            assertThat(a.bins.keySet()).isEqualTo(b.bins.keySet());
            for (String bin : b.bins.keySet()) {
                Object x = a.bins.get(bin);
                Object y = b.bins.get(bin);
                assertThat(comparable(x)).as(bin).isEqualTo(comparable(y));
            }
            assertThat(a.getMap("om")).isInstanceOf(TreeMap.class);
            if (b.expiration == 0) {
                assertThat(a.expiration).isZero();
            } else {
                assertThat(a.getTimeToLive()).isBetween(b.getTimeToLive() - 60, b.getTimeToLive());
            }
        }
        assertThat(Info.request(null, client.getNodes()[0], "sindex-list:ns=test")).contains("indexname=rt_i");
        assertThat(Info.request(null, client.getNodes()[0], "udf-list")).contains("backup_it.lua");
    }

    @Test
    void aWholeNamespaceToStandardOutputAndBack() throws Exception {
        for (int i = 0; i < 30; i++) {
            client.put(null, new Key("small", i % 3 == 0 ? null : "s" + (i % 3), i), new Bin("v", i));
        }
        Run backup = ok(cli("backup", "-n", "small", "-o", "-", "--no-udfs"));
        assertThat(backup.err()).contains("backup of small: 30 records")
                .contains("count check: 30 records written, 30 objects in small: match");
        Map<String, Record> before = scan("small", null, null);
        client.truncate(null, "small", null, null);
        awaitEmpty("small", null);
        Run restore = ok(cliWithInput(new ByteArrayInputStream(backup.out().getBytes(StandardCharsets.ISO_8859_1)),
                "restore", "-i", "-"));
        assertThat(restore.out()).contains("30 records read = 30 written");
        Map<String, Record> after = scan("small", null, null);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((digest, r) -> assertThat(r.getLong("v")).isEqualTo(before.get(digest).getLong("v")));
    }

    @Test
    void anInterruptedBackupResumesAndHoldsEachRecordOnce() throws Exception {
        for (int i = 0; i < 500; i++) {
            client.put(null, new Key("test", "resume", i), new Bin("v", i), new Bin("pad", "x".repeat(50)));
        }
        Path file = dir.resolve("resume.asb");
        Run first = ok(cli("backup", "-n", "test", "-s", "resume", "-o", file.toString(), "--max-records", "137"));
        assertThat(first.out()).contains("stopped at --max-records: " + file + " holds 137 records")
                .contains("--resume");
        assertThat(records(file)).hasSize(137);
        assertThat(Files.exists(dir.resolve("resume.asb.state"))).isTrue();

        Run refused = cli("backup", "-n", "test", "-s", "resume", "-o", file.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("exists: --resume continues an interrupted backup");

        Run second = ok(cli("backup", "-n", "test", "-s", "resume", "-o", file.toString(), "--resume",
                "--max-records", "300"));
        assertThat(second.out()).contains("holds 300 records");
        Run last = ok(cli("backup", "-n", "test", "-s", "resume", "-o", file.toString(), "--resume"));
        assertThat(last.out()).contains("count check: 500 records written, 500 objects in test.resume: match");
        List<BackupRecord> records = records(file);
        assertThat(records).hasSize(500);
        assertThat(records.stream().map(r -> HexFormat.of().formatHex(r.digest())).distinct().count()).isEqualTo(500);
        assertThat(records.stream().map(r -> r.bins().get(0).value()).distinct().count()).isEqualTo(500);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).startsWith("Version 3.1\n");
        assertThat(Files.exists(dir.resolve("resume.asb.state"))).isFalse();
    }

    @Test
    void restorePoliciesAreAsrestores() throws Exception {
        Key key = new Key("test", "pol", "k");
        client.put(null, key, new Bin("a", 1));
        Path file = dir.resolve("pol.asb");
        ok(cli("backup", "-n", "test", "-s", "pol", "-o", file.toString(), "--no-udfs", "--no-indexes"));
        client.put(null, key, new Bin("a", 5), new Bin("b", 2));

        Run fresher = ok(cli("restore", "-i", file.toString()));
        assertThat(fresher.out()).contains("1 records read = 0 written + 1 skipped (0 expired, 0 existed, 1 fresher)");
        assertThat(client.get(null, key).getLong("a")).isEqualTo(5);

        Run unique = ok(cli("restore", "-i", file.toString(), "--unique", "--no-generation"));
        assertThat(unique.out()).contains("0 written + 1 skipped (0 expired, 1 existed, 0 fresher)");
        assertThat(client.get(null, key).getLong("a")).isEqualTo(5);

        ok(cli("restore", "-i", file.toString(), "--no-generation"));
        Record updated = client.get(null, key);
        assertThat(updated.getLong("a")).isEqualTo(1);
        assertThat(updated.getLong("b")).as("an update keeps bins the file does not have").isEqualTo(2);

        ok(cli("restore", "-i", file.toString(), "--replace", "--no-generation"));
        assertThat(client.get(null, key).bins).isEqualTo(Map.of("a", 1L));

        Run both = cli("restore", "-i", file.toString(), "--replace", "--unique");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMalformedFileIsRefusedAtItsLine() throws Exception {
        Path file = dir.resolve("bad.asb");
        Key abc = new Key("test", "bad", "abc");
        String digest64 = java.util.Base64.getEncoder().encodeToString(abc.digest);
        Files.writeString(file, "Version 3.1\n# namespace test\n+ k S 3 abc\n+ n test\n+ d " + digest64 + "\n"
                + "+ s bad\n+ g 1\n+ t 0\n+ b 1\n- I v 7\n"
                + "+ n test\n+ d FRYXGBkaGxwdHh8gISIjJCUmJyg=\n+ g 1\n+ t 0\n+ b 1\n- I v seven\n");
        Run run = cli("restore", "-i", file.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains(file + ": line 16: expected an integer, found 'seven'");
        assertThat(run.out()).contains("1 records read = 1 written");
        assertThat(client.get(null, abc).getLong("v"))
                .as("the records before the bad line were restored").isEqualTo(7);

        Run notABackup = cli("restore", "-i", dir.resolve("nothing.asb").toString());
        assertThat(notABackup.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notABackup.err()).contains("no file");
    }

    @Test
    void aBackupFromTheChangesTopicEqualsAScanBackup() throws Exception {
        WritePolicy keyed = new WritePolicy(client.getWritePolicyDefault());
        keyed.sendKey = true;
        for (int i = 100; i < 120; i++) {
            client.put(keyed, new Key("test", "chg", i), new Bin("v", i));
        }
        client.truncate(null, "test", "chg", null);
        awaitEmpty("test", "chg");
        for (int i = 0; i < 60; i++) {
            client.put(i % 2 == 0 ? keyed : null, new Key("test", "chg", i), new Bin("v", i),
                    new Bin("l", List.of("a", (long) i)), new Bin("m", new TreeMap<>(Map.of("k", (long) i))),
                    new Bin("s", "s" + i));
        }
        for (int i = 0; i < 10; i++) {
            client.delete(null, new Key("test", "chg", i));
            client.put(null, new Key("test", "chg", 10 + i), new Bin("v", 1000 + i));
        }
        client.put(null, new Key("test", "chg-other", 1), new Bin("v", 1));
        Path scanFile = dir.resolve("chg-scan.asb");
        ok(cli("backup", "-n", "test", "-s", "chg", "-o", scanFile.toString(), "--no-udfs", "--no-indexes"));
        Map<String, String> fromScan = byDigest(records(scanFile));
        assertThat(fromScan).hasSize(50);

        Path changesFile = dir.resolve("chg-changes.asb");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, String> fromChanges;
        do {
            Run run = ok(cli("backup", "--from-changes", "--bootstrap-server", node.kafkaBootstrap(), "-n", "test",
                    "-s", "chg", "-o", changesFile.toString(), "--remove-files"));
            assertThat(run.out()).contains("point in time: the end offsets of aerolog.test.changes");
            fromChanges = byDigest(records(changesFile));
        } while (!fromChanges.equals(fromScan) && System.nanoTime() < deadline);
        assertThat(fromChanges).isEqualTo(fromScan);
    }

    /** A bin value with its byte arrays (nested ones too) as hex, so that equals compares contents. */
    private static Object comparable(Object v) {
        if (v instanceof byte[] b) {
            return "bytes:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Value.HLLValue h) {
            return "hll:" + HexFormat.of().formatHex(h.getBytes());
        }
        if (v instanceof List<?> l) {
            return l.stream().map(BackupIT::comparable).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(comparable(k), comparable(x)));
            return out;
        }
        return v == null ? null : v.getClass().getSimpleName() + ":" + v;
    }

    /** Each record as one comparable line: key, set, generation, void time and bins. */
    private static Map<String, String> byDigest(List<BackupRecord> records) {
        Map<String, String> out = new TreeMap<>();
        for (BackupRecord r : records) {
            StringBuilder s = new StringBuilder().append(r.key() == null ? "-" : r.key().value()).append(' ')
                    .append(r.set()).append(" g").append(r.generation()).append(" t").append(r.voidTime());
            for (BackupBin b : r.bins()) {
                s.append(' ').append(b.name()).append(':').append(b.type()).append(':')
                        .append(b.value() instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : b.value());
            }
            out.put(HexFormat.of().formatHex(r.digest()), s.toString());
        }
        return out;
    }

    private static void awaitEmpty(String ns, String set) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!scan(ns, set, null).isEmpty()) {
            assertThat(System.nanoTime()).as("the truncate of " + ns + "." + set + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
