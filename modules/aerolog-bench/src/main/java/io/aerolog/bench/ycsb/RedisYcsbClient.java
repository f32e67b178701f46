package io.aerolog.bench.ycsb;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;
import site.ycsb.StringByteIterator;

/**
 * YCSB binding of Redis: a record is a hash (HSET to insert and update, HGETALL / HMGET to read, DEL to
 * delete), one connection per YCSB thread; scan is not offered. The durability is the server's
 * ({@code appendonly}, {@code appendfsync}). Properties: {@code redis.host} (127.0.0.1),
 * {@code redis.port} (6379). The YCSB table is ignored: one keyspace, as YCSB's own Redis binding.
 */
public class RedisYcsbClient extends DB {
    private Jedis jedis;

    @Override
    public void init() throws DBException {
        try {
            jedis = new Jedis(getProperties().getProperty("redis.host", "127.0.0.1"),
                    Integer.parseInt(getProperties().getProperty("redis.port", "6379")), 10_000);
            jedis.ping();
        } catch (JedisException e) {
            throw new DBException("cannot connect to Redis: " + e.getMessage(), e);
        }
    }

    @Override
    public void cleanup() {
        if (jedis != null) {
            jedis.close();
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            if (fields == null) {
                Map<String, String> all = jedis.hgetAll(key);
                if (all.isEmpty()) {
                    return Status.NOT_FOUND;
                }
                StringByteIterator.putAllAsByteIterators(result, all);
            } else {
                String[] names = fields.toArray(String[]::new);
                List<String> values = jedis.hmget(key, names);
                boolean any = false;
                Iterator<String> it = values.iterator();
                for (String name : names) {
                    String v = it.next();
                    if (v != null) {
                        result.put(name, new StringByteIterator(v));
                        any = true;
                    }
                }
                if (!any) {
                    return Status.NOT_FOUND;
                }
            }
            return Status.OK;
        } catch (JedisException e) {
            return ErrorLog.error("redis", e);
        }
    }

    @Override
    public Status scan(String table, String startkey, int recordcount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        return hset(key, values);
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        return hset(key, values);
    }

    private Status hset(String key, Map<String, ByteIterator> values) {
        try {
            jedis.hset(key, StringByteIterator.getStringMap(values));
            return Status.OK;
        } catch (JedisException e) {
            return ErrorLog.error("redis", e);
        }
    }

    @Override
    public Status delete(String table, String key) {
        try {
            return jedis.del(key) == 1 ? Status.OK : Status.NOT_FOUND;
        } catch (JedisException e) {
            return ErrorLog.error("redis", e);
        }
    }
}
