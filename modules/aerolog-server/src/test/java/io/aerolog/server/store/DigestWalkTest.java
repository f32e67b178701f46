package io.aerolog.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The bounded walk over a records store: every record once, in digest order, across slices; the next slice starts
 * exactly after the last digest visited (so a record stored between two slices, past the last one visited, is
 * still reached); an empty store is done at once; a slice that ends on the last record is done.
 */
class DigestWalkTest {
    private static KeyValueStore<Bytes, byte[]> store(String name) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static byte[] digest(int lastByte) {
        byte[] d = DigestWalk.first();
        d[19] = (byte) lastByte;
        return d;
    }

    private static void put(KeyValueStore<Bytes, byte[]> store, byte[] digest) {
        store.put(Bytes.wrap(digest), new byte[] {1});
    }

    private static List<Integer> lastBytes(DigestWalk.Slice slice) {
        List<Integer> out = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> kv : slice.records()) {
            out.add(kv.key.get()[19] & 0xff);
        }
        return out;
    }

    @Test
    void slicesVisitEveryRecordOnceAndResumeRightAfterTheLastDigestVisited() {
        KeyValueStore<Bytes, byte[]> store = store("walk");
        for (int i : new int[] {2, 4, 6, 8, 10}) {
            put(store, digest(i));
        }
        DigestWalk.Slice first = DigestWalk.from(store, DigestWalk.first(), 2);
        assertThat(lastBytes(first)).containsExactly(2, 4);
        assertThat(first.last()).isEqualTo(digest(4));
        assertThat(first.next()).as("the digest right after the last visited").isEqualTo(digest(5));
        assertThat(first.done()).isFalse();

        put(store, digest(5));
        put(store, digest(3));
        DigestWalk.Slice second = DigestWalk.from(store, first.next(), 2);
        assertThat(lastBytes(second)).as("5 was stored after the last visited; 3 before it").containsExactly(5, 6);
        DigestWalk.Slice third = DigestWalk.from(store, second.next(), 2);
        assertThat(lastBytes(third)).containsExactly(8, 10);
        assertThat(third.done()).isTrue();
        assertThat(third.next()).isNull();
    }

    @Test
    void anEmptyStoreIsDoneAtOnce() {
        DigestWalk.Slice slice = DigestWalk.from(store("empty"), DigestWalk.first(), 10);
        assertThat(slice.records()).isEmpty();
        assertThat(slice.done()).isTrue();
        assertThat(slice.last()).isNull();
    }

    @Test
    void aSliceEndingOnTheLastRecordIsDone() {
        KeyValueStore<Bytes, byte[]> store = store("boundary");
        put(store, digest(1));
        put(store, digest(2));
        DigestWalk.Slice exact = DigestWalk.from(store, DigestWalk.first(), 2);
        assertThat(lastBytes(exact)).containsExactly(1, 2);
        assertThat(exact.done()).as("nothing is left past the slice's last record").isTrue();

        put(store, DigestWalk.last());
        DigestWalk.Slice toTheEnd = DigestWalk.from(store, DigestWalk.after(digest(2)), 1);
        assertThat(toTheEnd.last()).isEqualTo(DigestWalk.last());
        assertThat(toTheEnd.done()).isTrue();
    }

    @Test
    void theDigestAfterCarriesAndEndsAtTheLast() {
        byte[] carry = DigestWalk.first();
        carry[19] = (byte) 0xff;
        byte[] expected = DigestWalk.first();
        expected[18] = 1;
        assertThat(DigestWalk.after(carry)).isEqualTo(expected);
        assertThat(DigestWalk.after(DigestWalk.last())).isNull();
        byte[] last = new byte[20];
        Arrays.fill(last, (byte) -1);
        assertThat(DigestWalk.last()).isEqualTo(last);
        assertThat(DigestWalk.first()).isEqualTo(new byte[20]);
    }

    @Test
    void aSliceOfNoRecordsIsRefused() {
        assertThatThrownBy(() -> DigestWalk.from(store("zero"), DigestWalk.first(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
