package io.aerolog.server.wire;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What a node says of itself in Aerospike's shapes (thr_info.c, cfg_info.c): which server it passes for,
 * its statistics and its service and network configuration.
 *
 * <p>A node passes for Aerospike Community Edition 8.0.0: the build that matches the features it announces
 * (clients infer features from the build), and the edition that has neither security, XDR, racks nor strong
 * consistency, none of which Aerolog has. Its own name and version are in {@code build_sha} and in
 * {@code release}'s {@code sha}. Statistics report only what the node measures; configuration only what
 * Aerolog has (nothing can be changed at run time, which {@code set-config} answers as Aerospike does for a
 * parameter it cannot set).
 */
final class ServerInfo {
    static final String BUILD = "8.0.0";
    static final String EDITION = "Aerospike Community Edition";
    static final String AEROLOG = "aerolog-0.1.0";
    /** The cluster protocol's compatibility id of the server this node passes for (exchange.h). */
    static final int COMPATIBILITY_ID = 15;

    private final WireServer.Settings settings;
    private final ClusterInfo cluster;
    private final NamespaceInfo namespaces;
    private final IntSupplier connections;
    private final LongAdder answered;
    private final long startMillis = System.currentTimeMillis();

    ServerInfo(WireServer.Settings settings, ClusterInfo cluster, NamespaceInfo namespaces, IntSupplier connections,
               LongAdder answered) {
        this.settings = settings;
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.connections = connections;
        this.answered = answered;
    }

    /** {@code version}: Aerospike's {@code <edition> build <build>}. */
    static String version() {
        return EDITION + " build " + BUILD;
    }

    /**
     * {@code build_time}: when this node's code was built (the time of its jar or classes), as Aerospike
     * prints it ({@code date}'s format, UTC).
     */
    static String buildTime() {
        try {
            java.nio.file.Path code = java.nio.file.Path.of(ServerInfo.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
                    .format(java.nio.file.Files.getLastModifiedTime(code).toInstant().atZone(java.time.ZoneOffset.UTC));
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code build_arch}: the machine's architecture as Aerospike names it. */
    static String arch() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** {@code build_os}: the operating system. */
    static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    /** {@code release}: {@code edition=..;version=..;os=..;arch=..;sha=..}. */
    static void release(InfoText out) {
        out.add("edition", EDITION).add("version", BUILD).add("os", os()).add("arch", arch()).add("sha", AEROLOG);
        out.chomp(';');
    }

    /** {@code statistics}: the node's, in Aerospike's names and order, where the node measures them. */
    void statistics(InfoText out) {
        out.add("failed_best_practices", false)
                .add("cluster_size", cluster.clusterSize())
                .addHex("cluster_key", cluster.clusterKey())
                .add("cluster_generation", cluster.peersGeneration())
                .add("cluster_principal", cluster.principal())
                .add("cluster_min_compatibility_id", COMPATIBILITY_ID)
                .add("cluster_max_compatibility_id", COMPATIBILITY_ID)
                .add("cluster_integrity", true)
                .add("cluster_is_member", true)
                .add("uptime", (System.currentTimeMillis() - startMillis) / 1000);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean system) {
            int cpus = system.getAvailableProcessors();
            double load = system.getCpuLoad();
            if (load >= 0) {
                out.add("system_total_cpu_pct", Math.round(load * 100 * cpus));
            }
            long total = system.getTotalMemorySize();
            long free = system.getFreeMemorySize();
            if (total > 0) {
                out.add("system_free_mem_kbytes", free / 1024).add("system_free_mem_pct", free * 100 / total);
            }
            double process = system.getProcessCpuLoad();
            if (process >= 0) {
                out.add("process_cpu_pct", Math.round(process * 100 * cpus));
            }
        }
        out.add("objects", namespaces.objects())
                .add("tombstones", 0)
                .add("info_queue", 0)
                .add("client_connections", connections.getAsInt())
                .add("info_complete", answered.sum())
                .add("paxos_principal", cluster.principal())
                .add("migrate_allowed", true)
                .add("migrate_partitions_remaining", 0);
        out.chomp();
    }

    /** {@code best-practices}: none failed (Aerospike checks its own host settings; Aerolog has none to check). */
    static void bestPractices(InfoText out) {
        out.text("failed_best_practices=none");
    }

    /**
     * {@code get-config}: with no parameters the service and network contexts; with {@code context=} one of
     * service, network, namespace (and {@code namespace=} or {@code id=}), security or xdr (empty: the edition
     * has neither).
     */
    void getConfig(String params, InfoText out) {
        if (params.isEmpty()) {
            service(out);
            network(out);
            out.chomp();
            return;
        }
        InfoParams p = new InfoParams(params);
        InfoParams.Param context = p.get("context", InfoParams.DEFAULT_BUFFER);
        if (InfoParams.required(out, context)) {
            switch (context.value()) {
                case "service" -> service(out);
                case "network" -> network(out);
                case "namespace" -> namespaces.getConfig(p, out);
                case "security", "xdr" -> { }
                default -> out.error(InfoText.PARAMETER, "invalid context");
            }
        }
        out.chomp(';');
    }

    private void service(InfoText out) {
        out.add("batch-index-threads", settings.batchThreads())
                .add("cluster-name", cluster.clusterName())
                .add("disable-udf-execution", false)
                .add("enable-health-check", false)
                .add("node-id", cluster.nodeName())
                .add("proto-fd-idle-ms", settings.idleTimeout().toMillis())
                .add("proto-fd-max", settings.maxConnections())
                .add("service-threads", settings.threads());
    }

    private void network(InfoText out) {
        out.add("service.port", settings.port())
                .add("service.address", settings.host().equals("0.0.0.0") ? "any" : settings.host())
                .add("service.access-port", 0)
                .add("service.alternate-access-port", 0)
                .add("service.tls-port", 0)
                .add("admin.port", 0)
                .add("admin.tls-port", 0);
    }

    /**
     * {@code set-config}: nothing is set at run time, so every parameter of a known context is refused as
     * Aerospike refuses one it cannot set; security and XDR belong to the enterprise edition.
     */
    void setConfig(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        InfoParams.Param context = p.get("context", InfoParams.DEFAULT_BUFFER);
        if (!InfoParams.required(out, context)) {
            return;
        }
        switch (context.value()) {
            case "service", "network" -> out.error(InfoText.PARAMETER, "invalid set-config parameter");
            case "namespace" -> {
                if (namespaces.requiredLocalNamespace(p.get(InfoParams.DEFAULT_BUFFER, "namespace", "id"), out)
                        != null) {
                    out.error(InfoText.PARAMETER, "invalid set-config parameter");
                }
            }
            case "security", "xdr" -> out.error(InfoText.ENTERPRISE_ONLY, "enterprise only");
            default -> out.error(InfoText.PARAMETER, "invalid context");
        }
    }
}
