package io.aerolog.bench.ycsb;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
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
 * YCSB binding of Aerospike's own Java client, here pointed at Aerolog's Aerospike wire-protocol
 * listener (it runs unchanged against an Aerospike server). A YCSB table is a set, a field a string
 * bin; read is a get (of the selected bins, or all), insert a put CREATE_ONLY, update a put UPDATE,
 * delete a delete; scan is not offered.
 *
 * <p>Properties: {@code as.host} (127.0.0.1), {@code as.port} (3000), {@code as.namespace} ({@code test}),
 * {@code as.timeoutms} (10000). One client serves every YCSB thread, as Aerospike's client is meant to be used.
 */
public class AerospikeYcsbClient extends DB {
    private static final SharedClient<AerospikeClient> SHARED = new SharedClient<>();

    private AerospikeClient client;
    private String namespace;
    private Policy readPolicy;
    private WritePolicy insertPolicy;
    private WritePolicy updatePolicy;
    private WritePolicy deletePolicy;

    @Override
    public void init() throws DBException {
        var p = getProperties();
        namespace = p.getProperty("as.namespace", "test");
        int timeout = Integer.parseInt(p.getProperty("as.timeoutms", "10000"));
        readPolicy = new Policy();
        readPolicy.totalTimeout = timeout;
        insertPolicy = writePolicy(timeout, RecordExistsAction.CREATE_ONLY);
        updatePolicy = writePolicy(timeout, RecordExistsAction.UPDATE);
        deletePolicy = writePolicy(timeout, RecordExistsAction.UPDATE);
        client = SHARED.acquire(() -> {
            ClientPolicy policy = new ClientPolicy();
            policy.timeout = timeout;
            policy.maxConnsPerNode = 300;
            try {
                return new AerospikeClient(policy, p.getProperty("as.host", "127.0.0.1"),
                        Integer.parseInt(p.getProperty("as.port", "3000")));
            } catch (AerospikeException e) {
                throw new DBException("cannot connect with Aerospike's client: " + e.getMessage(), e);
            }
        });
    }

    private static WritePolicy writePolicy(int timeout, RecordExistsAction action) {
        WritePolicy policy = new WritePolicy();
        policy.totalTimeout = timeout;
        policy.recordExistsAction = action;
        return policy;
    }

    @Override
    public void cleanup() throws DBException {
        SHARED.release();
    }

    private Key key(String table, String key) {
        return new Key(namespace, table, key);
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            Record r = fields == null ? client.get(readPolicy, key(table, key))
                    : client.get(readPolicy, key(table, key), fields.toArray(String[]::new));
            if (r == null) {
                return Status.NOT_FOUND;
            }
            for (Map.Entry<String, Object> e : r.bins.entrySet()) {
                result.put(e.getKey(), new StringByteIterator(String.valueOf(e.getValue())));
            }
            return Status.OK;
        } catch (AerospikeException e) {
            return ErrorLog.error("aerospike", e);
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
        } catch (AerospikeException e) {
            return ErrorLog.error("aerospike", e);
        }
    }

    private static Bin[] bins(Map<String, ByteIterator> values) {
        Bin[] bins = new Bin[values.size()];
        int i = 0;
        for (Map.Entry<String, ByteIterator> e : values.entrySet()) {
            bins[i++] = new Bin(e.getKey(), e.getValue().toString());
        }
        return bins;
    }

    @Override
    public Status delete(String table, String key) {
        try {
            return client.delete(deletePolicy, key(table, key)) ? Status.OK : Status.NOT_FOUND;
        } catch (AerospikeException e) {
            return ErrorLog.error("aerospike", e);
        }
    }
}
