package io.aerolog.server.wire;

import io.aerolog.core.index.IndexDefinition;

import io.aerolog.core.Digest;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.server.namespace.NamespaceStatistics;
import io.aerolog.server.namespace.PartitionOwners;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The namespace commands in Aerospike's shapes (thr_info.c, cfg_info.c, namespace.c): {@code namespaces},
 * {@code namespace/<ns>} (statistics, then configuration), {@code sets[/<ns>[/<set>]]}, the secondary-index
 * commands (a node holds no secondary index yet, so lists are empty and an index is never found) and the
 * namespace context of {@code get-config}.
 *
 * <p>Only what is true of Aerolog is reported: records and bytes are counted over the partitions this node
 * masters (standby copies are not counted, so there are no {@code prole_objects}); features Aerolog lacks
 * report as off (no tombstones, strong consistency, eviction, racks, compression); Aerospike's tunables with
 * no counterpart here (migration, defragmentation, tomb raider, thread counts) are left out.
 */
final class NamespaceInfo {
    /** Aerospike's epoch (2010-01-01T00:00:00Z), in which it reports {@code current_time}. */
    private static final long CITRUSLEAF_EPOCH_SECONDS = 1_262_304_000L;
    /** The index entry Aerospike counts per record ({@code sizeof(as_index)}). */
    private static final long INDEX_ENTRY_BYTES = 64;
    /** The server's buffer for an index name (INAME_MAX_SZ). */
    private static final int INDEX_NAME_BUFFER = 64;

    private final Map<String, InfoNamespace> namespaces;
    private final String self;

    NamespaceInfo(Map<String, InfoNamespace> namespaces) {
        this.namespaces = namespaces;
        this.self = namespaces.isEmpty() ? "" : namespaces.values().iterator().next().self();
    }

    InfoNamespace get(String name) {
        return namespaces.get(name);
    }

    /** {@code namespaces}: the names, {@code ;}-separated. */
    void names(InfoText out) {
        out.text(String.join(";", namespaces.keySet()));
    }

    /** Records of every namespace on this node ({@code objects}, and the total of {@code statistics}). */
    long objects() {
        long n = 0;
        for (InfoNamespace ns : namespaces.values()) {
            n += ns.totals().objects();
        }
        return n;
    }

    /** {@code namespace/<ns>}: statistics, then configuration; {@code type=unknown} for a namespace not here. */
    void namespace(String name, InfoText out) {
        InfoNamespace ns = namespaces.get(name);
        if (ns == null) {
            out.text("type=unknown"); // Aerospike's answer: its clients do not read an error here
            return;
        }
        statistics(ns, out);
        config(ns, out);
        out.chomp();
    }

    private void statistics(InfoNamespace ns, InfoText out) {
        NamespaceConfig config = ns.config();
        NamespaceStatistics.Totals totals = ns.totals();
        PartitionOwners owners = ns.owners();
        Set<String> nodes = new HashSet<>(owners.nodes());
        nodes.add(self);
        int unavailable = 0;
        for (int k = 0; k < config.partitions(); k++) {
            if (owners.activeOf(k) == null && !ns.mastersHere(k)) {
                unavailable++;
            }
        }
        out.add("ns_cluster_size", nodes.size())
                .add("effective_replication_factor", Math.min(config.replicationFactor(), nodes.size()))
                .add("objects", totals.objects())
                .add("tombstones", 0)
                .add("xdr_tombstones", 0)
                .add("xdr_bin_cemeteries", 0)
                .add("mrt_provisionals", 0)
                .add("master_objects", totals.objects())
                .add("master_tombstones", 0)
                .add("unreplicated_records", 0)
                .add("dead_partitions", 0)
                .add("unavailable_partitions", (long) unavailable * (Digest.PARTITIONS / config.partitions()))
                .add("auto_revived_partitions", 0)
                .add("clock_skew_stop_writes", false)
                .add("stop_writes", false)
                .add("hwm_breached", false)
                .add("current_time", System.currentTimeMillis() / 1000 - CITRUSLEAF_EPOCH_SECONDS)
                .add("expired_objects", totals.expired())
                .add("evicted_objects", 0)
                .add("evict_ttl", 0)
                .add("evict_void_time", 0)
                .add("smd_evict_void_time", 0)
                .add("truncate_lut", 0)
                .add("truncating", false)
                .add("sindex_gc_cleaned", 0)
                .add("mrt_monitors", 0)
                .add("mrt_monitors_active", 0)
                .add("index_used_bytes", totals.objects() * INDEX_ENTRY_BYTES)
                .add("set_index_used_bytes", 0)
                .add("sindex_used_bytes", 0);
        Space space = space(ns);
        if (space != null) {
            out.add("data_total_bytes", space.total())
                    .add("data_used_bytes", totals.bytes())
                    .add("data_used_pct", space.total() == 0 ? 0 : totals.bytes() * 100 / space.total())
                    .add("data_avail_pct", space.total() == 0 ? 0 : space.available() * 100 / space.total());
        } else {
            out.add("data_used_bytes", totals.bytes());
        }
        out.addFixed3("data_compression_ratio", 1.0)
                .add("pending_quiesce", false)
                .add("effective_is_quiesced", false)
                .add("nodes_quiesced", 0)
                .add("effective_prefer_uniform_balance", false)
                .add("effective_active_rack", 0)
                .add("migrate_tx_partitions_remaining", 0)
                .add("migrate_rx_partitions_remaining", 0);
    }

    /** Bytes the namespace's storage holds and has free: the file system of its stores, or the heap for memory. */
    private record Space(long total, long available) {
    }

    private static Space space(InfoNamespace ns) {
        if (ns.config().storage() == NamespaceConfig.Storage.MEMORY) {
            Runtime rt = Runtime.getRuntime();
            long max = rt.maxMemory();
            return new Space(max, Math.max(0, max - (rt.totalMemory() - rt.freeMemory())));
        }
        try {
            FileStore store = Files.getFileStore(ns.stateDir().toAbsolutePath());
            return new Space(store.getTotalSpace(), store.getUsableSpace());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The namespace's configuration, as {@code get-config:context=namespace} and {@code namespace/<ns>} give it. */
    void config(InfoNamespace ns, InfoText out) {
        NamespaceConfig config = ns.config();
        long nsupSeconds = Math.max(1, (ns.expiryScanInterval().toMillis() + 999) / 1000);
        out.add("allow-ttl-without-nsup", false)
                .add("default-read-touch-ttl-pct", 0)
                .add("default-ttl", config.defaultTtlSeconds())
                .add("disallow-null-setname", false)
                .add("max-record-size", config.maxRecordSize())
                .add("nsup-period", nsupSeconds)
                .add("rack-id", 0)
                .add("read-consistency-level-override", "off")
                .add("replication-factor", config.replicationFactor())
                .add("strong-consistency", false)
                .add("write-commit-level-override", "off")
                .add("index-type", "mem")
                .add("sindex-type", "mem")
                .add("storage-engine", config.storage() == NamespaceConfig.Storage.MEMORY ? "memory" : "device")
                .add("storage-engine.compression", "none");
    }

    /**
     * {@code sets}, {@code sets/<ns>}, {@code sets/<ns>/<set>}: {@code ns=..:set=..:props;} per set, or the
     * one set's props; {@code ns_type=unknown} for a namespace not here, nothing for a set not seen.
     */
    void sets(String params, InfoText out) {
        if (params.isEmpty()) {
            for (Map.Entry<String, InfoNamespace> ns : namespaces.entrySet()) {
                sets(ns.getKey(), ns.getValue(), out);
            }
            return;
        }
        int slash = params.indexOf('/');
        InfoNamespace ns = namespaces.get(slash < 0 ? params : params.substring(0, slash));
        if (ns == null) {
            out.text("ns_type=unknown");
            return;
        }
        if (slash < 0) {
            sets(ns.config().name(), ns, out);
            return;
        }
        NamespaceStatistics.SetTotals set = ns.totals().set(params.substring(slash + 1));
        if (set != null) {
            setProps(ns, set, out);
        }
    }

    private static void sets(String name, InfoNamespace ns, InfoText out) {
        for (NamespaceStatistics.SetTotals set : ns.totals().sets()) {
            out.text("ns=").text(name).text(":set=").text(set.name()).text(':');
            setProps(ns, set, out);
        }
    }

    /** The set's truncate time as Aerospike shows it: milliseconds since 2010-01-01 (0: never truncated). */
    private static long truncateLut(InfoNamespace ns, String set) {
        Long millis = ns.truncateTimes().get(set);
        return millis == null ? 0 : Math.max(0, millis - Replies.CITRUS_EPOCH_SECONDS * 1000);
    }

    /** One set's statistics and configuration, {@code :}-separated and ended by {@code ;} (namespace.c). */
    private static void setProps(InfoNamespace ns, NamespaceStatistics.SetTotals set, InfoText out) {
        out.text("objects=").text(set.objects())
                .text(":tombstones=0")
                .text(":data_used_bytes=").text(set.bytes())
                .text(":truncate_lut=").text(truncateLut(ns, set.name()))
                .text(":sindexes=").text(ns.indexes().stream().filter(i -> i.set().equals(set.name())).count())
                .text(":index_populating=false")
                .text(":truncating=false")
                .text(":default-read-touch-ttl-pct=0")
                .text(":default-ttl=0")
                .text(":disable-eviction=false")
                .text(":enable-index=false")
                .text(":stop-writes-count=0")
                .text(":stop-writes-size=0;");
    }

    /**
     * {@code sindex}, {@code sindex/<ns>}, {@code sindex/<ns>/<index>}: the indexes of every namespace or of one
     * ({@code ;}-separated, as sindex-list), or one index's statistics; an index not found answers 201.
     */
    void sindex(String params, InfoText out) {
        if (params.isEmpty()) {
            namespaces.forEach((name, ns) -> indexList(name, ns, false, out));
            out.chomp(';');
            return;
        }
        int slash = params.indexOf('/');
        InfoNamespace ns = namespaces.get(slash < 0 ? params : params.substring(0, slash));
        if (ns == null) {
            out.text("ns_type=unknown");
            return;
        }
        if (slash < 0) {
            indexList(ns.config().name(), ns, false, out);
            out.chomp(';');
        } else {
            indexStats(ns, params.substring(slash + 1), out);
        }
    }

    /** Each index of {@code ns} as {@code ns=..:indexname=..:set=..:bin=..:type=..:indextype=..:context=..:exp=null:state=..;}. */
    private static void indexList(String name, InfoNamespace ns, boolean b64, InfoText out) {
        for (IndexDefinition d : ns.indexes()) {
            out.text("ns=").text(name).text(":indexname=").text(d.name())
                    .text(":set=").text(d.set().isEmpty() ? "null" : d.set())
                    .text(":bin=").text(d.bin())
                    .text(":type=").text(d.type().name().toLowerCase(java.util.Locale.ROOT))
                    .text(":indextype=").text(d.collection().name().toLowerCase(java.util.Locale.ROOT))
                    .text(":context=").text(d.context() == null ? "null" : java.util.Base64.getEncoder().encodeToString(d.context()))
                    .text(":exp=null")
                    .text(":state=").text(ns.loadPercent(d.name()) == 100 ? "RW" : "WO").text(';');
        }
    }

    /**
     * An index's statistics on this node: how far its build is ({@code load_pct}, the least over the partitions
     * mastered here; 100 where none is) and the entries Aerolog does not collect garbage for.
     */
    private static void indexStats(InfoNamespace ns, String index, InfoText out) {
        IndexDefinition d = ns.indexes().stream().filter(i -> i.name().equals(index)).findFirst().orElse(null);
        if (d == null) {
            out.error(InfoText.SINDEX_NOT_FOUND, "no index");
            return;
        }
        out.add("load_pct", ns.loadPercent(index)).add("stat_gc_recs", 0).chomp(';');
    }

    /**
     * {@code sindex-list[:ns=<ns>][;b64=<bool>]}: the indexes. The server checks the namespace twice (for secondary
     * and for set indexes), so a namespace not here answers its refusal twice, {@code ;}-separated.
     */
    void sindexList(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        InfoParams.Param ns = p.get(InfoParams.NAMESPACE_BUFFER * 4, "namespace", "ns");
        boolean nsOk = optionalLocalNamespace(ns, out);
        if (nsOk) {
            InfoParams.Param b64 = p.get("b64", 6);
            if (InfoParams.optional(out, b64) && b64.found() == InfoParams.Found.OK
                    && !b64.value().equals("true") && !b64.value().equals("false")) {
                out.error(InfoText.PARAMETER, "bad b64");
            } else {
                boolean asB64 = b64.found() == InfoParams.Found.OK && b64.value().equals("true");
                if (ns.found() == InfoParams.Found.OK) {
                    indexList(ns.value(), namespaces.get(ns.value()), asB64, out);
                } else {
                    namespaces.forEach((name, n) -> indexList(name, n, asB64, out));
                }
                out.chomp(';');
            }
        }
        out.text(';');
        optionalLocalNamespace(ns, out);
        out.chomp(';');
    }

    /** {@code sindex-exists:ns=<ns>;indexname=<name>}: {@code true} or {@code false}, after the server's checks. */
    void sindexExists(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        // The server goes on after refusing a missing index name, so both answers may follow each other.
        InfoParams.Param name = p.get("indexname", INDEX_NAME_BUFFER);
        InfoParams.required(out, name);
        InfoNamespace ns = requiredLocalNamespace(p.get(InfoParams.NAMESPACE_BUFFER, "namespace", "ns"), out);
        if (ns != null) {
            out.text(String.valueOf(name.found() == InfoParams.Found.OK
                    && ns.indexes().stream().anyMatch(i -> i.name().equals(name.value()))));
        }
    }

    /** {@code sindex-stat:ns=<ns>;indexname=<name>}: the index's statistics, or not found (201). */
    void sindexStat(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        InfoParams.Param name = p.get("indexname", INDEX_NAME_BUFFER);
        if (!InfoParams.required(out, name)) {
            return;
        }
        InfoNamespace ns = requiredLocalNamespace(p.get(InfoParams.NAMESPACE_BUFFER, "namespace", "ns"), out);
        if (ns != null) {
            indexStats(ns, name.value(), out);
        }
    }

    /** {@code get-config:context=namespace;namespace=<ns>} (or {@code id=}). */
    void getConfig(InfoParams params, InfoText out) {
        InfoNamespace ns = requiredLocalNamespace(params.get(InfoParams.DEFAULT_BUFFER, "namespace", "id"), out);
        if (ns != null) {
            config(ns, out);
        }
    }

    /** Aerospike's required local namespace check: the namespace, or null after the refusal was written. */
    InfoNamespace requiredLocalNamespace(InfoParams.Param p, InfoText out) {
        if (!InfoParams.required(out, p)) {
            return null;
        }
        InfoNamespace ns = namespaces.get(p.value());
        if (ns == null) {
            out.error(InfoText.NAMESPACE, "namespace not found on node");
        }
        return ns;
    }

    /** Aerospike's optional local namespace check: false after a refusal was written. */
    boolean optionalLocalNamespace(InfoParams.Param p, InfoText out) {
        if (!InfoParams.optional(out, p)) {
            return false;
        }
        if (p.found() == InfoParams.Found.OK && !namespaces.containsKey(p.value())) {
            out.error(InfoText.NAMESPACE, "namespace not found on node");
            return false;
        }
        return true;
    }
}
