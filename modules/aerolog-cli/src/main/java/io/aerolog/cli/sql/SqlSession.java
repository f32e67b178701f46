package io.aerolog.cli.sql;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.InfoPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.task.IndexTask;
import io.aerolog.cli.AerospikeFailures;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.info.InfoValues;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the shell's statements against a node through Aerospike's Java client and prints their results:
 * writes, primary-key reads and deletes as single-record commands, selects without a key as Aerospike
 * scans and secondary-index queries (the node answers those as it serves them), SHOW from the nodes'
 * info answers. One session per connection; the output format is the session's ({@code SET OUTPUT}).
 */
public final class SqlSession {
    /** How long CREATE INDEX waits for the index to be built on every node (and DROP INDEX for it to go). */
    private static final int INDEX_WAIT_MILLIS = 120_000;
    /** The most rows a scan or query prints unless its LIMIT says more. */
    public static final int DEFAULT_MAX_ROWS = 10_000;
    /** The largest LIMIT taken. */
    public static final long MAX_LIMIT = 1_000_000;

    private final AerospikeClient client;
    private final PrintStream out;
    private final PrintStream err;
    private final String target;
    private Statement.OutputFormat format;

    public SqlSession(AerospikeClient client, String target, Statement.OutputFormat format, PrintStream out,
                      PrintStream err) {
        this.client = client;
        this.target = target;
        this.format = format;
        this.out = out;
        this.err = err;
    }

    /** Parses and runs one statement, prints its result or its error; returns its {@link ExitCode}. */
    public int run(String text) {
        Statement statement;
        try {
            statement = Parser.parse(text);
        } catch (SqlSyntaxException e) {
            err.println(e.describe(text));
            return ExitCode.USAGE;
        }
        try {
            execute(statement);
            return ExitCode.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (AerospikeException e) {
            CliFailure f = AerospikeFailures.of(e, target);
            err.println(f.getMessage());
            return f.exitCode();
        }
    }

    void execute(Statement statement) {
        long start = System.nanoTime();
        if (statement instanceof Statement.Insert insert) {
            insert(insert);
            out.println("OK, 1 record affected.");
        } else if (statement instanceof Statement.Delete delete) {
            if (!client.delete(new WritePolicy(client.getWritePolicyDefault()), key(delete.namespace(), delete.set(),
                    delete.key()))) {
                throw new CliFailure(ExitCode.REFUSED, AerospikeFailures.message(ResultCode.KEY_NOT_FOUND_ERROR, null));
            }
            out.println("OK, 1 record affected.");
        } else if (statement instanceof Statement.Select select) {
            print(select(select), start, null);
        } else if (statement instanceof Statement.Show show) {
            print(show(show), start, null);
        } else if (statement instanceof Statement.CreateIndex create) {
            IndexTask task = client.createIndex(null, create.namespace(), create.set(), create.name(), create.bin(),
                    IndexType.valueOf(create.type()), IndexCollectionType.valueOf(create.collection()));
            task.waitTillComplete(100, INDEX_WAIT_MILLIS);
            out.println("OK, 1 index added.");
        } else if (statement instanceof Statement.DropIndex drop) {
            client.dropIndex(null, drop.namespace(), drop.set(), drop.name()).waitTillComplete(100, INDEX_WAIT_MILLIS);
            out.println("OK, 1 index removed.");
        } else if (statement instanceof Statement.Truncate truncate) {
            client.truncate(new InfoPolicy(client.getInfoPolicyDefault()), truncate.namespace(), truncate.set(), null);
            out.println("OK");
        } else if (statement instanceof Statement.SetOutput set) {
            format = set.format();
            out.println("OUTPUT = " + format);
        } else {
            out.println(HELP);
        }
    }

    private void print(Result result, long startNanos, String note) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String extra = result.note() != null ? result.note() : note;
        if (format == Statement.OutputFormat.JSON) {
            out.println(result.rows().json());
            if (extra != null) {
                err.println(extra);
            }
        } else {
            out.println(result.rows().table(seconds, extra));
        }
    }

    private record Result(Rows rows, String note) {
    }

    private void insert(Statement.Insert insert) {
        Key key = key(insert.namespace(), insert.set(), new Statement.UserKey(insert.key()));
        Bin[] bins = new Bin[insert.bins().size()];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = new Bin(insert.bins().get(i), Values.toValue(insert.values().get(i)));
        }
        client.put(new WritePolicy(client.getWritePolicyDefault()), key, bins);
    }

    private Result select(Statement.Select select) {
        if (select.where() instanceof Statement.ByKey byKey) {
            Key key = key(select.namespace(), select.set(), byKey.key());
            Policy policy = new Policy(client.getReadPolicyDefault());
            Record record = select.bins().isEmpty() ? client.get(policy, key)
                    : client.get(policy, key, select.bins().toArray(String[]::new));
            if (record == null) {
                throw new CliFailure(ExitCode.REFUSED, AerospikeFailures.message(ResultCode.KEY_NOT_FOUND_ERROR, null));
            }
            List<Map<String, Object>> rows = List.of(record.bins == null ? Map.of() : record.bins);
            return new Result(new Rows(columns(select.bins(), rows), rows, true), null);
        }
        return query(select);
    }

    /** A select without a key: Aerospike's scan (no WHERE) or secondary-index query, bounded by LIMIT. */
    private Result query(Statement.Select select) {
        if (select.limit() != null && select.limit() > MAX_LIMIT) {
            throw new CliFailure(ExitCode.USAGE, "LIMIT is at most " + MAX_LIMIT);
        }
        long max = select.limit() != null ? select.limit() : DEFAULT_MAX_ROWS;
        com.aerospike.client.query.Statement stmt = new com.aerospike.client.query.Statement();
        stmt.setNamespace(select.namespace());
        if (select.set() != null) {
            stmt.setSetName(select.set());
        }
        if (!select.bins().isEmpty()) {
            stmt.setBinNames(select.bins().toArray(String[]::new));
        }
        stmt.setMaxRecords(max + 1);
        if (select.where() != null) {
            stmt.setFilter(filter(select.where(), IndexCollectionType.DEFAULT));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean more = false;
        try (RecordSet rs = client.query(new QueryPolicy(client.getQueryPolicyDefault()), stmt)) {
            while (rs.next()) {
                if (rows.size() == max) {
                    more = true;
                    break;
                }
                Record r = rs.getRecord();
                rows.add(r.bins == null ? Map.of() : r.bins);
            }
        } catch (AerospikeException e) {
            if (e.getResultCode() == ResultCode.UNSUPPORTED_FEATURE) {
                String what = select.where() == null ? "scans (SELECT without WHERE)" : "secondary-index queries"
                        + " (WHERE bin = ... or BETWEEN)";
                throw new CliFailure(ExitCode.REFUSED, AerospikeFailures.message(ResultCode.UNSUPPORTED_FEATURE, null)
                        + System.lineSeparator() + "This node does not serve " + what + " yet: read records by"
                        + " primary key (SELECT ... WHERE PK = ...).", e);
            }
            throw e;
        }
        String note = more ? "Stopped at " + max + " rows" + (select.limit() == null ? ": add LIMIT n for more (up to "
                + MAX_LIMIT + ")." : ".") : null;
        return new Result(new Rows(columns(select.bins(), rows), rows, true), note);
    }

    /** Aerospike's query filter for a WHERE on a bin, on its values or ({@code type}) its collection's elements. */
    private static Filter filter(Statement.Where where, IndexCollectionType type) {
        if (where instanceof Statement.InCollection in) {
            return filter(in.condition(), IndexCollectionType.valueOf(in.collection()));
        }
        if (where instanceof Statement.BinEquals eq) {
            return equalFilter(eq, type);
        }
        if (where instanceof Statement.BinBetween between) {
            return Filter.range(between.bin(), type, between.from(), between.to());
        }
        if (where instanceof Statement.BinGeo geo) {
            return geo.within() ? Filter.geoWithinRegion(geo.bin(), type, geo.geoJson())
                    : Filter.geoContains(geo.bin(), type, geo.geoJson());
        }
        throw new IllegalArgumentException("not a query condition: " + where);
    }

    private static Filter equalFilter(Statement.BinEquals eq, IndexCollectionType type) {
        boolean element = type != IndexCollectionType.DEFAULT;
        if (eq.value() instanceof Literal.Int i) {
            return element ? Filter.contains(eq.bin(), type, i.value()) : Filter.equal(eq.bin(), i.value());
        }
        if (eq.value() instanceof Literal.Str s) {
            return element ? Filter.contains(eq.bin(), type, s.value()) : Filter.equal(eq.bin(), s.value());
        }
        throw new CliFailure(ExitCode.USAGE, "a query compares a bin with an integer or a string");
    }

    /** The bins asked, in order, or every bin name the rows hold, in the order first seen. */
    private static List<String> columns(List<String> asked, List<Map<String, Object>> rows) {
        if (!asked.isEmpty()) {
            return asked;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            names.addAll(row.keySet());
        }
        return new ArrayList<>(names);
    }

    private static Key key(String namespace, String set, Statement.KeyRef ref) {
        if (ref instanceof Statement.DigestKey d) {
            return new Key(namespace, d.digest(), set, null);
        }
        Literal k = ((Statement.UserKey) ref).key();
        if (k instanceof Literal.Int i) {
            return new Key(namespace, set, i.value());
        }
        return new Key(namespace, set, ((Literal.Str) k).value());
    }

    private Result show(Statement.Show show) {
        return switch (show.what()) {
            case NAMESPACES -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String ns : info(firstNode(), "namespaces").split(";")) {
                    if (!ns.isBlank()) {
                        rows.add(Map.of("namespaces", ns));
                    }
                }
                yield new Result(new Rows(List.of("namespaces"), rows, false), null);
            }
            case SETS -> records("sets");
            case INDEXES -> records(show.namespace() == null ? "sindex-list:" : "sindex-list:ns=" + show.namespace());
            case BINS -> bins();
        };
    }

    /** An info answer of records from every node, a column "node" first when there is more than one. */
    private Result records(String command) {
        Node[] nodes = client.getNodes();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        if (nodes.length > 1) {
            columns.add("node");
        }
        for (Node node : nodes) {
            for (Map<String, String> record : InfoValues.records(info(node, command))) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (nodes.length > 1) {
                    row.put("node", node.getName());
                }
                row.putAll(record);
                columns.addAll(record.keySet());
                rows.add(row);
            }
        }
        return new Result(new Rows(new ArrayList<>(columns), rows, false), null);
    }

    /** Aerospike's "bins" info (servers before 7.0): {@code ns:bin_names=N,bin_names_quota=Q,bin1,bin2;...}. */
    private Result bins() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String entry : info(firstNode(), "bins").split(";")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String ns = entry.substring(0, colon);
            String count = "";
            String quota = "";
            for (String item : entry.substring(colon + 1).split(",")) {
                if (item.startsWith("bin_names=")) {
                    count = item.substring("bin_names=".length());
                } else if (item.startsWith("bin_names_quota=")) {
                    quota = item.substring("bin_names_quota=".length());
                } else if (!item.isEmpty()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("namespace", ns);
                    row.put("count", count);
                    row.put("quota", quota);
                    row.put("bin", item);
                    rows.add(row);
                }
            }
        }
        return new Result(new Rows(List.of("namespace", "count", "quota", "bin"), rows, false), null);
    }

    private Node firstNode() {
        Node[] nodes = client.getNodes();
        if (nodes.length == 0) {
            throw new CliFailure(ExitCode.CANNOT_CONNECT, "no node of " + target + " is reachable now");
        }
        return nodes[0];
    }

    private String info(Node node, String command) {
        InfoPolicy policy = new InfoPolicy(client.getInfoPolicyDefault());
        String value = Info.request(policy, node, command);
        if (InfoValues.isError(value)) {
            throw new CliFailure(ExitCode.REFUSED, "Error: node " + node.getName() + " answered info '" + command
                    + "' with " + value + (value.contains("unrecognized") ? " (this node does not serve it)" : ""));
        }
        return value == null ? "" : value;
    }

    static final String HELP = """
            Statements (aql's dialect; keywords in any case, a ';' at the end is optional):
              INSERT INTO ns[.set] (PK, bin, ...) VALUES (key, value, ...)
              SELECT * | bin, ... FROM ns[.set] WHERE PK = key
              SELECT * | bin, ... FROM ns[.set] WHERE DIGEST = 'hex' | EDIGEST = 'base64'
              SELECT * | bin, ... FROM ns[.set] [WHERE bin = value | bin BETWEEN a AND b] [LIMIT n]
              DELETE FROM ns[.set] WHERE PK = key
              SHOW NAMESPACES | SETS | BINS | INDEXES [ns]
              CREATE [LIST | MAPKEYS | MAPVALUES] INDEX name ON ns[.set] (bin) NUMERIC | STRING | BLOB | GEO2DSPHERE
              DROP INDEX ns[.set] name
              TRUNCATE ns[.set]
              SET OUTPUT TABLE | JSON
              HELP
            Values: 'string' or "string", 42, -1.5, true, NULL (removes the bin),
              JSON('[1, "a"]'), LIST('[1, 2]'), MAP('{"a": 1}'), 'JSON{"a": 1}', GEOJSON('{"type": "Point", ...}'),
              CAST('7' AS INT), INT('7'), FLOAT('1.5'), STRING(42), BOOL(1)
            A key is a string or an integer. Quit with Ctrl-D or EXIT.""";
}
