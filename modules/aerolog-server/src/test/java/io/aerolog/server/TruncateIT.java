package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.InfoPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import com.aerospike.client.task.IndexTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A truncate through Aerospike's Java client against a real node: the set's records are gone for every reader the
 * moment the truncate answers (they are removed from the store later, in the background), records written after
 * it are kept, info {@code sets} counts the set down to what was written after, and a restarted node answers the same.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TruncateIT {
    private static final int RECORDS = 20_000;

    private static AerospikeClient connect(TestNode node) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 10_000;
        policy.writePolicyDefault.totalTimeout = 20_000;
        policy.readPolicyDefault.totalTimeout = 10_000;
        policy.batchPolicyDefault.totalTimeout = 60_000;
        policy.batchPolicyDefault.socketTimeout = 60_000;
        policy.batchParentPolicyWriteDefault.totalTimeout = 60_000;
        policy.batchParentPolicyWriteDefault.socketTimeout = 60_000;
        policy.scanPolicyDefault.socketTimeout = 30_000;
        policy.queryPolicyDefault.socketTimeout = 30_000;
        return new AerospikeClient(policy, "127.0.0.1", node.node.aerospikePort());
    }

    private static Key key(int i) {
        return new Key("test", "big", i);
    }

    @Test
    void aTruncatedSetIsGoneAtOnceForEveryReaderAndStaysGoneAfterARestart() throws Exception {
        try (TestNode node = TestNode.start()) {
            AerospikeClient client = connect(node);
            try {
                IndexTask task = client.createIndex(null, "test", "big", "big_n", "n", IndexType.NUMERIC);
                task.waitTillComplete(50, 60_000);
                BatchWritePolicy sendKey = new BatchWritePolicy();
                sendKey.sendKey = true;
                for (int from = 0; from < RECORDS; from += 500) {
                    List<BatchRecord> batch = new ArrayList<>();
                    for (int i = from; i < from + 500; i++) {
                        batch.add(new BatchWrite(sendKey, key(i), Operation.array(
                                Operation.put(new Bin("n", i)), Operation.put(new Bin("old", "x")))));
                    }
                    assertThat(client.operate(null, batch)).as("batch from %d", from).isTrue();
                }
                WritePolicy write = new WritePolicy(client.getWritePolicyDefault());
                write.sendKey = true;
                for (int i = 0; i < 10; i++) {
                    client.put(write, new Key("test", "other", i), new Bin("n", i));
                }
                assertThat(objects(client, "big")).isEqualTo(RECORDS);

                // the answer waits until every partition applied it: more than the default 1 s on a busy machine
                InfoPolicy patient = new InfoPolicy();
                patient.timeout = 30_000;
                client.truncate(patient, "test", "big", null);

                assertGone(client);
                assertThat(scan(client, "other")).as("another set is untouched").hasSize(10);

                client.put(write, key(7), new Bin("n", 7));
                Record fresh = client.get(null, key(7));
                assertThat(fresh.generation).as("a write after the truncate creates a fresh record").isEqualTo(1);
                assertThat(fresh.bins).containsOnlyKeys("n");
                assertThat(scan(client, "big")).containsExactly(7L);
                assertThat(query(client)).containsExactly(7L);

                awaitObjects(client, "big", 1);
                assertThat(objects(client, "other")).isEqualTo(10);
                assertThat(info(client, "sets/test/big")).containsPattern("truncate_lut=[1-9][0-9]*");
            } finally {
                client.close();
            }

            node.stop();
            node.restart();
            client = connect(node);
            try {
                assertGone(client);
                Record fresh = client.get(null, key(7));
                assertThat(fresh).as("the record written after the truncate survives a restart").isNotNull();
                assertThat(fresh.generation).isEqualTo(1);
                assertThat(scan(client, "big")).containsExactly(7L);
                assertThat(query(client)).containsExactly(7L);
                awaitObjects(client, "big", 1);
                assertThat(scan(client, "other")).hasSize(10);
            } finally {
                client.close();
            }
        }
    }

    /** Every truncated key answers KEY_NOT_FOUND to a get, an exists and a batch read. */
    private static void assertGone(AerospikeClient client) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < RECORDS; i += 40) {
            if (i != 7) {
                keys.add(key(i));
            }
        }
        for (Key k : keys.subList(0, 100)) {
            assertThat(client.get(null, k)).as("get %s", k.userKey).isNull();
            assertThat(client.exists(null, k)).as("exists %s", k.userKey).isFalse();
        }
        assertThat(client.get(null, keys.toArray(Key[]::new))).as("a batch read").containsOnlyNulls();
    }

    private static List<Object> scan(AerospikeClient client, String set) {
        List<Object> keys = new ArrayList<>();
        client.scanAll(null, "test", set, (k, r) -> {
            synchronized (keys) {
                keys.add(r.getValue("n"));
            }
        });
        return keys;
    }

    private static List<Object> query(AerospikeClient client) {
        Statement s = new Statement();
        s.setNamespace("test");
        s.setSetName("big");
        s.setFilter(Filter.range("n", 0, RECORDS));
        List<Object> keys = new ArrayList<>();
        try (RecordSet rs = client.query(null, s)) {
            while (rs.next()) {
                keys.add(rs.getRecord().getValue("n"));
            }
        }
        return keys;
    }

    private static String info(AerospikeClient client, String command) {
        return Info.request(null, client.getNodes()[0], command);
    }

    private static long objects(AerospikeClient client, String set) {
        Matcher m = Pattern.compile("objects=(\\d+)").matcher(info(client, "sets/test/" + set));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits (up to 60 s) until info counts {@code expected} records in {@code set}: the sweep removes the rest. */
    private static void awaitObjects(AerospikeClient client, String set, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (objects(client, set) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(objects(client, set)).as("objects of set %s", set).isEqualTo(expected);
    }
}
