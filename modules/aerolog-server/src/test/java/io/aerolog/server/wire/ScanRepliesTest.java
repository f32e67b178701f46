package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.BinSelection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scan's record message, its bins copied from the stored bytes, carries each bin as the particle a read's
 * reply writes for its value ({@link Particles#encode}), with the header, namespace, digest, set, user key and
 * index value of the record.
 */
class ScanRepliesTest {
    private static final byte[] DIGEST = new byte[20];

    static {
        Arrays.fill(DIGEST, (byte) 7);
    }

    private static Map<String, Value> everyType() {
        Map<String, Value> bins = new LinkedHashMap<>();
        bins.put("i", Value.of(-42L));
        bins.put("d", Value.of(2.5));
        bins.put("s", Value.of("héllo"));
        bins.put("b", Value.of(new byte[] {1, 2, 3}));
        bins.put("t", Value.of(true));
        bins.put("l", new Value.ListValue(List.of(Value.of(1L), Value.of("x")), true));
        bins.put("m", Value.ofMap(Map.of(Value.of("k"), Value.of(3L))));
        bins.put("g", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[1,2]}"));
        bins.put("h", new Value.HllValue(new byte[] {0, 1, 2, 3}));
        bins.put("n", Value.NIL);
        return bins;
    }

    private static Request write(ScanReplies.RecordWriter writer, Record record, Long indexValue) {
        ByteBuf out = Unpooled.buffer();
        assertThat(writer.write(out, DIGEST, AvroCodec.decodeHeader(AvroCodec.encodeRecord(record)), indexValue))
                .isTrue();
        byte[] message = new byte[out.readableBytes()];
        out.readBytes(message);
        return Request.parse(message, 0, message.length);
    }

    private static Map<String, byte[]> particles(Request message) {
        Map<String, byte[]> bins = new LinkedHashMap<>();
        for (Request.Op op : message.ops()) {
            assertThat(op.type()).isEqualTo(1); // READ
            bins.put(op.bin(), Arrays.copyOfRange(op.buf(), op.valueOffset(), op.valueOffset() + op.valueLength()));
        }
        return bins;
    }

    @Test
    void everyBinIsTheParticleAReadWrites() {
        Map<String, Value> bins = everyType();
        Record record = new Record("users", Value.of("alice"), bins, 5, 0, 1_000L);
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.ALL, false);

        Request message = write(writer, record, null);

        assertThat(message.namespace()).isEqualTo("test");
        assertThat(message.set()).isEqualTo("users");
        assertThat(message.digest()).isEqualTo(DIGEST);
        assertThat(message.generation()).isEqualTo(5);
        assertThat(message.keyType()).isEqualTo(Particles.STRING);
        assertThat(message.keyBytes()).isEqualTo("alice".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, byte[]> particles = particles(message);
        assertThat(particles).containsOnlyKeys(bins.keySet());
        for (Map.Entry<String, Value> bin : bins.entrySet()) {
            assertThat(particles.get(bin.getKey())).as(bin.getKey()).isEqualTo(Particles.encode(bin.getValue()));
            assertThat(message.ops().stream().filter(op -> op.bin().equals(bin.getKey())).findFirst().orElseThrow()
                    .particleType()).as(bin.getKey()).isEqualTo(Particles.typeOf(bin.getValue()));
        }
    }

    @Test
    void aSelectionWritesItsBinsAndARecordWithNoneOfThemIsNotSent() {
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.of(List.of("s", "z")), false);
        Record record = new Record("", null, everyType(), 1, 0, 0);
        assertThat(particles(write(writer, record, null))).containsOnlyKeys("s");

        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {9, 9});
        byte[] none = AvroCodec.encodeRecord(new Record("", null, Map.of("i", Value.of(1L)), 1, 0, 0));
        assertThat(writer.write(out, DIGEST, AvroCodec.decodeHeader(none), null)).isFalse();
        assertThat(out.writerIndex()).as("nothing appended").isEqualTo(2);
    }

    @Test
    void noBinsAndAQuerysIndexValue() {
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.ALL, true);
        Request message = write(writer, new Record("s", Value.of(7L), everyType(), 2, 0, 0), 123L);
        assertThat(message.ops()).isEmpty();
        assertThat(message.info1() & Request.INFO1_NOBINDATA).isNotZero();
        assertThat(message.keyType()).isEqualTo(Particles.INTEGER);
        assertThat(message.otherFields()).as("the index value (BVAL, 15)").contains(15);
    }

    @Test
    void aUserKeyIsSentOnlyWhenOneWasStoredAsTheParticleOfItsType() {
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.ALL, false);
        Map<String, Value> bins = Map.of("i", Value.of(1L));
        Request none = write(writer, new Record("s", null, bins, 1, 0, 0), null);
        assertThat(none.keyType()).isEqualTo(-1);
        assertThat(none.keyBytes()).isNull();
        for (Value key : List.of(Value.of("k"), Value.of(-3L), Value.of(new byte[] {4, 5}))) {
            Request message = write(writer, new Record("s", key, bins, 1, 0, 0), null);
            assertThat(message.keyType()).as("%s", key).isEqualTo(Particles.typeOf(key));
            assertThat(message.keyBytes()).as("%s", key).isEqualTo(Particles.encode(key));
        }
    }

    @Test
    void theHeaderIsTheStoredRecordsAndItsBinsAreCheckedToTheEnd() {
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.ALL, false);
        long voidTime = 1_700_000_000_000L;
        Request message = write(writer, new Record("s", null, Map.of("i", Value.of(1L)), 9, voidTime, 0), null);
        assertThat(message.generation()).isEqualTo(9);
        assertThat(message.recordTtl()).isEqualTo(Replies.expiration(voidTime)).isNotZero();
        assertThat(write(writer, new Record("s", null, Map.of("i", Value.of(1L)), 9, 0, 0), null).recordTtl())
                .as("never expires").isZero();

        byte[] stored = AvroCodec.encodeRecord(new Record("s", null, Map.of("i", Value.of(1L)), 1, 0, 0));
        byte[] longer = Arrays.copyOf(stored, stored.length + 1);
        assertThatThrownBy(() -> writer.write(Unpooled.buffer(), DIGEST, AvroCodec.decodeHeader(longer), null))
                .isInstanceOf(AerologException.class).hasMessageContaining("after the record");
    }

    @Test
    void theSetOfEachRecordIsItsOwnWhenSetsAlternate() {
        ScanReplies.RecordWriter writer = new ScanReplies.RecordWriter("test", BinSelection.ALL, false);
        for (String set : List.of("a", "b", "b", "a", "")) {
            Request message = write(writer, new Record(set, null, Map.of("i", Value.of(1L)), 1, 0, 0), null);
            assertThat(message.set() == null ? "" : message.set()).isEqualTo(set);
        }
    }
}
