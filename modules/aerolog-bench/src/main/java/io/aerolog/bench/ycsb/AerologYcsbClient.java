package io.aerolog.bench.ycsb;

import io.aerolog.client.AerologClient;
import io.aerolog.client.Bin;
import io.aerolog.client.ClientPolicy;
import io.aerolog.client.ClientRecord;
import io.aerolog.client.Policy;
import io.aerolog.client.WritePolicy;
import io.aerolog.core.AerologException;
import io.aerolog.core.Key;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;
import site.ycsb.StringByteIterator;

/**
 * YCSB binding of Aerolog through its Java client: a YCSB table is an Aerolog set, a YCSB field a
 * string bin. read is a get (of the selected bins, or all), insert a put with {@code aerolog.insert}
 * (CREATE_ONLY, the default, or UPDATE), update a put UPDATE, delete a delete; scan is not offered.
 *
 * <p>Properties: {@code aerolog.url} (seed, default {@code http://127.0.0.1:8080}),
 * {@code aerolog.namespace} ({@code test}), {@code aerolog.insert}, {@code aerolog.timeoutms} (10000).
 * One client serves every YCSB thread of the process, as the client is meant to be used.
 */
public class AerologYcsbClient extends DB {
    private static final SharedClient<AerologClient> SHARED = new SharedClient<>();

    private AerologClient client;
    private String namespace;
    private Policy readPolicy;
    private WritePolicy insertPolicy;
    private WritePolicy updatePolicy;
    private WritePolicy deletePolicy;

    @Override
    public void init() throws DBException {
        var p = getProperties();
        namespace = p.getProperty("aerolog.namespace", "test");
        int timeout = Integer.parseInt(p.getProperty("aerolog.timeoutms", "10000"));
        RecordExistsAction insert = RecordExistsAction.valueOf(p.getProperty("aerolog.insert", "CREATE_ONLY"));
        readPolicy = Policy.DEFAULT.withTotalTimeoutMs(timeout);
        WritePolicy base = WritePolicy.DEFAULT.withTotalTimeoutMs(timeout);
        insertPolicy = base.withRecordExistsAction(insert);
        updatePolicy = base.withRecordExistsAction(RecordExistsAction.UPDATE);
        deletePolicy = base;
        client = SHARED.acquire(() -> {
            try {
                return AerologClient.connect(ClientPolicy.DEFAULT, p.getProperty("aerolog.url", "http://127.0.0.1:8080"));
            } catch (AerologException e) {
                throw new DBException("cannot connect to Aerolog: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void cleanup() throws DBException {
        SHARED.release();
    }

    private Key key(String table, String key) {
        return Key.of(namespace, table, key);
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            ClientRecord r = fields == null ? client.get(readPolicy, key(table, key))
                    : client.get(readPolicy, key(table, key), fields.toArray(String[]::new));
            if (r == null) {
                return Status.NOT_FOUND;
            }
            for (Map.Entry<String, Value> e : r.bins().entrySet()) {
                result.put(e.getKey(), new StringByteIterator(r.getString(e.getKey())));
            }
            return Status.OK;
        } catch (AerologException e) {
            return ErrorLog.error("aerolog", e);
        }
    }

    @Override
    public Status scan(String table, String startkey, int recordcount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        return write(updatePolicy, table, key, values);
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        return write(insertPolicy, table, key, values);
    }

    private Status write(WritePolicy policy, String table, String key, Map<String, ByteIterator> values) {
        try {
            client.put(policy, key(table, key), bins(values));
            return Status.OK;
        } catch (AerologException e) {
            return ErrorLog.error("aerolog", e);
        }
    }

    static Bin[] bins(Map<String, ByteIterator> values) {
        Bin[] bins = new Bin[values.size()];
        int i = 0;
        for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
            bins[i++] = Bin.of(e.getKey(), e.getValue().toString());
        }
        return bins;
    }

    @Override
    public Status delete(String table, String key) {
        try {
            return client.delete(deletePolicy, key(table, key)) ? Status.OK : Status.NOT_FOUND;
        } catch (AerologException e) {
            return ErrorLog.error("aerolog", e);
        }
    }
}
