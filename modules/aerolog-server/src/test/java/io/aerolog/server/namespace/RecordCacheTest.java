package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The record cache: bounded in bytes by two generations, filled by reads and kept by writes, and coherent with the
 * store under every interleaving of a reader and the processor's write, driven step by step in a chosen order.
 */
class RecordCacheTest {
    private static Bytes key(int i) {
        return Bytes.wrap(new byte[] {(byte) (i >> 8), (byte) i});
    }

    private static Record version(long v) {
        return new Record("s", null, Map.of("v", Value.of(v)), (int) v, 0, v);
    }

    /** The bytes that hold {@code n} of the records {@link #version} makes. */
    private static long records(int n) {
        return n * RecordCache.heapBytes(version(0));
    }

    private static Record ofChars(int chars) {
        return new Record("s", null, Map.of("s", Value.of("x".repeat(chars))), 1, 0, 1);
    }

    @Test
    void theBoundIsInBytesSoBiggerRecordsAreFewer() {
        long capacity = 10 * RecordCache.heapBytes(ofChars(100));
        RecordCache cache = new RecordCache(capacity);
        for (int i = 0; i < 200; i++) {
            cache.offer(key(i), ofChars(1000), cache.writes());
            assertThat(cache.size()).isLessThanOrEqualTo(2 * 10 * 100 / 1000 + 2);
        }
        RecordCache small = new RecordCache(capacity);
        for (int i = 0; i < 200; i++) {
            small.offer(key(i), ofChars(100), small.writes());
        }
        assertThat(small.size()).isBetween(11, 20);
        assertThat(RecordCache.heapBytes(ofChars(1000))).isGreaterThan(2000);
    }

    @Test
    void aRecordBiggerThanAGenerationIsNotCachedAndTakesItsOlderVersionOut() {
        RecordCache cache = new RecordCache(RecordCache.heapBytes(ofChars(100)));
        cache.offer(key(1), ofChars(100), cache.writes());
        assertThat(cache.get(key(1))).isEqualTo(ofChars(100));
        cache.written(key(1), ofChars(5000));
        assertThat(cache.get(key(1))).as("neither the new, too big, version nor the old one").isNull();
        cache.offer(key(2), ofChars(5000), cache.writes());
        assertThat(cache.size()).isZero();
    }

    @Test
    void aReaderDoesNotPutBackWhatAWriteReplacedWhileItRead() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(1), version(0), cache.writes());
        long before = cache.writes();
        cache.written(key(1), version(2));
        cache.offer(key(1), version(1), before);
        assertThat(cache.get(key(1))).isEqualTo(version(2));

        RecordCache uncached = new RecordCache(records(100));
        long earlier = uncached.writes();
        uncached.written(key(1), version(2));
        uncached.offer(key(1), version(1), earlier);
        assertThat(uncached.get(key(1))).isNull();
    }

    @Test
    void aReaderDoesNotPutBackWhatAWriteDeletedWhileItRead() {
        RecordCache cache = new RecordCache(records(100));
        cache.written(key(1), version(1));
        long before = cache.writes();
        cache.deleted(key(1));
        cache.offer(key(1), version(1), before);
        assertThat(cache.get(key(1))).isNull();
    }

    @Test
    void aReadWithNoWriteMeanwhileIsCached() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(7), version(3), cache.writes());
        assertThat(cache.get(key(7))).isEqualTo(version(3));
    }

    @Test
    void aWriteUpdatesACachedRecordButDoesNotCacheAnUncachedOne() {
        RecordCache cache = new RecordCache(records(100));
        cache.offer(key(1), version(1), cache.writes());
        cache.written(key(1), version(2));
        cache.written(key(2), version(3));
        assertThat(cache.get(key(1))).isEqualTo(version(2));
        assertThat(cache.get(key(2))).as("a write alone does not fill the cache").isNull();
    }

    @Test
    void twoGenerationsBoundTheSizeAndAHitInTheOldOneKeepsTheRecord() {
        RecordCache cache = new RecordCache(records(4));
        for (int i = 0; i < 4; i++) {
            cache.offer(key(i), version(i), cache.writes());
        }
        cache.offer(key(4), version(4), cache.writes());
        assertThat(cache.get(key(0))).as("in the old generation, moved to the young one").isEqualTo(version(0));
        cache.written(key(2), version(102));
        assertThat(cache.get(key(2))).as("a write to a record of the old generation").isEqualTo(version(102));
        for (int i = 5; i < 40; i++) {
            cache.offer(key(i), version(i), cache.writes());
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
        assertThat(cache.get(key(1))).as("dropped with an old generation").isNull();
        assertThat(cache.get(key(39))).isEqualTo(version(39));
    }

    /**
     * Runs actors (threads) one step at a time, in an order the test chooses: each runs until it reaches a point (a
     * point of the cache's {@link RecordCache.Interleaving}, or one the test's own code names) and waits there until
     * it is told to go on. Timeouts only turn a hang into a failure; they never order anything.
     */
    static final class Stepper implements RecordCache.Interleaving {
        static final String START = "start";
        static final String END = "end";
        private final Map<Thread, Actor> actors = new ConcurrentHashMap<>();

        /** One thread of the schedule and where it is now. */
        final class Actor {
            private final BlockingQueue<String> reached = new LinkedBlockingQueue<>();
            private final Semaphore go = new Semaphore(0);
            private final Thread thread;
            private volatile Object result;
            private volatile Throwable failure;
            private String at = START;

            Actor(String name, Callable<Object> body) {
                thread = new Thread(() -> {
                    try {
                        go.acquire();
                        result = body.call();
                    } catch (Throwable e) {
                        failure = e;
                    }
                    reached.add(END);
                }, name);
                thread.setDaemon(true);
                actors.put(thread, this);
                thread.start();
            }

            /** Lets the actor run to its next point; returns that point ({@link #END} once it has finished). */
            String step() throws InterruptedException {
                go.release();
                String point = reached.poll(10, TimeUnit.SECONDS);
                if (point == null) {
                    throw new AssertionError(thread.getName() + " reached no point in 10 s (" + thread.getState()
                            + "): a schedule made it wait for the cache's lock");
                }
                at = point;
                return point;
            }

            String at() {
                return at;
            }

            boolean done() {
                return at.equals(END);
            }

            Object result() {
                if (failure != null) {
                    throw new AssertionError(thread.getName() + " failed", failure);
                }
                return result;
            }
        }

        Actor actor(String name, Callable<Object> body) {
            return new Actor(name, body);
        }

        @Override
        public void at(Point point) {
            pause(point.name());
        }

        /** Waits at {@code point} until told to go on, when called on an actor's thread (else does nothing). */
        void pause(String point) {
            Actor actor = actors.get(Thread.currentThread());
            if (actor != null) {
                actor.reached.add(point);
                actor.go.acquireUninterruptibly();
            }
        }
    }

    /** Where the key's record is when the schedule starts (the store always holds version 1). */
    enum Start { UNCACHED, YOUNG, OLD }

    /** What the processor does to the key meanwhile: writes version 2, or deletes it. */
    enum Write { WRITE, DELETE }

    /** What a schedule left: what the reader returned, and whether the cache still agrees with the store. */
    record Run(String schedule, Record read, Record cached, Record stored, String readerFirstPoint) {
    }

    private static final Key KEY = Key.of("test", "s", "raced");
    private static final Bytes STORE_KEY = Bytes.wrap(KEY.digest().bytes());

    /**
     * Runs a reader ({@link Route.Active#get}, the node's read path: the cache, else the store and an offer) against
     * the processor's write of the same key (the store first, then the cache), advancing them in the order of
     * {@code schedule} ('W' the writer, 'R' the reader, each to its next point). Returns null for a schedule that
     * cannot happen: the reader's offer while the writer holds the cache's lock.
     */
    private static Run run(Start start, Write write, String schedule) throws Exception {
        Stepper stepper = new Stepper();
        RecordCache cache = new RecordCache(records(4), stepper);
        Map<Bytes, byte[]> store = new ConcurrentHashMap<>();
        store.put(STORE_KEY, AvroCodec.encodeRecord(version(1)));
        if (start != Start.UNCACHED) {
            cache.offer(STORE_KEY, version(1), cache.writes());
        }
        if (start == Start.OLD) {
            for (int i = 0; i < 4; i++) {
                cache.offer(key(100 + i), version(100 + i), cache.writes());
            }
        }
        Route.Active route = new Route.Active(0, new ActiveStores.Served(0, pausingStore(store, stepper), cache,
                CompletableFuture.completedFuture(null)));
        Stepper.Actor writer = stepper.actor("writer", () -> {
            if (write == Write.WRITE) {
                store.put(STORE_KEY, AvroCodec.encodeRecord(version(2)));
                stepper.pause("STORED");
                cache.written(STORE_KEY, version(2));
            } else {
                store.remove(STORE_KEY);
                stepper.pause("STORED");
                cache.deleted(STORE_KEY);
            }
            return null;
        });
        Stepper.Actor reader = stepper.actor("reader", () -> route.get(KEY));
        String readerFirst = null;
        for (char c : schedule.toCharArray()) {
            Stepper.Actor actor = c == 'W' ? writer : reader;
            if (actor.done()) {
                continue;
            }
            boolean writerHoldsTheLock = writer.at().equals(RecordCache.Interleaving.Point.WRITE_BETWEEN_MAPS_AND_COUNT.name());
            if (actor == reader && writerHoldsTheLock && !reader.at().equals(Stepper.START)) {
                finish(writer);
                finish(reader);
                return null;
            }
            String point = actor.step();
            if (actor == reader && readerFirst == null) {
                readerFirst = point;
            }
        }
        finish(writer);
        finish(reader);
        byte[] now = store.get(STORE_KEY);
        return new Run(schedule, (Record) reader.result(), cache.get(STORE_KEY),
                now == null ? null : AvroCodec.decodeRecord(now), readerFirst);
    }

    private static void finish(Stepper.Actor actor) throws InterruptedException {
        while (!actor.done()) {
            actor.step();
        }
    }

    /** A record store over {@code map} whose get waits at STORE_READ after reading, as a slow RocksDB get would. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<Bytes, byte[]> pausingStore(Map<Bytes, byte[]> map, Stepper stepper) {
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(RecordCacheTest.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> {
                        byte[] value = map.get((Bytes) args[0]);
                        stepper.pause("STORE_READ");
                        yield value;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "pausing store";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Every order of the writer's three steps and the reader's two (10 schedules). */
    private static List<String> schedules() {
        List<String> out = new ArrayList<>();
        for (int mask = 0; mask < 32; mask++) {
            if (Integer.bitCount(mask) == 3) {
                StringBuilder s = new StringBuilder();
                for (int i = 4; i >= 0; i--) {
                    s.append((mask >> i & 1) == 1 ? 'W' : 'R');
                }
                out.add(s.toString());
            }
        }
        return out;
    }

    /**
     * The reader and the writer interleaved in every order their steps allow, from every place the record can be:
     * the cache never ends holding a record the store no longer has, a read that begins after the write sees it, and
     * one that ends before it began sees the old record. It fails for a cache that counts a write before it changes
     * its maps (a reader promotes the old generation's copy), and for one whose offer ignores writes since the reader
     * began (a reader puts back what it read before the write): each is the schedule shown in the failure.
     */
    @Test
    void everyInterleavingOfAReadAndAWriteLeavesTheCacheAsTheStore() throws Exception {
        int ran = 0;
        Set<String> readerPoints = new java.util.TreeSet<>();
        for (Start start : Start.values()) {
            for (Write write : Write.values()) {
                for (String schedule : schedules()) {
                    Run run = run(start, write, schedule);
                    if (run == null) {
                        continue;
                    }
                    ran++;
                    String where = start + " " + write + " " + schedule;
                    readerPoints.add(start + ":" + run.readerFirstPoint());
                    if (run.cached() != null) {
                        assertThat(run.cached()).as("%s: the cache holds what the store holds", where)
                                .isEqualTo(run.stored());
                    }
                    Record after = write == Write.WRITE ? version(2) : null;
                    if (schedule.startsWith("WWW")) {
                        assertThat(run.read()).as("%s: a read after the write sees it", where).isEqualTo(after);
                    } else if (schedule.startsWith("RR")) {
                        assertThat(run.read()).as("%s: a read before the write sees the old record", where)
                                .isEqualTo(version(1));
                    } else {
                        assertThat(run.read()).as("%s: a concurrent read sees one or the other", where)
                                .isIn(version(1), after);
                    }
                }
            }
        }
        assertThat(ran).isGreaterThan(40);
        assertThat(readerPoints).as("the schedules reach the store read and the promotion from the old generation")
                .contains("UNCACHED:STORE_READ", "OLD:PROMOTING_FROM_OLD", "YOUNG:end");
    }

    /** The schedule that catches a count taken before the write changes the maps, spelt out. */
    @Test
    void aReaderThatLooksWhileAWriteIsUnderWayDoesNotPromoteTheOldCopy() throws Exception {
        for (Write write : Write.values()) {
            Run run = run(Start.OLD, write, "WWRWR");
            assertThat(run).isNotNull();
            assertThat(run.cached()).as("%s", write).isEqualTo(run.stored());
        }
    }

    /** The schedule that catches an offer that ignores writes since the reader began, spelt out. */
    @Test
    void aReaderThatReadTheStoreBeforeAWriteDoesNotPutItsCopyBack() throws Exception {
        for (Write write : Write.values()) {
            Run run = run(Start.UNCACHED, write, "RWWWR");
            assertThat(run.read()).isEqualTo(version(1));
            assertThat(run.cached()).as("%s", write).isNull();
        }
    }
}
