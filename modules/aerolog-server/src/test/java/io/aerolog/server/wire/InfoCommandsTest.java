package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Digest;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.namespace.NamespaceStatistics;
import io.aerolog.server.namespace.PartitionOwners;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Each info command's answer, byte for byte in the shape Aerospike 8's server gives it. */
class InfoCommandsTest {
    static final WireServer.Settings SETTINGS = new WireServer.Settings("127.0.0.1", 3000, "127.0.0.1", "node-1", 2,
            4096, Duration.ofSeconds(300), 256L << 20, 16, 2);

    /** A namespace as the info commands see it, without Kafka. */
    record Fake(NamespaceConfig config, NamespaceStatistics.Totals totals, AtomicBoolean started, AtomicBoolean ran,
                Set<Integer> mastered) implements InfoNamespace {
        @Override
        public String cluster() {
            return "local";
        }

        @Override
        public Duration expiryScanInterval() {
            return Duration.ofMillis(10_000);
        }

        @Override
        public Path stateDir() {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }

        @Override
        public boolean running() {
            return started.get();
        }

        @Override
        public boolean hasRun() {
            return ran.get();
        }

        @Override
        public boolean mastersHere(int partition) {
            return mastered.contains(partition);
        }

        @Override
        public PartitionOwners owners() {
            Map<Integer, PartitionOwners.Owner> map = new LinkedHashMap<>();
            mastered.forEach(p -> map.put(p, new PartitionOwners.Owner(self(), List.of())));
            return PartitionOwners.of(map);
        }

        @Override
        public String self() {
            return "127.0.0.1:8080";
        }
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean ran = new AtomicBoolean(true);
    private final List<Peer> peers = new ArrayList<>();
    private final InfoCommands info;
    private final Map<String, InfoNamespace> namespaces = new LinkedHashMap<>();

    InfoCommandsTest() {
        namespaces.put("test", new Fake(NamespaceConfig.defaults("test").withDefaultTtlSeconds(3600),
                new NamespaceStatistics.Totals(5, 700, List.of(new NamespaceStatistics.SetTotals("users", 3, 300),
                        new NamespaceStatistics.SetTotals("emptied", 0, 0)), 2, true), running, ran,
                Set.of(0, 1, 2, 3, 4, 5, 6, 7)));
        namespaces.put("small", new Fake(NamespaceConfig.defaults("small").withPartitions(4)
                .withStorage(NamespaceConfig.Storage.MEMORY).withMaxRecordSize(10240),
                new NamespaceStatistics.Totals(0, 0, List.of(), 0, true), running, ran, Set.of(0, 2)));
        info = new InfoCommands(namespaces, SETTINGS, () -> List.copyOf(peers), () -> 7);
    }

    /** The answer to one command, after checking it echoes the command and a tab and ends with a newline. */
    private String ask(String command) {
        String answer = info.answer(command + "\n");
        assertThat(answer).startsWith(command + "\t").endsWith("\n");
        String value = answer.substring(command.length() + 1, answer.length() - 1);
        assertThat(value).doesNotContain("\n");
        return value;
    }

    private static Map<String, String> pairs(String answer) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : answer.split(";")) {
            int eq = pair.indexOf('=');
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    @Test
    void anUnknownCommandIsRefusedAsTheServerRefusesIt() {
        assertThat(info.answer("bins\n")).isEqualTo("bins\tERROR:4:unrecognized command\n");
        assertThat(info.answer("bins/test\n")).isEqualTo("bins/test\tERROR:4:unrecognized command\n");
        assertThat(info.answer("no-such-thing:a=b\n")).isEqualTo("no-such-thing:a=b\tERROR:4:unrecognized command\n");
        assertThat(info.answer("\n")).as("an empty line is a command with no name").isEqualTo("\tERROR:4:unrecognized command\n");
        assertThat(ask("namespaces ")).as("names are not trimmed").isEqualTo("ERROR:4:unrecognized command");
        assertThat(ask("n".repeat(40))).isEqualTo("ERROR:4:unrecognized command");
    }

    @Test
    void theEnterpriseEditionsCommandsAreRefusedAsTheCommunityEditionRefusesThem() {
        for (String command : List.of("racks:", "rack-ids", "roster:", "peers-tls-std", "service-tls-std",
                "xdr-get-filter:dc=x", "feature-key", "quiesce:")) {
            assertThat(ask(command)).as(command).isEqualTo("ERROR:25:enterprise only");
        }
    }

    @Test
    void onlyNewlineEndedLinesAreCommandsAndEachIsAnsweredInOrder() {
        assertThat(info.answer("node\nnamespaces\nbuild")).isEqualTo("node\tnode-1\nnamespaces\ttest;small\n");
        assertThat(info.answer("build\nedition\nversion\n")).isEqualTo("build\t8.0.0\nedition\tAerospike Community Edition\n"
                + "version\tAerospike Community Edition build 8.0.0\n");
    }

    @Test
    void anEmptyRequestGetsTheServersSummary() {
        String summary = info.answer("");
        List<String> names = new ArrayList<>();
        for (String line : summary.split("\n")) {
            names.add(line.substring(0, line.indexOf('\t')));
        }
        assertThat(names).containsExactly("features", "node", "compatibility-id", "edition", "build_ee_sha",
                "build_sha", "build_arch", "build_time", "build_os", "build", "version", "statistics",
                "services-alumni", "services", "partition-generation");
        assertThat(summary).contains("\nbuild\t8.0.0\n").contains("\nbuild_sha\taerolog-0.1.0\n")
                .contains("\ncompatibility-id\t15\n")
                .containsPattern("\nbuild_time\t\\w{3} \\w{3} \\d\\d [0-9:]{8} UTC \\d{4}\n");
    }

    @Test
    void theNamespaceAnswersItsStatisticsThenItsConfiguration() {
        String answer = ask("namespace/test");
        assertThat(answer).doesNotEndWith(";");
        Map<String, String> ns = pairs(answer);
        assertThat(ns).containsEntry("ns_cluster_size", "1")
                .containsEntry("effective_replication_factor", "1")
                .containsEntry("objects", "5")
                .containsEntry("master_objects", "5")
                .containsEntry("tombstones", "0")
                .containsEntry("expired_objects", "2")
                .containsEntry("unavailable_partitions", "0")
                .containsEntry("data_used_bytes", "700")
                .containsEntry("index_used_bytes", "320")
                .containsEntry("sindex_used_bytes", "0")
                .containsEntry("stop_writes", "false")
                .containsEntry("allow-ttl-without-nsup", "false")
                .containsEntry("default-read-touch-ttl-pct", "0")
                .containsEntry("default-ttl", "3600")
                .containsEntry("max-record-size", "1048576")
                .containsEntry("nsup-period", "10")
                .containsEntry("replication-factor", "1")
                .containsEntry("strong-consistency", "false")
                .containsEntry("storage-engine", "device")
                .doesNotContainKey("prole_objects");
        assertThat(List.copyOf(ns.keySet())).as("statistics first, then configuration")
                .containsSubsequence("objects", "data_used_bytes", "allow-ttl-without-nsup", "storage-engine");
        assertThat(Long.parseLong(ns.get("data_total_bytes"))).isPositive();

        Map<String, String> small = pairs(ask("namespace/small"));
        assertThat(small).containsEntry("storage-engine", "memory").containsEntry("max-record-size", "10240")
                .containsEntry("unavailable_partitions", String.valueOf(2 * Digest.PARTITIONS / 4));
        assertThat(ask("namespace:small")).as("':' also ends the name").isEqualTo(ask("namespace/small"));
    }

    @Test
    void aNamespaceNotHereIsTypeUnknown() {
        assertThat(ask("namespace/nope")).isEqualTo("type=unknown");
        assertThat(ask("namespace")).isEqualTo("type=unknown");
    }

    @Test
    void setsAreListedWithTheirPropertiesInTheServersShape() {
        String users = "objects=3:tombstones=0:data_used_bytes=300:truncate_lut=0:sindexes=0:index_populating=false:"
                + "truncating=false:default-read-touch-ttl-pct=0:default-ttl=0:disable-eviction=false:"
                + "enable-index=false:stop-writes-count=0:stop-writes-size=0;";
        String emptied = users.replace("objects=3", "objects=0").replace("data_used_bytes=300", "data_used_bytes=0");
        assertThat(ask("sets")).isEqualTo("ns=test:set=users:" + users + "ns=test:set=emptied:" + emptied);
        assertThat(ask("sets/test")).isEqualTo(ask("sets"));
        assertThat(ask("sets/small")).isEmpty();
        assertThat(ask("sets/test/users")).isEqualTo(users);
        assertThat(ask("sets/test/never-written")).isEmpty();
        assertThat(ask("sets/nope")).isEqualTo("ns_type=unknown");
        assertThat(ask("sets/nope/users")).isEqualTo("ns_type=unknown");
    }

    @Test
    void withoutIndexesTheListsAreEmptyAndAnIndexIsNotFound() {
        assertThat(ask("sindex")).isEmpty();
        assertThat(ask("sindex/test")).isEmpty();
        assertThat(ask("sindex/test/idx")).isEqualTo("ERROR:201:no index");
        assertThat(ask("sindex/nope")).isEqualTo("ns_type=unknown");
        assertThat(ask("sindex-list:")).isEmpty();
        assertThat(ask("sindex-list:ns=test;b64=true")).isEmpty();
        assertThat(ask("sindex-list:ns=test;b64=maybe")).isEqualTo("ERROR:4:bad b64");
        assertThat(ask("sindex-list:ns=nope")).as("the server checks the namespace twice")
                .isEqualTo("ERROR:20:namespace not found on node;ERROR:20:namespace not found on node");
        assertThat(ask("sindex-exists:ns=test;indexname=idx")).isEqualTo("false");
        assertThat(ask("sindex-exists:ns=nope;indexname=idx")).isEqualTo("ERROR:20:namespace not found on node");
        assertThat(ask("sindex-exists:ns=test")).as("the server goes on after this refusal")
                .isEqualTo("ERROR:4:missing 'indexname'false");
        assertThat(ask("sindex-stat:ns=test;indexname=idx")).isEqualTo("ERROR:201:no index");
    }

    @Test
    void commandsThatChangeTheClusterAreAnsweredWhenDoneInTheirLinesPlace() {
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        InfoCommands later = new InfoCommands(namespaces, SETTINGS, List::of, () -> 1,
                Map.of("truncate", p -> done.thenApply(v -> v + ":" + p)), null, false);
        String request = "build\ntruncate:namespace=test;set=s\nedition\n";
        assertThat(later.answersLater(request)).isTrue();
        assertThat(later.answersLater("build\n")).isFalse();
        java.util.concurrent.CompletableFuture<String> answer = later.answerLater(request);
        assertThat(answer).isNotDone();
        done.complete("ok");
        assertThat(answer.join()).isEqualTo("build\t" + ServerInfo.BUILD + "\ntruncate:namespace=test;set=s\tok:namespace=test;set=s\n"
                + "edition\t" + ServerInfo.EDITION + "\n");
    }

    @Test
    void getConfigAnswersEachContext() {
        String namespace = ask("get-config:context=namespace;namespace=test");
        assertThat(pairs(namespace)).containsEntry("nsup-period", "10").containsEntry("strong-consistency", "false")
                .containsEntry("replication-factor", "1").doesNotContainKey("objects");
        assertThat(namespace).doesNotEndWith(";");
        assertThat(ask("get-config:context=namespace;id=test")).isEqualTo(namespace);
        assertThat(ask("get-config:context=namespace;namespace=nope")).isEqualTo("ERROR:20:namespace not found on node");
        assertThat(ask("get-config:context=namespace")).isEqualTo("ERROR:20:missing 'namespace'");
        assertThat(ask("get-config:context=namespace;namespace=")).isEqualTo("ERROR:20:missing 'namespace' value");
        assertThat(ask("get-config:context=namespace;namespace=" + "n".repeat(40)))
                .as("the server reads it into its 1 KiB context buffer").isEqualTo("ERROR:20:namespace not found on node");
        assertThat(ask("get-config:context=namespace;namespace=" + "n".repeat(1024)))
                .isEqualTo("ERROR:20:'namespace' value too long");
        assertThat(ask("get-config:context=bogus")).isEqualTo("ERROR:4:invalid context");
        assertThat(ask("get-config:x=y")).isEqualTo("ERROR:4:missing 'context'");
        assertThat(ask("get-config:context=security")).isEmpty();
        assertThat(ask("get-config:context=xdr")).isEmpty();
        Map<String, String> service = pairs(ask("get-config:context=service"));
        assertThat(service).containsEntry("cluster-name", "local").containsEntry("node-id", "node-1")
                .containsEntry("proto-fd-max", "4096").containsEntry("proto-fd-idle-ms", "300000");
        assertThat(pairs(ask("get-config:context=network"))).containsEntry("service.port", "3000");
        assertThat(ask("get-config")).isEqualTo(ask("get-config:context=service") + ";"
                + ask("get-config:context=network"));
        assertThat(ask("config-get:context=namespace;id=test")).isEqualTo(namespace);
    }

    @Test
    void nothingCanBeSetAtRunTime() {
        assertThat(ask("set-config:context=service;proto-fd-max=10")).isEqualTo("ERROR:4:invalid set-config parameter");
        assertThat(ask("set-config:context=namespace;id=test;default-ttl=1"))
                .isEqualTo("ERROR:4:invalid set-config parameter");
        assertThat(ask("set-config:context=namespace;id=nope;default-ttl=1"))
                .isEqualTo("ERROR:20:namespace not found on node");
        assertThat(ask("set-config:context=xdr;dc=a")).isEqualTo("ERROR:25:enterprise only");
        assertThat(ask("set-config:context=nope")).isEqualTo("ERROR:4:invalid context");
        assertThat(ask("set-config:")).isEqualTo("ERROR:4:missing 'context'");
    }

    @Test
    void theNodePassesForTheCommunityEditionOfTheBuildItsFeaturesMatch() {
        assertThat(ask("build")).isEqualTo("8.0.0");
        assertThat(ask("edition")).isEqualTo("Aerospike Community Edition");
        assertThat(ask("version")).isEqualTo("Aerospike Community Edition build 8.0.0");
        assertThat(pairs(ask("release"))).containsEntry("edition", "Aerospike Community Edition")
                .containsEntry("version", "8.0.0").containsEntry("sha", "aerolog-0.1.0");
        assertThat(ask("features")).contains("pscans").contains("batch-any");
        assertThat(ask("node")).isEqualTo("node-1");
        assertThat(ask("cluster-name")).isEqualTo("local");
        assertThat(ask("status")).isEqualTo("ok");
        assertThat(ask("digests")).isEqualTo("RIPEMD160");
        assertThat(ask("partitions")).isEqualTo("4096");
        assertThat(ask("objects")).isEqualTo("5");
        assertThat(ask("connection")).isEqualTo("admin=false");
        assertThat(ask("best-practices")).isEqualTo("failed_best_practices=none");
        assertThat(ask("health-outliers")).isEmpty();
        assertThat(ask("health-stats")).isEmpty();
    }

    @Test
    void statisticsReportWhatTheNodeMeasures() {
        String answer = ask("statistics");
        assertThat(answer).doesNotEndWith(";");
        Map<String, String> stats = pairs(answer);
        assertThat(stats).containsEntry("cluster_size", "1").containsEntry("cluster_integrity", "true")
                .containsEntry("objects", "5").containsEntry("client_connections", "7")
                .containsEntry("cluster_principal", "node-1").containsEntry("migrate_partitions_remaining", "0");
        assertThat(stats.get("cluster_key")).matches("[0-9A-F]+");
        assertThat(Long.parseLong(stats.get("uptime"))).isNotNegative();
        assertThat(Long.parseLong(pairs(ask("statistics")).get("info_complete")))
                .as("requests answered before this one").isGreaterThan(Long.parseLong(stats.get("info_complete")));
    }

    @Test
    void udfsAreNotServedAndNoneIsRegistered() {
        assertThat(ask("udf-list")).isEmpty();
        assertThat(ask("udf-put:filename=a.lua;content=YQ==;content-len=4;udf-type=LUA;"))
                .isEqualTo("ERROR:16:UDFs not supported");
        assertThat(ask("udf-get:filename=a.lua")).isEqualTo("error=not_found");
        assertThat(ask("udf-get:")).isEqualTo("error=invalid_filename");
        assertThat(ask("udf-remove:filename=a.lua")).isEqualTo("ok");
        assertThat(ask("udf-remove:")).isEqualTo("error=invalid_filename");
    }

    @Test
    void thePartitionMapShowsThePartitionsThisNodeMasters() {
        String replicas = ask("replicas");
        assertThat(replicas).startsWith("test:0,1,").contains(";small:0,1,");
        byte[] small = Base64.getDecoder().decode(replicas.substring(replicas.indexOf(";small:0,1,") + 11));
        for (int p = 0; p < Digest.PARTITIONS; p++) {
            boolean set = (small[p >> 3] & (0x80 >>> (p & 7))) != 0;
            assertThat(set).as("partition " + p).isEqualTo(p % 4 == 0 || p % 4 == 2);
        }
        assertThat(ask("replicas:max=1")).isEqualTo(replicas);
        assertThat(ask("replicas:max=x")).isEqualTo("ERROR:4:bad max");
        assertThat(ask("replicas:max=")).isEqualTo("ERROR:4:missing 'max' value");
        assertThat(ask("replicas-all")).isEqualTo(replicas.replace("test:0,", "test:").replace("small:0,", "small:"));
        assertThat(ask("replicas-master")).isEqualTo(replicas.replace("test:0,1,", "test:").replace("small:0,1,", "small:"));
        byte[] all = new byte[Digest.PARTITIONS / 8];
        Arrays.fill(all, (byte) 0xFF);
        assertThat(replicas).startsWith("test:0,1," + Base64.getEncoder().encodeToString(all) + ";");
    }

    @Test
    void thePartitionGenerationIsMinusOneUntilEveryNamespaceHasRun() {
        running.set(false);
        ran.set(false);
        assertThat(ask("partition-generation")).isEqualTo("-1");
        running.set(true);
        ran.set(true);
        int generation = Integer.parseInt(ask("partition-generation"));
        assertThat(generation).isPositive();
        assertThat(ask("partition-generation")).as("unchanged while ownership is").isEqualTo(String.valueOf(generation));
    }

    @Test
    void aNamespaceThatRanAndRebalancesBeforeTheFirstAskStillGivesAPartitionGeneration() {
        running.set(false);
        assertThat(ran).isTrue();

        assertThat(Integer.parseInt(ask("partition-generation"))).isPositive();
    }

    @Test
    void peersAndServicesListTheOtherNodes() {
        assertThat(ask("peers-clear-std")).isEqualTo("1,3000,[]");
        assertThat(ask("services")).isEmpty();
        assertThat(ask("service")).isEqualTo("127.0.0.1:3000");
        assertThat(ask("service-clear-std")).isEqualTo("127.0.0.1:3000");
        assertThat(ask("admin-clear-std")).isEmpty();
        peers.add(new Peer("node-2", "10.0.0.2", 3001));
        peers.add(new Peer("node-3", "::1", 3002));
        assertThat(ask("peers-generation")).isEqualTo("2");
        assertThat(ask("peers-clear-std")).isEqualTo("2,3000,[[node-2,,[10.0.0.2:3001]],[node-3,,[[::1]:3002]]]");
        assertThat(ask("alumni-clear-std")).isEqualTo(ask("peers-clear-std"));
        assertThat(ask("services")).isEqualTo("10.0.0.2:3001;[::1]:3002");
        assertThat(pairs(ask("statistics"))).containsEntry("cluster_size", "3").containsEntry("cluster_principal", "node-3");
    }

    @Test
    void clusterStableAnswersTheClusterKeyWhenTheClusterIsAsAsked() {
        String key = pairs(ask("statistics")).get("cluster_key");
        assertThat(ask("cluster-stable:")).isEqualTo(key);
        assertThat(ask("cluster-stable:size=1;namespace=test")).isEqualTo(key);
        assertThat(ask("cluster-stable:size=2")).isEqualTo("ERROR:7:cluster not specified size");
        assertThat(ask("cluster-stable:size=x")).isEqualTo("ERROR:4:bad size");
        assertThat(ask("cluster-stable:namespace=nope")).isEqualTo("ERROR:20:namespace not found on node");
        assertThat(ask("cluster-stable:ignore-migrations=maybe")).isEqualTo("ERROR:4:bad ignore migrations");
        running.set(false);
        assertThat(ask("cluster-stable:")).isEqualTo("ERROR:7:unstable cluster");
        assertThat(ask("cluster-stable:ignore-migrations=true")).isEqualTo(key);
    }

    @Test
    void helpListsTheCommandsAUserMayAsk() {
        List<String> names = List.of(ask("help").split(";"));
        assertThat(names).contains("namespace", "namespaces", "sets", "statistics", "get-config", "sindex-list",
                "udf-list", "best-practices", "build", "node");
        assertThat(names).doesNotContain("replicas", "racks", "release", "sindex");
    }

    @Test
    void aUserAgentIsAcceptedWhenItIsBase64() {
        String agent = Base64.getEncoder().encodeToString("1,java-9.0.5,app".getBytes());
        assertThat(ask("user-agent-set:value=" + agent)).isEqualTo("ok");
        assertThat(ask("user-agent-set:value=%%%")).isEqualTo("ERROR:4:'value' invalid base64");
        assertThat(ask("user-agent-set:")).isEqualTo("ERROR:4:missing 'value'");
    }

    @Test
    void requestsAndAnswersAreBounded() {
        assertThat(info.answer("x".repeat(InfoCommands.MAX_REQUEST_BYTES + 1)))
                .isEqualTo("ERROR:4:the info request is over " + InfoCommands.MAX_REQUEST_BYTES + " bytes\n");
        String many = info.answer("node\n".repeat(InfoCommands.MAX_NAMES + 5));
        assertThat(many.split("\n")).hasSize(InfoCommands.MAX_NAMES + 1);
        assertThat(many).endsWith("ERROR:4:at most " + InfoCommands.MAX_NAMES + " names per info request\n");
    }
}
