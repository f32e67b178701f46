package io.aerolog.bench.ycsb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.regex.Pattern;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;
import site.ycsb.StringByteIterator;

/**
 * YCSB binding of PostgreSQL over JDBC: table {@code <table>(ycsb_key text primary key, f0..f9 text)},
 * created when missing; insert and update are upserts ({@code INSERT ... ON CONFLICT (ycsb_key) DO
 * UPDATE} of the given columns, so an update creates or merges as Aerolog's put UPDATE does), each
 * committed on its own with {@code synchronous_commit = on}. One connection per YCSB thread; scan is not
 * offered. Properties: {@code postgres.url} (JDBC URL), {@code postgres.user}, {@code postgres.password},
 * {@code fieldcount} and {@code fieldnameprefix} (YCSB's, for the table's columns).
 */
public class PostgresYcsbClient extends DB {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Object SCHEMA_LOCK = new Object();
    private static final Set<String> CREATED = new java.util.HashSet<>();

    private Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    @Override
    public void init() throws DBException {
        var p = getProperties();
        try {
            connection = DriverManager.getConnection(
                    p.getProperty("postgres.url", "jdbc:postgresql://127.0.0.1:5432/ycsb"),
                    p.getProperty("postgres.user", "postgres"), p.getProperty("postgres.password", ""));
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("SET synchronous_commit = on");
            }
            String table = name(p.getProperty("table", "usertable"));
            int fieldcount = Integer.parseInt(p.getProperty("fieldcount", "10"));
            String prefix = p.getProperty("fieldnameprefix", "field");
            synchronized (SCHEMA_LOCK) {
                if (CREATED.add(table)) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(createTable(table, prefix, fieldcount));
                    }
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new DBException("cannot prepare PostgreSQL: " + e.getMessage(), e);
        }
    }

    static String createTable(String table, String prefix, int fieldcount) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name(table))
                .append(" (ycsb_key text PRIMARY KEY");
        for (int i = 0; i < fieldcount; i++) {
            sql.append(", ").append(name(prefix + i)).append(" text");
        }
        return sql.append(')').toString();
    }

    /** The upsert of the given columns: inserts the row or sets just those columns. */
    static String upsert(String table, List<String> columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(name(table)).append(" (ycsb_key");
        for (String c : columns) {
            sql.append(", ").append(name(c));
        }
        sql.append(") VALUES (?").append(", ?".repeat(columns.size())).append(") ON CONFLICT (ycsb_key) DO ");
        if (columns.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(name(columns.get(i))).append(" = EXCLUDED.").append(name(columns.get(i)));
        }
        return sql.toString();
    }

    static String name(String s) {
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("not a plain SQL name: " + s);
        }
        return s;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void cleanup() throws DBException {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new DBException(e);
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            String cols = fields == null ? "*" : String.join(", ", fields.stream().map(PostgresYcsbClient::name).sorted().toList());
            PreparedStatement ps = statement("SELECT " + cols + " FROM " + name(table) + " WHERE ycsb_key = ?");
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Status.NOT_FOUND;
                }
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String c = md.getColumnName(i);
                    String v = rs.getString(i);
                    if (!c.equals("ycsb_key") && v != null) {
                        result.put(c, new StringByteIterator(v));
                    }
                }
            }
            return Status.OK;
        } catch (SQLException | IllegalArgumentException e) {
            return ErrorLog.error("postgres", e);
        }
    }

    @Override
    public Status scan(String table, String startkey, int recordcount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        return upsert(table, key, values);
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        return upsert(table, key, values);
    }

    private Status upsert(String table, String key, Map<String, ByteIterator> values) {
        try {
            TreeMap<String, ByteIterator> sorted = new TreeMap<>(values);
            List<String> columns = new ArrayList<>(sorted.keySet());
            PreparedStatement ps = statement(upsert(table, columns));
            ps.setString(1, key);
            int i = 2;
            for (ByteIterator v : sorted.values()) {
                ps.setString(i++, v.toString());
            }
            ps.executeUpdate();
            return Status.OK;
        } catch (SQLException | IllegalArgumentException e) {
            return ErrorLog.error("postgres", e);
        }
    }

    @Override
    public Status delete(String table, String key) {
        try {
            PreparedStatement ps = statement("DELETE FROM " + name(table) + " WHERE ycsb_key = ?");
            ps.setString(1, key);
            return ps.executeUpdate() == 1 ? Status.OK : Status.NOT_FOUND;
        } catch (SQLException | IllegalArgumentException e) {
            return ErrorLog.error("postgres", e);
        }
    }
}
