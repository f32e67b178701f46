package io.aerolog.cli.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The info answers a backup needs, through Aerospike's client: the object count of a namespace or set
 * (summed over the nodes, each counting the records it masters), the secondary indexes
 * ({@code sindex-list:ns=..;b64=true}) and the UDF modules ({@code udf-list}, {@code udf-get}).
 */
final class NodeInfo {
    private static final Pattern OBJECTS = Pattern.compile("(?:^|[;:])objects=(\\d+)");

    private NodeInfo() {
    }

    /** The records of {@code namespace} (or its {@code set}), or -1 when a node does not count them. */
    static long objects(AerospikeClient client, String namespace, String set) {
        String command = set == null ? "namespace/" + namespace : "sets/" + namespace + "/" + set;
        long total = 0;
        for (Node node : client.getNodes()) {
            String answer = Info.request(client.getInfoPolicyDefault(), node, command);
            if (answer == null) {
                return -1;
            }
            if (set != null && answer.isBlank()) {
                continue;
            }
            Matcher m = OBJECTS.matcher(answer);
            if (!m.find()) {
                return -1;
            }
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** The indexes of {@code namespace} ({@code set} only, when not null). */
    static List<IndexDefinition> indexes(AerospikeClient client, String namespace, String set) {
        String answer = Info.request(client.getInfoPolicyDefault(), client.getNodes()[0],
                "sindex-list:ns=" + namespace + ";b64=true");
        if (answer == null || answer.startsWith("ERROR") || answer.startsWith("FAIL")) {
            throw new CliFailure(ExitCode.REFUSED, "sindex-list answered " + answer
                    + " (--no-indexes backs up without the index definitions)");
        }
        List<IndexDefinition> out = new ArrayList<>();
        for (String entry : answer.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            java.util.Map<String, String> f = new java.util.HashMap<>();
            for (String kv : entry.split(":")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    f.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            String indexSet = "null".equals(f.get("set")) ? "" : f.getOrDefault("set", "");
            if (set != null && !indexSet.equals(set)) {
                continue;
            }
            String context = f.get("context");
            out.add(new IndexDefinition(namespace, indexSet, f.get("indexname"), collection(f.get("indextype")),
                    f.get("bin"), binType(f.get("type")), context == null || context.equals("null") ? null : context));
        }
        return out;
    }

    private static char collection(String type) {
        return switch (type == null ? "default" : type.toLowerCase(java.util.Locale.ROOT)) {
            case "default", "none" -> 'N';
            case "list" -> 'L';
            case "mapkeys" -> 'K';
            case "mapvalues" -> 'V';
            default -> throw new CliFailure(ExitCode.REFUSED, "an index of collection type " + type
                    + ", which asbackup's format has no label for");
        };
    }

    private static char binType(String type) {
        return switch (type == null ? "" : type.toLowerCase(java.util.Locale.ROOT)) {
            case "string" -> 'S';
            case "numeric" -> 'N';
            case "geo2dsphere" -> 'G';
            case "blob" -> 'B';
            default -> throw new CliFailure(ExitCode.REFUSED, "an index of type " + type
                    + ", which asbackup's format has no label for");
        };
    }

    /** Every UDF module with its content. */
    static List<UdfFile> udfs(AerospikeClient client) {
        Node node = client.getNodes()[0];
        String list = Info.request(client.getInfoPolicyDefault(), node, "udf-list");
        List<UdfFile> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String entry : list.split(";")) {
            String name = null;
            for (String kv : entry.split(",")) {
                if (kv.startsWith("filename=")) {
                    name = kv.substring("filename=".length());
                }
            }
            if (name == null || name.isEmpty()) {
                continue;
            }
            String got = Info.request(client.getInfoPolicyDefault(), node, "udf-get:filename=" + name);
            int at = got.indexOf("content=");
            if (at < 0) {
                throw new CliFailure(ExitCode.REFUSED, "udf-get:filename=" + name + " answered " + got
                        + " (--no-udfs backs up without the UDF modules)");
            }
            int end = got.indexOf(';', at);
            String b64 = got.substring(at + "content=".length(), end < 0 ? got.length() : end);
            out.add(new UdfFile(name, Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII))));
        }
        return out;
    }
}
